"""Build minimal .docx packages from WordprocessingML body XML, for reader fixtures."""

from __future__ import annotations

import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
{rels}
</Relationships>"""

HEADER_REL = (
    '<Relationship Id="rIdH1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" '
    'Target="header1.xml"/>'
)


def para(text: str) -> str:
    """Return a w:p holding one run of text."""
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def cell(*paras: str, fill: str | None = None, span: int = 1, vmerge: str | None = None) -> str:
    """Return a w:tc with the given paragraphs' XML (plain strings become paragraphs)."""
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge is not None:
        props += "<w:vMerge/>" if vmerge == "continue" else '<w:vMerge w:val="restart"/>'
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    body = "".join(p if p.startswith("<") else para(p) for p in paras) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def row(*cells: str, header: bool = False) -> str:
    """Return a w:tr of cells (plain strings become one-paragraph cells)."""
    pr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return "<w:tr>" + pr + "".join(c if c.startswith("<") else cell(c) for c in cells) + "</w:tr>"


def table(*rows: str) -> str:
    """Return a w:tbl of rows."""
    return "<w:tbl><w:tblPr/>" + "".join(rows) + "</w:tbl>"


HEADINGS = ("", "Action", "Person Responsible", "By When", "Update", "RAG")


def action_table(*rows: str) -> str:
    """Return a review-style table: the usual header row, then `rows`."""
    return table(row(*HEADINGS, header=True), *rows)


def write_docx(
    path: Path, body_xml: str, *, header_xml: str | None = None, prolog: str = ""
) -> Path:
    """Write a .docx whose body is `body_xml` (and page header `header_xml`)."""
    doc = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W}"><w:body>{body_xml}<w:sectPr/></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", PACKAGE_RELS)
        zf.writestr("word/document.xml", doc)
        rels = ""
        if header_xml is not None:
            rels = HEADER_REL
            zf.writestr("word/header1.xml", f'<w:hdr xmlns:w="{W}">{header_xml}</w:hdr>')
        zf.writestr("word/_rels/document.xml.rels", DOC_RELS.format(rels=rels))
    return path
