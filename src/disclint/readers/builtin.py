"""Registers the built-in readers through the same hooks third-party readers use."""

from __future__ import annotations

import os

from ..hookspecs import hookimpl
from .text import read_text

_TEXT = (".txt", ".md", ".markdown", ".text")
_HTML = (".html", ".htm", ".xhtml", ".shtml")


@hookimpl
def disclint_file_extensions():
    return [*_TEXT, *_HTML, ".docx", ".pdf"]


@hookimpl(trylast=True)
def disclint_read(path, data):
    ext = os.path.splitext(path)[1].lower()
    if ext in _HTML:
        from .html import read_html

        return read_html(path, data)
    if ext == ".docx":
        from .docx import read_docx

        return read_docx(path, data)
    if ext == ".pdf":
        from .pdf import read_pdf

        return read_pdf(path, data)
    # Anything else is tried as text; decode() says clearly when it is not.
    return read_text(path, data, reader="markdown" if ext in (".md", ".markdown") else "text")
