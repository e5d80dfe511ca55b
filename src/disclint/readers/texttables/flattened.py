"""Tables inside a page flattened onto one line, with run-together digits.

Archived pages (``page.txt``) hold the whole report on one line; the HTML tables
were flattened with no separator between cells, e.g.
``规章000规范性文件898989`` or ``一、本年新收政府信息公开申请数量230 000023``.
This module finds 表二 (第二十条 blocks), 表三 (收到和处理申请) and 表四 (复议、诉讼)
in such a line and rebuilds each as a grid. Anything else (e.g. the pre-2019
指标名称/计量单位 statistics table) is left alone: we only claim text whose labels we
know, read in the schemas' order. The 表二 and 表三 labels, the words each 表三 row is
found by and the identities that settle split digits are the vocabulary's
(:mod:`.vocabulary`): the table schemas of every rule set the linter loaded.

Grid convention (``Table.source == "flattened"``)
-------------------------------------------------
The grid ``texttables/common.py`` documents for every text table: label columns
first, placed by numbering level (一、 → 0, （一） → 1, 1. → 2; a leaf spans the
remaining label columns), group labels as ONE cell spanning their rows, block
headers spanning the full width, ``信息内容`` + headings as an ordinary header row,
then the value columns in source order. Two additions of ours: a value cell in a
block narrower than the table (2021 表二 （五）（六）（八）) spans the remaining
columns, and a row we could not split keeps its raw run as one cell spanning all
its value columns. In detail:

* 表三: 10 columns — 3 label columns, then the 7 numeric columns 自然人, 商业企业,
  科研机构, 社会公益组织, 法律服务机构, 其他, 总计 (grid columns 3..9).
  Rows 0-2 are header rows (the 勾稽关系 note spans rows 0-2 × columns 0-2;
  申请人情况 spans row 0 × columns 3-9; 自然人 and 总计 span rows 1-2; 法人或其他组织
  spans columns 4-8 of row 1; row 2 holds the five organisation kinds); header cells
  the text does not contain are simply absent, and with no header at all the data
  rows start at row 0. One grid row per data row: 一/二/四 labels span columns 0-2;
  三、本年度办理结果 sits in column 0 spanning all result rows; （一）（二）（七）and the
  2019 leaf （六） span columns 1-2; the group labels （三）（四）（五）and the 2021 （六）
  sit in column 1 spanning their items; item labels (``1.属于国家秘密``) sit in
  column 2. A repeated 三、本年度办理结果 (page-split header) adds no cell.
* 表四: 15 numeric columns; header rows 0-2 as in the HTML table (行政复议 over
  columns 0-4, 行政诉讼 over 5-14, 未经复议直接起诉 over 5-9, 复议后起诉 over 10-14,
  结果维持…总计 under each), then one data row with no label cell.
* 表二: one table for all 第二十条 blocks. Width W = 1 + the widest block's column
  count. Per block: a header row (``第二十条第（一）项`` spanning all W columns), a
  sub-header row (``信息内容`` in column 0, the column headings from column 1), then
  its data rows (label in column 0, values from column 1). In a block narrower than
  W, the last heading and the last value span the remaining columns.

Cell text is the source text with whitespace runs folded to one space; units stay
in the cell as written (``246900元``). Each cell's TextMap points at this line and
the 1-based column of its first character.

Labels with a slip
------------------
Labels are found by their keys as printed. When the next expected label is not there,
it is looked for approximately (:func:`disclint.analysis.alignment.find_near`, a few
edits allowed by its length) right after the value run, so a label with an inserted,
lost or changed character still ends the run and is read as that row (the table
checks then name the slip); a row whose label is followed directly by the next label
keeps its label and no value cells; one or two stray characters before a label
(三三、本年度办理结果) are read as part of it. 表二 headings and labels are matched the
same way. A year glued to 年 after a table (「…00000002025年，…」) ends the run.

Splitting run-together digits
-----------------------------
A row's value run is cut into *chunks* that are certainly separate: at whitespace,
before a sign (``+``/``-``), and after a unit (元, 万元, 个, 件, 项, 条). A cell never
crosses a chunk boundary; a chunk may hold several cells. A cell is ``0`` or a
number with no leading zero, never starts or ends at a decimal point, carries a
sign only in a 本年增/减 column and a decimal part only in a 金额 column (表二);
表三 and 表四 cells are plain non-negative integers of at most 7 digits. The search
has a budget; a run too long to search is treated as ambiguous. Then:

* exactly one possible split (e.g. N digits for N cells) → use it, even when the
  row does not balance — the balance checker reports that, not us;
* several splits → keep those satisfying the row's own identity (表三: 总计 = the
  six applicant columns; 表四: each group's 总计 = 维持+纠正+其他+尚未审结).
  Exactly one → use it. Several → ambiguous: the row keeps its raw run as ONE cell
  spanning all its numeric columns and ``table.uncertain`` gets
  ``Uncertainty(span_of_run, "…无法唯一拆分…", row=r)``.
  None → the same raw cell, and an ``Uncertainty`` whose reason starts with the
  marker ``NOFIT:`` followed by a Chinese explanation quoting the raw digits. The
  balance checker turns NOFIT into a B finding (no split makes the row balance);
  every other uncertainty is reported at info level only.
* 表三 only — the column rule: rows still ambiguous are settled together when
  exactly one combination of their balancing splits also satisfies the table's
  column identities marked ``settles-splits`` in the schemas (results add up to
  （七）总计; 一+二 = （七）+四), see
  ``_t3_splits``. Otherwise they stay ambiguous as above.
* 表二 rows have no identity: several splits are always ambiguous (we never guess
  from plausibility, e.g. ``898989`` stays unsplit).
* no split at all (too few or too many characters, stray text) → the raw cell,
  ``table.ragged[r] = (found, expected)`` and an Uncertainty saying the run cannot
  be cut into N cells.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from ...analysis.alignment import MAX_SEGMENT, allowed_edits, close, find_near, match_at, segment, slot_similar
from ...model import Cell, Span, Table, TextMap, Uncertainty
from ...normalize import normalize, normalize_with_map
from . import InlineRegion, vocabulary

__all__ = ["find_inline_tables", "split_run", "written_run", "Column", "NOFIT"]

NOFIT = "NOFIT:"

_UNITS = ("万元", "元", "个", "件", "项", "条")
_UNIT_CHARS = set("".join(_UNITS))
_SIGNS = set("+-−－＋")
_WS = set(" \t\u3000\xa0\u200b")
_VALUE_CHARS = set("0123456789０１２３４５６７８９.．") | _SIGNS | _UNIT_CHARS | _WS
# a value run may not be longer than this many characters per cell (keeps the
# enumeration small and rejects page numbers / phone numbers glued to a label)
_MAX_CELL_CHARS = 14


# --------------------------------------------------------------------------------------
# splitting one value run


@dataclass(frozen=True)
class Column:
    """What a numeric column may hold."""

    signed: bool = False  # 本年增/减
    decimal: bool = False  # 金额 columns
    units: bool = False  # 表二 cells may carry 元/个… as written
    max_len: int = _MAX_CELL_CHARS  # at most this many characters in one cell


# 表三/表四 counts: plain integers of at most 7 digits (under ten million applications)
INT = Column(max_len=7)
# enumeration budget: beyond this many search states a row is called ambiguous
_BUDGET = 200_000


class _TooComplex(Exception):
    pass


@dataclass
class Split:
    """The outcome of splitting one run into N cells.

    ``cells`` holds (start, end) offsets into the run when the split is certain;
    ``status`` is ``unique`` (only one split exists), ``fit`` (only one balances),
    ``ambiguous``, ``nofit`` or ``impossible``.
    """

    status: str
    cells: list[tuple[int, int]] = field(default_factory=list)
    n_splits: int = 0  # splits found (capped), for messages
    found: int = 0  # for impossible: how many cells the run could give
    candidates: list[list[tuple[int, int]]] = field(default_factory=list)  # ambiguous: the balancing splits


_CELL_RX = re.compile(r"^([+\-])?(0|[1-9][0-9]*)(\.[0-9]+)?(万元|元|个|件|项|条)?$")


def _fold_value(text: str) -> str:
    out = []
    for ch in text:
        if ch in "−－":
            out.append("-")
        elif ch == "＋":
            out.append("+")
        elif ch == "．":
            out.append(".")
        else:
            f = unicodedata.normalize("NFKC", ch)
            out.append(f if len(f) == 1 else ch)
    return "".join(out)


def _chunks(run: str) -> list[tuple[int, int]]:
    """Certain boundaries: whitespace, before a sign, after a unit."""
    out: list[tuple[int, int]] = []
    start = None
    i = 0
    n = len(run)
    while i < n:
        ch = run[i]
        if ch in _WS:
            if start is not None:
                out.append((start, i))
                start = None
            i += 1
            continue
        if ch in _SIGNS and start is not None:
            out.append((start, i))
            start = None
        if start is None:
            start = i
        if run.startswith("万元", i):
            out.append((start, i + 2))
            start = None
            i += 2
            continue
        if ch in _UNIT_CHARS:
            out.append((start, i + 1))
            start = None
        i += 1
    if start is not None:
        out.append((start, n))
    return out


def _cell_value(text: str, col: Column):
    """The number in a cell text, or None when the text is not a valid cell here."""
    m = _CELL_RX.match(text)
    if not m:
        return None
    sign, whole, frac, unit = m.groups()
    if sign and not col.signed:
        return None
    if frac and not col.decimal:
        return None
    if unit and not col.units:
        return None
    if frac:
        v = float(whole + frac)  # only 金额 columns, which no identity sums
        return -v if sign == "-" else v
    v = int(whole)
    return -v if sign == "-" else v


def written_run(run: str, s: int, e: int) -> str:
    """The digits as written around ``run[s:e]`` when that cell was cut out of a longer stretch
    with no space in it (a split digit run); "" when the cell stood alone."""
    a, z = s, e
    while a > 0 and not run[a - 1].isspace():
        a -= 1
    while z < len(run) and not run[z].isspace():
        z += 1
    return run[a:z] if (a, z) != (s, e) else ""


def split_run(run: str, columns: list[Column], groups: list[tuple[int, int]] = (), cap: int = 2,
              keep: int = 0) -> Split:
    """Split ``run`` into ``len(columns)`` cells.

    ``groups`` lists (first, last) column indices (inclusive) whose last column must
    equal the sum of the others (the row's identity); it only decides between
    several possible splits. When several balance, up to ``cap`` of them are kept
    in ``candidates``. With ``keep``, a row with no identity keeps up to ``keep`` of
    its splits in ``candidates`` (for other evidence to choose from; ``keep`` found
    means there may be more).
    """
    n = len(columns)
    folded = _fold_value(run)
    chunks = _chunks(folded)
    n_chars = sum(e - s for s, e in chunks)
    if not chunks or len(chunks) > n or n_chars < n or n_chars > sum(c.max_len for c in columns):
        found = len(chunks) if len(chunks) > n else n_chars
        return Split("impossible", found=found)
    if any(set(folded[s:e]) - set("0123456789.+-") - _UNIT_CHARS for s, e in chunks):
        return Split("impossible", found=0)
    group_of: dict[int, tuple[int, int]] = {}
    for g in groups:
        for c in range(g[0], g[1] + 1):
            group_of[c] = g

    def search(chs: list[tuple[int, int]], n_cells: int, check: bool, cap: int, target: int | None) -> tuple:
        """Splits of ``chs`` into cells 0..n_cells-1 (at most ``cap``).

        With ``check``, each group's total must equal the sum of its addends; a group
        reaching past ``n_cells`` (the last group, whose total the caller fixed) must
        sum to ``target``, and its addends are pruned against it.
        """
        remaining = [0] * (len(chs) + 1)
        for i in range(len(chs) - 1, -1, -1):
            remaining[i] = remaining[i + 1] + chs[i][1] - chs[i][0]
        budget = [_BUDGET]

        @functools.lru_cache(maxsize=None)
        def rec(ci: int, k: int, cell: int, partial: int) -> tuple:
            budget[0] -= 1
            if budget[0] < 0:
                raise _TooComplex
            if ci == len(chs):
                if cell != n_cells:
                    return ()
                return ((),) if target is None or partial == target else ()
            if cell == n_cells:
                return ()
            cs, ce = chs[ci]
            if remaining[ci] - k < n_cells - cell or len(chs) - ci > n_cells - cell:
                return ()
            col = columns[cell]
            g = group_of.get(cell) if check else None
            open_group = g is not None and g[1] >= n_cells  # the group whose total is ``target``
            out: list = []
            for e in range(k + 1, min(ce - cs, k + col.max_len) + 1):
                val = _cell_value(folded[cs + k: cs + e], col)
                if val is None:
                    continue
                new_partial = partial
                if g is not None:
                    if cell == g[1]:
                        if val != partial:
                            continue
                        new_partial = 0
                    else:
                        new_partial = partial + val
                        limit = target if open_group else 10 ** columns[g[1]].max_len - 1
                        if new_partial > limit:
                            break  # longer cells only grow
                if e == ce - cs:
                    subs = rec(ci + 1, 0, cell + 1, new_partial)
                else:
                    subs = rec(ci, e, cell + 1, new_partial)
                for sub in subs:
                    out.append(((cs + k, cs + e),) + sub)
                    if len(out) >= cap:
                        return tuple(out)
            return tuple(out)

        return rec(0, 0, 0, 0)

    def solve(check: bool, cap: int) -> tuple:
        last = groups[-1] if groups else None
        if not check or last is None or last[1] != n - 1:
            return search(chunks, n, check, cap, None)
        # The last column is a total: it is a suffix of the run. Fix it first, so the
        # addends before it can be pruned against its value.
        out: list = []
        cs, ce = chunks[-1]
        for length in range(1, min(ce - cs, columns[-1].max_len) + 1):
            total = _cell_value(folded[ce - length: ce], columns[-1])
            if total is None:
                continue
            head = chunks[:-1] + ([(cs, ce - length)] if length < ce - cs else [])
            if not head:
                continue
            for sub in search(head, n - 1, True, cap - len(out), total):
                out.append(sub + ((ce - length, ce),))
            if len(out) >= cap:
                break
        return tuple(out)

    try:
        every = solve(False, max(2, keep))
    except _TooComplex:
        return Split("ambiguous", n_splits=0)
    if not every:
        return Split("impossible", found=min(n_chars, max(len(chunks), 1)))
    if len(every) == 1:
        return Split("unique", list(every[0]), 1)
    if not groups:
        return Split("ambiguous", n_splits=min(len(every), 2), candidates=[list(e) for e in every] if keep else [])
    try:
        fitting = solve(True, max(cap, 2))
    except _TooComplex:
        return Split("ambiguous", n_splits=0)
    if len(fitting) == 1:
        return Split("fit", list(fitting[0]), 1)
    if not fitting:
        return Split("nofit", n_splits=len(every))
    return Split("ambiguous", n_splits=len(fitting), candidates=[list(f) for f in fitting])


# --------------------------------------------------------------------------------------
# locating labels on the normalised line


# a year written in digits right before 年 (four digits: a cell before it keeps the rest)
_DATE_TAIL = re.compile(r"(?:19|20)[0-9]{2}年")


class _Line:
    """One flattened line with its normalised form (labels are matched there)."""

    def __init__(self, line: str, line_no: int):
        self.line = line
        self.line_no = line_no
        self.norm, self.where = normalize_with_map(line)
        v = vocabulary.current()  # the labels it is read with (the loaded rule sets')
        self.t2 = _t2_words_of(v)
        self.t3 = _t3_entries_of(v)

    def nidx(self, offset: int) -> int:
        """Normalised index of the first kept character at or after ``offset``."""
        return bisect.bisect_left(self.where, offset)

    def search(self, rx: re.Pattern, offset: int) -> tuple[int, int] | None:
        m = rx.search(self.norm, self.nidx(offset))
        return self._orig(m)

    def match(self, rx: re.Pattern, offset: int) -> tuple[int, int] | None:
        """``rx`` starting at the first non-space character at or after ``offset``."""
        m = rx.match(self.norm, self.nidx(offset))
        return self._orig(m)

    def next(self, rx: re.Pattern, offset: int) -> tuple[int, int] | None:
        """``rx`` at ``offset``, past whitespace only (``match`` alone also steps over the
        zero-width characters normalisation drops)."""
        hit = self.match(rx, offset)
        return hit if hit is not None and self.blank(offset, hit[0]) else None

    def norm_text(self, s: int, e: int) -> str:
        """The normalised text of ``line[s:e]`` (a matched word as the patterns spell it)."""
        return self.norm[self.nidx(s):self.nidx(e)]

    def _orig(self, m) -> tuple[int, int] | None:
        if m is None or m.end() == m.start():
            return None
        return self.where[m.start()], self.where[m.end() - 1] + 1

    def blank(self, s: int, e: int) -> bool:
        return not self.line[s:e].strip()

    def value_like(self, s: int, e: int) -> bool:
        return all(ch in _VALUE_CHARS for ch in self.line[s:e])

    def value_end(self, s: int) -> int:
        """End of the value run starting at ``s`` (trailing whitespace excluded).

        A year glued to 年 after the run is the next sentence's date, not cells:
        「…00000002025年，我局…」 ends the run before 2025.
        """
        e = s
        while e < len(self.line) and self.line[e] in _VALUE_CHARS:
            e += 1
        m = _DATE_TAIL.search(self.line, s, e + 1) if e < len(self.line) else None
        if m is not None and m.end() == e + 1:
            e = m.start()
        while e > s and self.line[e - 1] in _WS:
            e -= 1
        return e

    def first_value(self, s: int, limit: int) -> int | None:
        """Offset of the first digit or sign at or after ``s`` (at most ``limit`` chars on)."""
        for i in range(s, min(len(self.line), s + limit)):
            ch = self.line[i]
            if ch.isdigit() or ch in _SIGNS:
                return i
        return None

    def cell(self, s: int, e: int, row: int, col: int, rowspan: int = 1, colspan: int = 1) -> Cell:
        """A cell for ``line[s:e]`` (outer whitespace stripped, inner runs folded)."""
        while s < e and self.line[s] in _WS:
            s += 1
        while e > s and self.line[e - 1] in _WS:
            e -= 1
        text: list[str] = []
        anchors = [(0, self.line_no, s + 1)]
        i = s
        while i < e:
            ch = self.line[i]
            if ch in _WS or ch.isspace():
                j = i
                while j < e and (self.line[j] in _WS or self.line[j].isspace()):
                    j += 1
                text.append(" ")
                anchors.append((len(text), self.line_no, j + 1))
                i = j
                continue
            text.append(ch)
            i += 1
        return Cell("".join(text), row, col, TextMap(anchors), rowspan, colspan)

    def span(self, s: int, e: int) -> Span:
        return TextMap.single(self.line_no, 1).span(s, e)


# --------------------------------------------------------------------------------------
# rows and tables


@dataclass
class _Row:
    label: tuple[int, int] | None  # label text span (None for 表四's data row)
    run: tuple[int, int] | None  # value run span
    kind: str = "leaf"  # top | result-group | leaf | group | item
    parent: int | None = None  # index of the group row for items
    entry: int | None = None  # 表三: which of the line's 表三 entries the row was read as

    @property
    def value_run(self) -> tuple[int, int]:
        """The value run; empty, right after the label, when none was found."""
        return self.run or (self.label[1], self.label[1])


def _values(t: _Line, table_row: int, first_col: int, run: tuple[int, int], columns: list[Column],
            groups: list[tuple[int, int]], fill: int, cells: list[Cell], table: dict,
            sp: Split | None = None) -> None:
    """Split one value run and append its cells (or the raw run) to ``cells``.

    ``fill`` is the number of grid columns the row's values occupy (≥ the number of
    cells): the last cell, or the raw run, spans what is left. ``sp`` is the split
    when the caller already has it.
    """
    s, e = run
    raw = t.line[s:e]
    raw_shown = " ".join(raw.split())
    n = len(columns)
    if e <= s:
        return  # a row printed with its label only: no cells (the table checks say so)
    if sp is None:
        sp = split_run(raw, columns, groups)
    if sp.status in ("unique", "fit"):
        for k, (cs, ce) in enumerate(sp.cells):
            span = fill - k if k == n - 1 else 1
            cells.append(t.cell(s + cs, s + ce, table_row, first_col + k, colspan=max(span, 1)))
            cells[-1].raw = written_run(raw, cs, ce)
        return
    if e > s:
        cells.append(t.cell(s, e, table_row, first_col, colspan=max(fill, 1)))
        where = t.span(s, e)
    else:
        where = t.span(s, s + 1)
    if sp.status == "ambiguous":
        if sp.n_splits == 0:  # gave up: too many ways to try
            reason = f"数字串「{raw_shown}」应拆为{n}个单元格，可能的拆法过多，无法唯一拆分，本行不参与计算"
        else:
            why = "且都满足本行合计关系" if groups else "且表格没有可据以判断的合计关系"
            reason = f"数字串「{raw_shown}」应拆为{n}个单元格，有多种拆法{why}，无法唯一拆分，本行不参与计算"
    elif sp.status == "nofit":
        reason = (f"{NOFIT}数字串「{raw_shown}」应拆为{n}个单元格，但没有任何一种拆法能使本行的总计"
                  f"等于各分项之和")
    else:
        table["ragged"][table_row] = (sp.found, n)
        reason = f"数字串「{raw_shown or '（空）'}」无法拆为{n}个单元格，本行不参与计算"
    table["uncertain"].append(Uncertainty(where, reason, row=table_row))


def _make_table(t: _Line, start: int, cells: list[Cell], acc: dict) -> Table:
    return Table(cells=cells, textmap=TextMap.single(t.line_no, start + 1), source="flattened",
                 uncertain=acc["uncertain"], ragged=acc["ragged"])


def _new_acc() -> dict:
    return {"uncertain": [], "ragged": {}}


def _first(t: _Line, rx: re.Pattern, offset: int, accept):
    """The first hit of ``rx`` at or after ``offset`` that ``accept(hit)`` takes (returns
    something other than None): ``(hit, what accept returned)``, or None."""
    pos = offset
    while True:
        hit = t.search(rx, pos)
        if hit is None:
            return None
        got = accept(hit)
        if got is not None:
            return hit, got
        pos = hit[1]


# ---- 表三 ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Head:
    """A table's header as the flattened reader finds it: the schema's header words
    (vocabulary.HeaderLayout), a pattern for them, the words of its first row (where the
    header starts), and the value columns with their total groups (for digit splits)."""

    layout: vocabulary.HeaderLayout
    words: tuple[str, ...]
    rx: re.Pattern
    first_row: tuple[str, ...]
    places: dict
    columns: tuple
    groups: tuple


@functools.lru_cache(maxsize=8)
def _head_of(layout: vocabulary.HeaderLayout) -> _Head:
    words = tuple(w for w, _ in layout.words)
    first = tuple(w for w, places in layout.words if places[0][0] == 0)
    return _Head(layout, words, re.compile("|".join(map(re.escape, words)) or r"(?!)"), first, layout.places(),
                 tuple([INT] * layout.value_columns), tuple(layout.total_groups))


def _t3_head() -> _Head:
    return _head_of(vocabulary.current().table3_header)


def _t4_head() -> _Head:
    return _head_of(vocabulary.current().table4_header)


@dataclass(frozen=True)
class _Entry:
    """A 表三 row as looked for: its words (``find-by``), after its numbering if printed."""

    rx: re.Pattern
    kind: str  # top | result-group | leaf | group | maybe-group | item
    optional: bool
    label: str  # the whole label as the schema prints it (normalised), for approximate search
    key: str
    parent: str | None


def _numbering_rx(numbering: str) -> str:
    if numbering[-1:] in ("、", "."):  # 一、 / 1. are printed with either
        return re.escape(numbering[:-1]) + "[、.]"
    return re.escape(numbering)


@functools.lru_cache(maxsize=8)
def _t3_entries_of(v: vocabulary.TableVocabulary) -> tuple[_Entry, ...]:
    """The 表三 rows of the vocabulary in order. A label's numbering is optional here: a
    row that dropped it (「予以公开」 for 「（一）予以公开」) is still that row, and the table
    checks say so (T214). The first row starts the table, so without its numbering it is
    taken only right after the header."""
    return tuple(_Entry(re.compile((f"(?:{_numbering_rx(r.numbering)})?" if r.numbering else "") + re.escape(r.find_by)),
                        r.kind, r.optional, r.label, r.key, r.parent) for r in v.table3_rows if r.find_by)


_STRAY = 2  # at most this many stray characters in front of a label (三三、本年度办理结果)
_LABEL_LIMIT = 80  # a label runs at most this far from its key to the first digit


@functools.lru_cache(maxsize=8)
def _t3_repeat_of(v: vocabulary.TableVocabulary) -> re.Pattern:
    """A result-group heading printed again (after a page break), with its numbering: the
    rows below it go on with the same table."""
    heads = [_numbering_rx(r.numbering) + re.escape(r.find_by) for r in v.table3_rows
             if r.kind == "result-group" and r.numbering and r.find_by]
    return re.compile("|".join(heads) or r"(?!)")


@functools.lru_cache(maxsize=8)
def _t3_note_of(v: vocabulary.TableVocabulary) -> re.Pattern:
    """表三's header note (「（本列数据的勾稽关系为：…）」) by its first clause: reports word the
    rest of it differently (the identity it states), so that part only has to stay in the
    parentheses and about the schema note's length."""
    notes = []
    for note in v.table3_notes:
        inner = note[1:-1] if note[:1] == "(" and note[-1:] == ")" else ""
        opening = re.split(r"[:,;、。]", inner, maxsplit=1)[0]
        if opening:
            notes.append(r"\(" + re.escape(opening) + r"[^()]{0,%d}\)" % max(60, 2 * len(inner)))
    return re.compile("|".join(notes) or r"(?!)")


def _t3_header(t: _Line, first_row: int) -> tuple[int, list[tuple[str, int, int]]]:
    """The header words just before the first row: (region start, [(word, s, e)])."""
    # Walk backwards is awkward on the normalised text; look in a window instead.
    window_start = max(0, first_row - 300)
    head = _t3_head()
    words: list[tuple[str, int, int]] = []
    note = None
    pos = window_start
    while True:
        hit = t.search(_t3_note_of(vocabulary.current()), pos)
        if hit is None or hit[0] >= first_row:
            break
        note = hit
        pos = hit[1]
    pos = note[1] if note else window_start
    if note is None:
        hit = t.search(re.compile("|".join(map(re.escape, head.first_row)) or r"(?!)"), window_start)
        if hit is None or hit[0] >= first_row:
            return first_row, []
        pos = hit[0]
    start = note[0] if note else pos
    # every non-space character between here and the first row must be a header word
    while True:
        nxt = t.match(head.rx, pos)  # past whitespace (and zero-width characters) only
        word = t.norm_text(*nxt) if nxt is not None else None
        if nxt is None:  # a misspelt heading still holds its place (the table checks name it)
            got = _near_word(t, pos, first_row, list(head.words), head.rx, {w for w, _, _ in words})
            if got is not None:
                word, nxt = got
        if nxt is None or nxt[0] >= first_row:
            break
        words.append((word, nxt[0], nxt[1]))
        pos = nxt[1]
    if not t.blank(pos, first_row):
        return first_row, []  # stray text: do not claim it as a header
    if note:
        words.insert(0, ("note", note[0], note[1]))
    return start, words


def _near_word(t: _Line, pos: int, end: int, vocab: list[str], rx: re.Pattern,
               seen: set[str] = frozenset()) -> tuple[str, tuple[int, int]] | None:
    """A header word of ``vocab`` written with a slip at ``pos`` (before ``end``):
    ``(the word, (start, end))``. Within a few edits (:func:`close`); else the text up
    to the next word ``rx`` finds (or ``end``), when it is like exactly one word not in
    ``seen`` (:func:`slot_similar`: it stands in that word's slot)."""
    s = t.nidx(pos)
    e_max = t.nidx(end)
    # within a few edits: of the readings, the one the next word (or the end) follows
    # as printed, then the fewest edits, then the longest (run-together words: 科研机社会…
    # is 科研机 and 社会…, not 科研机社 and 会…); two words read equally well: none
    readings = []
    for k, w in enumerate(dict.fromkeys(vocab)):
        lim = allowed_edits(w)
        for n in range(max(1, len(w) - lim), len(w) + lim + 1):
            if s + n > e_max:
                break
            d = close(t.norm[s:s + n], w)
            if d is not None:
                follows = s + n == e_max or rx.match(t.norm, s + n) is not None
                readings.append(((not follows, d, -n), w, n))
    if readings:
        readings.sort(key=lambda r: r[0])
        best = readings[0]
        if any(r[0] == best[0] and r[1] != best[1] for r in readings[1:]):
            return None
        hit = (t.where[s], t.where[s + best[2] - 1] + 1)
        return (best[1], hit) if t.blank(pos, hit[0]) and hit[1] <= end else None
    nxt = t.search(rx, pos)
    e = t.nidx(nxt[0]) if nxt is not None and nxt[0] < end else t.nidx(end)
    piece = t.norm[s:e]
    if not 2 <= len(piece) <= max(map(len, vocab)) + 2 or any(ch.isdigit() for ch in piece):
        return None
    like = [w for w in dict.fromkeys(vocab) if w not in seen and slot_similar(piece, w)]
    if len(like) != 1:
        return None
    return like[0], (t.where[s], t.where[e - 1] + 1)


def _find_t3(t: _Line, offset: int):
    """The first 表三 at or after ``offset``: (start, end, table) or None."""
    if not t.t3:
        return None
    found = _first(t, t.t3[0].rx, offset, lambda hit: _first_label_end(t, hit) if (
        _NEXT_KEY.match(t.line, hit[0]) or _t3_header(t, hit[0])[1]) else None)
    if found is None:
        return None
    hit, v = found
    rows: list[_Row] = [_Row((hit[0], v), None, "top", entry=0)]
    cursor = v
    i = 1
    group_idx: int | None = None
    result_idx: int | None = None
    complete = False
    while i < len(t.t3):
        prev = rows[-1]
        # candidates: entries from i up to and including the first required one
        cands: list[int] = []
        j = i
        while j < len(t.t3):
            cands.append(j)
            if not t.t3[j].optional:
                break
            j += 1
        best = None
        for j in cands:
            hit = t.search(t.t3[j].rx, cursor)
            if hit is None:
                continue
            if best is None or hit[0] < best[1][0]:
                best = (j, hit)
        if result_idx is not None:
            rep = t.search(_t3_repeat_of(vocabulary.current()), cursor)
            if rep is not None and (best is None or rep[0] < best[1][0]) and t.value_like(cursor, rep[0]):
                if prev.kind in ("top", "leaf", "item") and prev.run is None:
                    prev.run = (cursor, rep[0])
                cursor = rep[1]
                continue
        if best is not None and not t.value_like(cursor, best[1][0]):
            best = _with_stray(t, cursor, best)
        if best is None:
            best = _near(t, cursor, cands)
        if best is None:
            best = _slot_row(t, cursor, cands)
        if best is None:
            break
        j, hit = best
        entry = t.t3[j]
        gap_blank = t.blank(cursor, hit[0])
        # close the previous row
        if prev.kind == "maybe-group":
            if gap_blank and entry.kind == "item":
                prev.kind = "group"
            else:
                prev.kind = "leaf"
        if prev.kind in ("group", "result-group"):
            if not gap_blank:
                break
        elif prev.run is None:
            prev.run = (cursor, hit[0])
        # open this row
        kind = entry.kind
        if kind in ("group", "result-group", "maybe-group"):
            # a group label holds no numbers: it ends where its key ends
            rows.append(_Row((hit[0], hit[1]), None, kind, entry=j))
            cursor = hit[1]
            if kind == "result-group":
                result_idx = len(rows) - 1
            else:
                group_idx = len(rows) - 1
        else:
            if kind == "item" and (group_idx is None or rows[group_idx].kind not in ("group", "maybe-group")):
                break
            v = _label_end(t, hit)
            if v is None:
                break
            parent = group_idx if kind == "item" else None
            if kind in ("top", "leaf"):
                group_idx = None
            rows.append(_Row((hit[0], v), None, kind, parent, entry=j))
            cursor = v
        i = j + 1
        if i == len(t.t3):
            last = rows[-1]
            last.run = (cursor, t.value_end(cursor))
            complete = True
    if len(rows) < 2:
        return None
    if rows[-1].run is None and rows[-1].kind not in ("group", "result-group", "maybe-group"):
        rows[-1].run = (cursor, t.value_end(cursor))
    while rows and rows[-1].kind in ("group", "result-group", "maybe-group"):
        rows.pop()
    start, head = _t3_header(t, rows[0].label[0])
    end = rows[-1].run[1]
    return start, end, _build_t3(t, start, head, rows, result_idx, complete)


def _with_stray(t: _Line, cursor: int, best):
    """An exact hit preceded by a few stray characters after the value run: the label
    starts at them (三三、本年度办理结果), so the slip is read as part of the label."""
    j, hit = best
    ve = t.value_end(cursor)
    gap = t.line[ve:hit[0]]
    if 0 < len(gap.strip()) <= _STRAY and not any(ch.isdigit() for ch in gap) and t.value_like(cursor, ve):
        return j, (ve + len(gap) - len(gap.lstrip()), hit[1])
    return None


def _near(t: _Line, cursor: int, cands: list[int]):
    """The candidate label found approximately (a slip in its key) right after the value
    run at ``cursor``: ``(entry, (start, end))`` with the fewest edits, or None."""
    lo = t.nidx(cursor)
    best = None
    for j in cands:
        label = t.t3[j].label
        got = find_near(label, t.norm, lo, lo + _NEAR_WINDOW + len(label), allowed_edits(label))
        if got is None:
            continue
        ns, ne, d = got
        hit = (t.where[ns], t.where[ne - 1] + 1)
        if not t.value_like(cursor, hit[0]):
            continue
        if best is None or (d, hit[0]) < (best[0], best[2][0]):
            best = (d, j, hit)
    return None if best is None else (best[1], best[2])


_NEAR_WINDOW = 60  # a value run of 7 cells is at most this long in the normalised text
_ROW_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、])")


def _next_entry(t: _Line, j: int, pos: int) -> tuple[int, int] | None:
    """The label of an entry after ``j`` (the first found from ``pos``, up to the next
    required entry)."""
    nxt = None
    for k in range(j + 1, len(t.t3)):
        hit = t.search(t.t3[k].rx, pos)
        if hit is not None and (nxt is None or hit[0] < nxt[0]):
            nxt = hit
        if not t.t3[k].optional:
            break
    return nxt


def _slot_row(t: _Line, cursor: int, cands: list[int]):
    """A candidate label misspelt beyond :func:`_near`'s edits, standing in its slot:
    right after the previous row's values, and followed (after its own values, if it
    holds any) by the label of the entry after it, as printed. It is that row when its
    words are like the label's (:func:`slot_similar`) and its numbering, if written,
    is the label's. ``(entry, (start, end))`` or None."""
    s0 = cursor  # where the label's words start: the first character no value holds
    while s0 < len(t.line) and (t.line[s0] in _VALUE_CHARS or t.line[s0] in _WS):
        s0 += 1
    for j in cands:
        label = t.t3[j].label
        if not label or j + 1 >= len(t.t3):
            continue
        s = s0
        digits = re.match(r"\d+(?=[.、])", label)  # 2.重复申请 after 0000000: the 2. ran into the values
        if digits:
            n = len(digits.group(0))
            if t.line[s0 - 1:s0] in (".", "、", "．") and t.line[s0 - 1 - n:s0 - 1] == digits.group(0):
                s = s0 - 1 - n
        kind = t.t3[j].kind
        end = t.first_value(s0, len(label) + 4) if kind not in ("group", "result-group") else None
        nxt = _next_entry(t, j, end) if end is not None else None
        if end is None or nxt is None or not t.value_like(end, nxt[0]):
            if kind in ("leaf", "top", "item"):
                continue
            nxt = _next_entry(t, j, s + 2)  # a group label: no numbers before the next label
            end = nxt[0] if nxt is not None else None
        if end is None or nxt[0] > s + len(label) + _NEAR_WINDOW:
            continue
        piece = t.norm_text(s, end)
        num, want = _ROW_NUMBER.match(piece), _ROW_NUMBER.match(label)
        if num and (not want or num.group(0).replace("、", ".") != want.group(0).replace("、", ".")):
            continue
        words = piece[num.end():] if num else piece
        if slot_similar(words, label[want.end():] if want else label):
            return j, (s, end)
    return None


def _label_end(t: _Line, key: tuple[int, int]) -> int | None:
    """Where the label whose key matched at ``key`` ends: its first digit, when the text
    up to there is a plain continuation of the key; or, when the next row's key comes
    first, where that key starts (a row printed without values)."""
    v = t.first_value(key[1], _LABEL_LIMIT)
    if v is None:
        return None
    nxt = _NEXT_KEY.search(t.line, key[1], v)
    if nxt is None:
        return v if v - key[1] <= _LABEL_LIMIT else None
    return nxt.start()


def _first_label_end(t: _Line, key: tuple[int, int]) -> int | None:
    """:func:`_label_end` for the table's first row, which must carry values."""
    v = t.first_value(key[1], _LABEL_LIMIT)
    return v if v is not None and _plain_label(t, key[1], v) else None


_NEXT_KEY = re.compile(r"[一二三四五][、.]|（[一二三四五六七]）|\([一二三四五六七]\)")


def _plain_label(t: _Line, s: int, e: int) -> bool:
    """The text continuing a label key up to its first digit: no other row key inside."""
    piece = t.line[s:e]
    return len(piece) <= _LABEL_LIMIT and not _NEXT_KEY.search(piece)


_COMBINATIONS = 4096  # the column rule gives up beyond this many combinations


def _split_identities(t: _Line, rows: list[_Row], splits: dict[int, Split]) -> list[tuple[list[int], list[int]]]:
    """The 表三 column identities the schemas mark ``settles-splits``, as (plus rows,
    minus rows) of ``rows``; an identity naming a row not read is left out."""
    v = vocabulary.current()
    keys = {k: t.t3[r.entry].key for k, r in enumerate(rows) if k in splits and r.entry is not None}
    parents = {e.key: e.parent for e in t.t3}

    def under(key: str | None, top: str) -> bool:
        seen = set()
        while key is not None and key not in seen:
            seen.add(key)
            key = parents.get(key)
            if key == top:
                return True
        return False

    def side(terms, other) -> list[int] | None:
        named = {t for t in other if isinstance(t, str)}
        out: list[int] = []
        for term in terms:
            if isinstance(term, str):
                got = [k for k, key in keys.items() if key == term]
            else:
                got = [k for k, key in keys.items() if under(key, term[1]) and key not in named]
            if (len(got) != 1 if isinstance(term, str) else not got):
                return None
            out += got
        return out

    found = []
    for idn in v.split_identities:
        if idn.table == "table3" and idn.per == "column":
            plus, minus = side(idn.left, idn.right), side(idn.right, idn.left)
            if plus and minus:
                found.append((plus, minus))
    return found


def _t3_splits(t: _Line, rows: list[_Row]) -> dict[int, Split]:
    """Each data row's split, with the column rule applied to rows left ambiguous.

    Column rule: the table's own column identities that the schemas mark
    ``settles-splits`` (rules/tables-common.yaml: T3-3, the result rows add up to
    （七）总计 in every column, and T3-1, 一 + 二 = （七） + 四 in every column) are
    tried on every combination of the ambiguous rows' balancing splits. Only the
    identities that involve an ambiguous row and whose other rows were read with
    certainty are used. If exactly one combination satisfies all of them, those
    splits are taken; otherwise the rows stay ambiguous. (The balance checker then
    finds those identities true by construction, so this never causes an alarm; it
    only keeps well-formed rows in the arithmetic.)
    """
    head = _t3_head()
    splits: dict[int, Split] = {}
    for k, row in enumerate(rows):
        if row.kind in ("group", "result-group"):
            continue
        run = row.value_run
        splits[k] = split_run(t.line[run[0]:run[1]], list(head.columns), list(head.groups), cap=64)
    ambiguous = [k for k, sp in splits.items() if sp.status == "ambiguous" and len(sp.candidates) < 64]
    if not ambiguous:
        return splits
    identities = _split_identities(t, rows, splits)  # (plus rows, minus rows), per column

    def values(k: int, sp_cells) -> list[int]:
        run = rows[k].run
        return [int(_fold_value(t.line[run[0] + a:run[0] + b])) for a, b in sp_cells]

    known: dict[int, list[int]] = {}
    for k, sp in splits.items():
        if sp.status in ("unique", "fit"):
            known[k] = values(k, sp.cells)
    usable = [(p, m) for p, m in identities
              if any(k in ambiguous for k in p + m) and all(k in known or k in ambiguous for k in p + m)]
    involved = sorted({k for p, m in usable for k in p + m if k in ambiguous})
    if not involved:
        return splits
    n_comb = 1
    for k in involved:
        n_comb *= len(splits[k].candidates)
    if n_comb > _COMBINATIONS:
        return splits
    options = {k: [(c, values(k, c)) for c in splits[k].candidates] for k in involved}
    winners = []
    for combo in itertools.product(*(options[k] for k in involved)):
        vals = dict(known)
        vals.update({k: v for k, (_, v) in zip(involved, combo)})
        if all(sum(vals[k][c] for k in p) == sum(vals[k][c] for k in m) for p, m in usable for c in range(len(head.columns))):
            winners.append(combo)
            if len(winners) > 1:
                return splits
    if len(winners) == 1:
        for k, (cells, _) in zip(involved, winners[0]):
            splits[k] = Split("fit", cells, 1)
    return splits


def _build_t3(t: _Line, start: int, head, rows: list[_Row], result_idx, complete: bool) -> Table:
    acc = _new_acc()
    cells: list[Cell] = []
    layout = _t3_head()
    rows_above, labels = layout.layout.header_rows, layout.layout.label_columns
    top = rows_above if head else 0
    for word, s, e in head:
        # the note spans the header rows over the label columns
        r, c, rs, cs = (0, 0, rows_above, labels) if word == "note" else layout.places[word][0]
        cells.append(t.cell(s, e, r, c, rs, cs))
    # grid row of each data row (groups share the row of their first item)
    grid_row: dict[int, int] = {}
    r = top
    for k, row in enumerate(rows):
        grid_row[k] = r
        if row.kind not in ("group", "result-group"):
            r += 1
    splits = _t3_splits(t, rows)
    for k, row in enumerate(rows):
        gr = grid_row[k]
        if row.kind == "result-group":
            # spans every row from here to （七）总计 (the last leaf before 四、)
            end_r = gr
            for k2 in range(k + 1, len(rows)):
                if rows[k2].kind == "top":
                    break
                if rows[k2].kind not in ("group", "result-group"):
                    end_r = grid_row[k2]
            cells.append(t.cell(*row.label, gr, 0, rowspan=end_r - gr + 1))
            continue
        if row.kind == "group":
            n_items = sum(1 for r2 in rows if r2.parent == k)
            cells.append(t.cell(*row.label, gr, 1, rowspan=max(n_items, 1)))
            continue
        if row.kind == "top":
            cells.append(t.cell(*row.label, gr, 0, colspan=3))
        elif row.kind == "item":
            cells.append(t.cell(*row.label, gr, 2))
        else:
            cells.append(t.cell(*row.label, gr, 1, colspan=2))
        _values(t, gr, labels, row.value_run, list(layout.columns), list(layout.groups), len(layout.columns), cells, acc, splits.get(k))
    if not complete:
        acc["uncertain"].append(Uncertainty(t.span(start, rows[-1].run[1] if rows[-1].run else start + 1),
                                            "表三在此处之后无法继续识别（行标签缺失或有多余文字），表格不完整", row=None))
    return _make_table(t, start, cells, acc)


# ---- 表四 ------------------------------------------------------------------------------

_T4_HEADER_MAX = 200  # the 表四 header (21 words, about 75 characters and spaces) ends before this


def _t4_header(t: _Line, hit: tuple[int, int]):
    """(header words, start of the value run) of a 表四 header starting at ``hit``, or None."""
    head = _t4_head()
    words: list[tuple[str, int, int]] = []
    cur = hit[0]
    limit = t.first_value(cur, _T4_HEADER_MAX)
    while True:
        w = t.next(head.rx, cur)
        word = t.norm_text(*w) if w is not None else None
        if w is None and limit is not None:  # a misspelt word still holds its place
            got = _near_word(t, cur, limit, list(head.words), head.rx)
            if got is not None:
                word, w = got
        if w is None:
            break
        words.append((word, w[0], w[1]))
        cur = w[1]
    names = [w[0] for w in words]
    v = t.first_value(cur, 5)
    # the first heading of a group and the one before its total, printed in every group
    layout = head.layout
    n = layout.group_size
    groups = layout.value_columns // n if n else 0
    marks = {layout.leaves[0], layout.leaves[n - 2]} if n >= 2 else set()
    if marks and all(names.count(m) >= groups for m in marks) and v is not None and t.blank(cur, v):
        return words, v
    return None


def _find_t4(t: _Line, offset: int):
    head = _t4_head()
    if not head.first_row:
        return None
    start = re.compile("".join(map(re.escape, head.first_row)))  # the first header row's words, run together
    found = _first(t, start, offset, lambda hit: _t4_header(t, hit))
    if found is None:
        return None
    hit, (words, v) = found
    run = (v, t.value_end(v))
    acc = _new_acc()
    cells: list[Cell] = []
    used: dict[str, int] = {}
    for name, s, e in words:
        places = head.places[name]
        k = used.get(name, 0)
        used[name] = k + 1
        if k < len(places):
            r, c, rs, cs = places[k]
            cells.append(t.cell(s, e, r, c, rs, cs))
    _values(t, head.layout.header_rows, 0, run, list(head.columns), list(head.groups), len(head.columns), cells, acc)
    return hit[0], run[1], _make_table(t, hit[0], cells, acc)


# ---- 表二 ------------------------------------------------------------------------------

# A block is headed by its label (schema table2 blocks' `label`, 第二十条第（一）项) with any
# number in its brackets; the row labels stand under the schema's `first-column` (信息内容).
_BLOCK_NUMBER = r"\((?:[一二三四五六七八九十]{1,3})\)"
# 表二's headings and row labels are the vocabulary's (the loaded rule sets' schemas).
# A heading or label may carry a note in brackets; a unit note (（元）, （单位：万元）) may be
# followed directly by the values, any other note may not (it would be part of the text).
_T2_UNIT_NOTE = r"\((?:单位:)?(?:" + "|".join(_UNITS) + r")\)"


@dataclass(frozen=True)
class _T2Words:
    headings: tuple[str, ...]  # for reading with a slip
    rows: tuple[str, ...]
    heading_rx: re.Pattern
    label_rx: re.Pattern
    block_rx: re.Pattern  # a block's header
    content_rx: re.Pattern  # the heading over the row labels
    signed: tuple[str, ...]  # headings whose values may carry a sign (table-cell-values)
    decimal: tuple[str, ...]  # headings whose values may carry a decimal part


def _alternatives(words) -> str:
    # the longer first: of two labels one begins (行政规范性文件, 规范性文件 do not; 本年增/减量
    # and 本年增/减 do), the longer is the one printed
    return "|".join(re.escape(w) for w in sorted(dict.fromkeys(words), key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=8)
def _t2_words_of(v: vocabulary.TableVocabulary) -> _T2Words:
    heads = _alternatives(v.table2_columns + v.table2_printed_columns) or r"(?!)"
    rows = _alternatives(v.table2_rows) or r"(?!)"
    blocks = "|".join(dict.fromkeys(_block_pattern(label) for label in v.table2_block_labels)) or r"(?!)"
    return _T2Words(v.table2_columns, v.table2_rows,
                    re.compile(r"(?:" + heads + r")(?:\([^()]{1,40}\)(?!\d))?"),
                    re.compile(r"(?:" + rows + r")(?:" + _T2_UNIT_NOTE + r"|\([^()]{1,40}\)(?!\d))?"),
                    re.compile(blocks), re.compile(_alternatives(v.table2_first_columns) or r"(?!)"),
                    v.signed_columns, v.decimal_columns)


def _block_pattern(label: str) -> str:
    """A block label (normalised) with any number in its brackets: 第二十条第(一)项 → 第二十条第(N)项."""
    m = re.fullmatch(r"(.*)\([^()]+\)(.*)", label)
    return re.escape(m.group(1)) + _BLOCK_NUMBER + re.escape(m.group(2)) if m else re.escape(label)


def _heading(t: _Line, cur: int) -> tuple[int, int] | None:
    """The column heading at ``cur``: as printed, or with a slip when that reads further
    (「本年收费金额甲单位：万元）」 is one heading, not 本年收费金额 and stray text)."""
    exact = t.next(t.t2.heading_rx, cur)
    near = _near_heading(t, cur)
    if near is not None and (exact is None or near[1] > exact[1]):
        return near
    return exact


def _near_heading(t: _Line, cur: int) -> tuple[int, int] | None:
    """A column heading with a slip right at ``cur`` (past whitespace), unless the text
    there is a row label or a block header."""
    s = t.nidx(cur)
    if s >= len(t.norm) or t.next(t.t2.label_rx, cur) is not None or t.next(t.t2.block_rx, cur) is not None:
        return None
    got = match_at(t.t2.headings, t.norm, s)
    if got is None:
        return None
    hit = (t.where[s], t.where[got[1] - 1] + 1)
    return hit if t.blank(cur, hit[0]) else None


_SLOT_SLACK = 2  # a next heading read with a slip may start this many characters early


def _slot_heading(t: _Line, cur: int) -> tuple[int, int] | None:
    """A column heading misspelt beyond :func:`_near_heading`'s edits, standing in its
    slot: after 信息内容 or a heading (the caller's), right before the next heading or
    the block's first row label, and like a heading (:func:`slot_similar`). The next
    one is the first found (as printed, else :func:`match_at`); of the readings starting
    within a slip's reach of it, the one with the fewest slips. The text between is then
    that heading (the table checks name the slip), not the block's end."""
    s = t.nidx(cur)
    words = t.t2
    headings = words.headings
    starts: list[tuple[int, int]] = []  # (slips, end of the piece)
    for e in range(s + 2, min(len(t.norm) - 1, s + max(map(len, headings), default=0) + 2) + 1):
        if starts and e > starts[0][1] + _SLOT_SLACK:
            break
        if any(ch.isdigit() for ch in t.norm[s:e]) or t.t2.block_rx.search(t.norm, s, e):
            break
        if words.heading_rx.match(t.norm, e) or words.label_rx.match(t.norm, e):
            starts.append((0, e))
        elif (near := match_at(headings, t.norm, e)) is not None:
            starts.append((near[2], e))
    if not starts:
        return None
    e = min(starts)[1]
    if not any(slot_similar(t.norm[s:e], h) for h in headings):
        return None
    hit = (t.where[s], t.where[e - 1] + 1)
    return hit if t.blank(cur, hit[0]) else None


def _near_t2_label(t: _Line, cur: int) -> tuple[int, int] | None:
    """A 表二 row label with a slip right at ``cur``, followed by its values."""
    s = t.nidx(cur)
    if s >= len(t.norm) or t.next(t.t2.block_rx, cur) is not None:
        return None
    got = match_at(t.t2.rows, t.norm, s)
    if got is None:
        return None
    hit = (t.where[s], t.where[got[1] - 1] + 1)
    v = t.first_value(hit[1], 4)
    return hit if v is not None and t.blank(hit[1], v) and t.blank(cur, hit[0]) else None


def _aligned_headings(t: _Line, cur: int) -> list[tuple[int, int, str]]:
    """The column headings from ``cur`` (after 信息内容) to the block's first row label, cut
    as a whole run against the schema's column titles (:func:`segment`); [] when the run
    is not all headings (the heading-by-heading reading then takes over)."""
    s = t.nidx(cur)
    words = t.t2
    end = s
    limit = min(len(t.norm), s + MAX_SEGMENT)
    while end < limit and not (t.norm[end].isdigit() or words.label_rx.match(t.norm, end)
                               or t.t2.block_rx.match(t.norm, end)):
        end += 1
    if end >= limit:
        return []
    pieces = segment(t.norm[s:end], words.headings, words.heading_rx)
    if not pieces:
        return []
    return [(t.where[s + a], t.where[s + b - 1] + 1, t.norm[s + a:s + b]) for a, b, _ in pieces]


def _t2_column(heading: str, words: _T2Words | None = None) -> Column:
    """A heading's values may be signed (or decimal) when it is, begins or is part of one of
    the schema's signed (decimal) columns: 本年增/减量 as 本年增/减, 本年收费金额 as 本年收费金额（单位：万元）
    (``words``: the read's 表二 words, by default the vocabulary read with)."""
    words = words or _t2_words_of(vocabulary.current())
    heading = normalize(heading)
    def among(columns) -> bool:
        return any(c in heading or heading in c for c in columns)

    return Column(signed=among(words.signed), decimal=among(words.decimal), units=True)


@dataclass
class _Block:
    head: tuple[int, int]
    content: tuple[int, int] | None = None
    headings: list[tuple[int, int, str]] = field(default_factory=list)
    rows: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def _find_t2(t: _Line, offset: int):
    found = _first(t, t.t2.block_rx, offset, lambda hit: t.next(t.t2.content_rx, hit[1]))
    if found is None:
        return None
    hit = found[0]
    blocks = _t2_blocks(t, hit[0])
    if not blocks:
        return None
    return hit[0], blocks[-1].rows[-1][1][1], _build_t2(t, hit[0], blocks)


def _t2_blocks(t: _Line, cur: int) -> list[_Block]:
    """The 第二十条 blocks one after the other from ``cur``; each needs headings and rows."""
    blocks: list[_Block] = []
    while (b := t.next(t.t2.block_rx, cur)) is not None:
        block = _Block(b)
        cur = b[1]
        c = t.next(t.t2.content_rx, cur)
        if c is not None:
            block.content = c
            cur = c[1]
        block.headings = _aligned_headings(t, cur)
        if block.headings:
            cur = block.headings[-1][1]
        while (h := _heading(t, cur) or ((block.content or block.headings) and _slot_heading(t, cur))):
            block.headings.append((h[0], h[1], t.norm_text(*h)))
            cur = h[1]
            # the rest of the run cut whole, once a heading too misspelt for the cut is
            # read in its slot: the fewest slips in all, not each heading read as far as
            # a slip lets it (「本年废止件现行有效件数」: 本年废止件 | 现行有效件数)
            if rest := _aligned_headings(t, cur):
                block.headings.extend(rest)
                cur = rest[-1][1]
        if not block.headings:
            break
        while (lab := t.next(t.t2.label_rx, cur) or _near_t2_label(t, cur)) is not None:
            end = _t2_value_end(t, lab[1], len(block.headings))
            block.rows.append((lab, (lab[1], end)))
            cur = end
        if not block.rows:
            break
        blocks.append(block)
    return blocks


# a word glued inside a 表二 value run (「2笔 984361元」) is at most this long
_MAX_CELL_WORD = 2


def _t2_value_end(t: _Line, s: int, n_cells: int) -> int:
    """End of a 表二 value run, reading over a short word between numbers.

    「政府集中采购 2笔 984361元」: the 笔 is the report's slip inside a cell, not the end
    of the row; keeping it in the run leaves the row unsplit (uncertain) and lets the
    cell check report the word. A word is taken only when it starts no label or block,
    and only before more numbers or before the next row, block or numbered part; at
    most one word per cell, so the scan stays bounded.
    """
    e = t.value_end(s)
    for _ in range(n_cells):
        if e <= s or t.next(t.t2.label_rx, e) is not None or t.next(t.t2.block_rx, e) is not None:
            break
        step = _glued_word(t, e)
        if step is None:
            break
        j, more = step
        e = t.value_end(j) if more else j
        if not more:
            break
    return e


def _glued_word(t: _Line, e: int) -> tuple[int, bool] | None:
    """(end of a short word at ``e``, whether numbers follow it), shortest word first."""
    for j in range(e + 1, min(len(t.line), e + _MAX_CELL_WORD) + 1):
        ch = t.line[j - 1]
        if ch in _VALUE_CHARS or unicodedata.category(ch) != "Lo":
            return None
        k = j
        while k < len(t.line) and t.line[k] in _WS:
            k += 1
        if k < len(t.line) and t.line[k].isdigit():
            return j, True
        if k >= len(t.line) or any(t.next(rx, k) is not None for rx in (t.t2.label_rx, t.t2.block_rx, _NEXT_KEY)):
            return j, False
    return None


def _build_t2(t: _Line, start: int, blocks: list[_Block]) -> Table:
    width = 1 + max(len(b.headings) for b in blocks)
    acc = _new_acc()
    cells: list[Cell] = []
    r = 0
    for b in blocks:
        cells.append(t.cell(*b.head, r, 0, colspan=width))
        r += 1
        if b.content:
            cells.append(t.cell(*b.content, r, 0))
        n = len(b.headings)
        for k, (s, e, _) in enumerate(b.headings):
            cells.append(t.cell(s, e, r, 1 + k, colspan=(width - 1 - k) if k == n - 1 else 1))
        r += 1
        columns = [_t2_column(h[2], t.t2) for h in b.headings]
        for lab, run in b.rows:
            cells.append(t.cell(*lab, r, 0))
            _values(t, r, 1, run, columns, [], width - 1, cells, acc)
            r += 1
    return _make_table(t, start, cells, acc)


# --------------------------------------------------------------------------------------


def find_inline_tables(line: str, line_no: int) -> list:
    """表二, 表三 and 表四 found in one flattened line, sorted and non-overlapping."""
    t = _Line(line, line_no)
    found = []
    for finder in (_find_t2, _find_t3, _find_t4):
        pos = 0
        while pos < len(line):
            got = finder(t, pos)
            if got is None:
                break
            start, end, table = got
            found.append(InlineRegion(start, end, table))
            pos = max(end, start + 1)
    found.sort(key=lambda r: (r.start, -r.end))
    out: list = []
    for region in found:
        if out and region.start < out[-1].end:
            continue
        out.append(region)
    return out
