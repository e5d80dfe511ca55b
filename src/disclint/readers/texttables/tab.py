"""Tab-separated tables (a spreadsheet or HTML table saved as text).

A table is a run of lines holding tab characters; blank lines and separator lines
(``----\t---``) inside it do not end it. A line whose only text follows leading tabs
is an indented paragraph, not a row.

Exported tables write merged cells the HTML way: a label that spans rows appears on
its first row only and the rows below have an empty field in its place; the header
collapses the label area into its first field. Some rows are shifted (the seed's
``4. 无正当理由大量反复申请\t\t0…`` starts at field 0), so a row's values are the
fields after its last label, with label-placeholder blanks in front and padding blanks
at the end dropped down to the number of value columns the header announces.
See common.py for the grid this produces.
"""

from __future__ import annotations

import re
from collections import Counter

from . import TableRegion
from .common import (
    BLOCK_HEADER_RE,
    RowSpec,
    assemble,
    field_piece,
    header_spans,
    is_footer,
    is_value,
    level_of,
    mode,
    split_labels,
    strip_piece,
    trim_values,
    uncertain_reason,
)

_SEPARATOR = re.compile(r"^[\s\-—–=_:|+]*$")


def _fields(line: str) -> list[tuple[str, int]]:
    """The tab-separated fields of ``line`` with their 0-based start offsets."""
    out = []
    pos = 0
    for part in line.split("\t"):
        out.append((part, pos))
        pos += len(part) + 1
    return out


def _is_separator(line: str) -> bool:
    return "\t" in line and "-" in line and bool(_SEPARATOR.match(line))


_PROSE_FIELD = re.compile(r"^\s*\d")


def _is_prose(line: str) -> bool:
    """Running text whose runs happen to be tab-separated (PDF extractors do this):
    a field that starts with a number but goes on as words (「711号）（以下简称…」),
    or a sentence that ends inside a field."""
    for f, _ in _fields(line):
        t = f.strip()
        if not t:
            continue
        if _PROSE_FIELD.match(t) and not is_value(t) and level_of(t) is None:
            return True
        if "。" in t[:-1]:
            return True
    return False


def _is_row(line: str) -> bool:
    """A line that is a table row: a tab between or after text (not only indentation)."""
    if "\t" not in line or not line.strip() or _is_prose(line):
        return False
    body = line.lstrip("\t ")
    return "\t" in body.rstrip(" ") or line.rstrip(" ") != line.rstrip(" \t")


def _strong(line: str) -> bool:
    return sum(1 for f, _ in _fields(line) if f.strip()) >= 2


def _is_block_header(line: str) -> bool:
    """A line holding only a block header (第二十条第（五）项), with or without tabs."""
    m = BLOCK_HEADER_RE.match(line)
    return m is not None and not line[m.end():].strip(" \t")


def _values_in(line: str) -> int:
    return sum(1 for f, _ in _fields(line) if is_value(f))


def _header_above(lines: list[str], i: int, floor: int) -> int:
    """``i`` or the block header line just above it (only blank lines between)."""
    k = i - 1
    while k >= floor and not lines[k].strip():
        k -= 1
    return k if k >= floor and _is_block_header(lines[k]) and not _is_row(lines[k]) else i


def find_tables(lines: list[str]) -> list[TableRegion]:
    regions: list[TableRegion] = []
    i = 0
    n = len(lines)
    while i < n:
        if not (_is_row(lines[i]) or _is_separator(lines[i])):
            i += 1
            continue
        # 表二 exported from a spreadsheet writes its block headers (第二十条第（五）项) on
        # lines of their own, without a tab: they belong to the table, they do not end it.
        start = _header_above(lines, i, regions[-1].end if regions else 0)
        end = i + 1
        j = i + 1
        while j < n:
            if _is_row(lines[j]) or _is_separator(lines[j]):
                end = j + 1
                j += 1
            elif not lines[j].strip() or is_footer(lines[j]) or _is_block_header(lines[j]):
                j += 1
            else:
                break
        i = max(end, i + 1)
        block = list(range(start, end))
        if sum(1 for k in block if _strong(lines[k])) < 2:
            continue
        # Figures make it a table: a row of two or more, or label-and-value rows
        # (「行政许可\t447228」) under a block header. Text merely laid out with tabs
        # stays with the paragraphs.
        multi = any(_values_in(lines[k]) >= 2 for k in block)
        headed = any(_is_block_header(lines[k]) for k in block) and any(_values_in(lines[k]) for k in block)
        if not (multi or headed):
            continue
        table = _build(lines, block)
        if table is not None:
            regions.append(TableRegion(start, end, table))
    return regions


def _classify(line: str) -> str:
    fields = [f for f, _ in _fields(line)]
    texts = [f.strip() for f in fields if f.strip()]
    if any(is_value(t) for t in texts):
        return "data"
    if len(texts) == 1:
        if level_of(texts[0]) is not None and not BLOCK_HEADER_RE.match(texts[0]):
            return "group"
        return "span"
    return "header"


def _build(lines: list[str], block: list[int]):
    # Split into sections at block headers (第二十条第（一）项): each has its own header.
    sections: list[list[tuple[int, str]]] = [[]]
    for k in block:
        line = lines[k]
        if not line.strip() or _is_separator(line) or is_footer(line):
            continue
        kind = _classify(line)
        if kind == "span" and sections[-1]:
            sections.append([])
        sections[-1].append((k, kind))

    specs: list[RowSpec] = []
    for section in sections:
        specs.extend(_section_rows(lines, section))
    return assemble(specs, "tab")


def _section_rows(lines: list[str], section: list[tuple[int, str]]) -> list[RowSpec]:
    out: list[RowSpec] = []
    data_rows = [k for k, kind in section if kind == "data"]
    labelled = any(split_labels(_fields(lines[k]))[0] for k in data_rows)
    # The header: text rows before the first data row.
    first_data = data_rows[0] if data_rows else None
    head = [k for k, kind in section if kind == "header" and (first_data is None or k < first_data)]
    expected = None
    if head:
        hfields = [[f for f, _ in _fields(lines[k])] for k in head]
        width = max(max((x for x, f in enumerate(r) if f.strip()), default=-1) + 1 for r in hfields)
        expected = width - 1 if labelled else width
        spans = dict(zip(head, header_spans(hfields)))
    elif data_rows:
        counts: Counter = Counter()
        for k in data_rows:
            labels, rest = split_labels(_fields(lines[k]))
            counts[len(trim_values(rest, 0, bool(labels)))] += 1
        expected = mode(counts)
        spans = {}
    else:
        spans = {}

    for k, kind in section:
        line_no = k + 1
        fields = _fields(lines[k])
        if kind == "span" or kind == "group":
            f, off = next((f, o) for f, o in fields if f.strip())
            out.append(RowSpec(kind, labels=[strip_piece(f, line_no, off + 1)]))
        elif kind == "header":
            if k in spans:
                cells = [(x, strip_piece(fields[x][0], line_no, fields[x][1] + 1), cs, rs) for x, cs, rs in spans[k]]
            else:
                cells = [(x, strip_piece(f, line_no, o + 1), 1, 1) for x, (f, o) in enumerate(fields) if f.strip()]
            out.append(RowSpec("header", cells=cells))
        else:
            labels, rest = split_labels(fields)
            vals = trim_values(rest, expected if expected is not None else 0, bool(labels))
            spec = RowSpec(
                "data",
                labels=[strip_piece(f, line_no, o + 1) for f, o in labels],
                values=[field_piece(f, o, line_no) for f, o in vals],
            )
            if expected is not None and len(vals) != expected:
                spec.ragged = (len(vals), expected)
                spec.uncertain.append((None, uncertain_reason("ragged", found=len(vals), expected=expected)))
            out.append(spec)
    return out
