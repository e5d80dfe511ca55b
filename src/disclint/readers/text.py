"""The plain-text reader (.txt, .md): decode, find tables, then headings and paragraphs.

Every block keeps a TextMap from its characters to file positions, so headings found
later inside a flattened line still point at their own column.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..model import Block, Document, ReaderProblem, Span, TextMap
from ..normalize import fold_text
from .bounds import bound_lines, split_lines
from .decode import decode, place
from .texttables import find_inline_tables, find_tables

_MD_HEADING = re.compile(r"^(\s*)(#{1,6})\s+(.*?)\s*#*\s*$")
# A flattened page: one very long line holding the whole report.
_FLAT_LINE = 400


def read_text(path: str, data: bytes, reader: str = "text") -> Document:
    decoded = decode(data)
    doc = Document(path=path, reader=reader, encoding=decoded.encoding)
    if decoded.text is None:
        doc.problems.append(ReaderProblem(decoded.problem or "unreadable", Span.at(1, 1), decoded.detail))
        return doc
    if decoded.problem:  # readable but damaged (truncated, a bad byte): say so, at its place, and read what is there
        doc.problems.append(ReaderProblem(decoded.problem, place(decoded.text, decoded.at), decoded.detail))
    text = decoded.text.lstrip("\ufeff")
    doc.source_text = text
    lines, cut = bound_lines(split_lines(text))
    doc.problems.extend(cut)  # past a bound (X008): the rest is not read
    doc.blocks = blocks_from_lines(lines)
    if reader == "markdown":
        doc.images = _images(lines, doc.blocks)
    return doc


# A markdown line that is a picture and nothing else: ![alt](src) or an <img> tag.
_MD_IMAGE = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>)\s*$", re.IGNORECASE)


def _images(lines: list[str], blocks: list) -> list:
    """(blocks before it, where) of each picture line."""
    out = []
    starts = [b.span.start.line for b in blocks]  # in document order, so sorted
    for i, line in enumerate(lines, start=1):
        if ("!" in line or "<" in line) and _MD_IMAGE.match(line):
            out.append((bisect_left(starts, i), Span.at(i, len(line) - len(line.lstrip()) + 1)))
    return out


def blocks_from_lines(lines: list[str]):
    """The blocks of decoded lines (radical and compatibility look-alikes and traditional
    characters folded first: one character for one, so every column stays exact)."""
    lines = [fold_text(line) for line in lines]
    regions = {r.start: r for r in find_tables(lines)}
    blocks = []
    i = 0
    while i < len(lines):
        region = regions.get(i)
        if region is not None:
            blocks.append(region.table)
            i = max(region.end, i + 1)
            continue
        blocks.extend(_line_blocks(lines[i], i + 1))
        i += 1
    return blocks


def _line_blocks(line: str, line_no: int) -> list:
    stripped = line.strip()
    if not stripped:
        return []
    lead = len(line) - len(line.lstrip())
    m = _MD_HEADING.match(line)
    if m:
        start = m.start(3)
        return [Block("heading", m.group(3), TextMap.single(line_no, start + 1), level=len(m.group(2)))]
    if len(line) >= _FLAT_LINE:
        return _flattened_blocks(line, line_no)
    # a shorter line is a flattened table only by what it holds: a table the inline
    # finders read from its schema labels (a 表二 on a line of its own), never by length
    regions = find_inline_tables(line, line_no) if any(ch.isdigit() for ch in line) else []
    if regions:
        return _flattened_blocks(line, line_no, regions)
    body = line.rstrip()[lead:]
    return [Block("paragraph", body, TextMap.single(line_no, lead + 1))]


def _flattened_blocks(line: str, line_no: int, regions: list | None = None) -> list:
    """A page flattened onto one line: cut out its tables, keep the rest as paragraphs."""
    out = []
    pos = 0
    for region in find_inline_tables(line, line_no) if regions is None else regions:
        if region.start > pos:
            out.extend(_segment(line, pos, region.start, line_no))
        out.append(region.table)
        pos = max(pos, region.end)
    out.extend(_segment(line, pos, len(line), line_no))
    return out


def _segment(line: str, start: int, end: int, line_no: int) -> list:
    piece = line[start:end]
    lead = len(piece) - len(piece.lstrip())
    body = piece.strip()
    if not body:
        return []
    return [Block("paragraph", body, TextMap.single(line_no, start + lead + 1))]
