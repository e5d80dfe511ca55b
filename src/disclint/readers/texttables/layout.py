"""Tables in ``pdftotext -layout`` output: columns are only positions on a line.

A *data line* ends in numbers set apart by two or more spaces. A table is a run of
lines around data lines, from its header (the text lines above the first data line)
to its last data line; it stops at a numbered section heading (``三、收到和处理…``)
or at running prose. Page footers (``-3-``, ``— 3 —``) inside it are skipped.

Values: in every section (表二 splits at ``第二十条第（X）项``) the usual number of
values per line is the column count N. A line with N numbers puts them in order. A
line with fewer numbers (blank cells are not printed) is fitted to the column
positions learnt from the full lines (positions shift from line to line with the
width of the CJK label, so the fit allows one shift per line); when no single fit
is clearly best, the row is marked uncertain. More than N numbers: ragged.

Labels: text pieces (split at two or more spaces) are sorted into columns by their
starting position: the column of stacked single characters at the left edge
(三、/本/年/度/办/理/结/果, joined into one label with an anchor per character),
and the columns where numbered labels start. An unnumbered piece continues the
latest label in its column (a wrapped label: one anchor per piece); a data line
without a label takes the label still waiting for its numbers just above it.
Numbered labels that never get numbers are group labels (（三）不予公开).
A single character (or bare numbering such as 三、) at the left edge of a data line is
a stacked character, never the row label of the numbers beside it: pypdf sets a
wrapped label's numbers on the next line, beside ``度`` (``度     5  0 0 …``), and those
numbers belong to the label waiting above.

Narrow cells wrap labels over several lines, with the numbers on the first, middle or
last of them. The lines above the first numbers that carry a numbering (or, unnumbered,
make part of a schema label: see vocabulary.py) start the body, even when they look
like a section heading — unless they run wider than the table's other labels. Lines
directly below the last numbers that continue its label belong to the table; a short
piece under a label line (left-aligned, centred or right-aligned) ends that label; under
a row that has its numbers, a piece that begins a schema label starts the next row.
Headings wrapped in narrow header cells are joined to the heading above them, and a
block header wrapped in its cell (``第二十条第（一）`` / ``项`` under it) is one header,
each character keeping its own line.

pypdf's layout text also keeps wide gaps inside a block header (``第二十条     第（八）项``,
still one full-width cell) and sets two headings one space apart (``本年废止件数
现行有效件数``, taken apart when that gives exactly one heading per column).
From a PDF the reader also knows where each piece of a line stands on the page
(geocolumns.py): a section whose numbers all stand under its leaf column headings is
placed by x, blank cells included, and an item without numbers is a row of blank cells;
any doubt, and the section is read from the text as above — where a row of it then does
not fit its columns, that is the reader's doubt (the page's text leaves blank cells out
and runs narrow cells together), never a ragged row of the report. A last cell that is a number
with its unit (「251000元」) still ends a schema row's data line.

See common.py for the grid.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from statistics import median

from . import TableRegion, geocolumns, vocabulary
from .common import (
    BLOCK_HEADER_RE,
    Piece,
    RowSpec,
    assemble,
    is_footer,
    join_pieces,
    label_body,
    level_of,
    mode,
    uncertain_reason,
)

_PIECE = re.compile(r"\S+(?: \S+)*")  # text split at runs of two or more spaces
_NUM_TOKEN = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_UNIT = re.compile(r"^[\u4e00-\u9fff]{1,2}$")  # a unit after a number (元, 万元, 件)
_UNIT_VALUE = re.compile(r"^\d[\d,]*(?:\.\d+)?[\u4e00-\u9fff]{1,2}$")
_STACK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
_GLUED = re.compile(r"[\u4e00-\u9fff）)]((?:0|[1-9]\d*))$")
_MAX_GAP = 16  # lines between two data lines of one table
_MAX_GAP_TEXT = 10  # non-blank, non-data lines between them
_MIN_UNNUMBERED = 4  # an unnumbered piece this long that begins a label is no stray tail of the row above
_WIDTH_WINDOW = 80  # lines around a heading-like line compared with its table's labels


def _pieces(line: str) -> list[tuple[str, int]]:
    out = []
    for m in _PIECE.finditer(line):
        text, x = m.group(0), m.start()
        # 「 办 （三）不予公开」: a stacked character one space before a label
        if x <= 3 and len(text) > 2 and text[1] == " " and _STACK.match(text[0]) and level_of(text[2:]) is not None:
            out.append((text[0], x))
            text, x = text[2:], x + 2
        out.append((text, x))
    return out


def _split_numbers(line: str):
    """(label pieces, number tokens) of a data line, or None when it is not one."""
    if "\t" in line or "|" in line:
        return None
    tokens = [(m.group(0), m.start()) for m in re.finditer(r"\S+", line)]
    unit = _unit_value(line, tokens)
    if unit is not None:
        tokens = tokens[:-2] + [unit] if not _UNIT_VALUE.match(tokens[-1][0]) else tokens[:-1] + [unit]
    k = len(tokens) - (unit is not None)
    while k > 0 and _NUM_TOKEN.match(tokens[k - 1][0]):
        k -= 1
    nums = tokens[k:]
    if not nums:
        return None
    first_num = nums[0][1]
    head = line[:first_num]
    # other extractors set values one space apart (016): a run of three or more is a row
    tight = len(nums) >= 3
    if head.strip():
        if not head.endswith("  ") and not tight:
            return None  # 「…共 12」: a number inside prose
        labels = _pieces(head.rstrip()) if not head.endswith("  ") else _pieces(head)
    else:
        labels = []
        if len(nums) == 1 and len(line.strip()) <= 3 and is_footer(line):
            return None
    # numbers in a table are set apart by wide gaps
    for (a, pa), (b, pb) in zip(nums, nums[1:]):
        if pb - (pa + len(a)) < 2 and not tight:
            return None
    if len(nums) == 1 and not labels:
        return None
    if unit is not None and not vocabulary.is_label("".join(t for t, _ in labels)):
        return None  # a number with its unit ends a row only of a schema's table
    long = len(nums) == 1 and sum(len(t) for t, _ in labels) > 20
    if any("。" in t for t, _ in labels) or (long and not vocabulary.is_label("".join(t for t, _ in labels))):
        return None  # a sentence that ends in a number (a schema's long row label is none)
    return labels, nums


def _unit_value(line: str, tokens: list[tuple[str, int]]):
    """The line's last cell when it is a number with its unit (「251000元」, or 「251000 元」
    as two pieces of the page one space apart): a cell the table checks call non-numeric
    (B407), still a cell of its row."""
    if tokens and _UNIT_VALUE.match(tokens[-1][0]):
        return tokens[-1]
    if len(tokens) >= 2 and _NUM_TOKEN.match(tokens[-2][0]) and _UNIT.match(tokens[-1][0]):
        (a, x), (b, y) = tokens[-2:]
        if y == x + len(a) + 1:
            return (line[x : y + len(b)], x)
    return None


def _is_block_header(line: str) -> bool:
    """The line holds a block header (第二十条第（X）项) and nothing else, whatever its spacing."""
    m = BLOCK_HEADER_RE.match(line)
    return m is not None and not line[m.end():].strip()


def _is_section_break(text: str) -> bool:
    t = re.sub(r"\s+", "", text)
    if level_of(t) == 0 and len(t) >= 11 and not any(ch.isdigit() for ch in t):
        return True
    return len(t) >= 30 and "  " not in text.strip()  # running prose


def _wrapped_block_headers(lines: list[str]) -> tuple[list[str], dict[int, tuple[int, int, str]]]:
    """A block header wrapped in its cell (「第二十条第（一）」 / 「项」 under it): the lines
    with the header whole on its first line and its next line blank, and for each such
    first line (next line, column, text) of the part that was moved up, so every
    character keeps its own place."""
    out = list(lines)
    moved: dict[int, tuple[int, int, str]] = {}
    for k in range(len(lines) - 1):
        head, tail = _pieces(out[k]), _pieces(lines[k + 1])
        if len(head) != 1 or len(tail) != 1 or _is_block_header(out[k]):
            continue
        (a, x), (b, y) = head[0], tail[0]
        if _is_block_header(a + b) and _under(y, len(b), x, len(a)):
            out[k] = out[k].rstrip() + b
            out[k + 1] = ""
            moved[k] = (k + 1, y, b)
    return out, moved


def find_tables(lines: list[str]) -> list[TableRegion]:
    lines, moved = _wrapped_block_headers(lines)
    data = [i for i, ln in enumerate(lines) if _split_numbers(ln) is not None and not is_footer(ln)]
    regions: list[TableRegion] = []
    groups: list[list[int]] = []
    soft: list[tuple[int, int]] = []  # (heading-like line, the data line it may head)
    for i in data:
        if groups:
            prev = groups[-1][-1]
            between = [k for k in range(prev + 1, i) if lines[k].strip() and not is_footer(lines[k])]
            breaks = [k for k in between if _is_section_break(lines[k])]
            # the first line of a label wrapped above its numbers is no section heading
            # (checked against the whole table's label width below)
            heads = [k for k in breaks if _heads_wrapped_label(lines, k, i)]
            if i - prev <= _MAX_GAP and len(between) <= _MAX_GAP_TEXT and len(heads) == len(breaks):
                soft.extend((k, i) for k in heads)
                groups[-1].append(i)
                continue
        groups.append([i])
    groups = _split_at_headings(lines, groups, soft)
    for g in groups:
        start = g[0]
        k = start - 1
        while k >= 0 and start - k <= 14:
            s = lines[k].strip()
            if s and _is_section_break(s) and _heads_wrapped_label(lines, k, g[0]) and _no_wider(lines, k, g):
                start = k  # the first row's label, wrapped above its numbers
                k -= 1
                continue
            if s and (_is_section_break(s) or "\t" in lines[k] or "|" in s):
                break
            if s and not is_footer(s):
                start = k
            k -= 1
        end = _wrapped_tail(lines, g[-1])
        if not any(len(_split_numbers(lines[i])[1]) >= 2 for i in g):
            continue
        try:
            table = _build(lines, start, end, set(g), moved)
        except Exception:  # a damaged layout must not stop the reading of the file
            table = None
        if table is not None:
            regions.append(TableRegion(start, end, table))
    return regions


def _split_at_headings(lines: list[str], groups: list[list[int]], soft: list[tuple[int, int]]) -> list[list[int]]:
    """Split a group again at a heading-like line that runs wider than its labels."""
    heads: dict[int, list[int]] = {}
    for k, i in soft:
        heads.setdefault(i, []).append(k)
    out: list[list[int]] = []
    for g in groups:
        wide = {i for i in g for k in heads.get(i, ()) if not _no_wider(lines, k, g)}
        part: list[int] = []
        for i in g:
            if i in wide and part:
                out.append(part)
                part = []
            part.append(i)
        out.append(part)
    return out


def _label_area(line: str) -> int:
    """Where a data line's first number starts: labels stand left of it."""
    return _split_numbers(line)[1][0][1]


def _fragment(line: str, area: int, heading: bool = False) -> str | None:
    """The text of a line that can be part of a wrapped label: one piece left of the
    numbers, not a block header or footer (nor a section heading, unless ``heading``)."""
    parts = _pieces(line)
    if len(parts) != 1 or is_footer(line) or _is_block_header(line):
        return None
    text, x = parts[0]
    if x + len(text) >= area - 1 or (not heading and _is_section_break(text)):
        return None
    return text


def _heads_wrapped_label(lines: list[str], k: int, first: int) -> bool:
    """Line ``k`` looks like a section heading (一、本年新收政府信息公开) but may be the
    first line of the label that data line ``first`` finishes: the lines down to it,
    with no blank between, lie under it (callers also check it is no wider than the
    table's other labels with :func:`_no_wider`: a heading runs wider than a label cell)."""
    labels = _split_numbers(lines[first])[0]
    if len(labels) != 1 or level_of(labels[0][0]) is not None or not 0 < first - k <= 4:
        return False
    area = _label_area(lines[first])
    head = _fragment(lines[k], area, heading=True)
    if head is None:
        return False
    x = _pieces(lines[k])[0][1]
    for j in range(k + 1, first):
        text = _fragment(lines[j], area)
        if text is None or level_of(text) is not None or not _under(_pieces(lines[j])[0][1], len(text), x, len(head)):
            return False
    return _under(labels[0][1], len(labels[0][0]), x, len(head))


def _under(x: int, width: int, above_x: int, above_width: int) -> bool:
    """A piece lies within the extent of the piece above it: the next line of the same
    wrapped cell (left-aligned, centred or right-aligned, it never sticks out)."""
    return above_x - 1 <= x and x + width <= above_x + above_width + 1


def _wrapped_tail(lines: list[str], last: int) -> int:
    """End of a table whose last data line is ``last``: the lines directly below it that
    continue its label (a narrow cell wraps 四、结转下年度继 / 续办理 below the numbers)."""
    area = _label_area(lines[last])
    end = last + 1
    while end < len(lines) and end - last <= 3:
        text = _fragment(lines[end], area)
        if text is None or level_of(text) is not None:
            break
        end += 1
    return end


def _no_wider(lines: list[str], k: int, group: list[int]) -> bool:
    """Line ``k`` ends no further right than the other row labels of the table's body
    (on its data lines and the wrapped label lines between them: the lines of a wrapped
    label fill its cell, so they end where the other labels' lines end)."""
    area = _label_area(lines[group[0]])
    members = set(group)
    right = 0
    nxt = None  # the next data line below line i
    # a window around k is enough to see the table's other labels (and keeps this bounded)
    for i in range(min(group[-1], k + _WIDTH_WINDOW), max(group[0] - 4, k - _WIDTH_WINDOW, 0) - 1, -1):
        if i in members:
            right = max([right] + [x + len(t) for t, x in _split_numbers(lines[i])[0]])
            nxt = i
        elif i != k and (text := _fragment(lines[i], area, heading=True)) is not None:
            if (_is_section_break(text) or i < group[0]) and not (nxt is not None and _heads_wrapped_label(lines, i, nxt)):
                continue
            right = max(right, _pieces(lines[i])[0][1] + len(text))
    text, x = _pieces(lines[k])[0]
    return x + len(text) <= right + 1


def _body_start(lines: list[str], ks: list[int], first_data: int) -> int:
    """The first line of a section's body. A cell whose numbers sit at its middle or
    bottom prints the first lines of its wrapped label above them (一、本年新收政府 /
    信息公开申请数量  3001 …): those lines, up to the one carrying the numbering, are
    the first row's label, not the header."""
    area = _label_area(lines[first_data])
    own = _split_numbers(lines[first_data])[0]
    if any(level_of(t) is not None for t, _ in own):
        return first_data  # the numbers' own label starts on their line
    tail = own[0][0] if len(own) == 1 else None
    i = ks.index(first_data)
    above: list[tuple[int, str]] = []  # the label fragments above the first numbers, upwards
    for k in reversed(ks[:i]):
        if _is_section_break(lines[k]) and _heads_wrapped_label(lines, k, first_data):
            return k  # the region already took it for a label (see find_tables)
        text = _fragment(lines[k], area)
        if text is None or first_data - k > 6:
            break
        if level_of(text) is not None:
            return k
        above.append((k, text))
    if tail is None:
        return first_data
    # an unnumbered label: its lines down to the numbers are part of a schema label,
    # the topmost of them begins it (or they make it whole)
    best = first_data
    for k, text in above:
        tail = text + tail
        if not vocabulary.within_label(tail):
            break
        if vocabulary.is_label(tail):
            return k
        if vocabulary.begins_label(text):
            best = k
    return best


def _starts_next(before: str, text: str) -> bool:
    """``text`` begins a schema label (numbered or not: a label that lost its numbering
    is still the next row) and does not continue ``before`` into one."""
    starts = vocabulary.begins_label(text) or (len(text) >= _MIN_UNNUMBERED and vocabulary.begins_label_unnumbered(text))
    return starts and not vocabulary.begins_label(before + text)


class _Label:
    def __init__(self, piece: Piece, column: int):
        self.piece = piece
        self.column = column
        self.bound = False


def _build(lines: list[str], start: int, end: int, data_lines: set[int], moved: dict):
    # sections at block headers
    specs: list[RowSpec] = []
    sections: list[list[int]] = [[]]
    for k in range(start, end):
        s = lines[k].strip()
        if not s or is_footer(s):
            continue
        if BLOCK_HEADER_RE.match(s) and k not in data_lines:
            sections.append([k])
        else:
            sections[-1].append(k)
    for sec in sections:
        if sec:
            specs.extend(_section(lines, sec, data_lines, moved))
    return assemble(specs, "layout")


def _label_columns(lines, ks, data_lines) -> list[int]:
    """Starting positions of numbered labels in the body (one per label column)."""
    xs = []
    for k in ks:
        parts = _split_numbers(lines[k])[0] if k in data_lines else _pieces(lines[k])
        for text, x in parts:
            if level_of(text) is not None and x > 3:
                xs.append(x)
    cols: list[int] = []
    for x in sorted(xs):
        if not cols or x - cols[-1] > 4:
            cols.append(x)
    return cols


def _section(lines: list[str], ks: list[int], data_lines: set[int], moved: dict, by_page: bool = True) -> list[RowSpec]:
    out: list[RowSpec] = []
    first_data = next((k for k in ks if k in data_lines), None)
    if first_data is None:
        return out
    first_data = _body_start(lines, ks, first_data)
    head = [k for k in ks if k < first_data]
    body = [k for k in ks if k >= first_data]
    counts = Counter(len(_split_numbers(lines[k])[1]) for k in body if k in data_lines)
    n = mode(counts)
    labelled = any(_split_numbers(lines[k])[0] for k in body if k in data_lines)
    by_x = _by_geometry(lines, head, body, data_lines, n) if by_page else None
    if by_x is not None:
        n = by_x[0]
    # read from a page but not placed by x: the text's count of numbers is no count of
    # cells (blank cells print nothing, narrow cells run together), so a row that does
    # not fit is the reader's doubt, not the report's fault; and when the section's
    # usual count is not the named table's, no row of it is read with confidence
    paged = by_x is None and by_page and _on_page(body, data_lines)
    named = geocolumns.leaf_count(lines, head) if paged else None
    doubt_all = named is not None and named != n
    out.extend(_header_rows(lines, head, n + (1 if labelled else 0), moved))

    # label columns: 0 = the stacked characters at the left edge; then numbered-label columns
    cols = _label_columns(lines, body, data_lines)

    def column_of(x: int, text: str) -> int:
        if x <= 3 and len(re.sub(r"\s+", "", text)) <= 2 and _STACK.search(text):
            return 0
        if not cols:
            return 1
        return 1 + min(range(len(cols)), key=lambda j: abs(cols[j] - x))

    stack: list[Piece] = []
    labels: list[_Label] = []
    rows: list[tuple[int, RowSpec, _Label | None, list[tuple[str, int]]]] = []

    def latest(column: int, k: int) -> _Label | None:
        for lab in reversed(labels):
            if lab.column == column:
                return lab if k - lab.piece.last_line <= 5 else None
        return None

    def wraps(x: int, text: str, k: int) -> _Label | None:
        """The label whose last piece is on the line just above and spans ``text``: a
        short piece under it is the end of that label, not a stacked character."""
        for lab in reversed(labels):
            _, line, col = lab.piece.anchors[-1]
            width = len(lab.piece.text) - lab.piece.anchors[-1][0]
            if line == k and width >= 3 and _under(x, len(text), col - 1, width):
                return lab
        return None

    def add_label(text: str, x: int, k: int, on_data: bool, alone: bool) -> _Label | None:
        piece = Piece.at(text, k + 1, x + 1)
        col = column_of(x, text)
        if col == 0 and level_of(text) is None and not (stack and k + 1 - stack[-1].last_line <= 2):
            above = wraps(x, text, k)
            if above is not None and not (on_data and above.bound):
                above.piece = above.piece.joined(piece)
                return above
        if col == 0 and (not (on_data and alone) or _stacked(text, stack, k + 1)):
            stack.append(piece)
            return None
        col = max(col, 1)
        if level_of(text) is None:
            prev = latest(col, k + 1)
            # on a data line an unnumbered piece continues only a label still waiting for
            # numbers; a piece that begins a schema label (numbered or not) and does not
            # continue this one into a label is the next row's (wrapped above its numbers,
            # or its numbering lost), not the tail of a row or group label above it
            if prev is not None and not (on_data and prev.bound) and not _starts_next(prev.piece.text, text):
                prev.piece = prev.piece.joined(piece)
                return prev
        lab = _Label(piece, col)
        labels.append(lab)
        return lab

    below = _labels_level_below(lines, body, data_lines) if by_x is not None else {}
    taken: set[int] = set()  # label lines read with the numbers they stand level with
    for k in body:
        if k in taken:
            continue
        if k in data_lines:
            parts, nums = _split_numbers(lines[k])
            if by_x is not None:
                nums = _page_numbers(lines, k, geocolumns.positions() or {})
            own = None
            if k in below:
                # the row's label stands level with these numbers on the page, but the
                # text set it on the next line: this line's own pieces continue labels
                j, (text, x) = below[k]
                for t, y in parts:
                    add_label(t, y, k, False, False)
                parts = []
                own = add_label(text, x, j, True, True)
                taken.add(j)
            for text, x in parts:
                got = add_label(text, x, k, True, len(parts) == 1)
                if got is not None:
                    own = got
            if own is not None and own.bound:
                own = None  # a fragment joined to a label that already has its numbers
            if own is None:
                # the label still waiting for its numbers just above
                for lab in reversed(labels):
                    if not lab.bound and k + 1 - lab.piece.last_line <= 4:
                        own = lab
                        break
            glued = _GLUED.search(own.piece.text) if own is not None and len(nums) == n - 1 else None
            if glued and own.piece.last_line == k + 1:
                # 「…重新出具0  0 …」: the first number ran into the label
                cut = glued.start(1)
                x = own.piece.anchors[-1][2] - 1 + cut - own.piece.anchors[-1][0]
                nums = [(glued.group(1), x)] + list(nums)
                own.piece = Piece(own.piece.text[:cut], [a for a in own.piece.anchors if a[0] < cut])
            if own is not None:
                own.bound = True
            spec = RowSpec("data", first_line=k + 1)
            rows.append((k, spec, own, nums))
        else:
            for text, x in _pieces(lines[k]):
                add_label(text, x, k, False, False)

    centers = _centers([(k, nums) for k, _, _, nums in rows if len(nums) == n], n)
    for k, spec, own, nums in rows:
        line_no = k + 1
        placed = by_x[1].get(k) if by_x is not None else None
        if placed is not None and len(placed) == len(nums):
            _put(spec, nums, placed, line_no, n)
        else:
            _place_values(spec, nums, line_no, centers, n, paged)
            if doubt_all and not spec.uncertain:
                spec.uncertain.append((None, uncertain_reason("page-count", found=n, expected=named)))
        if own is not None:
            spec.labels = [own.piece]
            spec.first_line = min(line_no, own.piece.line)
            spec.last_line = max(line_no, own.piece.last_line)
        elif labelled:
            spec.uncertain.append((None, uncertain_reason("no-label")))

    # labels that never got numbers: group labels (numbered) or stray text
    items: list[tuple[int, RowSpec]] = [(spec.first_line, spec) for _, spec, _, _ in rows]
    if by_x is not None:
        numbers = [(k, x) for k, _, _, nums in rows for _, x in nums]
        pos = geocolumns.positions() or {}
        for lab in labels:
            if not lab.bound and lab.column > 0 and _blank_row(lab, labels):
                if geocolumns.level_with_numbers((lab.piece.line - 1, lab.piece.col - 1), numbers, pos):
                    # its numbers stand level with it on the page, on another text line
                    return _section(lines, ks, data_lines, moved, by_page=False)
    for lab in labels:
        if lab.bound:
            continue
        if by_x is not None and lab.column > 0 and _blank_row(lab, labels):
            # an item (1.…) with no numbers in a table read by position: its cells are blank
            blank = RowSpec("data", first_line=lab.piece.line, last_line=lab.piece.last_line, labels=[lab.piece])
            blank.values = [Piece.at("", lab.piece.last_line, lab.piece.anchors[-1][2]) for _ in range(n)]
            items.append((lab.piece.line, blank))
        elif level_of(lab.piece.text) is not None:
            items.append((lab.piece.line, RowSpec("group", labels=[lab.piece])))
    if stack:
        joined = join_pieces(stack)
        if level_of(joined.text) is not None:
            items.append((joined.line, RowSpec("group", labels=[joined])))
    items.sort(key=lambda it: (it[0], it[1].kind != "group"))
    out.extend(spec for _, spec in items)
    return out


def _labels_level_below(lines: list[str], body: list[int], data_lines: set[int]) -> dict[int, tuple[int, tuple[str, int]]]:
    """Data lines whose own pieces carry no numbered label, followed by a line that is
    one numbered label standing level with their numbers on the page (pypdf sets a
    label a point lower than its numbers on the next text line): for each, (that line,
    its label piece)."""
    pos = geocolumns.positions() or {}
    out: dict[int, tuple[int, tuple[str, int]]] = {}
    for k, j in zip(body, body[1:]):
        if k not in data_lines or j in data_lines or j != k + 1:
            continue
        parts, nums = _split_numbers(lines[k])
        if any(level_of(t) is not None for t, _ in parts):
            continue
        under = _pieces(lines[j])
        if len(under) != 1 or level_of(under[0][0]) is None:
            continue
        text, x = under[0]
        label = (pos.get(j) or {}).get(x)
        level = [e for _, y in nums if (e := (pos.get(k) or {}).get(y)) is not None]
        if label is None or not level:
            continue
        # level with the numbers, and nearer to them than to the pieces of its own line's row above
        if all(abs(e[4] - label[4]) < 0.5 * label[2] for e in level):
            out[k] = (j, (text, x))
    return out


def _blank_row(lab: _Label, labels: list[_Label]) -> bool:
    """A numbered label without numbers is a row whose cells are all blank, not a group
    label: an item (1.…), or a （X） label with no item beside or below it before the
    next （X） (a group label stands level with its items, never below them all)."""
    level = level_of(lab.piece.text)
    if level == 2:
        return True
    if level != 1:
        return False
    line = lab.piece.line
    after = [o.piece.line for o in labels if o is not lab and o.piece.line > line and (level_of(o.piece.text) or 0) <= 1]
    stop = min(after, default=line + 6)
    return not any(level_of(o.piece.text) == 2 and line <= o.piece.line < stop for o in labels)


def _header_rows(lines: list[str], head: list[int], width: int, moved: dict) -> list[RowSpec]:
    """The header lines above a section's first data line; ``width`` heading fields
    (the label heading, if the rows are labelled, then one per value column)."""
    out: list[RowSpec] = []
    full: tuple[int, list[Piece]] | None = None  # the last header line with one heading per column
    for k in head:
        parts = _pieces(lines[k])
        if full is not None and full[0] == k - 1 and _wrapped_headings(full[1], parts, k):
            # 「本年制发 / 件数」: headings wrapped in narrow cells continue on the next line
            full = (k, full[1])
            continue
        if parts and _is_block_header(lines[k]):
            # 「第二十条     第（八）项」: a wide gap inside the label is still one cell
            ps = [Piece.at(t, k + 1, x + 1) for t, x in parts]
            if k in moved:  # the header's end was wrapped onto the next line
                line, y, tail = moved[k]
                t, x = parts[-1]
                ps[-1] = Piece.at(t[: len(t) - len(tail)], k + 1, x + 1).joined(Piece.at(tail, line + 1, y + 1))
            out.append(RowSpec("span", labels=[join_pieces(ps, " ")]))
            continue
        ps = [Piece.at(t, k + 1, x + 1) for t, x in parts]
        if len(ps) != width:
            # 「本年废止件数 现行有效件数」: two headings one space apart (pypdf), taken
            # apart only when that gives exactly one heading per column
            words = [Piece.at(m.group(0), k + 1, m.start() + 1) for m in re.finditer(r"\S+", lines[k])]
            if len(words) == width and all(len(w.text) >= 2 for w in words):
                ps = words
        if len(ps) == width:
            out.append(RowSpec("header", cells=[(f, p, 1, 1) for f, p in enumerate(ps)]))
            full = (k, ps)
        else:
            out.append(RowSpec("header", cells=[(0, join_pieces(ps, " "), width, 1)]))
    return out


def _wrapped_headings(above: list[Piece], parts: list[tuple[str, int]], k: int) -> bool:
    """Join ``parts`` (line ``k``) to the headings ``above`` when each lies under a
    different one of them, as the next lines of cells too narrow for their heading do."""
    if not parts:
        return False
    owners = []
    for text, x in parts:
        under = [i for i, p in enumerate(above) if _under(x, len(text), p.anchors[-1][2] - 1, len(p.text) - p.anchors[-1][0])]
        if len(under) != 1:
            return False
        owners.append(under[0])
    if len(set(owners)) != len(owners):
        return False
    for (text, x), i in zip(parts, owners):
        joined = above[i].joined(Piece.at(text, k + 1, x + 1))
        above[i].text, above[i].anchors = joined.text, joined.anchors  # the header row holds these pieces
    return True


def _place_values(spec: RowSpec, nums: list[tuple[str, int]], line_no: int, centers, n: int, paged: bool = False) -> None:
    """Put a data line's numbers into the section's ``n`` value columns. ``paged``: the
    line comes from a page whose positions did not place it, so a row that does not fit
    is only doubted (never ragged, which the table checks report as the report's fault)."""
    spec.values = [Piece.at(t, line_no, x + 1) for t, x in nums]
    if len(nums) > n:
        if not paged:
            spec.ragged = (len(nums), n)
        spec.uncertain.append((None, uncertain_reason("page-ragged" if paged else "ragged", found=len(nums), expected=n)))
    elif len(nums) < n:
        placed = _fit(nums, centers, n)
        if placed is None:
            if not paged:
                spec.ragged = (len(nums), n)
            spec.uncertain.append((None, uncertain_reason("page-columns" if paged else "columns", found=len(nums), expected=n)))
        else:
            _put(spec, nums, placed, line_no, n)


def _on_page(body: list[int], data_lines: set[int]) -> bool:
    """The section's data lines were read from a page (a PDF: their pieces' positions
    are known)."""
    pos = geocolumns.positions() or {}
    return any(pos.get(k) for k in body if k in data_lines)


def _put(spec: RowSpec, nums: list[tuple[str, int]], placed: list[int], line_no: int, n: int) -> None:
    """The row's ``n`` values with the numbers in columns ``placed``: blank cells are
    not printed, so a missing column is an empty cell at the line's first number."""
    by_col = dict(zip(placed, nums))
    spec.values = [
        Piece.at(by_col[c][0], line_no, by_col[c][1] + 1) if c in by_col else Piece.at("", line_no, nums[0][1] + 1)
        for c in range(n)
    ]


def _by_geometry(lines, head, body, data_lines, n):
    """(column count, heading index of each number per data line) when the page's
    positions place every number of the section under a leaf heading (geocolumns.py);
    None otherwise, and the section is read from the text alone."""
    pos = geocolumns.positions()
    if not pos:
        return None
    rows = [(k, _page_numbers(lines, k, pos)) for k in body if k in data_lines]
    cols = geocolumns.columns(lines, head, pos)
    if cols is not None and len(cols) >= n:
        placed = geocolumns.place(rows, cols, pos)
        if placed is not None:
            return len(cols), placed
    # headings not over their columns: the values' own x clusters, when they are as
    # many as the named table's value columns
    count = geocolumns.leaf_count(lines, head)
    if count is None or count < max((len(nums) for _, nums in rows), default=0):
        return None
    placed = geocolumns.place_by_clusters(rows, count, pos)
    return None if placed is None else (count, placed)


def _page_numbers(lines: list[str], k: int, pos) -> list[tuple[str, int]]:
    """The numbers of data line ``k``, a token cut where another piece of the page
    begins inside it (two narrow cells print 「3001」「53」 as 「300153」)."""
    at = pos.get(k) or {}
    out = []
    for t, x in _split_numbers(lines[k])[1]:
        cuts = [0] + sorted(c - x for c in at if x < c < x + len(t)) + [len(t)]
        parts = [(t[a:b], x + a) for a, b in zip(cuts, cuts[1:])]
        out.extend(parts if all(_NUM_TOKEN.match(p) for p, _ in parts) else [(t, x)])
    return out


def _stacked(text: str, stack: list[Piece], line_no: int) -> bool:
    """A short piece at the left edge of a data line is a character of a vertical label
    (三、/本/年/度 … stacked one per line), never the row label of the numbers beside it:
    no row label of the official tables is one character or bare numbering, and a
    two-character piece continues a stack that reached the lines just above."""
    body = re.sub(r"\s+", "", text)
    if len(body) == 1 or (level_of(body) is not None and not label_body(body)):
        return True
    return bool(stack) and len(body) <= 2 and line_no - stack[-1].last_line <= 2


def _centers(full, n):
    """Typical right-edge position of each column, relative to the line's last number."""
    if not full:
        return None
    rel = [[x + len(t) - (nums[-1][1] + len(nums[-1][0])) for t, x in nums] for _, nums in full]
    return [median(r[j] for r in rel) for j in range(n)]


def _fit(nums, centers, n):
    """Columns for a line with fewer numbers than columns, or None when unsure."""
    if centers is None or not nums:
        return None
    xs = [x + len(t) for t, x in nums]
    scored = []
    for combo in itertools.combinations(range(n), len(nums)):
        diffs = [x - centers[c] for x, c in zip(xs, combo)]
        shift = sum(diffs) / len(diffs)
        scored.append((sum((d - shift) ** 2 for d in diffs), combo))
    scored.sort()
    if len(scored) > 1 and (len(nums) < 2 or scored[1][0] - scored[0][0] < 9):
        return None
    return list(scored[0][1])
