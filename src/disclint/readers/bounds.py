"""Bounds every reader keeps, so no input under the size cap builds a huge structure.

A table is held as a true grid (rows x columns of cell references), so one hostile
``gridBefore``, ``gridSpan``, ``colspan`` or ``rowspan`` would otherwise allocate
millions of positions from a few bytes. Real reports' tables are a few dozen rows by at
most ~20 columns; the bounds are far above that. What a bound cuts off is reported
once per table (a ``limit`` ReaderProblem, X008) and the rest of the file is read.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from dataclasses import replace
from typing import Iterable, Iterator

from ..model import Cell, ReaderProblem, Span

MAX_COLS = 200  # grid columns of one table
MAX_ROWS = 5000  # grid rows of one table
MAX_TABLE_CELLS = 200_000  # rows x columns of one table's grid
MAX_DOC_CELLS = 2_000_000  # all tables of one document together
MAX_TABLES = 200  # tables in one document, nested ones included (real reports: under 20)
MAX_PAGES = 500  # pages of one PDF read: a report has a few dozen; more is not a report (or hostile)


class DocBudget:
    """What all tables of one document may still use; the problems the bounds met."""

    def __init__(self) -> None:
        self.cells = MAX_DOC_CELLS
        self.tables = MAX_TABLES
        self.problems: list[ReaderProblem] = []
        self.spent = False

    def table(self, span: Span) -> "TableGrid | None":
        """A grid for the next table (at ``span``), or None (said once) when the document's budget is spent."""
        if self.tables <= 0 or self.cells <= 0:
            if not self.spent:
                self.spent = True
                self.limit(span, f"文档中的表格超出上限（{MAX_TABLES} 个表格或共 {MAX_DOC_CELLS} 个单元格位置），其后的表格未读取")
            return None
        self.tables -= 1
        return TableGrid(self)

    def limit(self, span: Span, detail: str) -> None:
        self.problems.append(ReaderProblem("limit", span, detail))


class TableGrid:
    """Places cells within the bounds: ``place`` clips a span or refuses the cell."""

    def __init__(self, doc: DocBudget):
        self.doc = doc
        self.rows = 0
        self.cols = 0
        self.cut: str | None = None  # why the first cell was cut, in Chinese

    def place(self, row: int, col: int, rowspan: int, colspan: int) -> tuple[int, int] | None:
        """(rowspan, colspan) clipped to the bounds, or None when the cell does not fit at all."""
        if row >= MAX_ROWS or col >= MAX_COLS:
            self.cut = self.cut or f"表格超过 {MAX_ROWS} 行或 {MAX_COLS} 列"
            return None
        clipped = (min(rowspan, MAX_ROWS - row), min(colspan, MAX_COLS - col))
        if clipped != (rowspan, colspan):
            self.cut = self.cut or f"合并单元格的跨度超出表格上限（{rowspan} 行 × {colspan} 列）"
        rows, cols = max(self.rows, row + clipped[0]), max(self.cols, col + clipped[1])
        growth = rows * cols - self.rows * self.cols
        if rows * cols > MAX_TABLE_CELLS or growth > self.doc.cells:
            self.cut = self.cut or f"表格超过 {MAX_TABLE_CELLS} 个单元格位置"
            return None
        self.doc.cells -= growth
        self.rows, self.cols = rows, cols
        return clipped

    def report(self, span: Span) -> None:
        if self.cut:
            self.doc.limit(span, self.cut + "，超出部分未读取")


# -- every table of a read, whatever reader built it -------------------------------------
#
# The HTML and DOCX readers place each cell through a TableGrid as they read. The text
# tables (markdown, tab, pdftotext layout, flattened lines: also a PDF's pages) are
# built from cells found in lines, where one wide header over many short rows (8,000
# columns x 10,000 rows from 300 KB) made a grid of 80 million positions. So every Table
# built while a document is read (engine: ``with reading()``) has its cells placed
# through the same bounds; readers that already placed theirs are within them.

_READING: contextvars.ContextVar["DocBudget | None"] = contextvars.ContextVar("disclint_table_budget", default=None)


@contextlib.contextmanager
def reading() -> Iterator[DocBudget]:
    """The table budget of one document, for every Table built inside the block."""
    budget = DocBudget()
    token = _READING.set(budget)
    try:
        yield budget
    finally:
        _READING.reset(token)


def bound_cells(cells: list[Cell], span: Span) -> list[Cell] | None:
    """``cells`` within the bounds of the document being read: as they are when they fit
    (the usual case, one pass over the cells), else placed one by one, spans clipped and
    what does not fit left out (one limit problem at the table); None when the document's
    table budget is spent (the table is not read). Outside a read: ``cells`` unchanged."""
    budget = _READING.get()
    if budget is None:
        return cells
    rows = max((c.row + c.rowspan for c in cells), default=0)
    cols = max((c.col + c.colspan for c in cells), default=0)
    if rows <= MAX_ROWS and cols <= MAX_COLS and rows * cols <= min(MAX_TABLE_CELLS, budget.cells) and budget.tables > 0:
        budget.tables -= 1
        budget.cells -= rows * cols
        return cells
    grid = budget.table(span)
    if grid is None:
        return None
    kept = []
    for c in cells:
        fit = grid.place(c.row, c.col, c.rowspan, c.colspan)
        if fit is not None:
            kept.append(c if fit == (c.rowspan, c.colspan) else replace(c, rowspan=fit[0], colspan=fit[1]))
    grid.report(span)
    return kept


# Text: the largest real report holds ~10,000 characters of text and its longest line
# (a whole page flattened onto one line) ~17,000; the checkers' work grows with both.
MAX_LINE = 50_000  # characters of one line
MAX_LINES = 100_000  # lines of one document (real reports: a few thousand); empty lines count no characters
MAX_TEXT = 300_000  # characters of one document's text (30x the largest real report; the readers and checkers stay linear past it)


_EOL = re.compile(r"\r\n?|\n")


def split_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` (CRLF, CR or LF ends one), each at most MAX_LINE + 1 characters.

    Lazy, so bound_lines stops the split at the text bound: splitting a 60 MB file into
    millions of line objects up front took ~500 MB for lines that are never read.
    """
    start = 0
    for m in _EOL.finditer(text):
        yield text[start:min(m.start(), start + MAX_LINE + 1)]
        start = m.end()
    yield text[start:start + MAX_LINE + 1]


def bound_lines(lines: Iterable[str]) -> tuple[list[str], list[ReaderProblem]]:
    """``lines`` cut to MAX_LINE characters each and MAX_TEXT in all; one problem per kind of cut."""
    out: list[str] = []
    problems: list[ReaderProblem] = []
    total = 0
    long_line = False
    for number, line in enumerate(lines, start=1):
        if number > MAX_LINES:
            problems.append(ReaderProblem("limit", Span.at(number, 1), f"文字超过 {MAX_LINES} 行，从这一行起未读取"))
            break
        if len(line) > MAX_LINE:
            if not long_line:
                long_line = True
                problems.append(ReaderProblem("limit", Span.at(number, MAX_LINE + 1), f"这一行长于 {MAX_LINE} 个字符，其余部分未读取"))
            line = line[:MAX_LINE]
        if total + len(line) > MAX_TEXT:
            problems.append(ReaderProblem("limit", Span.at(number, 1), f"文字超过 {MAX_TEXT} 个字符，从这一行起未读取"))
            break
        total += len(line)
        out.append(line)
    return out, problems


def source_prefix(text: str) -> list[str]:
    """The lines of a decoded source that a finding can point at, bounded like the readers.

    Findings lie within what the readers read: MAX_LINES lines of at most MAX_LINE
    characters, and (HTML) the first 10 x MAX_TEXT characters of source. One line past
    that is kept (the X008 at the cut points at it). Splitting a 60 MB file whole held
    millions of line objects (~300 MB) for lines no finding is on.
    """
    out: list[str] = []
    total = 0
    for line in split_lines(text):
        out.append(line)
        total += len(line) + 1
        if len(out) > MAX_LINES or total > 10 * MAX_TEXT:
            break
    return out
