"""Recognising the national statistical tables (表二, 表三, 表四) inside ``doc.tables``.

Tables are found by their LABELS, never by their position: readers deliver grids of
very different quality (HTML with merged cells, pdftotext columns, markdown produced
by converters, pages whose cells ran together), so a 表三 may be split over several
tables, its label column may occupy one to three cells, its header may repeat after a
page break. What this module relies on:

* a row is read as *label cells* (everything up to the last cell that is not a value)
  followed by *value cells*; merged cells repeated across a grid row count once;
* a row's label is matched against the schema labels after
  :func:`disclint.normalize.normalize`, longest suffix first (so a row carrying its
  group labels, 三、本年度办理结果（三）不予公开1.属于国家秘密, still matches its item),
  then without the numbering (一、 （一） 1. 1、), then with a trailing （…） note
  stripped;
* rows that match nothing exactly are read by *alignment* with the schema
  (:mod:`disclint.analysis.alignment`): the exact matches are anchors, and the rows
  between two anchors are aligned, in order, with the schema rows between theirs, the
  price of a pairing being the labels' edit distance. A slip (an inserted, lost or
  changed character) so costs one label — one T203 — never the rest of the table.
  Group labels merged over their items, 表二 labels and column headings get the same
  approximate comparison;
* values are placed on the schema's columns by one step for every reader
  (:func:`fit_values`): surplus blank cells at either end are dropped, a row wider
  than a header that names every column is refused; anything that does not fit is
  *unclear* and stays out of the arithmetic (a finding says so).

The result, :class:`TablesView`, is computed once per document (``ctx.cached``) and
shared by the T (structure) and B (balance) checkers. All schema knowledge comes from
the rule set's ``schemas`` (see ``rules/tables-*.yaml``); nothing here names a row.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
import unicodedata

from .alignment import INF, align, allowed_edits, close, flanked, slot_similar
from ..model import Block, Cell, Document, Span, Table, Uncertainty
from ..normalize import normalize, strip_annotation
from . import evidence as text_evidence
from ..readers.texttables.flattened import NOFIT

# --------------------------------------------------------------------------------------
# Labels

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、])")
_BLOCK_HEADER = re.compile(r"第二十条第\(([一二三四五六七八九十]+)\)项")


_NUM_SEP = re.compile(r"(?<![\d.])(\d{1,2})、")


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The matching form of a label: :func:`normalize`, and 1、 numbering read as 1.
    (Kept: the table analysis asks for the same cells' labels many times.)"""
    return _NUM_SEP.sub(r"\1.", normalize(text or ""))


def core(normed: str) -> str:
    """A normalised label without its numbering (一、 （一） 1. 1、)."""
    return _NUMBERING.sub("", normed, count=1)


def numbering(normed: str) -> str:
    m = _NUMBERING.match(normed)
    if not m:
        return ""
    return m.group(0).replace("、", ".")


@dataclass(frozen=True)
class Label:
    key: str
    canonical: str  # as printed in the format
    normed: str
    core: str
    annotation_ok: bool  # a trailing （…） note may be stripped


def make_label(key: str, canonical: str) -> Label:
    n = norm(canonical)
    return Label(key, canonical, n, core(n), not n.endswith(")"))


def match_label(text: str, labels: list[Label]) -> tuple[Label, str] | None:
    """Best exact match of a normalised row label: ``(label, how)``; how is exact|core|annotation."""
    if not text:
        return None
    best = None
    for lab in labels:  # 1. the canonical text is a suffix (carrying group labels in front)
        if text.endswith(lab.normed) and (best is None or len(lab.normed) > len(best.normed)):
            best = lab
    if best is not None:
        if _stray_numbering(text[: len(text) - len(best.normed)], best):
            return best, "misspelt"  # 三三、本年度办理结果: a doubled numbering is a slip, not a group
        return best, "exact"
    for lab in labels:  # 2. without numbering (009: 本年新收政府信息公开申请数量)
        if len(lab.core) >= 2 and (text == lab.core or (len(lab.core) >= 4 and text.endswith(lab.core))):
            if best is None or len(lab.core) > len(best.core):
                best = lab
    if best is not None:
        return best, "core"
    stripped = strip_annotation(text)  # 3. Hubei annotations: 规章（设区的市…）
    if stripped != text:
        for lab in labels:
            if lab.annotation_ok and (stripped.endswith(lab.normed) or stripped == lab.core):
                return lab, "annotation"
    return None


def _numbering_differs(it: "RowRead", lab: Label) -> bool:
    """A row read by its words alone (match ``core``) whose own label cell lacks the
    schema label's numbering or carries another (「其他」 or 「4.其他」 for 「3.其他」).
    Only the row's own cell counts: a group label in a cell before it is not its number."""
    want = numbering(lab.normed)
    return bool(want) and numbering(norm(it.labels[-1].text)) != want


def _stray_numbering(prefix: str, lab: Label) -> bool:
    """A prefix made only of the label's own numbering characters (三 before 三、)."""
    num = numbering(lab.normed)
    return bool(prefix) and bool(num) and len(prefix) <= 2 and set(prefix) <= set(num + "、.")


def label_cost(text: str, lab: Label) -> float:
    """The price of reading a row label ``text`` as ``lab`` (for :func:`alignment.align`):
    0 for an exact match, below 1 for a misspelling (edit distance within
    :func:`alignment.allowed_edits`), ``INF`` otherwise. Numbering must agree when both
    carry one; a label only cut short or run on is not a misspelling."""
    if not text:
        return INF
    m = match_label(text, [lab])
    if m is not None and m[1] != "misspelt":
        return 0.0
    num, c = numbering(text), core(text)
    lnum = numbering(lab.normed)
    if num and lnum and num != lnum:
        return INF
    if len(c) < 2 or (c != lab.core and (c in lab.core or c.startswith(lab.core))):  # a fragment or run-on
        return INF
    d = close(c, lab.core)
    if d is None:
        d = close(strip_annotation(c), lab.core) if lab.annotation_ok else None
    if d is None:
        return INF
    return (d + 0.5) / (allowed_edits(lab.core) + 1)


def heading_cost(text: str, expected: str) -> float:
    """The price of reading a column heading ``text`` as ``expected`` (both as written):
    0 when they match (a trailing （…） note aside), below 1 for a misspelling within
    :func:`alignment.allowed_edits`, ``INF`` otherwise."""
    t, e = norm(text), norm(expected)
    if not t:
        return INF
    if t == e or strip_annotation(t) == e or (e.endswith(")") and t == strip_annotation(e)):
        return 0.0
    if t in e:  # a heading cut short (a wrapped cell's first line) is not a misspelling
        return INF
    d = close(t, e)
    if d is None and not e.endswith(")"):
        d = close(strip_annotation(t), e)
    return INF if d is None else (d + 0.5) / (allowed_edits(e) + 1)


def heading_pairs(found: list[str], expected: list[str]) -> list[tuple[int, int, bool]]:
    """``(expected index, found index, exact)`` for the column headings of one table
    header, read in order: aligned by :func:`heading_cost`; then each slot the alignment
    left open between matched neighbours (:func:`alignment.flanked`) is read as its
    heading when :func:`alignment.slot_similar` allows, so a heading misspelt beyond
    the edit limit is still named in its place, never a reason to drop the header."""
    costs: dict[tuple[int, int], float] = {}

    def cost(i: int, j: int) -> float:
        if (i, j) not in costs:
            costs[(i, j)] = heading_cost(found[j], expected[i])
        return costs[(i, j)]

    pairs = align(len(expected), len(found), cost)
    out = [(i, j, cost(i, j) == 0) for i, j in pairs]
    for i, j in flanked(pairs, len(expected), len(found)):
        f, e = norm(found[j]), norm(expected[i])
        if f not in e and slot_similar(f, e):
            out.append((i, j, False))
    return sorted(out)


def _wrapped_tails(above: list[str], line: list[str], wanted: set[str]) -> list[tuple[int, str]] | None:
    """(index in ``above``, word) for every word of ``line`` when each completes, in order, a
    word of the line above into a heading of ``wanted`` (that word not one already); None
    when any word of ``line`` does not."""
    out: list[tuple[int, str]] = []
    j = 0
    for w in line:
        while j < len(above) and (norm(above[j]) in wanted or norm(above[j]) + norm(w) not in wanted):
            j += 1
        if j == len(above):
            return None
        out.append((j, w))
        j += 1
    return out or None


def _reads_as_heading(word: str, order: list[str]) -> bool:
    """``word`` is one of the headings ``order``, or a misspelling of one."""
    return any(heading_cost(word, e) < INF for e in order)


def slot_label(text: str, lab: Label) -> bool:
    """Whether a row label standing in ``lab``'s slot (between rows read) reads as it:
    the numbering, if written, is ``lab``'s, and the words are like its words
    (:func:`alignment.slot_similar`), as 「（一）予以」 is 「（一）予以公开」."""
    num, want = numbering(text), numbering(lab.normed)
    if num and num != want:
        return False
    return slot_similar(core(text), lab.core)


# --------------------------------------------------------------------------------------
# Values

_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
# things that sit where a number should (a value cell, never a label)
_VALUE_LIKE = re.compile(
    r"^(?:[增减+\-]?\s*\d[\d,.+\-]*\s*(?:元|万元|件|个|条|项|次|%)?|[/／\\\-—–－_~…]+|无|空|0\.?|[-—]{1,3})$"
)


@dataclass
class Value:
    """One value cell as read: its text, its number (when it is one) and where it is."""

    text: str
    span: Span
    cell: Cell | None = None
    number: Decimal | None = None
    status: str = "ok"  # ok | blank | non-numeric | missing

    @property
    def usable(self) -> bool:
        return self.status == "ok"


@functools.lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    """A value cell's text as read for its number (kept: asked for per cell many times)."""
    out = unicodedata.normalize("NFKC", text or "")
    return _SPACES.sub("", out).replace("\u2212", "-").replace("－", "-")


_SPACES = re.compile(r"\s+")


_SIGN_WORDS = {"增": "+", "减": "-"}  # 本年增/减 cells written 增 1 / 减2


# characters a run of numbers may hold; anything else in a value cell is a unit or word
_NUMERIC_CHARS = frozenset("0123456789.,+-")


def stray_in_values(cells: list[Cell]) -> tuple[Span, str] | None:
    """The first unit or word inside a numeric row's raw value text, with that text.

    Read character by character, so it holds whatever way run-together digits would
    split: a row kept out of the arithmetic still has its 「251000元」 reported. Rows
    with no digit at all (label fragments, notes) are not number rows: None.
    """
    raw = [c for c in cells if not c.blank]
    if not any(ch.isdigit() for c in raw for ch in c.text):
        return None
    for c in raw:
        for i, ch in enumerate(c.text):
            if ch.isspace():
                continue
            if _plain(ch) not in _NUMERIC_CHARS:
                return c.textmap.span(i, i + 1), " ".join(" ".join(x.text.split()) for x in raw)
    return None


def parse_value(cell: Cell | None, span: Span, signed: bool = False) -> Value:
    """The value of one cell; in a ``signed`` column (本年增/减) a leading 增 or 减 is
    the number's sign."""
    if cell is None:
        return Value("", span, None, None, "missing")
    text = cell.text.strip()
    plain = _plain(text)
    if not plain:
        return Value(text, cell.span, cell, None, "blank")
    if signed and plain[0] in _SIGN_WORDS and len(plain) > 1 and plain[1] not in "+-":
        plain = _SIGN_WORDS[plain[0]] + plain[1:]
    if _THOUSANDS.match(plain):
        plain = plain.replace(",", "")
    if _NUMBER.match(plain):
        try:
            return Value(text, cell.span, cell, Decimal(plain), "ok")
        except InvalidOperation:  # pragma: no cover
            pass
    return Value(text, cell.span, cell, None, "non-numeric")


def value_like(text: str) -> bool:
    p = _plain(text)
    return bool(p) and bool(_VALUE_LIKE.match(p))


# a flattened row's unsplit run may hold a short word between its numbers (「2笔 984361元」)
# or after its last number (「0 0 0笔」); a label such as 「2.其他」 never ends in a digit before its word
_WORDY_RUN = re.compile(r"^[+\-]?\d(?:[\d,.+\-]*\d)?(?:[^\d\s,.+\-]{1,2}\d(?:[\d,.+\-]*\d)?)*[^\d\s,.+\-]{0,2}$")


def _value_cell(c: Cell, table: Table) -> bool:
    if value_like(c.text):
        return True
    return table.source == "flattened" and bool(_WORDY_RUN.match(_plain(c.text)))


def fmt_num(n: Decimal | int | None) -> str:
    if n is None:
        return "空"
    if isinstance(n, Decimal):
        n = n.normalize()
        s = format(n, "f")
        return s
    return str(n)


# --------------------------------------------------------------------------------------
# Rows as read


@dataclass
class RowRead:
    """One grid row split into label cells and value cells."""

    table: Table
    index: int  # grid row
    labels: list[Cell]
    values: list[Cell]
    order: int  # position in document order
    uncertainty: Uncertainty | None = None

    @property
    def label_text(self) -> str:
        return norm("".join(c.text for c in self.labels))

    @property
    def last_label(self) -> str:
        return norm(self.labels[-1].text) if self.labels else ""

    @property
    def has_values(self) -> bool:
        return any(not c.blank for c in self.values)

    @property
    def span(self) -> Span:
        if self.labels:
            return self.labels[-1].span
        for c in self.values:
            if c is not None:
                return c.span
        return self.table.span

    def numeric_count(self) -> int:
        return sum(1 for c in self.values if parse_value(c, c.span).status == "ok")


def split_row(table: Table, r: int, order: int) -> RowRead:
    seen: set[int] = set()
    cells: list[Cell] = []
    for c in table.grid[r]:
        if c is None or id(c) in seen:
            continue
        seen.add(id(c))
        cells.append(c)
    last_label = -1
    for i, c in enumerate(cells):
        if not c.blank and not _value_cell(c, table):
            last_label = i
    labels = [c for c in cells[: last_label + 1] if not c.blank]
    values = cells[last_label + 1 :]
    unc = None
    for u in table.uncertain:
        if u.row is None or u.row == r:
            unc = u
            break
    return RowRead(table, r, labels, values, order, unc)


def wider_than_header(values: list[Cell], header_end: int | None) -> bool:
    """A row with a cell right of the header's last column (16 cells under 15 headings):
    which cell is the extra one cannot be known, so the row cannot be placed."""
    return header_end is not None and any(c.col >= header_end for c in values)


def fit_values(values: list[Cell], n: int, first_col: int | None = None,
               header_end: int | None = None) -> list[Cell] | None:
    """The ``n`` value cells of a row, or None when they cannot be placed with certainty.

    This is the one placement step every reader's rows go through. A row wider than
    its header (``header_end``: the grid column after the header's last value column,
    when the header names every column) is never placed.

    Surplus blank cells at either end are dropped: the window of ``n`` cells must hold
    every non-blank cell. When several windows do (a blank first or last value next to a
    blank filler cell), the one starting at the header's first value column
    (``first_col``, a grid column) is taken; with no header to decide, None.
    """
    if wider_than_header(values, header_end):
        return None
    if len(values) == n:
        return list(values)
    if len(values) < n:
        return None
    filled = [i for i, c in enumerate(values) if not c.blank]
    if not filled:
        return list(values[:n])
    lo, hi = filled[0], filled[-1]
    starts = [s for s in range(0, len(values) - n + 1) if s <= lo and s + n - 1 >= hi]
    if len(starts) == 1:
        return list(values[starts[0]: starts[0] + n])
    if first_col is not None:
        for s in starts:
            if values[s].col == first_col:
                return list(values[s: s + n])
    return None


# --------------------------------------------------------------------------------------
# The structured view

_NO_VALUES = "该行没有数字"


# The closed set of structural observations this analysis offers (a rule of kind
# ``table-structure`` picks one by ``issue``, checked at load), and the names each may fill
# in a rule's message. A new observation is added here and where it is found below.
OBSERVATIONS = (
    "table-missing", "row-missing", "row-misspelt", "row-foreign", "column-heading",
    "cell-count", "unclear", "other-processing-single", "block-header-missing", "row-empty",
    "placement", "row-numbering",
)
PLACEHOLDERS = ("table", "row", "found", "expected", "detail", "format")


def schema_keys(schemas: dict, table: str) -> dict[str, list[str]]:
    """The keys a rule may name in schema ``table`` (``table3``: its ``rows`` (with the
    other-processing rows in their slot) and ``columns``; ``table4``: ``columns`` and
    ``groups``), for checking a rule's parameters at load."""
    s = schemas.get(table) if isinstance(schemas.get(table), dict) else {}

    def keys(entries) -> list[str]:
        return [str(e["key"]) for e in entries or [] if isinstance(e, dict) and "key" in e]

    out = {"columns": keys(s.get("columns"))}
    if table == "table3":
        out["rows"] = keys(s.get("rows")) + keys(schemas.get("table3-other-processing"))
    else:
        out["groups"] = keys(s.get("groups"))
    return out


def unknown_keys(param: str, given, known: list[str], what: str):
    """(param, fault) for each of ``given`` (a list of keys, ``*`` allowed) not in ``known``."""
    for key in given or []:
        key = str(key) if not isinstance(key, dict) else key
        if key != "*" and key not in known:
            yield param, f"{what} has no key `{key}` (it has: {', '.join(known) or 'none'})"


@dataclass
class Issue:
    """A structural observation (a T finding in waiting)."""

    kind: str  # one of OBSERVATIONS
    span: Span
    values: dict = field(default_factory=dict)


@dataclass
class MatchedRow:
    key: str
    label: Label
    row: RowRead | None
    values: dict[str, Value] = field(default_factory=dict)  # by column key
    how: str = "exact"
    excluded: str = ""  # why this row is kept out of the arithmetic ("" = in)
    foreign: bool = False

    @property
    def span(self) -> Span:
        return self.row.span if self.row else Span.at(1, 1)

    @property
    def has_values(self) -> bool:
        return any(v.status != "missing" for v in self.values.values())


@dataclass
class Table2Block:
    key: str
    label: str
    header_span: Span | None = None
    columns: list[str] = field(default_factory=list)  # expected column labels
    rows: dict[str, MatchedRow] = field(default_factory=dict)


@dataclass
class Table3:
    rows: dict[str, MatchedRow] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # schema keys in schema order
    labels: dict[str, Label] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    groups: set[str] = field(default_factory=set)
    totals: set[str] = field(default_factory=set)
    columns: list[str] = field(default_factory=list)
    column_labels: dict[str, str] = field(default_factory=dict)
    orphans: int = 0  # value rows without a label inside the 表三 zone
    unknown: int = 0  # value rows with a label that matches nothing
    span: Span | None = None

    def children(self, key: str) -> list[str]:
        return [k for k in self.order if self.parents.get(k) == key]

    def leaves_under(self, key: str) -> list[str]:
        """Rows under ``key`` that hold numbers: items, and groups printed as one row."""
        out = []
        for k in self.children(key):
            if k in self.totals:
                continue
            kids = [c for c in self.children(k) if c in self.rows]
            if k in self.groups and (kids or k not in self.rows):
                out.extend(self.leaves_under(k))
            else:
                out.append(k)
        return out


@dataclass
class Table4:
    groups: list[str] = field(default_factory=list)
    group_labels: dict[str, str] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    column_labels: dict[str, str] = field(default_factory=dict)
    values: dict[tuple[str, str], Value] = field(default_factory=dict)  # (group, column)
    excluded: str = ""
    span: Span | None = None


@dataclass
class TablesView:
    format: str | None  # "2019" | "2021" | None: what the document's tables follow
    evidence: dict[str, list[tuple[str, Span]]]  # format -> (marker, where) found
    expected_format: str | None  # what the rule set expects
    legacy: bool = False
    legacy_evidence: str = ""
    legacy_span: Span | None = None
    table2: dict[str, Table2Block] | None = None
    table3: Table3 | None = None
    table4: Table4 | None = None
    issues: list[Issue] = field(default_factory=list)
    uncertain_rows: list[tuple[RowRead, Uncertainty, str]] = field(default_factory=list)  # (row, u, where)
    # 表二 rows of a report in the other format: kept out of the arithmetic, but a unit or word
    # in a number cell is wrong in either format (B407 reads their raw text). (row, where)
    unread_rows: list[tuple[RowRead, str]] = field(default_factory=list)
    settled: list[Uncertainty] = field(default_factory=list)  # reader doubts the running text resolved
    reported: list[Uncertainty] = field(default_factory=list)  # reader doubts a T finding already states
    truncated: bool = False  # the document ends inside a table
    decimal_columns: set[str] = field(default_factory=set)
    signed_columns: set[str] = field(default_factory=set)
    # rows of the other format found where the expected format splits them (表三 （六）其他处理
    # as one row): (table, label) — told with the outdated-format finding, not on their own
    outdated_rows: list[tuple[str, str]] = field(default_factory=list)

    @property
    def format_mismatch(self) -> bool:
        return bool(self.format and self.expected_format and self.format != self.expected_format)


# --------------------------------------------------------------------------------------
# Analysis


def _schema(ctx_schema, name, default=None):
    try:
        return ctx_schema(name)
    except KeyError:
        return default


# From this many rows of one table whose cells cannot be placed, the reading is in doubt,
# not each row (a single such row is the author's slip and stays a T206 warning).
_UNPLACED_ROWS = 3

# A part heading at the start of a block: 「四、…」.
_PART_HEADING = re.compile(r"[一二三四五六七八九十]+、")


def _label_core(n: str) -> str:
    """A normalised label's core without its numbering and trailing （…） note."""
    return strip_annotation(core(n)) or core(n)


def _listed(labels: list[str]) -> str:
    return "、".join(f"「{l}」" for l in labels[:3]) + ("等" if len(labels) > 3 else "")


def analyse(doc: Document, schema, year: int | None = None) -> TablesView:
    """Build the view of a document's tables. ``schema(name)`` returns a named schema."""
    return _Analysis(doc, schema, year).run()


def view_for(doc: Document, ctx) -> TablesView:
    """The shared view, computed once per document and rule set."""
    return ctx.cached("tables", lambda: analyse(doc, ctx.schema, ctx.year))


class _Analysis:
    def __init__(self, doc: Document, schema, year: int | None = None):
        self.doc = doc
        self.year = year
        self._stated: list | None = None  # counts the running text states (analysis.evidence), when asked
        self.t2s = _schema(schema, "table2")
        self.t3s = _schema(schema, "table3")
        self.t4s = _schema(schema, "table4")
        self.other = _schema(schema, "table3-other-processing", []) or []
        self.fps = _schema(schema, "format-fingerprints", {}) or {}
        self.legacy_markers = [norm(m) for m in (_schema(schema, "legacy-markers", []) or [])]
        fmt = _schema(schema, "table-format", {}) or {}
        self.expected = str(fmt.get("format")) if fmt.get("format") else None
        cellv = _schema(schema, "table-cell-values", {}) or {}
        self.decimal_columns = {norm(x) for x in cellv.get("decimal-columns", [])}
        self.signed_columns = {norm(x) for x in cellv.get("signed-columns", [])}
        # every row of every table, in document order, plus the text blocks between
        self._unknown_names: list[str] = []
        self._header_ends: dict = {}
        self._first_cols: dict = {}
        self.plain = norm("".join(b.text for b in doc.text_blocks))
        self.items: list[RowRead | Block] = []
        order = 0
        for b in doc.blocks:
            if isinstance(b, Table):
                for r in range(b.n_rows):
                    self.items.append(split_row(b, r, order))
                    order += 1
            else:
                self.items.append(b)
                order += 1

    # -- format -------------------------------------------------------------------
    def fingerprint(self) -> dict[str, list[tuple[str, Span]]]:
        texts: dict[str, Span] = {}
        for it in self.items:
            if isinstance(it, RowRead):
                for c in it.labels:
                    n = norm(c.text)
                    for t in (n, strip_annotation(n), core(n)):
                        texts.setdefault(t, c.span)
            else:
                n = norm(it.text)
                if len(n) <= 40:
                    texts.setdefault(n, it.span)
        found: dict[str, list[tuple[str, Span]]] = {}
        for fmt, markers in self.fps.items():
            for m in markers or []:
                if m.get("weak"):
                    continue
                n = norm(m["label"])
                hit = texts.get(n) or (texts.get(core(n)) if len(core(n)) >= 6 else None)
                if hit is not None:
                    found.setdefault(str(fmt), []).append((m["label"], hit))
        return found

    def run(self) -> TablesView:
        if not self.doc.blocks:  # nothing was read (the input rules say why): claim nothing
            return TablesView(None, {}, self.expected)
        evidence = self.fingerprint()
        counts = {f: len(v) for f, v in evidence.items()}
        fmt = None
        if counts:
            ranked = sorted(counts.items(), key=lambda x: -x[1])
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                fmt = ranked[0][0]
        view = TablesView(fmt, evidence, self.expected)
        view.decimal_columns = self.decimal_columns
        view.signed_columns = self.signed_columns
        if self.t3s:
            view.table3 = self.table3(view)
        if self.t2s:
            view.table2 = self.table2(view)
        if self.t4s:
            view.table4 = self.table4(view)
        found_any = bool(
            (view.table2 and any(b.rows or b.header_span for b in view.table2.values()))
            or (view.table3 and view.table3.rows)
            or (view.table4 and view.table4.span)
        )
        if not found_any:
            marker, where = self.legacy_marker()
            if not marker and self.year is not None and self.year < 2019:
                view.legacy = True
                view.legacy_span = self.doc.blocks[0].span if self.doc.blocks else Span.at(1, 1)
            if marker:
                view.legacy = True
                view.legacy_evidence = marker
                view.legacy_span = where
        if view.legacy:
            view.issues = []
            view.uncertain_rows = []
            view.table2 = view.table3 = view.table4 = None
        else:
            self.missing_tables(view)
            self.collapse_cell_counts(view)
        return view

    def collapse_cell_counts(self, view: TablesView) -> None:
        """Rows whose cells cannot be placed, in several rows of one table, say that the reader
        did not get the table's columns (a PDF's text pieces, a converter's layout), not that
        the author miscounted row after row: one info note for the table instead of a warning
        per row. The rows stay out of the arithmetic either way."""
        by_table: dict[str, list[Issue]] = {}
        for i in view.issues:
            if i.kind == "cell-count":
                by_table.setdefault(str(i.values.get("table", "")), []).append(i)
        for table, items in by_table.items():
            if len(items) < _UNPLACED_ROWS:
                continue
            # in a table whose columns were not read, a row not found is not read either:
            # "missing" would be a guess
            missing = [i for i in view.issues if i.kind == "row-missing" and i.values.get("table") == table]
            drop = {id(i) for i in items + missing}
            first = items[0]
            view.issues = [i for i in view.issues if id(i) not in drop]
            unread = (f"；另有{_listed([str(i.values.get('expected', '')) for i in missing])}未能读出"
                      if missing else "")
            view.issues.append(Issue("unclear", first.span, {
                "table": table, "row": "",
                "detail": f"{len(items)}行的单元格数与列数不符（如{first.values.get('row', '')}有{first.values.get('found')}个单元格，"
                          f"应为{first.values.get('expected')}个）{unread}，未能可靠读出该表，这些行不作检查"}))

    def legacy_marker(self) -> tuple[str, Span | None]:
        for it in self.items:
            cells = it.labels if isinstance(it, RowRead) else [it]
            for c in cells:
                n = norm(c.text)
                for m in self.legacy_markers:
                    if m in n:
                        return m, c.span
        return "", None

    def in_text(self, label: str) -> bool:
        """Does a label occur in the report's running text (a table the reader did not get)?"""
        n = norm(label)
        c = _label_core(n)
        return n in self.plain or (len(c) >= 4 and c in self.plain)

    @functools.cached_property
    def cells_plain(self) -> str:
        """Every table cell's text, normalised and run together."""
        return norm("".join(c.text for b in self.doc.blocks if isinstance(b, Table) for c in b.cells))

    def in_cells(self, label: str) -> bool:
        """Does a row label (its core, four characters or more) stand in some table cell, run
        together with others? Then the reader did not get the row; the report has it."""
        c = _label_core(norm(label))
        return len(c) >= 4 and c in self.cells_plain

    def not_in_table(self, view: TablesView, span: Span, table: str, labels: list[str]) -> None:
        view.issues.append(Issue("unclear", span, {
            "table": table, "row": "",
            "detail": _listed(labels) + "只见于正文文字、未能作为表格读取，不作检查"}))

    def heading_at(self, heading: str) -> int | None:
        """The index of the block that is ``heading`` (a short block holding its core)."""
        want = core(norm(heading))
        if not want:
            return None
        return next((i for i, b in enumerate(self.doc.blocks) if isinstance(b, Block)
                     and want in (t := norm(b.text)) and len(t) <= len(want) + 8), None)

    def heading_span(self, heading: str) -> Span:
        at = self.heading_at(heading)
        if at is not None:
            return self.doc.blocks[at].span
        first = self.doc.blocks[0] if self.doc.blocks else None
        return first.span if first is not None else Span.at(1, 1)

    def image_in_part(self, heading: str) -> Span | None:
        """A picture standing in the part that ``heading`` opens (up to the next part heading),
        or anywhere when the heading is not found: where a table may be printed as an image."""
        images = self.doc.images
        if not images:
            return None
        blocks = self.doc.blocks
        start = self.heading_at(heading)
        if start is None:
            return images[0][1]
        end = next((i for i in range(start + 1, len(blocks)) if isinstance(blocks[i], Block)
                    and _PART_HEADING.match(norm(blocks[i].text)) and len(blocks[i].text) <= 40), len(blocks))
        return next((span for at, span in images if start < at <= end), None)

    def missing_tables(self, view: TablesView) -> None:
        def missing(schema, detail, probe):
            span = self.heading_span(schema.get("heading", ""))
            title = schema.get("title", "")
            picture = self.image_in_part(schema.get("heading", ""))
            if probe and any(self.in_text(p) for p in probe):
                self.not_in_table(view, span, title, [detail])
            elif picture is not None:  # printed as an image: present, but nothing to check
                view.issues.append(Issue("unclear", picture, {
                    "table": title, "row": "",
                    "detail": f"未找到{detail}的表格文字，该部分有图片（表格可能以图片形式给出），无法检查"}))
            else:
                view.issues.append(Issue("table-missing", span, {"table": title, "detail": "未找到" + detail}))

        if self.t2s and view.table2 is not None:
            blocks = view.table2
            s2 = self.t2s
            if not any(b.rows or b.header_span for b in blocks.values()):
                probe = [b["label"] for b in s2["blocks"]] + [r for b in s2["blocks"] for r in b["rows"]]
                missing(s2, "第二十条各项的统计表", probe)
            elif not view.format_mismatch:
                for spec in s2["blocks"]:
                    b = blocks[spec["key"]]
                    if not b.rows and b.header_span is None:
                        missing(s2, b.label, [b.label] + list(spec["rows"]))
        if self.t3s and view.table3 is not None and not view.table3.rows:
            missing(self.t3s, "收到和处理政府信息公开申请情况统计表", [r["label"] for r in self.t3s["rows"] if "label" in r])
        if self.t4s and view.table4 is not None and view.table4.span is None and not view.truncated:
            missing(self.t4s, "行政复议、行政诉讼情况统计表", [c["label"] for c in self.t4s["columns"][:4]])

    # -- 表三 ---------------------------------------------------------------------
    def table3(self, view: TablesView) -> Table3:
        s = self.t3s
        t3 = Table3()
        t3.columns = [c["key"] for c in s["columns"]]
        t3.column_labels = {c["key"]: c["label"] for c in s["columns"]}
        rows = []
        for entry in s["rows"]:
            if entry.get("slot") == "other-processing":
                rows.extend(self.other)
            else:
                rows.append(entry)
        foreign_keys: set[str] = set()
        # labels of the other format's （六） items, so they are recognised, not unknown
        known = {norm(e["label"]) for e in rows}
        extra = []
        for fmt, markers in self.fps.items():
            for m in markers or []:
                if m.get("where") == "table3-row" and norm(m["label"]) not in known:
                    num = numbering(norm(m["label"])).rstrip(".") or str(len(extra) + 1)
                    key = f"三.六.{num}"
                    extra.append({"key": key, "parent": "三.六", "label": m["label"]})
                    foreign_keys.add(key)
        for e in rows + extra:
            t3.order.append(e["key"])
            t3.labels[e["key"]] = make_label(e["key"], e["label"])
            if e.get("parent"):
                t3.parents[e["key"]] = e["parent"]
            if e.get("group"):
                t3.groups.add(e["key"])
            if e.get("total"):
                t3.totals.add(e["key"])
        labels = list(t3.labels.values())
        header_words = {norm(x) for x in s.get("header-labels", [])} | {norm(c["label"]) for c in s["columns"]}
        note = norm(s.get("note", ""))

        # pass 1: exact matches, to find the zone
        matched: list[tuple[int, Label, str]] = []
        for i, it in enumerate(self.items):
            if not isinstance(it, RowRead) or not it.labels:
                continue
            if self._header_row(it, header_words, note):
                continue
            m = match_label(it.label_text, labels) or match_label(it.last_label, labels)
            if m:
                matched.append((i, m[0], m[1]))
        if not matched:
            return t3
        first, last = matched[0][0], matched[-1][0]
        approx = self._align_t3(t3, matched, header_words, note)
        if approx:
            first, last = min(first, min(approx)), max(last, max(approx))
        self._headings(view, first, self.t3s.get("header-order") or [c["label"] for c in s["columns"]], "表三", note)
        by_index = {i: (lab, how) for i, lab, how in matched}
        n = len(t3.columns)
        pending: MatchedRow | None = None  # a leaf label seen without its values
        prefix_text = ""
        orphan_first: RowRead | None = None
        orphan_rows: list[RowRead] = []  # value rows with no label (or a piece of one), for _fill_gaps
        loose: list[RowRead] = []  # value rows taken for a label-only row above them but doubted
        pieces: set[int] = set()  # of orphan_rows, those whose label is a piece of a schema label
        unknown_first: RowRead | None = None
        for i in range(first, last + 1):
            it = self.items[i]
            if not isinstance(it, RowRead):
                continue
            hit = by_index.get(i)
            if hit is None and i in approx:
                hit = (approx[i], "misspelt")
            if hit is None and it.labels:
                text = prefix_text + it.label_text
                m = match_label(text, labels)
                if m is None and not it.has_values and it.label_text:
                    if any(l.normed.startswith(text) or l.core.startswith(core(text)) for l in labels if len(text) >= 4):
                        prefix_text = text  # a label broken over lines
                        continue
                if m is None and self._header_row(it, header_words, note):
                    prefix_text = ""
                    continue
                if m is not None:
                    hit = m
            prefix_text = ""
            if hit is None:
                if it.has_values and not it.labels and pending is not None:
                    self._attach(t3, pending, it, n, view)
                    if not pending.has_values and it.uncertainty is not None:
                        loose.append(it)  # the reader doubted it: the sequence may place it
                    pending = None
                elif it.has_values:
                    if it.labels and core(it.last_label) and not self._group_only(it, t3):
                        t3.unknown += 1
                        self._unknown_names.append(it.labels[-1].text.strip())
                        unknown_first = unknown_first or it
                        if self._label_piece(it, labels):
                            orphan_rows.append(it)
                            pieces.add(id(it))
                    else:
                        t3.orphans += 1
                        orphan_first = orphan_first or it
                        orphan_rows.append(it)
                continue
            lab, how = hit
            if lab.key in t3.groups and it.has_values and it.labels[-1].rowspan > 1:
                # a group label merged over its items, on a row whose item label is missing
                t3.orphans += 1
                orphan_first = orphan_first or it
                continue
            if t3.span is None:
                t3.span = it.span
            if how == "misspelt":
                view.issues.append(Issue("row-misspelt", it.labels[-1].span, {
                    "table": "表三", "found": it.labels[-1].text.strip(), "expected": lab.canonical}))
            elif how == "core" and _numbering_differs(it, lab):
                view.issues.append(Issue("row-numbering", it.labels[-1].span, {
                    "table": "表三", "found": it.labels[-1].text.strip(), "expected": lab.canonical}))
            mr = MatchedRow(lab.key, lab, it, how=how, foreign=lab.key in foreign_keys)
            blank_row = not it.has_values and len(it.values) >= n and lab.key not in t3.groups
            if not it.has_values and not blank_row:
                if lab.key in t3.groups and lab.key not in t3.rows:
                    t3.rows.setdefault(lab.key, MatchedRow(lab.key, lab, it, how=how))
                    pending = None
                elif lab.key not in t3.rows:
                    pending = mr
                    t3.rows[lab.key] = mr
                    mr.excluded = _NO_VALUES
                continue
            pending = None
            self._attach(t3, mr, it, n, view)
        if (t3.orphans or t3.unknown) and t3.orphans + t3.unknown == len(orphan_rows) \
                and self._fill_gaps(view, t3, sorted(orphan_rows + loose, key=lambda r: r.order), pieces):
            t3.orphans = t3.unknown = 0
        self._group_cells_misspelt(view, t3)
        for k in t3.order:  # a row printed with its label and no values at all
            mr = t3.rows.get(k)
            if mr is not None and mr.row is not None and mr.excluded == _NO_VALUES and not mr.row.values \
                    and mr.row.uncertainty is None:
                view.issues.append(Issue("row-empty", mr.row.labels[-1].span, {
                    "table": "表三", "row": f"「{mr.label.canonical}」行"}))
        if any(k in t3.rows for k in foreign_keys) and "三.六" in t3.labels:
            t3.groups.add("三.六")  # 2021 items found under a 2019 schema: （六） is their group
        if t3.orphans:
            view.issues.append(Issue("unclear", orphan_first.span if orphan_first else (t3.span or Span.at(1, 1)), {
                "table": "表三", "row": "",
                "detail": f"有{t3.orphans}行数字没有可识别的行标签，无法确定所属的行，缺行与合计不作检查"}))
        if t3.unknown:
            names = "、".join(f"「{c}」" for c in self._unknown_names[:3]) + ("等" if t3.unknown > 3 else "")
            view.issues.append(Issue("unclear", unknown_first.span, {
                "table": "表三", "row": "",
                "detail": f"有{t3.unknown}行的行标签不是格式规定的行（{names}），无法对应，合计不作检查"}))
        self._table3_rows_missing(view, t3, foreign_keys)
        return t3

    def _fill_gaps(self, view: TablesView, t3: Table3, orphans: list[RowRead], pieces: set[int]) -> bool:
        """Value rows whose labels a converter put elsewhere (a PDF turned into markdown
        leaves 「（二）部分公开（区分处理的…」 as loose lines and the numbers as a row of their
        own), placed by sequence: between two rows read with their labels, k rows without
        a label (or with a piece of one: 「缴纳费用、」「行政机关不再处理其政」, which must be
        a piece of the row it is placed as) stand for the k schema rows missing between
        those labels, in order. Like a run of digits with one possible split, a sequence
        with one possible placement is taken: only when the labelled rows stand in the
        schema's order, every gap's counts agree, each placed row has every cell and every
        schema row then has numbers; the balance checks then judge the numbers. The
        reader's doubts about those rows, and about label pieces that carry no number or
        a lone one, are then settled. Otherwise nothing changes (T211, X010)."""
        n = len(t3.columns)
        # a lone number on a line of its own (a page number, a footnote mark) is no row
        stray = [it for it in orphans if len([c for c in it.values if not c.blank]) == 1 < n]
        orphans = [it for it in orphans if all(it is not x for x in stray)]
        leaves = [k for k in t3.order if k not in t3.groups and not self._foreign_key(k, t3)]
        pos = {k: i for i, k in enumerate(leaves)}
        # rows read with their labels and numbers; a label read with no number (a piece
        # of text above its values) holds no place in the sequence
        anchors = sorted((mr.row.order, pos[k]) for k, mr in t3.rows.items()
                         if k in pos and mr.row is not None and mr.has_values and all(mr.row is not o for o in orphans))
        have = {k for k, mr in t3.rows.items() if mr.has_values}
        if not anchors or any(b[1] <= a[1] for a, b in zip(anchors, anchors[1:])):
            return False  # labelled rows out of the schema's order: no sequence to trust
        placed: list[tuple[str, RowRead]] = []
        for it in orphans:
            before = [p for o, p in anchors if o < it.order]
            after = [p for o, p in anchors if o > it.order]
            lo = before[-1] if before else -1
            hi = after[0] if after else len(leaves)
            gap = [leaves[j] for j in range(lo + 1, hi) if leaves[j] not in have]
            same_gap = [o for o in orphans if (not before or o.order > max(x for x, _ in anchors if x < it.order))
                        and (not after or o.order < min(x for x, _ in anchors if x > it.order))]
            if len(gap) != len(same_gap):
                return False
            key = gap[same_gap.index(it)]
            if id(it) in pieces and it.label_text not in t3.labels[key].normed \
                    and it.last_label not in t3.labels[key].normed:
                return False  # a label piece must be a piece of the row it is placed as
            placed.append((key, it))
        values: dict[str, dict[str, Value]] = {k: mr.values for k, mr in t3.rows.items() if k in have}
        for key, it in placed:
            if it.index in it.table.ragged:
                return False
            vals = fit_values(it.values, n, self._first_col(it.table, t3.column_labels[t3.columns[0]]))
            if vals is None:
                return False
            values[key] = {k: parse_value(c, c.span) for k, c in zip(t3.columns, vals)}
        if any(k not in values for k in leaves) or any(v.number is None for key, _ in placed for v in values[key].values()):
            return False
        tables = set()
        rows_placed = {id(it) for _, it in placed}
        view.uncertain_rows = [x for x in view.uncertain_rows if id(x[0]) not in rows_placed]
        for it in stray:
            if it.uncertainty is not None:
                view.settled.append(it.uncertainty)
        for key, it in placed:
            if id(it) in pieces and self._cut_short(it, t3.labels[key]):
                view.issues.append(Issue("row-misspelt", it.labels[-1].span, {
                    "table": "表三", "found": it.labels[-1].text.strip(), "expected": t3.labels[key].canonical}))
            t3.rows[key] = MatchedRow(key, t3.labels[key], it, values[key], how="placed")
            tables.add(id(it.table))
            if it.uncertainty is not None:
                view.settled.append(it.uncertainty)
        # label pieces (rows with no number) in those tables no longer hide anything
        numbered = {(id(it.table), it.index) for it in self.items if isinstance(it, RowRead) and it.has_values}
        for it in self.items:
            if isinstance(it, RowRead) and id(it.table) in tables:
                for u in it.table.uncertain:
                    if u.row is not None and (id(it.table), u.row) not in numbered and u not in view.settled:
                        view.settled.append(u)
        return True

    @staticmethod
    def _label_piece(it: RowRead, labels: list[Label]) -> Label | None:
        """The schema label whose text holds this row's label as a piece (a converter cut
        「…缴纳费用、行政机关不再处理其政…」 out of a longer label), or None."""
        for text in dict.fromkeys((it.label_text, it.last_label)):  # all label cells, or the item's own
            if len(text) >= 4 and (lab := next((lab for lab in labels if text in lab.normed), None)):
                return lab
        return None

    _NEAR_ITEMS = 4  # a label's other part printed this many items away is still its own

    def _cut_short(self, it: RowRead, lab: Label) -> bool:
        """Whether a label piece that begins its label (「（一）予以」 for 「（一）予以公开」)
        is the label written short — a slip the table checks name (T203) — rather than a
        label a converter cut: no line near the row begins with the rest of the label."""
        text = it.label_text if it.label_text in lab.normed else it.last_label
        if not lab.normed.startswith(text):
            return False  # a piece from inside a label: the converter cut it
        rest = lab.normed[len(text):]
        probe = rest[:4]
        i = self.items.index(it)
        for near in self.items[max(0, i - self._NEAR_ITEMS): i + self._NEAR_ITEMS + 1]:
            if near is it:
                continue
            words = [norm(near.text)] if isinstance(near, Block) else [near.label_text, near.last_label]
            if probe and any(w.startswith(probe) for w in words):
                return False  # a line that goes on where the piece stops
        return True

    def _foreign_key(self, key: str, t3: Table3) -> bool:
        """A row of the other format's （六） items, recognised but not this schema's."""
        return not any(e.get("key") == key for e in self.t3s["rows"] + self.other)

    _HEADER_ROWS = 6  # a header is three rows; a page-split or converted one a few more

    def _headings(self, view: TablesView, first: int, order: list[str], table: str, note: str = "") -> None:
        """A table's column headings as printed above its first data row (item
        ``first``): read column by column (the cells of one table left to right, each
        column top to bottom), aligned with ``order`` (the schema's ``header-order``) by
        :func:`heading_pairs`, and each misspelt one reported at its cell."""
        rows: list[RowRead] = []
        i = first - 1
        while i >= 0 and len(rows) < self._HEADER_ROWS:
            it = self.items[i]
            if not isinstance(it, RowRead) or it.has_values:
                break
            rows.append(it)
            i -= 1
        seen: set[int] = set()
        cells: list[tuple[int, int, int, Cell]] = []
        longest = max(len(norm(x)) for x in order)
        tables: dict[int, int] = {}  # a header split over two tables: the earlier first
        for it in reversed(rows):
            tables.setdefault(id(it.table), len(tables))
            for c in it.labels + it.values:
                t = norm(c.text)
                if id(c) in seen or c.blank or len(t) > longest + 4 or (note and len(t) >= 4 and t in note):
                    continue
                seen.add(id(c))
                cells.append((tables[id(it.table)], c.col, c.row, c))
        if not cells:
            return
        cells.sort(key=lambda x: x[:3])
        found: list[tuple[str, Cell]] = []  # (the heading as written, its first cell)
        placed: set[tuple[int, int, int, str]] = set()  # (table, row, column, text)
        wanted = {norm(x) for x in order}
        below: tuple[int, int, int, int] | None = None  # (table, column, colspan, row) under the last one
        line_words: list[int] = []  # of found, the words of the line of headings just read
        for k, col, row, c in cells:
            t = norm(c.text)
            placed.add((k, row, col + c.colspan - 1, t))
            if (k, row, col - 1, t) in placed:
                continue  # a merged heading a converter repeated in the next column counts once
            words = line_words
            line_words = []
            if found and below == (k, col, c.colspan, row) and norm(found[-1][0]) + t in wanted:
                found[-1] = (found[-1][0] + c.text.strip(), found[-1][1])  # a heading wrapped in its cell
            elif words and below == (k, col, c.colspan, row) and (tails := _wrapped_tails(
                    [found[i][0] for i in words], c.text.split(), wanted)) is not None:
                # a line of headings each wrapped in its narrow cell, read as lines of words
                # (「自然 法人或其他组织 总」 over 「人 计」): each word of this line ends the
                # first word above it, in order, that it makes a heading of
                for i, w in tails:
                    found[words[i]] = (found[words[i]][0] + w, found[words[i]][1])
            elif t not in wanted and any(_reads_as_heading(w, order) for w in c.text.split()):
                # a line of several headings read as one cell (「律 总计」: a page's header
                # line whose cells the reader could not set apart): its words are the
                # headings (one of them maybe misspelt), and the cell is no misspelling of
                # the one it comes closest to
                line_words = list(range(len(found), len(found) + len(c.text.split())))
                found.extend((w, c) for w in c.text.split())
            else:
                found.append((c.text.strip(), c))
            below = (k, col, c.colspan, row + c.rowspan)
        for i, j, exact in heading_pairs([text for text, _ in found], order):
            if not exact:
                view.issues.append(Issue("column-heading", found[j][1].span, {
                    "table": table, "found": found[j][0], "expected": order[i]}))

    def _align_t3(self, t3: Table3, matched, header_words, note) -> dict[int, Label]:
        """Rows whose label matched nothing exactly, read as misspelt schema rows by
        aligning them with the schema in order: the exactly matched rows are anchors,
        and between two anchors the unmatched rows are aligned with the schema rows
        between theirs (so one slip costs one label). Rows just before the first and
        after the last anchor are considered too, as many as the schema has rows there.
        Returns item index -> label."""
        pos = {k: n for n, k in enumerate(t3.order)}
        anchors = [(i, pos[lab.key]) for i, lab, _ in matched]
        taken = {lab.key for _, lab, _ in matched}

        def candidate(i: int) -> bool:
            it = self.items[i]
            return isinstance(it, RowRead) and bool(it.labels) and not self._header_row(it, header_words, note)

        def reach(start: int, step: int, room: int) -> int:
            """The farthest item index of the ``room`` labelled rows from ``start`` on."""
            i, edge, seen = start, start - step, 0
            while 0 <= i < len(self.items) and seen < room:
                it = self.items[i]
                if isinstance(it, Block) or (isinstance(it, RowRead) and self._header_row(it, header_words, note)):
                    break
                if candidate(i):
                    seen += 1
                    edge = i
                i += step
            return edge

        lo = reach(anchors[0][0] - 1, -1, anchors[0][1])
        hi = reach(anchors[-1][0] + 1, 1, len(t3.order) - 1 - anchors[-1][1])
        bounds = [(lo - 1, -1)] + anchors + [(hi + 1, len(t3.order))]
        out: dict[int, Label] = {}
        matched_at = {i for i, _ in anchors}
        for (ia, sa), (ib, sb) in zip(bounds, bounds[1:]):
            if sb - sa < 2 or ib - ia < 2:
                continue
            found = [i for i in range(ia + 1, ib) if i not in matched_at and candidate(i)]
            want = [t3.order[k] for k in range(sa + 1, sb) if t3.order[k] not in taken]
            if not found or not want:
                continue
            labels = [t3.labels[k] for k in want]
            texts = [self.items[i].last_label for i in found]
            pairs = align(len(labels), len(found), lambda x, y: label_cost(texts[y], labels[x]))
            for a, b in pairs:
                out[found[b]] = labels[a]
            # a slot between two read rows holds a label misspelt beyond the edit limit;
            # group labels are mostly merged cells beside their items, not rows: slots
            # are counted among the rows that hold numbers
            real = sa >= 0 and sb < len(t3.order)  # both neighbours are rows read, not the table's ends
            rows = [n for n, lab in enumerate(labels) if lab.key not in t3.groups]
            paired = [(rows.index(a), b) for a, b in pairs if a in rows]
            for a, b in flanked(paired, len(rows), len(found), anchored=real):
                if found[b] not in out and slot_label(texts[b], labels[rows[a]]):
                    out[found[b]] = labels[rows[a]]
        return out

    def _group_cells_misspelt(self, view: TablesView, t3: Table3) -> None:
        """Group labels merged over their items (三、本年度办理结果, （三）不予公开) are cells
        of the item rows, not rows of their own: each distinct one is compared with the
        row's ancestors, and a misspelt one is reported once."""
        seen: set[int] = set()
        for k in t3.order:
            mr = t3.rows.get(k)
            if mr is None or mr.row is None:
                continue
            ancestors = []
            p = t3.parents.get(k)
            while p:
                ancestors.append(t3.labels[p])
                p = t3.parents.get(p)
            for cell in mr.row.labels[:-1]:
                if id(cell) in seen:
                    continue
                seen.add(id(cell))
                text = norm(cell.text)
                costs = [(label_cost(text, lab), lab) for lab in ancestors]
                if not costs or any(c == 0 for c, _ in costs):
                    continue
                cost, lab = min(costs, key=lambda x: x[0])
                m = match_label(text, [lab])
                if cost < 1 or (m is not None and m[1] == "misspelt"):
                    view.issues.append(Issue("row-misspelt", cell.span, {
                        "table": "表三", "found": cell.text.strip(), "expected": lab.canonical}))

    def _group_only(self, it: RowRead, t3: Table3) -> bool:
        """The row's label is only group labels (its own item label is missing)."""
        m = match_label(it.last_label, list(t3.labels.values()))
        return m is not None and m[0].key in t3.groups

    def _header_row(self, it: RowRead, words: set[str], note: str) -> bool:
        if it.has_values and it.numeric_count() >= 3:
            return False
        texts = [norm(c.text) for c in it.labels]
        if any(note and (t in note or note in t) and len(t) >= 6 for t in texts):
            return True
        hits = sum(1 for t in texts if t in words or any(w in t for w in words if len(w) >= 3))
        return hits >= 1 and not it.has_values

    def _header_end(self, table: Table, labels: list[str]) -> int | None:
        """The grid column after the last value column of a header that names each of
        ``labels`` (in order, a label repeated per group) in its own cell; else None."""
        key = (id(table), tuple(labels))
        if key not in self._header_ends:
            want = {norm(x) for x in labels}
            cells = {id(c): c for row in table.grid for c in row if c is not None and norm(c.text) in want}
            ends = sorted((c.col, c.col + c.colspan) for c in cells.values())
            self._header_ends[key] = ends[-1][1] if len(ends) == len(labels) else None
        return self._header_ends[key]

    def _first_col(self, table: Table, label: str) -> int | None:
        """The grid column of a header cell reading ``label`` in ``table`` (None if none);
        found once per table and label, not again for every row."""
        key = (id(table), label)
        if key not in self._first_cols:
            want = norm(label)
            self._first_cols[key] = next((c.col for row in table.grid for c in row if c is not None and norm(c.text) == want), None)
        return self._first_cols[key]

    def _attach(self, t3: Table3, mr: MatchedRow, it: RowRead, n: int, view: TablesView) -> None:
        mr.row = mr.row or it
        header_end = self._header_end(it.table, [t3.column_labels[c] for c in t3.columns])
        vals = fit_values(it.values, n, self._first_col(it.table, t3.column_labels[t3.columns[0]]), header_end)
        ragged = it.index in it.table.ragged and len(it.values) != n
        if ragged:
            vals = None
        if ragged:
            found, expected = it.table.ragged[it.index]
            mr.excluded = "单元格数与表头不符"
            self._cell_count(view, it, {
                "table": "表三", "row": f"「{mr.label.canonical}」行", "found": found, "expected": expected})
        elif it.uncertainty is not None:
            mr.excluded = it.uncertainty.reason
            view.uncertain_rows.append((it, it.uncertainty, f"表三「{mr.label.canonical}」行"))
        elif vals is None:
            count = len([c for c in it.values if not c.blank]) or len(it.values)
            if wider_than_header(it.values, header_end):
                count = len(it.values)
            mr.excluded = "单元格数与列数不符"
            self._cell_count(view, it, {
                "table": "表三", "row": f"「{mr.label.canonical}」行", "found": count, "expected": n})
        else:
            mr.values = {k: parse_value(c, c.span) for k, c in zip(t3.columns, vals)}
        prev = t3.rows.get(mr.key)
        if prev is not None and prev.has_values:
            same = {k: v.text for k, v in prev.values.items()} == {k: v.text for k, v in mr.values.items()}
            if not same:
                prev.excluded = prev.excluded or "同一行出现两次且数字不同"
                view.issues.append(Issue("unclear", it.span, {
                    "table": "表三", "row": f"「{mr.label.canonical}」行", "detail": "同一行出现两次且数字不同，该行不参与核算"}))
            return
        t3.rows[mr.key] = mr

    def _table3_rows_missing(self, view: TablesView, t3: Table3, foreign_keys: set[str]) -> None:
        if t3.orphans:
            return
        other = [e["key"] for e in self.other]
        six = t3.rows.get("三.六")
        six_items = [k for k in other if k != "三.六"]
        in_text: list[str] = []
        merged: list[str] = []  # labels read inside other cells
        single_six = six is not None and six.has_values and not any(k in t3.rows for k in six_items)
        if single_six and six_items and self.expected and (view.format in (None, self.expected)):
            view.issues.append(Issue("other-processing-single", six.span, {
                "table": "表三", "found": six.label.canonical,
                "expected": "；".join(t3.labels[k].canonical for k in six_items)}))
        elif single_six and six_items and view.format_mismatch:
            view.outdated_rows.append(("表三", six.label.canonical))
        # a document that ends inside 表三 (a fragment): the rows after the last one read
        # are not "missing" from the report, the file is cut short
        last_block = self.doc.blocks[-1] if self.doc.blocks else None
        read_keys = [k for k in t3.order if k in t3.rows]
        cut_after = None
        if read_keys and isinstance(last_block, Table) and any(
            m.row is not None and m.row.table is last_block for m in t3.rows.values()
        ):
            cut_after = t3.order.index(read_keys[-1])
        cut: list[str] = []
        for k in t3.order:
            if k in foreign_keys or k in t3.rows:
                continue
            if cut_after is not None and t3.order.index(k) > cut_after:
                cut.append(t3.labels[k].canonical)
                continue
            if k in six_items and (single_six or view.format_mismatch):
                continue
            if k in t3.groups:
                kids = t3.children(k)
                if any(c in t3.rows for c in kids):
                    continue  # group label merged away or unreadable: its items are there
            if view.format_mismatch and k in other:
                continue
            if self.in_text(t3.labels[k].canonical):
                in_text.append(t3.labels[k].canonical)
                continue
            if self.in_cells(t3.labels[k].canonical):
                merged.append(t3.labels[k].canonical)
                continue
            view.issues.append(Issue("row-missing", t3.span or Span.at(1, 1), {
                "table": "表三", "expected": t3.labels[k].canonical}))
        if in_text:
            self.not_in_table(view, t3.span or Span.at(1, 1), "表三", in_text)
        if merged:
            view.issues.append(Issue("unclear", t3.span or Span.at(1, 1), {
                "table": "表三", "row": "",
                "detail": _listed(merged) + "见于表格单元格中、未能作为单独的行读出，不作检查"}))
        if cut:
            view.truncated = True
            view.issues.append(Issue("unclear", t3.rows[read_keys[-1]].span, {
                "table": "表三", "row": "",
                "detail": f"文件在表三中途结束，其后的{len(cut)}行（「{cut[0]}」起）未能读到，不作检查"}))

    # -- 表二 ---------------------------------------------------------------------
    def table2(self, view: TablesView) -> dict[str, Table2Block]:
        s = self.t2s
        blocks: dict[str, Table2Block] = {}
        row_owner: dict[str, tuple[str, Label]] = {}
        for b in s["blocks"]:
            blk = Table2Block(b["key"], b["label"], None, list(b["columns"]))
            blocks[b["key"]] = blk
            for r in b["rows"]:
                row_owner[norm(r)] = (b["key"], make_label(r, r))
        foreign_rows = {norm(k): (k, v) for k, v in (s.get("foreign-rows") or {}).items()}
        foreign_cols = {norm(k): (k, v) for k, v in (s.get("foreign-columns") or {}).items()}
        labels = [lab for _, lab in row_owner.values()]
        first_col = norm(s.get("first-column", "信息内容"))
        current: str | None = None
        pending_header: list[Cell] | None = None
        t3_start = None
        if view.table3 and view.table3.rows:
            t3_start = min(m.row.order for m in view.table3.rows.values() if m.row is not None)
        for it in self.items:
            if isinstance(it, RowRead) and t3_start is not None and it.order >= t3_start:
                break
            texts = [norm(it.text)] if isinstance(it, Block) else [norm(c.text) for c in it.labels]
            hdr = None
            for t in texts:
                m = _BLOCK_HEADER.search(t)
                if m and len(t) <= len(m.group(0)) + 6:
                    hdr = "（" + m.group(1) + "）"
            if hdr is not None:
                current = hdr
                if hdr in blocks and blocks[hdr].header_span is None:
                    blocks[hdr].header_span = it.span if isinstance(it, RowRead) else it.span
                elif hdr not in blocks and not view.format_mismatch:
                    view.issues.append(Issue("row-foreign", it.span, {
                        "table": "表二", "found": "第二十条第" + hdr + "项", "format": self.expected or "",
                        "detail": ""}))
                continue
            if not isinstance(it, RowRead) or not it.labels:
                continue
            if texts and texts[0] == first_col:
                pending_header = it.labels[1:]
                continue
            if not it.has_values:
                continue
            if view.format_mismatch:
                block = f"第二十条第{current}项" if current else ""
                view.unread_rows.append((it, f"表二{block}「{it.labels[-1].text.strip()}」行"))
            text = it.last_label
            m = match_label(text, labels) or match_label(it.label_text, labels)
            if m is None and current in blocks and text not in foreign_rows \
                    and strip_annotation(text) not in foreign_rows:
                m = self._t2_misspelt(text, blocks, row_owner)
                if m is not None:
                    view.issues.append(Issue("row-misspelt", it.labels[-1].span, {
                        "table": "表二", "found": it.labels[-1].text.strip(), "expected": m[0].canonical}))
            if m is None:
                if text in foreign_rows or strip_annotation(text) in foreign_rows:
                    found, instead = foreign_rows.get(text) or foreign_rows[strip_annotation(text)]
                    owner = row_owner.get(norm(instead)) if instead else None
                    if not view.format_mismatch:
                        view.issues.append(Issue("row-foreign", it.labels[-1].span, {
                            "table": "表二", "found": it.labels[-1].text.strip(), "format": self.expected or "",
                            "detail": f"，应为「{instead}」" if instead else "，该行应删去"}))
                    if owner is not None:
                        blk = blocks[owner[0]]
                        if pending_header is not None:
                            self._t2_columns(view, blk, pending_header, foreign_cols)
                            pending_header = None
                        self._t2_row(view, blk, owner[1], it, foreign=True)
                    continue
                if current in blocks and it.numeric_count() >= 1:
                    blk = blocks[current]
                    if len([c for c in it.values]) >= 1 and not view.format_mismatch:
                        view.issues.append(Issue("row-foreign", it.labels[-1].span, {
                            "table": "表二", "found": it.labels[-1].text.strip(), "format": self.expected or "",
                            "detail": f"（{blk.label}）"}))
                continue
            lab, how = m
            owner_key = row_owner[lab.normed][0]
            blk = blocks[owner_key]
            if pending_header is not None:  # the 信息内容 row above belongs to this row's block
                self._t2_columns(view, blk, pending_header, foreign_cols)
                pending_header = None
            if current is not None and current != owner_key and current in blocks and blk.header_span is None:
                view.issues.append(Issue("block-header-missing", it.labels[-1].span, {
                    "table": "表二", "expected": blk.label,
                    "detail": f"「{lab.canonical}」行列在{blocks[current].label}之下"}))
                blk.header_span = it.labels[-1].span
                current = owner_key
            self._t2_row(view, blk, lab, it)
        if not view.format_mismatch:
            for blk in blocks.values():
                if blk.header_span is None and not blk.rows:
                    continue
                in_text = []
                for r in [r for b in s["blocks"] if b["key"] == blk.key for r in b["rows"]]:
                    if r in blk.rows:
                        continue
                    # prose naming the row only explains its absence when the block's
                    # table itself was not read (no row of it came as a table row)
                    if not blk.rows and self.in_text(r):
                        in_text.append(r)
                        continue
                    view.issues.append(Issue("row-missing", blk.header_span or Span.at(1, 1), {
                        "table": "表二" + blk.label, "expected": r}))
                if in_text:
                    self.not_in_table(view, blk.header_span or Span.at(1, 1), "表二" + blk.label, in_text)
        return blocks

    def _t2_misspelt(self, text: str, blocks: dict[str, Table2Block], row_owner) -> tuple[Label, str] | None:
        """A row label with a slip, read as the one 表二 row not yet read it is close to
        (two equally close ones are refused)."""
        cands = [lab for owner, lab in row_owner.values() if lab.key not in blocks[owner].rows]
        costs = sorted((label_cost(text, lab), n, lab) for n, lab in enumerate(cands))
        costs = [c for c in costs if c[0] < 1]
        if not costs or (len(costs) > 1 and costs[1][0] == costs[0][0]):
            return None
        return costs[0][2], "misspelt"

    def _t2_columns(self, view, blk: Table2Block | None, cells: list[Cell], foreign_cols) -> None:
        if blk is None or view.format_mismatch:
            return
        got = [c for c in cells if not c.blank]
        expected = blk.columns
        pairs = {j: (i, exact) for i, j, exact in heading_pairs([c.text for c in got], expected)}
        if len(got) == len(expected):  # every heading stands in its column's slot, whatever it says
            for j in range(len(got)):
                pairs.setdefault(j, (j, False))
        for j, (i, exact) in sorted(pairs.items()):
            if exact:
                continue
            c, exp = got[j], expected[i]
            t = norm(c.text)
            instead = (foreign_cols[t][1] or exp) if t in foreign_cols else exp
            view.issues.append(Issue("column-heading", c.span, {
                "table": "表二" + blk.label, "found": c.text.strip(), "expected": instead}))

    def _t2_row(self, view, blk: Table2Block, lab: Label, it: RowRead, foreign: bool = False) -> None:
        n = len(blk.columns)
        mr = MatchedRow(lab.key, lab, it, foreign=foreign)
        if lab.key in blk.rows:
            return
        blk.rows[lab.key] = mr
        if view.format_mismatch:
            mr.excluded = "报告所用格式与本规则集不同"
            return
        vals = fit_values(it.values, n, self._first_col(it.table, blk.columns[0]))
        if it.index in it.table.ragged and len(it.values) != n:
            vals = None
        where = f"{blk.label}「{lab.canonical}」行"
        settled = self._t2_settled(view, blk, lab, it)
        if settled is not None:
            vals = settled
        if it.uncertainty is not None and settled is None:
            mr.excluded = it.uncertainty.reason
            view.uncertain_rows.append((it, it.uncertainty, "表二" + where))
        elif vals is None:
            count = len([c for c in it.values if not c.blank])
            mr.excluded = "单元格数与列数不符"
            self._cell_count(view, it, {
                "table": "表二", "row": where, "found": count, "expected": n})
        else:
            mr.values = {col: parse_value(c, c.span, norm(col) in self.signed_columns)
                         for col, c in zip(blk.columns, vals)}

    def _cell_count(self, view, it: RowRead, values: dict) -> None:
        """A row whose cells cannot be placed (T206). The reader's doubt about the same row
        is then spoken for: the T finding says it, so X010 does not say it again."""
        view.issues.append(Issue("cell-count", it.span, values))
        if it.uncertainty is not None:
            view.reported.append(it.uncertainty)

    def _t2_settled(self, view, blk: Table2Block, lab: Label, it: RowRead) -> list[Cell] | None:
        """An unsplit row's cells, when the block's bounds and the running text's counts
        leave one split (:mod:`disclint.analysis.evidence`); its uncertainty is then marked settled."""
        if it.uncertainty is None or it.uncertainty.reason.startswith(NOFIT):
            return None
        spec = self.t2s.get("text-evidence")
        bounds = next((b.get("bounds") or [] for b in self.t2s.get("blocks", []) if b.get("key") == blk.key), [])
        filled = [c for c in it.values if not c.blank]
        if not (spec or bounds) or len(filled) != 1:
            return None
        if self._stated is None:
            self._stated = text_evidence.stated_counts(self.doc, spec, self.year) if spec else []
        cells = text_evidence.settle(filled[0], lab.key, blk.columns, self._stated, bounds)
        if cells is not None:
            view.settled.append(it.uncertainty)
        return cells

    # -- 表四 ---------------------------------------------------------------------
    def _t4_settled(self, d: RowRead, cells: list[Cell], t4: Table4) -> bool:
        """A 表四 data row the reader doubted only because its header was cut into another
        number of cells than the row (a converter splits 「结果维持」 into 「结果」「维持」
        and drops the 总计 headings): when the row itself has exactly the schema's cell
        count, there is one way to place it, the schema's order, and the broken header
        has nothing left to decide (its totals are then checked like any other 表四's).
        A row with another count (16 for 15), or with any other doubt, stays out."""
        need = len(t4.groups) * len(t4.columns)
        found = d.table.ragged.get(d.index)
        if found is None or found[0] != need or len(d.values) != need or len(cells) != need:
            return False
        return not any(u.row == d.index and u is not d.uncertainty for u in d.table.uncertain)

    def table4(self, view: TablesView) -> Table4:
        s = self.t4s
        t4 = Table4()
        t4.groups = [g["key"] for g in s["groups"]]
        t4.group_labels = {g["key"]: g["label"] for g in s["groups"]}
        t4.columns = [c["key"] for c in s["columns"]]
        t4.column_labels = {c["key"]: c["label"] for c in s["columns"]}
        markers = {norm(x) for x in s.get("header-labels", [])} | {norm(c["label"]) for c in s["columns"]}
        # a converter may cut a long heading in two (「结果维持」 → 「结果」「维持」): either half of a
        # schema heading of four or more characters still marks the header
        halves = {h for m in markers if len(m) >= 4 for h in (m[: len(m) // 2], m[len(m) // 2:])}
        t3_end = -1
        if view.table3 and view.table3.rows:
            t3_end = max(m.row.order for m in view.table3.rows.values() if m.row is not None)
        # tables that carry 表四 headings (or follow a text heading that does)
        data: list[RowRead] = []
        in_zone = False
        tables_seen: set[int] = set()
        for it in self.items:
            if isinstance(it, Block):
                t = norm(it.text)
                if any(m in t for m in markers if len(m) >= 4) and len(t) <= 40:
                    in_zone = True
                elif len(t) > 40 and in_zone and data:
                    break
                continue
            if it.order <= t3_end:
                continue
            words = [norm(c.text) for c in it.labels]
            if any(w in markers or w in halves for w in words):
                in_zone = True
                if t4.span is None:
                    t4.span = it.span
                tables_seen.add(id(it.table))
                continue
            if in_zone and it.has_values and not it.labels:
                data.append(it)
                tables_seen.add(id(it.table))
                if t4.span is None:
                    t4.span = it.span
            elif in_zone and it.labels and it.has_values:
                break
        if not data:
            if t4.span is not None:
                t4.excluded = "未找到数据行"
            return t4
        order = s.get("header-order")
        if order:
            self._headings(view, self.items.index(data[0]), order, "表四")
        need = len(t4.groups) * len(t4.columns)
        first_col = self._first_col(data[0].table, t4.column_labels[t4.columns[0]])
        per_group = len(t4.columns)
        cells: list[Cell] | None = None
        used: list[RowRead] = []
        it = data[0]
        header_end = self._header_end(it.table, [t4.column_labels[c] for _ in t4.groups for c in t4.columns])
        ragged = it.index in it.table.ragged and len(it.values) != need
        wide = wider_than_header(it.values, header_end)
        if not ragged:
            cells = fit_values(it.values, need, first_col, header_end)
            used = [it]
        if cells is None and not ragged and not wide and len(data) >= len(t4.groups):
            parts = [fit_values(d.values, per_group) for d in data[: len(t4.groups)]]
            if all(p is not None for p in parts):
                cells = [c for p in parts for c in p]
                used = data[: len(t4.groups)]
        if cells is None:
            if ragged:
                found, expected = it.table.ragged[it.index]
            elif wide:
                found, expected = len(it.values), need
            else:
                found, expected = len([c for c in it.values if not c.blank]), need
            self._cell_count(view, it, {
                "table": "表四", "row": "数据行", "found": found, "expected": expected})
            t4.excluded = "单元格数与列数不符"
            return t4
        for d in used:
            if d.uncertainty is not None and self._t4_settled(d, cells, t4):
                view.settled.append(d.uncertainty)
            elif d.uncertainty is not None:
                view.uncertain_rows.append((d, d.uncertainty, "表四数据行"))
                t4.excluded = d.uncertainty.reason
                return t4
        i = 0
        for g in t4.groups:
            for col in t4.columns:
                c = cells[i]
                t4.values[(g, col)] = parse_value(c, c.span)
                i += 1
        return t4
