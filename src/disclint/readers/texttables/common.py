"""Shared pieces of the plain-text table detectors (tab, markdown, layout).

The grid every text detector returns
====================================

Each detector turns the rows it found into :class:`RowSpec` objects and calls
:func:`assemble`, so tables from all three formats look the same to a checker:

* **Label columns, then value columns.** Grid columns ``0 .. D-1`` hold row labels
  (``D`` is the depth of the label hierarchy: 3 for 表三 — 三、本年度办理结果 /
  （三）不予公开 / 1.属于国家秘密 — 1 for 表二, 0 for 表四 which has no labels).
  Columns ``D ..`` hold the values in source order (for 表三: 自然人, 商业企业,
  科研机构, 社会公益组织, 法律服务机构, 其他, 总计). :func:`label_width` recovers ``D``.
* **Labels are placed by level, like the official table.** A label's level comes from
  its numbering: ``一、`` → 0, ``（一）`` → 1, ``1.``/``1、``/``(1)`` → 2. A leaf label
  sits in the column of its level and spans the remaining label columns
  (一、本年新收… spans all three). A group label that has no numbers of its own
  (三、本年度办理结果, （三）不予公开) is ONE Cell with ``rowspan`` over the rows it
  governs, so ``grid[r][0..D-1]`` gives every data row its full label path. A group
  governs the contiguous run of rows below its level that contains (or directly
  follows) it; an item numbered 1 after item 5 starts a new run.
  Where the group label is missing in the source, its column is ``None``.
* **Data rows** are rows with at least one value cell; a blank value is a Cell with
  text ``""`` (never 0). Header rows and stray text rows have ``None`` in value
  columns they do not reach and hold no number-only cells. A row that is ``None`` in
  every value column is never a data row with blanks.
* **Block headers** such as ``第二十条第（一）项`` are one Cell spanning the full width;
  the following ``信息内容 …`` row is an ordinary header row (``信息内容`` in the label
  columns, the headings above the values).
* **Uncertainty.** A row whose values cannot be put in columns with confidence, or
  whose label is missing or a fragment, gets ``Uncertainty(span, 中文原因, row=r)``.
  A row with more or fewer value fields than the header provides gets
  ``table.ragged[r] = (found, expected)``.

Positions: every Cell's TextMap points at the 1-based line and column (characters)
of its first character; a label pieced together from several places (wrapped lines,
stacked characters) has one anchor per piece.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ...model import Cell, Span, Table, TextMap, Uncertainty

# ---------------------------------------------------------------- text pieces


@dataclass
class Piece:
    """Some text and where its characters came from: anchors (offset, line, col), 1-based."""

    text: str
    anchors: list[tuple[int, int, int]]

    @classmethod
    def at(cls, text: str, line: int, col: int) -> "Piece":
        return cls(text, [(0, line, col)])

    @property
    def line(self) -> int:
        return self.anchors[0][1]

    @property
    def col(self) -> int:
        return self.anchors[0][2]

    @property
    def last_line(self) -> int:
        return self.anchors[-1][1]

    def joined(self, other: "Piece", sep: str = "") -> "Piece":
        """This piece followed by ``other`` (a wrapped continuation)."""
        base = len(self.text) + len(sep)
        return Piece(self.text + sep + other.text, self.anchors + [(base + o, ln, c) for o, ln, c in other.anchors])

    def textmap(self) -> TextMap:
        return TextMap(list(self.anchors))


def strip_piece(raw: str, line: int, col: int) -> Piece:
    """``raw`` (found at ``line``:``col``) without surrounding whitespace, anchored at its first character."""
    lead = len(raw) - len(raw.lstrip())
    return Piece.at(raw.strip(), line, col + lead)


def field_piece(raw: str, off: int, line_no: int) -> Piece:
    """The field at 0-based offset ``off`` of line ``line_no``, stripped; ``""`` at its start when blank."""
    if raw.strip():
        return strip_piece(raw, line_no, off + 1)
    return Piece.at("", line_no, off + 1)


def join_pieces(pieces: list[Piece], sep: str = "") -> Piece:
    """The pieces joined in order, each keeping its own anchors."""
    joined = pieces[0]
    for p in pieces[1:]:
        joined = joined.joined(p, sep)
    return joined


# ---------------------------------------------------------------- classifying text

_CN_NUM = "一二三四五六七八九十"
_LEVEL_PATTERNS = (
    (0, re.compile(rf"^\s*[{_CN_NUM}]+\s*[、.．]")),
    (1, re.compile(rf"^\s*[(（]\s*[{_CN_NUM}]+\s*[)）]")),
    (2, re.compile(r"^\s*(?:\d+\s*[.、．](?!\d)|[(（]\s*\d+\s*[)）])")),
)
_ITEM_NO = re.compile(r"^\s*[(（]?\s*(\d+)")

# A value cell: a number (thousands separators, decimals, sign, percent, a unit or a
# 增/减 prefix as reports write them) or a placeholder reports put in empty cells.
VALUE_RE = re.compile(
    r"^\s*(?:(?:增|减|增加|减少)\s*)?[-+−]?\s*\d[\d,，]*(?:[.．]\d+)?\s*(?:%|％|元|万元|件|个|条|项)?\s*$"
    r"|^\s*(?:[-—–－/／\\]+|无)\s*$"
)
NUMBER_RE = re.compile(r"^\s*[-+−]?\d[\d,]*(?:\.\d+)?\s*$")
BLOCK_HEADER_RE = re.compile(r"^\s*第\s*[一二三四五六七八九十百零〇0-9]+\s*条\s*第?\s*[(（]\s*[一二三四五六七八九十0-9]+\s*[)）]\s*项")
FOOTER_RE = re.compile(r"^\s*(?:[-—–－_]+\s*\d+\s*[-—–－_]+|第\s*\d+\s*页(?:\s*[/，,共]\s*共?\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")


def level_of(text: str) -> int | None:
    """0 for 一、…, 1 for （一）…, 2 for 1./1、/(1)…; None for an unnumbered label."""
    for level, pat in _LEVEL_PATTERNS:
        if pat.match(text):
            return level
    return None


def item_number(text: str) -> int | None:
    m = _ITEM_NO.match(text) if level_of(text) == 2 else None
    return int(m.group(1)) if m else None


def is_value(text: str) -> bool:
    """True for what reports put in a value cell: a number, or a placeholder like - or /."""
    return bool(text.strip()) and bool(VALUE_RE.match(text))


def is_number(text: str) -> bool:
    return bool(NUMBER_RE.match(text))


def is_footer(text: str) -> bool:
    """A page footer such as ``-3-``, ``— 4 —`` or ``第 3 页``."""
    return bool(FOOTER_RE.match(text))


def label_body(text: str) -> str:
    """A label without its numbering and whitespace: （一）予以公开 → 予以公开."""
    for _, pat in _LEVEL_PATTERNS:
        m = pat.match(text)
        if m:
            text = text[m.end():]
            break
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- fields of a row

Field = tuple[str, int]  # a field's raw text and its 0-based offset on the line


def split_labels(fields: list[Field]) -> tuple[list[Field], list[Field]]:
    """(label fields, fields after the last label) of a data row.

    Labels are the non-blank fields before the first value; blank fields between the
    last label and the first value are kept with the values (label placeholders).
    """
    first_value = next((x for x, (f, _) in enumerate(fields) if is_value(f)), len(fields))
    labels = [(f, o) for f, o in fields[:first_value] if f.strip()]
    last_label = max((x for x, (f, _) in enumerate(fields[:first_value]) if f.strip()), default=-1)
    return labels, fields[last_label + 1 :]


def trim_values(vals: list, target: int, labelled: bool) -> list:
    """Drop blank fields while there are more than ``target``: padding at the end, and
    in a labelled row the label-placeholder blanks in front. Items are tuples whose
    first element is the field text."""
    vals = list(vals)
    while vals and len(vals) > target and not vals[-1][0].strip():
        vals.pop()
    if labelled:
        while vals and len(vals) > target and not vals[0][0].strip():
            vals.pop(0)
    return vals


def mode(counts: Counter) -> int | None:
    """The commonest count (the larger one on a tie), None when there are none."""
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0] if counts else None


# ---------------------------------------------------------------- rows and assembly


@dataclass
class RowSpec:
    """One row as a detector saw it, before it becomes grid cells.

    kind: ``data`` (labels + values), ``header`` (heading cells), ``span`` (a
    full-width block header), ``group`` (a label with no values of its own: it becomes
    a rowspan cell over the rows it governs, not a grid row), ``note`` (stray text
    inside the table, kept as a one-cell row and marked uncertain).
    """

    kind: str
    labels: list[Piece] = field(default_factory=list)  # data: left to right, the leaf last
    values: list[Piece] = field(default_factory=list)  # data: value cells, text "" when blank
    cells: list[tuple[int, Piece, int, int]] = field(default_factory=list)  # header: (field, piece, colspan, rowspan)
    first_line: int = 0  # 1-based lines the row occupies (wrapped labels included)
    last_line: int = 0
    uncertain: list[tuple[Span | None, str]] = field(default_factory=list)
    ragged: tuple[int, int] | None = None
    value_offset: int = 0  # data: column (within the value columns) of values[0]

    def __post_init__(self) -> None:
        if not self.first_line:
            pieces = self.labels + self.values + [c[1] for c in self.cells]
            lines = [a[1] for p in pieces for a in p.anchors]
            if lines:
                self.first_line, self.last_line = min(lines), max(lines)
        if not self.last_line:
            self.last_line = self.first_line


@dataclass
class _Group:
    piece: Piece
    level: int
    line: int
    row_pos: int  # index in the row list


def label_width(table: Table) -> int:
    """The number of label columns ``D`` of a table built by :func:`assemble`.

    It is the first column holding a value cell (a number, a placeholder or a blank;
    label cells are never blank).
    """
    best = None
    for row in table.grid:
        for c, cell in enumerate(row):
            if cell is not None and cell.col == c and (is_value(cell.text) or not cell.text.strip()):
                best = c if best is None else min(best, c)
                break
    return best or 0


def assemble(rows: list[RowSpec], source: str) -> Table | None:
    """Build the Table (cells, spans, uncertainty, ragged rows) from a detector's rows."""
    rows = [r for r in rows if r.kind in ("data", "header", "span", "group", "note")]
    if not any(r.kind == "data" for r in rows):
        return None
    data_pos = [i for i, r in enumerate(rows) if r.kind == "data"]
    leaf_level = {i: level_of(rows[i].labels[-1].text) if rows[i].labels else None for i in data_pos}
    groups = _groups(rows)
    path, group_rows = _govern(rows, groups, data_pos, leaf_level)

    depth = 0
    for i in data_pos:
        if rows[i].labels:
            lv = leaf_level[i]
            depth = max(depth, (lv if lv is not None else 0) + 1, max(path[i], default=-1) + 1)
    n_values = max((r.value_offset + len(r.values) for r in rows if r.kind == "data"), default=0)
    header_width = max(
        (f + span - (1 if depth else 0) for r in rows if r.kind == "header" for f, _, span, _ in r.cells), default=0
    )
    width = depth + max(n_values, header_width)

    # Grid rows: every row but the group rows.
    grid_index: dict[int, int] = {}
    for i, r in enumerate(rows):
        if r.kind != "group":
            grid_index[i] = len(grid_index)

    cells: list[Cell] = []
    table_uncertain: list[Uncertainty] = []
    ragged: dict[int, tuple[int, int]] = {}

    # Group cells first, so they win any overlap with stray rows inside their span.
    for gi, chosen in group_rows.items():
        g = groups[gi]
        top = grid_index[chosen[0]]
        bottom = grid_index[chosen[-1]]
        cells.append(Cell(g.piece.text, top, g.level, g.piece.textmap(), rowspan=bottom - top + 1))

    for i, r in enumerate(rows):
        if r.kind == "group":
            continue
        gr = grid_index[i]
        cells.extend(_row_cells(r, gr, depth, width, leaf_level.get(i)))
        for span, reason in r.uncertain:
            if span is None:
                first = (r.labels + r.values + [c[1] for c in r.cells])[:1]
                span = first[0].textmap().span(0, 1) if first else Span.at(r.first_line, 1)
            table_uncertain.append(Uncertainty(span, reason, row=gr))
        if r.ragged is not None:
            ragged[gr] = r.ragged

    first_piece = None
    for r in rows:
        for p in r.labels + [c[1] for c in r.cells] + r.values:
            if first_piece is None or (p.line, p.col) < (first_piece.line, first_piece.col):
                first_piece = p
    tm = first_piece.textmap() if first_piece else TextMap.single(1, 1)
    return Table(cells=cells, textmap=tm, source=source, uncertain=table_uncertain, ragged=ragged)


def _groups(rows: list[RowSpec]) -> list[_Group]:
    """Every group label: the ``group`` rows, and inline every label before a data row's leaf."""
    groups: list[_Group] = []
    for i, r in enumerate(rows):
        if r.kind == "group" and r.labels:
            lvl = level_of(r.labels[0].text)
            if lvl is not None:
                groups.append(_Group(r.labels[0], lvl, r.first_line, i))
        elif r.kind == "data" and len(r.labels) > 1:
            leaf_lvl = level_of(r.labels[-1].text)
            for j, g in enumerate(r.labels[:-1]):
                lvl = level_of(g.text)
                if lvl is None:  # unnumbered: as many levels above the leaf as it stands labels before it
                    lvl = max(0, (leaf_lvl if leaf_lvl is not None else len(r.labels) - 1) - (len(r.labels) - 1 - j))
                groups.append(_Group(g, lvl, g.line, i))
    return groups


def _runs(rows: list[RowSpec], data_pos: list[int], leaf_level: dict[int, int | None], k: int) -> list[list[int]]:
    """Runs of data rows a group of level ``k`` may govern: consecutive labelled rows
    deeper than ``k``; an item numbered no higher than the one before starts a new run."""
    out: list[list[int]] = []
    cur: list[int] = []
    prev_no = None
    for i in data_pos:
        lv = leaf_level[i]
        if lv is None:
            continue  # unlabelled rows neither break a run nor join one
        if lv <= k:
            if cur:
                out.append(cur)
            cur, prev_no = [], None
            continue
        no = item_number(rows[i].labels[-1].text) if lv == k + 1 else None
        if cur and no is not None and prev_no is not None and no <= prev_no:
            out.append(cur)
            cur = []
        if no is not None:
            prev_no = no
        cur.append(i)
    if cur:
        out.append(cur)
    return out


def _govern(
    rows: list[RowSpec], groups: list[_Group], data_pos: list[int], leaf_level: dict[int, int | None]
) -> tuple[dict[int, dict[int, _Group]], dict[int, list[int]]]:
    """(path, group_rows): ``path[i][level]`` is the group governing data row i at that
    level; ``group_rows[g]`` the data rows group ``g`` spans (groups that govern none are left out)."""
    path: dict[int, dict[int, _Group]] = {i: {} for i in data_pos}
    group_rows: dict[int, list[int]] = {}
    for k in sorted({g.level for g in groups}):
        k_runs = _runs(rows, data_pos, leaf_level, k)
        for gi, g in enumerate(groups):
            if g.level != k:
                continue
            chosen = None
            for run in k_runs:
                first, last = rows[run[0]], rows[run[-1]]
                if first.first_line <= g.line <= last.last_line or run[0] <= g.row_pos <= run[-1]:
                    chosen = run
                    break
            if chosen is None:  # a group label just above its rows
                for run in k_runs:
                    if run[0] > g.row_pos:
                        between = [j for j in data_pos if g.row_pos < j < run[0] and leaf_level[j] is not None]
                        if not between:
                            chosen = run
                        break
            if chosen is None:
                continue
            if any(k in path[i] for i in chosen):
                # a second label for the same rows: a wrapped fragment of the first
                owner = path[chosen[0]][k]
                if owner.piece is not g.piece and g.piece.text not in owner.piece.text:
                    owner.piece = owner.piece.joined(g.piece)
                continue
            for i in chosen:
                path[i][k] = g
            group_rows[gi] = chosen
    return path, group_rows


def _row_cells(r: RowSpec, gr: int, depth: int, width: int, leaf_lvl: int | None) -> list[Cell]:
    """The cells of one non-group row at grid row ``gr`` (``depth`` label columns, ``width`` in all)."""
    cells: list[Cell] = []
    if r.kind == "span":
        p = r.labels[0]
        cells.append(Cell(p.text, gr, 0, p.textmap(), colspan=max(width, 1)))
    elif r.kind == "note":
        p = r.labels[0]
        cells.append(Cell(p.text, gr, 0, p.textmap(), colspan=max(depth, 1)))
    elif r.kind == "header":
        for f, p, span, rspan in r.cells:
            if depth:  # the first heading covers the label columns
                col = 0 if f == 0 else depth + f - 1
                cspan = depth + span - 1 if f == 0 else span
            else:
                col, cspan = f, span
            cells.append(Cell(p.text, gr, col, p.textmap(), rowspan=rspan, colspan=max(cspan, 1)))
    else:
        if r.labels:
            leaf = r.labels[-1]
            col = leaf_lvl if leaf_lvl is not None else 0
            col = min(col, max(depth - 1, 0))
            cells.append(Cell(leaf.text, gr, col, leaf.textmap(), colspan=max(depth - col, 1)))
        for j, p in enumerate(r.values):
            cells.append(Cell(p.text, gr, depth + r.value_offset + j, p.textmap()))
    return cells


def header_spans(rows: list[list[str]]) -> list[list[tuple[int, int, int]]]:
    """For header rows given as field lists, each non-blank field's (index, colspan, rowspan).

    A heading spans right over blank fields under which a lower header row has text
    (法人或其他组织 over 商业企业…其他), and down over header rows blank at its place
    (自然人, 总计).
    """
    width = max((len(r) for r in rows), default=0)
    grid = [[(r[i].strip() if i < len(r) else "") for i in range(width)] for r in rows]
    out = []
    for y, row in enumerate(grid):
        spans = []
        starts = [i for i, t in enumerate(row) if t]
        for n, i in enumerate(starts):
            nxt = starts[n + 1] if n + 1 < len(starts) else width
            end = i + 1
            while end < nxt and any(grid[yy][end] for yy in range(y + 1, len(grid))):
                end += 1
            down = 1
            while y + down < len(grid) and not any(grid[y + down][i:end]):
                down += 1
            spans.append((i, end - i, down))
        out.append(spans)
    return out


def uncertain_reason(kind: str, **kw) -> str:
    """Chinese reasons shared by the detectors."""
    texts = {
        "ragged": "该行有{found}个数值字段，表头为{expected}列，无法确定各数值所属的列",
        "no-label": "该行数值没有对应的行标签，无法确定属于哪一项",
        "fragment-label": "该行的行标签不完整（被拆分或与数值分离），无法确定属于哪一项",
        "stray-text": "表格中夹杂的文字片段（可能是被拆开的行标签），未能对应到数据行",
        "placeholder": "占位表格，没有实际数据",
        "columns": "该行数值少于列数，无法根据位置确定各数值所属的列",
        # PDF: the page's text runs cells together and leaves blank cells out
        "page-ragged": "PDF页面上该行读出{found}个数字，多于{expected}列，数字可能粘连或被拆开，无法确定各数字所属的列",
        "page-columns": "PDF页面上该行读出{found}个数字，少于{expected}列，无法根据位置确定各数字所属的列",
        "page-count": "PDF页面上该表各行读出{found}个数字，而表头应有{expected}列，无法确定各数字所属的列",
    }
    return texts[kind].format(**kw)
