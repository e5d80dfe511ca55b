"""The document model every reader produces and every checker reads.

A report is an ordered list of blocks: headings, paragraphs and tables. Every node
knows where it came from in the original file, so a finding can point at the real
place. Readers build this; checkers never see the input format.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterator


@dataclass(frozen=True, order=True)
class Pos:
    """A 1-based line and column in the original file (column counts characters)."""

    line: int
    column: int


@dataclass(frozen=True)
class Span:
    """Where a node came from: start and end positions, plus an optional logical path.

    Inputs without lines (DOCX) set ``logical`` to a path such as
    ``table[2]/row[5]/cell[3]`` and use the paragraph/table ordinal as the line.
    """

    start: Pos
    end: Pos
    logical: str | None = None

    @classmethod
    def at(cls, line: int, column: int = 1, logical: str | None = None) -> "Span":
        return cls(Pos(line, column), Pos(line, column), logical)


class TextMap:
    """Maps character offsets inside a node's text back to file positions.

    A map is a sorted list of anchors ``(offset, line, column)``: the character at
    ``offset`` sits at ``line:column`` and the characters after it follow on the
    same line until the next anchor. One anchor per source line is enough.
    """

    __slots__ = ("_offsets", "_anchors", "_logical")

    def __init__(self, anchors: list[tuple[int, int, int]], logical: str | None = None):
        if not anchors:
            anchors = [(0, 1, 1)]
        anchors = sorted(anchors)
        self._offsets = [a[0] for a in anchors]
        self._anchors = anchors
        self._logical = logical

    @classmethod
    def single(cls, line: int, column: int, logical: str | None = None) -> "TextMap":
        return cls([(0, line, column)], logical)

    def pos(self, offset: int) -> Pos:
        i = bisect.bisect_right(self._offsets, max(offset, 0)) - 1
        off, line, col = self._anchors[max(i, 0)]
        return Pos(line, col + max(offset, 0) - off)

    def span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` (``end`` exclusive)."""
        return Span(self.pos(start), self.pos(max(end - 1, start)), self._logical)

    def with_logical(self, logical: str) -> "TextMap":
        """The same map, naming a logical place (a PDF page and line, a DOCX cell)."""
        return TextMap(list(self._anchors), logical)


@dataclass
class Block:
    """A heading or paragraph: its text and where each character came from."""

    kind: str  # "heading" or "paragraph"
    text: str
    textmap: TextMap
    level: int | None = None  # heading level where the medium says it (markdown #, DOCX style)

    @property
    def span(self) -> Span:
        return self.textmap.span(0, len(self.text))


@dataclass
class Cell:
    """One cell of a table as the source wrote it (before span expansion).

    ``text`` keeps the cell's words with whitespace folded; ``blank`` is true when the
    source cell had no visible content (an ``&nbsp;`` cell is blank, never 0).
    """

    text: str
    row: int  # 0-based grid row of the top-left corner
    col: int  # 0-based grid column of the top-left corner
    textmap: TextMap
    rowspan: int = 1
    colspan: int = 1
    # The text as written, when this cell was cut from it: digits that ran together
    # (「8855698」 read as 88, 55, 698). "" when the cell is what the source wrote.
    raw: str = ""

    @property
    def span(self) -> Span:
        # Asked for many times per cell by the table checks: kept, and made again only
        # when the cell's text or map is replaced (the PDF reader re-maps cells).
        kept = self.__dict__.get("_span")
        if kept is not None and kept[0] is self.textmap and kept[1] is self.text:
            return kept[2]
        span = self.textmap.span(0, max(len(self.text), 1))
        self.__dict__["_span"] = (self.textmap, self.text, span)
        return span

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Uncertainty:
    """A part of a table the reader could not read with confidence.

    Checkers keep these rows out of the arithmetic; the engine reports them at info level.
    """

    span: Span
    reason: str  # Chinese, for the user
    row: int | None = None  # grid row affected, None for the whole table


@dataclass
class Table:
    """A table as a true grid: ``grid[r][c]`` is the Cell covering that position.

    Merged cells appear at every grid position they cover, so a label with rowspan 8
    is found beside each of its 8 rows.
    """

    cells: list[Cell]
    textmap: TextMap
    source: str = ""  # how it was read: html, docx, tab, layout, markdown, flattened
    uncertain: list[Uncertainty] = field(default_factory=list)
    # Row indices whose cell count did not fit the header (a reader's observation,
    # e.g. 16 fields under 15 columns); value is (found, expected).
    ragged: dict[int, tuple[int, int]] = field(default_factory=dict)
    kind: str = "table"
    text: str = ""  # a plain-text rendering, for searches that do not care about cells
    refused: bool = False  # built past the document's table budget: not read (the engine drops it)

    def __post_init__(self) -> None:
        from .readers.bounds import bound_cells  # the bounds import this module

        bounded = bound_cells(self.cells, self.span)
        if bounded is None:
            self.refused, bounded = True, []
        if bounded is not self.cells:  # clipped: what refers to rows no longer there goes too
            self.cells = bounded
            rows = max((c.row + c.rowspan for c in bounded), default=0)
            self.uncertain = [u for u in self.uncertain if u.row is None or u.row < rows]
            self.ragged = {r: v for r, v in self.ragged.items() if r < rows}
        self.grid = build_grid(self.cells)
        if not self.text:
            self.text = "\n".join("\t".join(c.text if c else "" for c in row) for row in self.rows())

    @property
    def span(self) -> Span:
        return self.textmap.span(0, 1)

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.grid), default=0)

    def rows(self) -> Iterator[list[Cell | None]]:
        yield from self.grid

    def row_uncertain(self, r: int) -> bool:
        return any(u.row is None or u.row == r for u in self.uncertain)


def build_grid(cells: list[Cell]) -> list[list[Cell | None]]:
    """Expand row and column spans into a rectangular grid of cell references."""
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    n_cols = max((c.col + c.colspan for c in cells), default=0)
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    for c in cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                if grid[r][k] is None:
                    grid[r][k] = c
    return grid


# The closed set of problems readers (and the engine: missing, no-reports, not-regular,
# aborted) record as ReaderProblem.kind. A new one is added here, where a reader records
# it, and in the input rules (rules/input.yaml) with a test.
READER_PROBLEMS = (
    "missing", "no-reports", "unreadable", "binary", "undecodable", "empty", "truncated", "no-text",
    "not-regular", "limit", "aborted", "bad-bytes", "pattern-timeout", "numbering", "garbled",
)


@dataclass
class ReaderProblem:
    """Something a reader met that the user must hear about (an X or info finding).

    ``kind`` names the problem, one of READER_PROBLEMS; rule sets map kinds to codes.
    """

    kind: str
    span: Span
    detail: str = ""


@dataclass
class Document:
    """A report read into the model."""

    path: str
    blocks: list[Block | Table] = field(default_factory=list)
    reader: str = ""
    encoding: str | None = None
    problems: list[ReaderProblem] = field(default_factory=list)
    # The original text as decoded (for readers with lines), used for context only.
    source_text: str | None = None
    # Pictures in the flow of the text (a table printed as an image is one): for each, how
    # many blocks come before it and where it is.
    images: list[tuple[int, Span]] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def text_blocks(self) -> list[Block]:
        return [b for b in self.blocks if isinstance(b, Block)]
