"""Read a Word .docx into raw tables with one pass over its XML.

The package is opened with zipfile and its parts found through their
relationships (the main part is not always `word/document.xml`), then walked
with lxml. Walking the XML ourselves, rather than through python-docx's object
model, is what lets us honour what naive readers lose: tracked changes (read as
accepted), content controls around runs, cells and rows, hyperlinks and fields,
vertical merges, and Strict OOXML's other namespace. It is also ~10x faster.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from actionplan.errors import CorruptDocument, UnsafeDocument, UnsupportedFormat
from actionplan.extract.base import RawCell, RawDocument, RawRow, RawTable
from actionplan.extract.docx_meta import page_one_lines
from actionplan.extract.xlsx_crypt import holds_workbook, is_encrypted_package, read_package
from actionplan.extract.zipparts import ZipParts

TRANSITIONAL_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

# Word tables have at most 63 columns: a cell claiming to span more is not Word's.
MAX_SPAN = 64
# How deep tables, text boxes and content controls may nest inside one another.
MAX_DEPTH = 50

BULLET = "• "

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, remove_comments=True
)


class _Tags:
    """Qualified tag names for one WordprocessingML namespace (transitional or strict)."""

    def __init__(self, ns: str) -> None:
        def q(name: str) -> str:
            return f"{{{ns}}}{name}"

        self.ns = ns
        self.body = q("body")
        self.p = q("p")
        self.r = q("r")
        self.t = q("t")
        self.tab = q("tab")
        self.br = q("br")
        self.cr = q("cr")
        self.nbh = q("noBreakHyphen")
        self.rendered_break = q("lastRenderedPageBreak")
        self.txbx = q("txbxContent")
        self.drawing = q("drawing")
        self.pict = q("pict")
        self.alternate = f"{{{MC_NS}}}AlternateContent"
        self.type = q("type")
        self.sym = q("sym")
        self.tbl = q("tbl")
        self.tr = q("tr")
        self.tc = q("tc")
        self.sdt = q("sdt")
        self.sdt_content = q("sdtContent")
        self.sdt_pr = q("sdtPr")
        self.showing_placeholder = q("showingPlcHdr")
        self.custom_xml = q("customXml")
        self.smart_tag = q("smartTag")
        self.hyperlink = q("hyperlink")
        self.fld_simple = q("fldSimple")
        self.ins = q("ins")
        self.dele = q("del")
        self.move_to = q("moveTo")
        self.move_from = q("moveFrom")
        self.bdo = q("bdo")
        self.dir = q("dir")
        self.ppr = q("pPr")
        self.pstyle = q("pStyle")
        self.numpr = q("numPr")
        self.numid = q("numId")
        self.ilvl = q("ilvl")
        self.shd = q("shd")
        self.tcpr = q("tcPr")
        self.trpr = q("trPr")
        self.grid_span = q("gridSpan")
        self.tbl_grid = q("tblGrid")
        self.grid_col = q("gridCol")
        self.vmerge = q("vMerge")
        self.tbl_header = q("tblHeader")
        self.val = q("val")
        self.fill = q("fill")
        self.color = q("color")
        self.style = q("style")
        self.style_id = q("styleId")
        self.based_on = q("basedOn")
        self.num = q("num")
        self.abstract_num = q("abstractNum")
        self.abstract_num_id = q("abstractNumId")
        self.lvl = q("lvl")
        self.num_fmt = q("numFmt")
        self.run_containers = frozenset(
            {
                self.hyperlink,
                self.fld_simple,
                self.ins,
                self.move_to,
                self.smart_tag,
                self.custom_xml,
                self.bdo,
                self.dir,
            }
        )
        self.tracked = frozenset({self.ins, self.dele, self.move_to, self.move_from})


@dataclass
class _Numbering:
    """Which paragraphs are list items, and whether each list level is a bullet."""

    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)
    formats: dict[tuple[str, int], str] = field(default_factory=dict)
    counters: dict[tuple[str, int], int] = field(default_factory=dict)


class _Package:
    """The parts of an OPC package we need, found through relationships."""

    def __init__(self, path: Path, data: bytes | None = None) -> None:
        self.path = path
        self.parts = ZipParts(path, data)
        self.zf = self.parts.zf
        self.names = self.parts.names
        self._xml: dict[str, etree._Element] = {}

    def read(self, name: str) -> bytes:
        return self.parts.read(name)

    def xml(self, name: str) -> etree._Element:
        """Return a part parsed (each part parsed once, however often it is referenced)."""
        if name in self._xml:
            return self._xml[name]
        data = self.read(name)
        try:
            root = self._xml[name] = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            if exc.code == etree.ErrorTypes.ERR_NO_MEMORY:  # libxml2 out of memory: no damage
                raise MemoryError(f"parsing {name}") from exc
            raise CorruptDocument(
                self.path, f"not a valid .docx (part {name} is not well-formed XML: {exc})"
            ) from exc
        return root

    def rels(self, part: str) -> list[tuple[str, str]]:
        """Return (type, target part name) of the relationships of `part` ("" for the package)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        if rels_name not in self.names:
            return []
        root = self.xml(rels_name)
        out = []
        for rel in root:
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Type") or "", name))
        return out


def read_docx(
    path: Path, *, data: bytes | None = None, password: str | None = None, **_: object
) -> RawDocument:
    """Read a .docx file (or its bytes, `data`, already read) into a RawDocument (one
    saved with a password to open is decrypted with `password` first)."""
    # Bytes given are tested here; a file, by read_package (None back when not locked).
    maybe_locked = data is None or is_encrypted_package(data)
    data = read_package(path, data, password, kind="Word document")
    if maybe_locked and data is not None and holds_workbook(data):
        raise UnsupportedFormat(
            path,
            "is a password-protected Excel workbook, not a Word document; name it .xlsx to read it",
        )
    pkg = _Package(path, data)
    with pkg.zf:
        try:
            return _read(pkg, path)
        except _TooDeep as exc:
            raise UnsafeDocument(path, f"refused: {exc}") from exc


def _read(pkg: _Package, path: Path) -> RawDocument:
    main = _main_part(pkg)
    root = pkg.xml(main)
    tags = _tags_for(root, path)
    body = root.find(tags.body)
    if body is None:
        raise CorruptDocument(path, "not a valid .docx (the document has no body)")
    rels = pkg.rels(main)
    numbering = _read_numbering(pkg, rels, tags)
    doc = RawDocument(path=path, format="docx")
    walker = _Walker(tags, numbering)
    walker.block(body, doc.tables, doc.body_lines)
    _set_pages(doc, walker.breaks)
    styles = next((n for t, n in rels if t.endswith("/styles") and n in pkg.names), None)
    doc.title_candidates = page_one_lines(body, pkg.xml(styles) if styles else None, tags.ns)
    # Each header once, however many sections (or hostile relationships) point at it.
    for name in dict.fromkeys(n for t, n in rels if t.endswith("/header")):
        if name in pkg.names:
            header_tables: list[RawTable] = []
            walker.block(pkg.xml(name), header_tables, doc.header_lines)
            for table in header_tables:
                doc.header_lines.extend(c.text for r in table.rows for c in r.cells if c.text)
    for i, table in enumerate(doc.tables):
        table.index = i
    if walker.tracked:
        doc.tracked_changes = True
        doc.warnings.append(
            "the document has unaccepted tracked changes; read as if all were accepted"
        )
    if b"<!DOCTYPE" in pkg.read(main)[:4096]:
        doc.warnings.append("the document XML declares a DTD; its entities were not resolved")
    return doc


def _set_pages(doc: RawDocument, breaks: int) -> None:
    """Keep the page numbers only when Word recorded where its pages broke."""
    if breaks:
        doc.pages = breaks + 1
        return
    for table in doc.tables:
        for row in table.rows:
            row.page = row.last_page = None


def _main_part(pkg: _Package) -> str:
    for rel_type, name in pkg.rels(""):
        if rel_type.endswith("/officeDocument") and name in pkg.names:
            return name
    if "word/document.xml" in pkg.names:
        return "word/document.xml"
    raise CorruptDocument(pkg.path, "not a valid .docx (no main document part)")


def _tags_for(root: etree._Element, path: Path) -> _Tags:
    ns = etree.QName(root).namespace
    if ns in (TRANSITIONAL_W, STRICT_W):
        return _Tags(ns)
    raise UnsupportedFormat(path, f"the main part is not a Word document (namespace {ns})")


def _read_numbering(pkg: _Package, rels: list[tuple[str, str]], tags: _Tags) -> _Numbering:
    numbering = _Numbering()
    for rel_type, name in rels:
        if name not in pkg.names:
            continue
        if rel_type.endswith("/numbering"):
            root = pkg.xml(name)
            abstract: dict[str, dict[int, str]] = {}
            for an in root.iter(tags.abstract_num):
                levels = {}
                for lvl in an.iter(tags.lvl):
                    fmt = lvl.find(tags.num_fmt)
                    levels[_level(lvl.get(tags.ilvl))] = (
                        fmt.get(tags.val, "decimal") if fmt is not None else "decimal"
                    )
                abstract[an.get(tags.abstract_num_id, "")] = levels
            for num in root.iter(tags.num):
                ref = num.find(tags.abstract_num_id)
                levels = abstract.get(ref.get(tags.val, "") if ref is not None else "", {})
                for level, fmt in levels.items():
                    numbering.formats[(num.get(tags.numid) or "", level)] = fmt
        elif rel_type.endswith("/styles"):
            root = pkg.xml(name)
            for style in root.iter(tags.style):
                ppr = style.find(tags.ppr)
                numpr = ppr.find(tags.numpr) if ppr is not None else None
                if numpr is None:
                    continue
                num_id = numpr.find(tags.numid)
                ilvl = numpr.find(tags.ilvl)
                numbering.style_num[style.get(tags.style_id, "")] = (
                    num_id.get(tags.val, "") if num_id is not None else "",
                    _level(ilvl.get(tags.val)) if ilvl is not None else 0,
                )
    return numbering


class _Walker:
    """Walk block-level content once, collecting tables and paragraph lines."""

    def __init__(self, tags: _Tags, numbering: _Numbering) -> None:
        self.t = tags
        self.numbering = numbering
        self.tracked = False
        self.para_fill: str | None = None
        # Word saves <w:lastRenderedPageBreak/> where each page began when it last laid
        # the document out: counting them gives every row its page.
        self.breaks = 0
        self.row_page = 1
        self.row_text_seen = False
        # How many lines of each list stood before its last table (for the text between
        # two tables); a cell's nested tables keep a count of their own.
        self.lines_seen: dict[int, int] = {}
        # How deep each kind of container nests where the walk now stands.
        self.depth: dict[str, int] = {}

    @contextmanager
    def _inside(self, kind: str) -> Iterator[None]:
        """Go one level deeper into `kind`; refuse nesting deeper than MAX_DEPTH."""
        depth = self.depth.get(kind, 0) + 1
        if depth > MAX_DEPTH:
            raise _TooDeep(f"{kind} nested more than {MAX_DEPTH} deep")
        self.depth[kind] = depth
        try:
            yield
        finally:
            self.depth[kind] = depth - 1

    def block(
        self,
        parent: etree._Element,
        tables: list[RawTable],
        lines: list[str],
        *,
        in_cell: bool = False,
    ) -> None:
        t = self.t
        for child in parent:
            tag = child.tag
            if tag == t.p:
                text = self.paragraph(child)
                if text:
                    lines.append(text)
            elif tag == t.tbl:
                with self._inside("tables"):
                    table = self.table(child)
                if in_cell:
                    # A small table nested in a cell: its text stays where it stands, after
                    # the paragraph it follows, one line per nested row.
                    lines.extend(_row_lines(table))
                    continue
                table.before = lines[self.lines_seen.get(id(lines), 0) :]
                self.lines_seen[id(lines)] = len(lines)
                tables.append(table)
            elif tag == t.sdt and _is_placeholder(child, t):
                pass  # "Click or tap here to enter text.": a template's prompt, not the author's
            elif tag in (t.sdt, t.custom_xml, t.ins, t.move_to):
                if tag in t.tracked:
                    self.tracked = True
                with self._inside("content controls"):
                    self.block(_content(child, t), tables, lines, in_cell=in_cell)
            elif tag in (t.dele, t.move_from):
                self.tracked = True

    def table(self, tbl: etree._Element) -> RawTable:
        t = self.t
        rows: list[RawRow] = []
        grid = tbl.find(t.tbl_grid)
        grid_cols = len(grid.findall(t.grid_col)) if grid is not None else 0
        for tr in self._children(tbl, t.tr):
            trpr = tr.find(t.trpr)
            is_header = False
            if trpr is not None:
                if trpr.find(t.dele) is not None:
                    # A row deleted under tracked changes is gone once changes are accepted.
                    self.tracked = True
                    continue
                if trpr.find(t.ins) is not None:
                    self.tracked = True
                hdr = trpr.find(t.tbl_header)
                is_header = hdr is not None and hdr.get(t.val, "true") not in ("0", "false")
            self.row_page, self.row_text_seen = self.breaks + 1, False
            cells = [self.cell(tc) for tc in self._children(tr, t.tc)]
            rows.append(
                RawRow(
                    cells=cells,
                    index=len(rows),
                    is_header=is_header,
                    page=self.row_page,
                    last_page=self.breaks + 1,
                )
            )
        _clamp_spans(rows, grid_cols)
        return RawTable(rows=rows)

    def _children(self, parent: etree._Element, want: str) -> Iterator[etree._Element]:
        """Yield `want` children, looking through content controls and custom XML."""
        t = self.t
        for child in parent:
            if child.tag == want:
                yield child
            elif child.tag in (t.sdt, t.custom_xml):
                with self._inside("content controls"):
                    yield from self._children(_content(child, t), want)

    def cell(self, tc: etree._Element) -> RawCell:
        t = self.t
        span = 1
        merged_above = False
        fill = None
        # Schema order puts w:tcPr first: looking there beats a find() per cell.
        tcpr = tc[0] if len(tc) and tc[0].tag == t.tcpr else None
        if tcpr is not None:
            gs = tcpr.find(t.grid_span)
            if gs is not None:
                span = max(1, _int(gs.get(t.val), 1))
            vm = tcpr.find(t.vmerge)
            # Word marks the cells a vertical merge covers with <w:vMerge/> (no val).
            merged_above = vm is not None and vm.get(t.val, "continue") == "continue"
            fill = _fill(tcpr.find(t.shd), t)
        lines: list[str] = []
        self.para_fill = None
        self.block(tc, [], lines, in_cell=True)
        if fill is None:
            fill = self.para_fill
        return RawCell(text="\n".join(lines), fill=fill, span=span, merged_above=merged_above)

    def paragraph(self, p: etree._Element) -> str:
        parts: list[str] = []
        self._runs(p, parts)
        text = "".join(parts)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        ppr = p[0] if len(p) and p[0].tag == self.t.ppr else None
        if ppr is not None and len(ppr):
            marker = self._paragraph_props(ppr)
            if marker and text:
                text = marker + text
        return text

    def _runs(self, parent: etree._Element, parts: list[str]) -> None:
        t = self.t
        for child in parent:
            tag = child.tag
            if tag == t.r:
                for el in child:
                    etag = el.tag
                    if etag == t.t:
                        parts.append(el.text or "")
                        self.row_text_seen = True
                    elif etag == t.tab:
                        parts.append(" ")
                    elif etag in (t.br, t.cr):
                        parts.append("\n")
                        if el.get(t.type) == "page":
                            self._page_break()
                    elif etag == t.rendered_break:
                        self._page_break()
                    elif etag in (t.drawing, t.pict, t.alternate):
                        self._text_box(el, parts)
                    elif etag == t.nbh:
                        parts.append("-")
            elif tag in t.run_containers:
                if tag in t.tracked:
                    self.tracked = True
                with self._inside("links, fields and revisions"):
                    self._runs(child, parts)
            elif tag == t.sdt:
                if not _is_placeholder(child, t):
                    with self._inside("content controls"):
                        self._runs(_content(child, t), parts)
            elif tag in (t.dele, t.move_from):
                self.tracked = True

    def _text_box(self, el: etree._Element, parts: list[str]) -> None:
        """Add the text of a text box drawn in a run (a note pinned in a cell)."""
        if el.tag == self.t.alternate:
            # Word writes a text box twice, as DrawingML (Choice) and as VML (Fallback).
            el = next((c for c in el if c.find(f".//{self.t.txbx}") is not None), el)
        box = next(el.iter(self.t.txbx), None)
        if box is None:
            return
        lines: list[str] = []
        with self._inside("text boxes"):
            self.block(box, [], lines)
        if lines:
            parts.append("\n" + "\n".join(lines) + "\n")

    def _page_break(self) -> None:
        self.breaks += 1
        if not self.row_text_seen:
            # A row whose text starts on the new page belongs to that page.
            self.row_page = self.breaks + 1

    def _paragraph_props(self, ppr: etree._Element) -> str:
        """Return the list marker of a paragraph ("• ", "2. ") and note its shading."""
        t = self.t
        key: tuple[str, int] | None = None
        style_key: tuple[str, int] | None = None
        for child in ppr:
            tag = child.tag
            if tag == t.numpr:
                num_id = child.find(t.numid)
                ilvl = child.find(t.ilvl)
                nid = num_id.get(t.val, "0") if num_id is not None else "0"
                key = (nid, _level(ilvl.get(t.val)) if ilvl is not None else 0)
            elif tag == t.pstyle:
                style_key = self.numbering.style_num.get(child.get(t.val, ""))
            elif tag == t.shd and self.para_fill is None:
                # A RAG colour is sometimes paragraph shading rather than cell shading.
                self.para_fill = _fill(child, t)
        key = key or style_key
        if key is None or key[0] in ("", "0"):
            return ""
        fmt = self.numbering.formats.get(key, "bullet")
        if fmt in ("bullet", "none"):
            return BULLET if fmt == "bullet" else ""
        count = self.numbering.counters.get(key, 0) + 1
        self.numbering.counters[key] = count
        return f"{count}. "


def _row_lines(table: RawTable) -> list[str]:
    """Return the text of a nested table, one line per row, its cells joined by " | "."""
    lines = []
    for row in table.rows:
        text = " | ".join(c.text.replace("\n", " ") for c in row.cells if c.text)
        if text:
            lines.append(text)
    return lines


def _is_placeholder(sdt: etree._Element, t: _Tags) -> bool:
    """Say whether a content control shows its placeholder, not text the author wrote."""
    pr = sdt.find(t.sdt_pr)
    flag = pr.find(t.showing_placeholder) if pr is not None else None
    return flag is not None and flag.get(t.val, "true") not in ("0", "false", "off")


def _content(el: etree._Element, t: _Tags) -> etree._Element:
    if el.tag == t.sdt:
        content = el.find(t.sdt_content)
        return content if content is not None else etree.Element("empty")
    return el


def _fill(shd: etree._Element | None, t: _Tags) -> str | None:
    if shd is None:
        return None
    fill = (shd.get(t.fill) or "").upper()
    if shd.get(t.val) == "solid":
        # A solid pattern paints the pattern colour over the fill.
        fill = (shd.get(t.color) or fill).upper()
    if len(fill) != 6 or fill in ("AUTO", "FFFFFF"):
        return None
    try:
        int(fill, 16)
    except ValueError:
        return None
    return fill


class _TooDeep(Exception):
    """Nesting past MAX_DEPTH or a span past MAX_SPAN: read_docx makes it UnsafeDocument."""


def _clamp_spans(rows: list[RawRow], grid_cols: int) -> None:
    """Cut spans to the table's real width (its grid's columns, or its widest row's cells);
    refuse a span wider than any table Word can make and than the table itself."""
    width = max([grid_cols] + [len(r.cells) for r in rows])
    for r in rows:
        for c in r.cells:
            if c.span > max(width, MAX_SPAN):
                raise _TooDeep(f"a table cell claims to span {c.span:,} columns")
            c.span = min(c.span, width)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(value: str | None) -> int:
    """Return a list level (w:ilvl); a value that is no number is level 0."""
    return _int(value, 0)
