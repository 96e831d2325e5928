"""Read a PDF into raw tables: ruled cells with their paragraphs and fill colours."""
