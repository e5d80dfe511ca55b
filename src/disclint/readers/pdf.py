"""The PDF reader: pypdf's layout-mode text, page by page, through the text-table pipeline.

pypdf's layout mode keeps columns as runs of spaces, much like ``pdftotext -layout``,
so the same detectors rebuild the tables; where each piece of a line stands on the page
(pdfgeometry.py) lets them place a row's values by x (texttables/geocolumns.py). A PDF has no lines of its own: a finding's
line is the line in the extracted text, and its logical place names the page and the
line on that page (``page[4]/line[12]``), which is what a reviewer looks up. A paragraph
the page width broke into lines is read whole again (unwrap.py); each span of it still
names the page line where it starts.

Each page's content stream is parsed once (the costliest step of reading a PDF): the
layout text and the pieces' places (pdfgeometry.fragments) are both read from it.
"""

from __future__ import annotations

import io
import logging
from dataclasses import replace

from ..model import Document, ReaderProblem, Span, Table, TextMap
from .bounds import MAX_PAGES, bound_lines
from .garbled import garbled
from .pdfgeometry import fragments, line_positions, parsed_contents, separate_cells
from .text import blocks_from_lines
from .texttables import geocolumns
from .unwrap import unwrap

# pypdf logs recoverable damage (even as errors); the reader reports what matters itself.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def read_pdf(path: str, data: bytes) -> Document:
    doc = Document(path=path, reader="pdf")
    if not data.strip():
        doc.problems.append(ReaderProblem("empty", Span.at(1, 1), "文件为空"))
        return doc
    if not data.lstrip().startswith(b"%PDF"):
        doc.problems.append(ReaderProblem("unreadable", Span.at(1, 1), "文件扩展名为 .pdf，但内容不是 PDF"))
        return doc
    no_eof = b"%%EOF" not in data[-2048:]  # a file cut short loses its end marker
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # PasswordType.NOT_DECRYPTED (0) when a password is needed
            except Exception:
                opened = 0
            if not opened:
                doc.problems.append(ReaderProblem("unreadable", Span.at(1, 1), "PDF 已加密（需要密码才能打开），无法提取文字"))
                return doc
        count = len(reader.pages)
        pages = [reader.pages[i] for i in range(min(count, MAX_PAGES))]
    except Exception as exc:
        cut = "（文件缺少结束标记，可能被截断）" if no_eof else ""
        doc.problems.append(ReaderProblem("unreadable", Span.at(1, 1), f"PDF 无法解析{cut}（{type(exc).__name__}: {exc}）"))
        return doc
    if count > MAX_PAGES:
        doc.problems.append(ReaderProblem("limit", Span.at(1, 1, f"page[{MAX_PAGES + 1}]"), f"PDF 共 {count} 页，超过 {MAX_PAGES} 页，第 {MAX_PAGES + 1} 页起未读取"))
    if no_eof:
        doc.problems.append(ReaderProblem("truncated", Span.at(1, 1), "PDF 缺少文件结束标记（%%EOF），文件可能不完整"))
    lines: list[str] = []
    where: list[tuple[int, int]] = []  # for each extracted line: (page, line on page)
    empty_pages = []
    garbled_pages = []  # text that is the fonts' codes, not Chinese: not read
    positions: geocolumns.Positions = {}  # where each line's pieces stand on the page
    for number, page in enumerate(pages, start=1):
        contents = None
        try:
            contents = parsed_contents(page)
            text = _layout_text(page, contents) or ""
        except Exception as exc:
            doc.problems.append(ReaderProblem("unreadable", Span.at(len(lines) + 1, 1, f"page[{number}]"), f"第{number}页无法提取文字（{type(exc).__name__}）"))
            continue
        if garbled(text):
            garbled_pages.append(number)
            text = ""
        page_lines = text.split("\n")
        if not text.strip() and number not in garbled_pages:
            empty_pages.append(number)
        page_positions = _page_positions(page, page_lines, contents)
        for i, line in enumerate(page_lines, start=1):
            at = page_positions[i - 1] if i - 1 < len(page_positions) else {}
            if at:  # two cells the layout text set one space apart are set apart again
                line, at = separate_cells(line, at)
                positions[len(lines)] = at
            lines.append(line.rstrip())
            where.append((number, i))
    if empty_pages and len(empty_pages) < len(pages):
        shown = "、".join(str(p) for p in empty_pages[:10]) + ("等" if len(empty_pages) > 10 else "")
        doc.problems.append(ReaderProblem("no-text", Span.at(1, 1, f"page[{empty_pages[0]}]"), f"第{shown}页没有可提取的文字（可能是扫描图片）"))
    if garbled_pages and not any(line.strip() for line in lines):
        doc.problems.append(ReaderProblem("unreadable", Span.at(1, 1, f"page[{garbled_pages[0]}]"),
                                          "PDF 提取出的文字是乱码（字体没有 Unicode 映射），无法检查；请提供带文字层的 PDF 或原文档"))
        return doc
    if garbled_pages:
        shown = "、".join(str(p) for p in garbled_pages[:10]) + ("等" if len(garbled_pages) > 10 else "")
        doc.problems.append(ReaderProblem("garbled", Span.at(1, 1, f"page[{garbled_pages[0]}]"),
                                          f"第{shown}页提取出的文字是乱码（字体没有 Unicode 映射），这些页未检查"))
    if not any(line.strip() for line in lines):
        doc.problems.append(ReaderProblem("empty", Span.at(1, 1), "PDF 中没有可提取的文字（可能是扫描版，需要 OCR）"))
        return doc
    lines, cut = bound_lines(lines)
    doc.problems.extend(_with_pages_problem(p, where) for p in cut)  # past a bound (X008): the rest is not read
    doc.source_text = "\n".join(lines)
    with geocolumns.using(positions):
        read = blocks_from_lines(lines)
    blocks = unwrap(read, lambda line: where[min(max(line, 1), len(where)) - 1][0])
    doc.blocks = [_with_pages(b, where) for b in blocks]
    return doc


def _layout_text(page, contents) -> str:
    """pypdf's layout-mode text of ``page`` (``extract_text(extraction_mode="layout")``)
    from its already parsed content stream: the steps of pypdf's ``_layout_mode_text``
    with its defaults, given the parsed operations instead of parsing them again. A
    pypdf without those steps gets its public call (tests/readers/test_pdf.py checks
    the two give the same text on every page of the real PDFs)."""
    try:
        from pypdf._text_extraction import _layout_mode as lm

        fonts = page._layout_mode_fonts()
        steps = (lm.text_show_operations, lm.y_coordinate_groups, lm.fixed_char_width, lm.fixed_width_page)
    except (ImportError, AttributeError):
        return page.extract_text(extraction_mode="layout")
    if contents is None:  # no content stream: an empty page
        return ""
    bt_groups = steps[0](iter(contents.operations), fonts, True, None)
    if not bt_groups:
        return ""
    ty_groups = steps[1](bt_groups, None)
    return steps[3](ty_groups, steps[2](bt_groups, 1.25), True, 1)


def _page_positions(page, page_lines: list[str], contents=None) -> list:
    """The positions of one page's layout lines, line by line; none when the page's
    pieces cannot be read again (the text is read without them)."""
    try:
        return line_positions(page_lines, fragments(page, contents))
    except Exception:
        return []


def _place(line: int, where: list[tuple[int, int]]) -> str:
    """The logical place of an extracted-text line: ``page[P]/line[L]``."""
    page, on_page = where[min(max(line, 1), len(where)) - 1]
    return f"page[{page}]/line[{on_page}]"


class _PagedMap(TextMap):
    """A node's map that names, for every span, the page and page line where the span
    starts: a paragraph re-joined over several lines (see unwrap.py) points each
    finding at its own line, not the paragraph's first."""

    __slots__ = ("_where",)

    def __init__(self, textmap: TextMap, where: list[tuple[int, int]]):
        super().__init__(list(textmap._anchors))
        self._where = where

    def span(self, start: int, end: int) -> Span:
        span = super().span(start, end)
        return replace(span, logical=_place(span.start.line, self._where))


def _paged(textmap: TextMap, where: list[tuple[int, int]]) -> TextMap:
    return _PagedMap(textmap, where)


def _with_pages_problem(problem: ReaderProblem, where) -> ReaderProblem:
    return replace(problem, span=replace(problem.span, logical=_place(problem.span.start.line, where)))


def _with_pages(block, where):
    """Name each node's page and line on the page (the extracted-text line stays as the line)."""
    block.textmap = _paged(block.textmap, where)
    if isinstance(block, Table):
        for cell in block.cells:
            cell.textmap = _paged(cell.textmap, where)
        for u in block.uncertain:
            u.span = replace(u.span, logical=_place(u.span.start.line, where))
    return block

