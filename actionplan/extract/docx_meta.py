"""The paragraphs of a Word document's first page above its first table, with their sizes.

Each paragraph's size is its largest run's font size over the document's ordinary text
size (the default paragraph style's), resolved as Word does: the run's own size, its
character style, its paragraph style and the styles those are based on, the document
defaults, and Word's built-in 10 pt. A paragraph in the Title style or at outline
level 0 (Heading 1) counts as large even when its style sets no size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

# Word's size when neither the runs, the styles nor the document defaults set one.
BUILTIN_HALF_POINTS = 20
# What a Title or Heading 1 paragraph counts as, at least, against ordinary text.
HEADING_PROMINENCE = 1.5
# Only the first few paragraphs can be the title block.
MAX_PARAGRAPHS = 12


@dataclass
class _Styles:
    """Each style's size (half-points), base style and whether it is a title or heading."""

    size: dict[str, int] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    heading: set[str] = field(default_factory=set)
    default_paragraph: str | None = None
    default_size: int = BUILTIN_HALF_POINTS


class _Names:
    """Qualified tag names of the elements read here, for one namespace."""

    def __init__(self, ns: str) -> None:
        def q(name: str) -> str:
            return f"{{{ns}}}{name}"

        self.p, self.r, self.t, self.tab, self.tbl = q("p"), q("r"), q("t"), q("tab"), q("tbl")
        self.br, self.rendered_break, self.type = q("br"), q("lastRenderedPageBreak"), q("type")
        self.sdt, self.sdt_content, self.move_from = q("sdt"), q("sdtContent"), q("moveFrom")
        self.ppr, self.rpr, self.pstyle, self.rstyle = q("pPr"), q("rPr"), q("pStyle"), q("rStyle")
        self.sz, self.val, self.style, self.style_id = q("sz"), q("val"), q("style"), q("styleId")
        self.based_on, self.name, self.default = q("basedOn"), q("name"), q("default")
        self.outline, self.doc_defaults = q("outlineLvl"), q("docDefaults")


def page_one_lines(
    body: etree._Element, styles: etree._Element | None, ns: str
) -> list[tuple[str, float]]:
    """Return (text, size relative to ordinary text) of the paragraphs above the first table."""
    n = _Names(ns)
    st = _read_styles(styles, n)
    ordinary = _style_size(st, st.default_paragraph) or st.default_size
    paragraphs: list[etree._Element] = []
    _paragraphs(body, n, paragraphs)
    out: list[tuple[str, float]] = []
    for p in paragraphs:
        text, size = _paragraph(p, st, n)
        if text:
            ppr = p.find(n.ppr)
            sid = _val(ppr.find(n.pstyle), n) if ppr is not None else None
            prominence = size / ordinary
            if _is_heading(st, sid or st.default_paragraph) or _outline_zero(ppr, n):
                prominence = max(prominence, HEADING_PROMINENCE)
            out.append((text, round(prominence, 3)))
        if len(out) >= MAX_PARAGRAPHS or _breaks_page(p, n):
            break
    return out


def _paragraphs(parent: etree._Element, n: _Names, out: list[etree._Element]) -> bool:
    """Collect the paragraphs up to the first table, looking into content controls;
    return True once the table is met."""
    for child in parent:
        if child.tag == n.tbl:
            return True
        if child.tag == n.p:
            out.append(child)
        elif child.tag == n.sdt:
            content = child.find(n.sdt_content)
            if content is not None and _paragraphs(content, n, out):
                return True
    return False


def _paragraph(p: etree._Element, st: _Styles, n: _Names) -> tuple[str, int]:
    ppr = p.find(n.ppr)
    para_style = _val(ppr.find(n.pstyle), n) if ppr is not None else None
    base = _style_size(st, para_style or st.default_paragraph) or st.default_size
    parts: list[str] = []
    size = 0
    for r in p.iter(n.r):
        if any(a.tag == n.move_from for a in r.iterancestors()):
            continue
        text = "".join(
            (el.text or "") if el.tag == n.t else " " for el in r if el.tag in (n.t, n.tab)
        )
        if not text:
            continue
        parts.append(text)
        if text.strip():
            size = max(size, _run_size(r, st, n) or base)
    return " ".join("".join(parts).split()), size


def _run_size(r: etree._Element, st: _Styles, n: _Names) -> int | None:
    rpr = r.find(n.rpr)
    if rpr is None:
        return None
    own = _half_points(rpr.find(n.sz), n)
    return own or _style_size(st, _val(rpr.find(n.rstyle), n))


def _breaks_page(p: etree._Element, n: _Names) -> bool:
    return any(
        el.tag == n.rendered_break or (el.tag == n.br and el.get(n.type) == "page")
        for el in p.iter(n.br, n.rendered_break)
    )


def _outline_zero(ppr: etree._Element | None, n: _Names) -> bool:
    level = ppr.find(n.outline) if ppr is not None else None
    return level is not None and level.get(n.val) == "0"


def _read_styles(root: etree._Element | None, n: _Names) -> _Styles:
    st = _Styles()
    if root is None:
        return st
    defaults = root.find(n.doc_defaults)
    if defaults is not None:
        st.default_size = next(
            (v for el in defaults.iter(n.sz) if (v := _half_points(el, n))), st.default_size
        )
    for style in root.iter(n.style):
        sid = style.get(n.style_id) or ""
        rpr = style.find(n.rpr)
        size = _half_points(rpr.find(n.sz), n) if rpr is not None else None
        if size:
            st.size[sid] = size
        based = _val(style.find(n.based_on), n)
        if based:
            st.based_on[sid] = based
        name = (_val(style.find(n.name), n) or "").lower()
        ppr = style.find(n.ppr)
        if name in ("title", "heading 1") or _outline_zero(ppr, n):
            st.heading.add(sid)
        if style.get(n.default) in ("1", "true") and style.get(n.type) == "paragraph":
            st.default_paragraph = sid
    return st


def _chain(st: _Styles, sid: str | None) -> list[str]:
    """Return a style and the styles it is based on, nearest first (cycles cut)."""
    out: list[str] = []
    while sid and sid not in out:
        out.append(sid)
        sid = st.based_on.get(sid)
    return out


def _style_size(st: _Styles, sid: str | None) -> int | None:
    return next((st.size[s] for s in _chain(st, sid) if s in st.size), None)


def _is_heading(st: _Styles, sid: str | None) -> bool:
    return any(s in st.heading for s in _chain(st, sid))


def _val(el: etree._Element | None, n: _Names) -> str | None:
    return el.get(n.val) if el is not None else None


def _half_points(el: etree._Element | None, n: _Names) -> int | None:
    raw = _val(el, n)
    try:
        value = int(float(raw)) if raw else 0
    except ValueError:
        return None
    return value if value > 0 else None
