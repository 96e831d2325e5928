"""Read a PDF into raw tables: ruled cells with their paragraphs and fill colours.

pdfplumber finds the ruled tables; the text of each cell is rebuilt from its
characters so that paragraphs survive (a PDF has no paragraphs, only lines: a
gap clearly wider than the cell's line pitch, or a bullet glyph, starts one).
A cell's fill is the filled rectangle painted under it. Sideways pages are turned
upright first; a table ruled only across gets its columns from the text's
alignment, and a page with text but no ruled table may yield a borderless one.
Pages are read one at a time and released, optionally in several processes.
A page's characters and paths come from PDFium (the default) or pdfminer through
pdfplumber (the reference), behind one interface (source.py); the rest is the same.
"""

from actionplan.extract.pdf.document import read_pdf

__all__ = ["read_pdf"]
