"""Markdown pipe tables, as PDF/OCR-to-markdown converters write them.

Converters cut one printed table into many pipe tables: one per category (009), one
per page, or one per run of rows they happened to recognise (011, 012), with the
row labels they lost written as plain lines between the pieces. Pieces are joined
into ONE table when the lines between them are only blank lines, page footers
(``— 4 —``), headings or short label fragments, and one of these holds:

* the gap holds a block header ``第二十条第（X）项`` (表二's next block);
* the next piece repeats the previous piece's header row (009's mini-tables);
* the next piece has no header of its own (its first row holds numbers) and either
  the previous piece has only a header, or both carry the same number of values
  per row (a page break or a lost label).

Inside a joined table, numbered markdown headings between pieces (``### （三）不予公开``)
are group labels; a heading repeated by the next row's label (``### （一）予以公开``
over ``| 予以公开 | …``) becomes that row's label; plain text lines between pieces
are kept as one-cell "note" rows marked uncertain (they are label fragments the
converter cut off, and which row they belong to is not known). Pieces that are not
joined stay separate tables. See common.py for the grid.
"""

from __future__ import annotations

import re
from collections import Counter

from ...analysis.alignment import slot_similar
from ...model import Uncertainty
from . import TableRegion
from .common import (
    BLOCK_HEADER_RE,
    Piece,
    RowSpec,
    assemble,
    field_piece,
    is_footer,
    is_value,
    join_pieces,
    label_body,
    level_of,
    mode,
    split_labels,
    strip_piece,
    trim_values,
    uncertain_reason,
)

_SEP_CELL = re.compile(r"^\s*(?::?-{2,}:?|:-+|-+:)\s*$")  # a lone "-" is a placeholder cell
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")
_TITLE = re.compile(r"^\s*表\s*[一二三四五六七八九十\d]+\s*[:：、.]?")
_MAX_GAP = 15  # non-blank lines between two pieces of one table


def _is_pipe(line: str) -> bool:
    return line.lstrip().startswith("|") and line.count("|") >= 2


def _cells(line: str) -> list[tuple[str, int]]:
    """Cells of a pipe row with their 0-based start offsets (outer pipes dropped)."""
    out = []
    pos = 0
    for part in re.split(r"(?<!\\)\|", line):
        out.append((part, pos))
        pos += len(part) + 1
    # drop what precedes the first pipe and follows the last one
    if out and not out[0][0].strip():
        out = out[1:]
    if out and not out[-1][0].strip() and line.rstrip().endswith("|"):
        out = out[:-1]
    return out


def _is_sep(line: str) -> bool:
    cells = _cells(line)
    return bool(cells) and all(_SEP_CELL.match(c) for c, _ in cells)


class _Piece:
    """One pipe table as the converter wrote it: lines start..end (0-based, end exclusive)."""

    def __init__(self, lines: list[str], start: int, end: int):
        self.start, self.end = start, end
        self.header: list[int] = []
        self.body: list[int] = []
        rows = [k for k in range(start, end) if not _is_sep(lines[k])]
        seps = [k for k in range(start, end) if _is_sep(lines[k])]
        if seps and rows and rows[0] < seps[0] and not any(is_value(c) for c, _ in _cells(lines[rows[0]])):
            self.header = [k for k in rows if k < seps[0]]
        self.body = [k for k in rows if k not in self.header]
        self.data = [k for k in self.body if any(is_value(c) for c, _ in _cells(lines[k]))]
        self.valid = bool(seps) or len(rows) >= 2

    def header_key(self, lines: list[str]) -> tuple:
        return tuple(tuple(re.sub(r"\s+", "", c) for c, _ in _cells(lines[k])) for k in self.header)

    def value_counts(self, lines: list[str]) -> Counter:
        out: Counter = Counter()
        for k in self.data:
            labels, rest = split_labels(_cells(lines[k]))
            out[len(trim_values(rest, 0, bool(labels)))] += 1
        return out


def _gap_ok(lines: list[str], a: int, b: int) -> bool:
    """Lines a..b (exclusive) may sit between two pieces of one table."""
    nonblank = 0
    for k in range(a, b):
        s = lines[k].strip()
        if not s:
            continue
        nonblank += 1
        if nonblank > _MAX_GAP or "|" in s:
            return False
        if is_footer(s) or BLOCK_HEADER_RE.match(s):
            continue
        m = _HEADING.match(s)
        body = m.group(1) if m else s
        if len(body) > 40 or "。" in body or (not m and len(body) > 30):
            return False
    return True


def _gap_has_block(lines: list[str], a: int, b: int) -> bool:
    return any(BLOCK_HEADER_RE.match(_heading_text(lines[k])[0]) for k in range(a, b))


def _same_values(lines: list[str], nxt: _Piece, chain: list[_Piece]) -> bool:
    """``nxt`` carries the usual number of values per row of the pieces before it."""
    return mode(nxt.value_counts(lines)) == mode(sum((p.value_counts(lines) for p in chain), Counter()))


def _joins(lines: list[str], prev: _Piece, nxt: _Piece, chain: list[_Piece]) -> bool:
    if not _gap_ok(lines, prev.end, nxt.start):
        return False
    if _gap_has_block(lines, prev.end, nxt.start):
        return any(p.header for p in chain) and bool(nxt.header or nxt.data)
    if nxt.header:
        first = next((p for p in chain if p.header), None)
        if first is None:
            return False
        if nxt.header_key(lines) == first.header_key(lines):
            return True
        # a stray header row the converter put in the middle of the table (009):
        # same width, same values per row, nothing but blank lines in between
        quiet = all(not lines[k].strip() or is_footer(lines[k]) for k in range(prev.end, nxt.start))
        same_width = [len(r) for r in nxt.header_key(lines)] == [len(r) for r in first.header_key(lines)]
        return quiet and same_width and _same_values(lines, nxt, chain) and bool(nxt.data)
    if not any(p.data for p in chain):
        return True
    return _same_values(lines, nxt, chain)


def find_tables(lines: list[str]) -> list[TableRegion]:
    pieces: list[_Piece] = []
    i, n = 0, len(lines)
    while i < n:
        if _is_pipe(lines[i]) or (_is_sep(lines[i]) and "|" in lines[i]):
            j = i
            while j < n and (_is_pipe(lines[j]) or (_is_sep(lines[j]) and "|" in lines[j])):
                j += 1
            p = _Piece(lines, i, j)
            if p.valid:
                pieces.append(p)
            i = j
        else:
            i += 1

    chains: list[list[_Piece]] = []
    for p in pieces:
        if chains and _joins(lines, chains[-1][-1], p, chains[-1]):
            chains[-1].append(p)
        else:
            chains.append([p])

    regions = []
    for chain in chains:
        try:
            region = _build(lines, chain)
        except Exception:  # a malformed piece must not stop the reading of the file
            region = None
        if region is not None:
            regions.append(region)
    return regions


def _heading_text(line: str) -> tuple[str, int, bool]:
    """(text, 0-based offset, is_markdown_heading) of a gap line."""
    m = _HEADING.match(line)
    if m:
        return m.group(1), m.start(1), True
    s = line.strip()
    return s, len(line) - len(line.lstrip()), False


def _side_by_side(lines: list[str], chain: list[_Piece]) -> TableRegion | None:
    """Parts of one wide table written one under the other, each under its own heading.

    009 writes 表四 as three tables with the same header (结果维持 … 总计) and one
    unlabelled row each, under the headings 行政复议 / 行政诉讼（未经复议直接起诉） /
    行政诉讼（复议后起诉）. They are put back side by side: the headings, the headers,
    then one row of all the values.
    """
    if len(chain) < 2 or any(len(p.header) != 1 or len(p.body) != 1 or len(p.data) != 1 for p in chain):
        return None
    key = chain[0].header_key(lines)
    if any(p.header_key(lines) != key for p in chain):
        return None
    if any(split_labels(_cells(lines[p.data[0]]))[0] for p in chain):
        return None
    titles: list[int | None] = []
    for idx, p in enumerate(chain):
        lo = chain[idx - 1].end if idx else max(0, p.start - 3)
        heads = [k for k in range(lo, p.start) if lines[k].strip()]
        if idx and (len(heads) != 1 or not _HEADING.match(lines[heads[0]])):
            return None
        titles.append(heads[-1] if heads and _HEADING.match(lines[heads[-1]]) else None)
    width = len(key[0])
    top: list[tuple[int, Piece, int, int]] = []
    mid: list[tuple[int, Piece, int, int]] = []
    values: list[Piece] = []
    for idx, p in enumerate(chain):
        if titles[idx] is not None:
            text, off, _ = _heading_text(lines[titles[idx]])
            top.append((idx * width, Piece.at(text, titles[idx] + 1, off + 1), width, 1))
        hk = p.header[0]
        mid += [(idx * width + x, field_piece(c, o, hk + 1), 1, 1) for x, (c, o) in enumerate(_cells(lines[hk])) if c.strip()]
        k = p.data[0]
        vals = _cells(lines[k])
        if len(vals) != width:
            return None
        values += [field_piece(c, o, k + 1) for c, o in vals]
    specs = ([RowSpec("header", cells=top)] if top else []) + [RowSpec("header", cells=mid), RowSpec("data", values=values, first_line=chain[0].data[0] + 1)]
    table = assemble(specs, "markdown")
    if table is None:
        return None
    start = titles[0] if titles[0] is not None else chain[0].start
    return TableRegion(start, chain[-1].end, table)


def _build(lines: list[str], chain: list[_Piece]) -> TableRegion | None:
    side = _side_by_side(lines, chain)
    if side is not None:
        return side
    first = chain[0]
    start = first.start
    lead: list[int] = []
    # A block header or a heading repeated by the first row, right above the table.
    k = start - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    if k >= 0 and not _is_pipe(lines[k]):
        text, _, is_head = _heading_text(lines[k])
        first_label = None
        if first.data:
            labels, _ = split_labels(_cells(lines[first.data[0]]))
            first_label = labels[-1][0] if labels else None
        if BLOCK_HEADER_RE.match(text) and len(text) <= 30:
            lead = [k]
        elif is_head and first_label and level_of(text) is not None and label_body(text) == label_body(first_label):
            lead = [k]
    if lead:
        start = lead[0]

    specs: list[RowSpec] = []
    ref_header = None
    for idx, piece in enumerate(chain):
        gap = lead if idx == 0 else list(range(chain[idx - 1].end, piece.start))
        for k in gap:
            spec = _gap_row(lines, k)
            if spec is not None:
                specs.append(spec)
        key = piece.header_key(lines) if piece.header else None
        if piece.header and (ref_header is None or key != ref_header):
            for k in piece.header:
                specs.append(_header_row(_cells(lines[k]), k, k != piece.header[-1]))
            if ref_header is None:
                ref_header = key
        for k in piece.body:
            specs.append(_body_row(lines, k))

    _expected_values(specs)
    _fix_labels(specs)
    table = assemble(specs, "markdown")
    if table is None:
        return None
    if all(not any(ch.isdigit() for ch in c.text) for c in table.cells if is_value(c.text)):
        table.uncertain.append(Uncertainty(table.span, uncertain_reason("placeholder"), row=None))
    return TableRegion(start, chain[-1].end, table)


def _gap_row(lines: list[str], k: int) -> RowSpec | None:
    text, off, is_head = _heading_text(lines[k])
    if not text or is_footer(text):
        return None
    piece = Piece.at(text, k + 1, off + 1)
    if BLOCK_HEADER_RE.match(text):
        return RowSpec("span", labels=[piece])
    if _TITLE.match(text):
        return None  # the table's own title repeated on a new page
    if is_head and level_of(text) is not None:
        return RowSpec("group", labels=[piece])
    spec = RowSpec("note", labels=[piece])
    spec.uncertain.append((None, uncertain_reason("stray-text")))
    return spec


def _body_row(lines: list[str], k: int) -> RowSpec:
    cells = _cells(lines[k])
    texts = [c.strip() for c, _ in cells if c.strip()]
    if any(is_value(c) for c, _ in cells):
        labels, rest = split_labels(cells)
        spec = RowSpec("data", labels=[strip_piece(c, k + 1, o + 1) for c, o in _distinct(labels)], first_line=k + 1)
        spec._rest = [(c, o, k + 1) for c, o in rest]  # values are trimmed once the column count is known
        spec._labelled = bool(labels)
        spec._fields = len(cells)
        return spec
    if len(texts) == 1 and BLOCK_HEADER_RE.match(texts[0]):
        c, o = next((c, o) for c, o in cells if c.strip())
        return RowSpec("span", labels=[strip_piece(c, k + 1, o + 1)])
    if texts and _blank_values(cells):
        # 「| 7.属于行政执法案卷 |  |  | … |」: a labelled row whose cells were left blank
        # is a data row of blanks (as a page's empty <td> are), not a header
        labels, rest = split_labels(cells)
        spec = RowSpec("data", labels=[strip_piece(c, k + 1, o + 1) for c, o in _distinct(labels)], first_line=k + 1)
        spec._rest = [(c, o, k + 1) for c, o in rest]
        spec._labelled = True
        spec._fields = len(cells)
        return spec
    # a text row in the middle of the body: a stray header the converter inserted
    return _header_row(cells, k, False)


def _header_row(fields: list[tuple[str, int]], k: int, above: bool) -> RowSpec:
    spec = RowSpec("header", cells=_header_cells(fields, k, above))
    # the pipe grid it names (it names the last column): a value is placed by pipe index in it
    spec._grid = len(fields) if fields and fields[-1][0].strip() else None
    return spec


def _distinct(labels: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A row's labels with a merged label written in each column it covers taken once."""
    out: list[tuple[str, int]] = []
    for c, o in labels:
        if not out or not _same(c, out[-1][0]):
            out.append((c, o))
    return out


def _header_cells(cells: list[tuple[str, int]], k: int, above: bool) -> list[tuple[int, Piece, int, int]]:
    """(field, piece, colspan, rowspan) of a header row. A merged heading is written in
    every position it covers (「| 申请人情况 | 申请人情况 | … |」): a run of equal cells at
    the start is the label heading (field 0), however many label columns it covers, and
    in a row ``above`` other header rows (whose headings tell its columns apart) any run
    of equal cells is one heading spanning them. In the last header row two equal
    headings side by side are two columns (表四's 总计 | 总计)."""
    runs: list[list[int]] = []
    for x, (c, _) in enumerate(cells):
        joins = above or len(runs) == 1
        if runs and joins and c.strip() and _same(c, cells[runs[-1][0]][0]):
            runs[-1].append(x)
        else:
            runs.append([x])
    lead = len(runs[0]) - 1 if runs and cells[0][0].strip() else 0
    out = []
    for run in runs:
        c, o = cells[run[0]]
        if c.strip():
            f = max(run[0] - lead, 0)
            out.append((f, field_piece(c, o, k + 1), len(run) if f else 1, 1))
    return out


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def _blank_values(cells: list[tuple[str, int]]) -> bool:
    """The row's text stands in its first cells and every cell after it is blank: the
    shape of a labelled row with no values (a header row has headings in the value
    columns too)."""
    last = max(x for x, (c, _) in enumerate(cells) if c.strip())
    return last < len(cells) - 1 and all(c.strip() for c, _ in cells[: last + 1])


def _expected_values(specs: list[RowSpec]) -> None:
    """Trim each data row's values to the section's column count; mark rows that do not fit."""
    sections: list[list[RowSpec]] = [[]]
    for s in specs:
        if s.kind == "span" and sections[-1]:
            sections.append([])
        sections[-1].append(s)
    for sec in sections:
        data = [s for s in sec if s.kind == "data"]
        if not data:
            continue
        counts = Counter(len(trim_values(s._rest, 0, s._labelled)) for s in data)
        data_mode = mode(counts)
        headers = []
        for s in sec:
            if s.kind == "header":
                headers.append(s)
            elif s.kind == "data":
                break
        expected = data_mode
        grid = None
        if headers:
            h = headers[-1]
            blanks = any(not p.text for _, p, _, _ in h.cells)
            width = max(f for f, _, _, _ in h.cells) + 1
            labelled = any(s._labelled for s in data)
            h_expected = width - 1 if labelled else width
            settled = len(data) >= 3 and counts[data_mode] >= 0.6 * len(data)
            if not blanks and not (settled and h_expected != data_mode):
                expected = h_expected
            grid = getattr(h, "_grid", None)
        for s in data:
            vals = _placed(s, grid, expected)
            s.values = [field_piece(c, o, ln) for c, o, ln in vals]
            if len(vals) != expected:
                s.ragged = (len(vals), expected)
                s.uncertain.append((None, uncertain_reason("ragged", found=len(vals), expected=expected)))


def _placed(s: RowSpec, grid: int | None, expected: int) -> list:
    """A data row's ``expected`` values. A row drawn on its header's pipe grid (as many
    fields, the header naming the last one) keeps each value under its column by pipe
    index, blank cells included: the value columns are the grid's last ``expected``
    (「| 二、上年结转… |  |  | 34 |  | … |  |」 has 34 under 自然人 and a blank 总计).
    Another row has its blank padding trimmed (:func:`trim_values`)."""
    rest = s._rest
    if grid is not None and getattr(s, "_fields", None) == grid and len(rest) >= expected > 0:
        return rest[len(rest) - expected:]
    return trim_values(rest, expected, s._labelled)


def _repeats(heading: str, label: str) -> bool:
    """Whether a numbered heading right above a row is that row's label written again: the
    same words, or words misspelt in the heading as a label in its slot may be (the row is
    the heading's only neighbour, so 「（一）予以」 over 「予以公开」 is that row, misspelt)."""
    return heading == label or slot_similar(heading, label)


def _fix_labels(specs: list[RowSpec]) -> None:
    """Join label fragments split across cells; let a heading name the row that repeats it."""
    prev_groups: list[Piece] = []
    for s in specs:
        if s.kind != "data":
            continue
        if len(s.labels) > 1:
            kept: list[Piece] = []
            for j, p in enumerate(s.labels[:-1]):
                if level_of(p.text) is None:
                    target = prev_groups[j] if j < len(prev_groups) else None
                    if target is not None:
                        joined = target.joined(p)
                        target.text, target.anchors = joined.text, joined.anchors
                        continue
                    # no group to continue: part of this row's own label
                    kept.append(join_pieces(s.labels[j:]))
                    break
                kept.append(p)
            else:
                kept.append(s.labels[-1])
            s.labels = kept
        prev_groups = [p for p in s.labels[:-1] if level_of(p.text) is not None]

    # ### （一）予以公开 followed by | 予以公开 | …: the heading is the row's label
    # the next non-header row of each row, found in one backward pass (a slice per row was quadratic)
    following: list[RowSpec | None] = [None] * len(specs)
    for idx in range(len(specs) - 2, -1, -1):
        t = specs[idx + 1]
        following[idx] = t if t.kind != "header" else following[idx + 1]
    out = []
    for idx, s in enumerate(specs):
        nxt = following[idx]
        if (
            s.kind == "group"
            and nxt is not None
            and nxt.kind == "data"
            and nxt.labels
            and level_of(nxt.labels[-1].text) is None
            and _repeats(label_body(s.labels[0].text), label_body(nxt.labels[-1].text))
        ):
            nxt.labels[-1] = s.labels[0]
            continue
        out.append(s)
    specs[:] = out

    labelled = [s for s in specs if s.kind == "data" and s.labels]
    patterned = [s for s in labelled if level_of(s.labels[-1].text) is not None]
    for s in specs:
        if s.kind != "data":
            continue
        if not s.labels:
            if labelled:
                s.uncertain.append((None, uncertain_reason("no-label")))
        elif level_of(s.labels[-1].text) is None and len(patterned) * 2 >= len(labelled) and patterned:
            s.uncertain.append((None, uncertain_reason("fragment-label")))
