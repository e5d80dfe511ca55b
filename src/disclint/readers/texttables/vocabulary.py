"""The table vocabulary the text readers read with: labels the loaded rule sets' schemas print.

Rule sets are chosen after a report is read (by its report year), so a reader cannot
know which set will apply. It reads with the union of the table schemas of every rule
set the linter has loaded — the national ones (always), a plugin's, ``--rules`` and
the configuration's — so a label a regulator adds to 表二 or 表三 is read like a national
one. The engine computes that union once per linter (:func:`from_rulesets`, from the
cached rule sets: no YAML is parsed) and sets it for the read (:func:`reading_with`);
a reader asks :func:`current`. Outside a linter (a reader called on its own) it is the
shipped national schemas' vocabulary.

The layout reader also asks here whether a text is, begins or is part of a label
(a label wrapped in a narrow cell is sometimes ambiguous by position alone: under a
row that already has its numbers, ``行政规`` may end that row's label or begin the
next one), in the matching form of :func:`disclint.analysis.tables.norm`. Nothing here
names a label.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ...normalize import normalize
from ...resources import rules_dir


@dataclass(frozen=True)
class SplitIdentity:
    """An identity of schema ``table-identities`` marked ``settles-splits: true``: the
    flattened reader may use it to choose among a digit run's balancing splits. Terms
    are row (or column) keys, or ``("leaves-of", KEY)``."""

    id: str
    table: str
    per: str
    left: tuple[str | tuple[str, str], ...]
    right: tuple[str | tuple[str, str], ...]


@dataclass(frozen=True)
class T3Row:
    """A 表三 row as the flattened reader looks for it, in the schemas' order."""

    key: str
    parent: str | None
    label: str  # normalised, as the schema prints it
    kind: str  # top | result-group | leaf | group | maybe-group (a group in some sets only) | item
    find_by: str  # the words the row is found by (schema `find-by`, else the label's words)
    numbering: str  # 一、 （一） 1. as the label prints it (normalised), or ""
    optional: bool = False  # an item of a maybe-group


Place = tuple[int, int, int, int]  # grid row, column, rowspan, colspan


@dataclass(frozen=True)
class HeaderLayout:
    """A table's header as its schema prints it: each header word with its grid places
    (in reading order: row by row, left to right; a word printed in several places, as
    表四's 结果维持 in each group, has one place per printing), the value columns, and
    the column ranges whose last column is the total of the others (the per-row and
    per-group identities of ``table-identities``, for settling digit splits)."""

    words: tuple[tuple[str, tuple[Place, ...]], ...] = ()
    header_rows: int = 0
    label_columns: int = 0
    value_columns: int = 0
    total_groups: tuple[tuple[int, int], ...] = ()
    leaves: tuple[str, ...] = ()  # the heading of each value column
    group_size: int = 0  # value columns per group (表四: per 行政复议/…; 表三: all)

    def places(self) -> dict[str, tuple[Place, ...]]:
        return dict(self.words)


@dataclass(frozen=True)
class TableVocabulary:
    """Labels as the schemas print them, normalised (:func:`disclint.normalize.normalize`),
    in the order first met, each once."""

    table2_rows: tuple[str, ...] = ()  # 表二 row labels, the other format's included
    table2_columns: tuple[str, ...] = ()  # 表二 column headings, the other format's included
    # headings some reports print that the flattened reader takes as headings (the table
    # checks then name them), but that are no schema label
    table2_printed_columns: tuple[str, ...] = ()
    table2_block_labels: tuple[str, ...] = ()  # 第二十条第（一）项 …: what heads each block
    table2_first_columns: tuple[str, ...] = ()  # the heading over the row labels (信息内容)
    signed_columns: tuple[str, ...] = ()  # table-cell-values: headings whose values may be negative
    decimal_columns: tuple[str, ...] = ()  # … and may have a decimal part (amounts)
    split_identities: tuple[SplitIdentity, ...] = ()  # first of each id
    table3_rows: tuple[T3Row, ...] = ()  # the union of the sets' 表三 rows, slots filled
    table3_notes: tuple[str, ...] = ()  # the notes 表三's header prints (schema table3.note)
    # the value-column headings of 表三, 表四 and 表二's blocks (what a PDF's values are
    # placed under by x, geocolumns.py)
    leaf_columns: tuple[str, ...] = ()
    table3_header: HeaderLayout = HeaderLayout()  # of the schemas with the most value columns
    table4_header: HeaderLayout = HeaderLayout()


def from_schemas(all_schemas: Iterable[dict[str, Any]]) -> TableVocabulary:
    """The union of the labels of several rule sets' ``schemas``, in the order given."""
    all_schemas = list(all_schemas)
    out: dict[str, list] = {"table2_rows": [], "table2_columns": [], "table2_printed_columns": [],
                            "table2_block_labels": [], "table2_first_columns": [], "signed_columns": [],
                            "decimal_columns": [], "split_identities": [], "leaf_columns": [], "table3_notes": []}
    ids: set[str] = set()
    t3_lists: list[list[dict]] = []

    def add(key: str, values: Iterable[Any]) -> None:
        out[key] += [normalize(v) for v in values if isinstance(v, str) and v]

    for schemas in all_schemas:
        t3 = schemas.get("table3") or {}
        add("table3_notes", [t3.get("note")])
        t3_lists.append(_filled(t3.get("rows") or [], schemas.get("table3-other-processing") or []))
        for idn in schemas.get("table-identities") or []:
            if isinstance(idn, dict) and idn.get("settles-splits") is True and idn.get("id") not in ids:
                ids.add(idn.get("id"))
                out["split_identities"].append(SplitIdentity(str(idn["id"]), str(idn.get("table")), str(idn.get("per")),
                                                              _terms(idn.get("left")), _terms(idn.get("right"))))
        for key in ("table3", "table4"):
            add("leaf_columns", [c.get("label") for c in (schemas.get(key) or {}).get("columns") or [] if isinstance(c, dict)])
        t2 = schemas.get("table2") or {}
        for b in t2.get("blocks") or []:
            add("table2_rows", b.get("rows") or [])
            add("table2_columns", b.get("columns") or [])
            add("leaf_columns", b.get("columns") or [])
        add("table2_rows", t2.get("foreign-rows") or {})
        add("table2_columns", t2.get("foreign-columns") or {})
        add("table2_printed_columns", t2.get("also-printed-columns") or [])
        add("table2_block_labels", [b.get("label") for b in t2.get("blocks") or [] if isinstance(b, dict)])
        add("table2_first_columns", [t2.get("first-column")])
        values = schemas.get("table-cell-values") or {}
        add("signed_columns", values.get("signed-columns") or [])
        add("decimal_columns", values.get("decimal-columns") or [])
    fields = {k: tuple(dict.fromkeys(v)) for k, v in out.items()}
    layouts = [(_layout(s, "table3"), _layout(s, "table4")) for s in all_schemas]
    return TableVocabulary(**fields, table3_rows=_t3_rows(t3_lists),
                           table3_header=_widest(l3 for l3, _ in layouts), table4_header=_widest(l4 for _, l4 in layouts))


def _widest(layouts: Iterable[HeaderLayout]) -> HeaderLayout:
    """The layout with the most value columns (the first of those): a set that adds a
    column reads the tables with it, the others' columns being among its own."""
    best = HeaderLayout()
    for layout in layouts:
        if layout.value_columns > best.value_columns:
            best = layout
    return best


def _layout(schemas: dict[str, Any], name: str) -> HeaderLayout:
    """The header grid of schema ``name`` (table3: columns under header-groups, after
    the row labels' columns; table4: each group's columns under its label, groups under
    header-groups). A group over no columns, or over columns not side by side, is
    left out (the loader's shapes catch a broken schema)."""
    s = schemas.get(name)
    if not isinstance(s, dict):
        return HeaderLayout()
    cols = [c for c in s.get("columns") or [] if isinstance(c, dict) and isinstance(c.get("key"), str)]
    if name == "table4":
        groups = [g for g in s.get("groups") or [] if isinstance(g, dict) and isinstance(g.get("key"), str)]
        keys = [(g["key"], c["key"]) for g in groups for c in cols]
        leaves = [normalize(str(c.get("label") or "")) for _ in groups for c in cols]
        spans = [(normalize(str(g.get("label") or "")), {i for i, (gk, _) in enumerate(keys) if gk == g["key"]}) for g in groups]
        spans += [(normalize(str(h.get("key") or "")), {i for i, (gk, _) in enumerate(keys) if gk in (h.get("groups") or [])})
                  for h in s.get("header-groups") or [] if isinstance(h, dict)]
        label_columns = 0
    else:
        keys = [c["key"] for c in cols]
        leaves = [normalize(str(c.get("label") or "")) for c in cols]
        spans = [(normalize(str(h.get("key") or "")), {i for i, k in enumerate(keys) if k in (h.get("columns") or [])})
                 for h in s.get("header-groups") or [] if isinstance(h, dict)]
        label_columns = _depth(s.get("rows") or [])
    spans = [(w, idx) for w, idx in spans if w and idx and max(idx) - min(idx) + 1 == len(idx)]
    cover = [sum(1 for _, idx in spans if i in idx) for i in range(len(keys))]
    rows = max(cover, default=0) + 1
    cells: list[tuple[Place, str]] = []
    for w, idx in spans:
        depth = sum(1 for _, other in spans if idx < other)
        cells.append(((depth, label_columns + min(idx), 1, len(idx)), w))
    for i, w in enumerate(leaves):
        cells.append(((cover[i], label_columns + i, rows - cover[i], 1), w))
    words: dict[str, list[Place]] = {}
    for place, w in sorted(cells):
        words.setdefault(w, []).append(place)
    return HeaderLayout(tuple((w, tuple(p)) for w, p in words.items()), rows, label_columns, len(keys),
                        _total_groups(schemas, name, keys), tuple(leaves), len(cols))


def _depth(rows: list) -> int:
    """How many levels the row labels have (the label columns of the grid)."""
    parent = {r["key"]: r.get("parent") for r in rows if isinstance(r, dict) and isinstance(r.get("key"), str)}

    def level(k: str) -> int:
        n = 1
        while parent.get(k) in parent and n <= len(parent):
            k, n = parent[k], n + 1
        return n

    return max((level(k) for k in parent), default=0)


def _total_groups(schemas: dict[str, Any], name: str, keys: list) -> tuple[tuple[int, int], ...]:
    """Column ranges whose last column is the sum of the others: the table's per-row
    (table3) or per-group (table4) identities whose one left term is the last of the
    columns they name, side by side."""
    out: list[tuple[int, int]] = []
    for idn in schemas.get("table-identities") or []:
        if not isinstance(idn, dict) or idn.get("table") != name or len(idn.get("left") or []) != 1:
            continue
        terms = [str(t) for t in [*idn["left"], *(idn.get("right") or [])]]
        if name == "table3" and idn.get("per") == "row":
            ranges = [[keys.index(t) if t in keys else None for t in terms]]
        elif name == "table4" and idn.get("per") == "group":
            groups = list(dict.fromkeys(g for g, _ in keys))
            ranges = [[keys.index((g, t)) if (g, t) in keys else None for t in terms] for g in groups]
        else:
            continue
        for idx in ranges:
            if None in idx or len(set(idx)) != len(idx):
                continue
            lo, hi = min(idx), max(idx)
            if idx[0] == hi and hi - lo + 1 == len(idx) and (lo, hi) not in out:
                out.append((lo, hi))
    return tuple(out)


def _filled(rows: list, other: list) -> list[dict]:
    """A set's 表三 rows with its other-processing rows in their slot."""
    out: list[dict] = []
    for r in rows:
        if isinstance(r, dict) and r.get("slot") == "other-processing":
            out += [o for o in other if isinstance(o, dict)]
        elif isinstance(r, dict):
            out.append(r)
    return [r for r in out if isinstance(r.get("key"), str) and isinstance(r.get("label"), str)]


def _t3_rows(lists: list[list[dict]]) -> tuple[T3Row, ...]:
    """The rows of several sets merged in order (a row new to a later set goes right
    after the row before it there, and every row under its parent), with the kind each
    is read as."""
    order: list[str] = []
    seen: dict[str, list[dict]] = {}
    for rows in lists:
        prev = None
        for r in rows:
            if r["key"] not in seen:
                seen[r["key"]] = []
                order.insert(0 if prev is None else order.index(prev) + 1, r["key"])
            seen[r["key"]].append(r)
            prev = r["key"]
    first = {k: v[0] for k, v in seen.items()}

    def groups(k: str) -> set[bool]:
        return {bool(r.get("group")) for r in seen[k]}

    # as a tree, each row under its parent: a row a child set appends to the list (after
    # 四) is read where the table prints it, after its parent's other rows
    children: dict[str | None, list[str]] = {}
    for k in order:
        parent = first[k].get("parent")
        children.setdefault(parent if parent in seen and parent != k else None, []).append(k)
    order = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        k = stack.pop()
        if k in order:
            continue
        order.append(k)
        stack.extend(reversed(children.get(k, [])))

    out = []
    for k in order:
        r = first[k]
        parent = r.get("parent")
        label = normalize(r["label"])
        num = _NUMBERING.match(label)
        words = label[num.end():] if num else label
        find_by = normalize(r["find-by"]) if isinstance(r.get("find-by"), str) else _NOTE.sub("", words)
        if not parent:
            kind = "result-group" if groups(k) == {True} else "top"
        elif groups(k) == {True, False}:
            kind = "maybe-group"
        elif groups(k) == {True}:
            kind = "group"
        else:
            kind = "leaf" if not first.get(parent, {}).get("parent") else "item"
        optional = kind == "item" and parent in seen and groups(parent) == {True, False}
        out.append(T3Row(k, parent or None, label, kind, find_by, num.group(0) if num else "", optional))
    return tuple(out)


_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、])")
_NOTE = re.compile(r"\([^()]*\)$")  # a trailing note: （区分处理的，只计这一情形，不计其他情形）


def _terms(side: Any) -> tuple[str | tuple[str, str], ...]:
    return tuple(("leaves-of", str(t["leaves-of"])) if isinstance(t, dict) and "leaves-of" in t else str(t) for t in side or [])


def from_rulesets(rulesets: Iterable[Any]) -> TableVocabulary:
    """The vocabulary of every loaded rule set (their schemas are already merged with
    what they extend), over the shipped national one: a linter given other rule folders
    (a test's, a plugin's alone) still reads the national tables."""
    return from_schemas([*_national_schemas(), *(rs.schemas for rs in rulesets)])


_SHIPPED = ("tables-common", "tables-2019", "tables-2021")
_READ = ("table2", "table3", "table3-other-processing", "table4", "table-identities", "table-cell-values")  # the schemas read here


@functools.lru_cache(maxsize=1)
def national() -> TableVocabulary:
    """The shipped national schemas' vocabulary (rules/tables-*.yaml). Kept beside the
    rule-set cache: parsing the YAML costs more than checking a report."""
    return from_schemas(_national_schemas())


def _national_schemas() -> list[dict]:
    from ...rules import cache

    files = [rules_dir() / f"{name}.yaml" for name in _SHIPPED] + [Path(__file__)]
    return cache.memo("table-schemas", files, lambda: list(_shipped_schemas()))


def _shipped_schemas() -> Iterator[dict]:
    """tables-common's schemas, then each format's over them (what the format sets
    inherit: they add their own schemas beside the common ones)."""
    from ruamel.yaml import YAML, YAMLError  # only when a text table is read outside a linter

    yaml = YAML(typ="safe")
    common: dict = {}
    for name in _SHIPPED:
        try:
            data = yaml.load((rules_dir() / f"{name}.yaml").read_text(encoding="utf-8")) or {}
        except (OSError, YAMLError):
            continue
        schemas = data.get("schemas") or {}
        own = {k: schemas[k] for k in _READ if k in schemas}
        if name == _SHIPPED[0]:
            common = own
        yield {**common, **own}


_CURRENT: contextvars.ContextVar[TableVocabulary | None] = contextvars.ContextVar("disclint_table_vocabulary", default=None)


def current() -> TableVocabulary:
    """The vocabulary of the read under way (the linter's), else the national one."""
    return _CURRENT.get() or national()


@contextlib.contextmanager
def reading_with(vocabulary: TableVocabulary | None) -> Iterator[None]:
    """Read with ``vocabulary`` inside the block (None: the national one)."""
    token = _CURRENT.set(vocabulary)
    try:
        yield
    finally:
        _CURRENT.reset(token)


# -- what the layout reader asks ---------------------------------------------------------


def norm(text: str) -> str:
    # imported here: the table analysis imports the flattened reader, which imports this module
    from ...analysis.tables import norm as table_norm

    return table_norm(text)


@functools.lru_cache(maxsize=8)
def _row_labels(v: TableVocabulary) -> frozenset[str]:
    labels = [r.label for r in v.table3_rows] + list(v.table2_rows) + list(v.table2_columns)
    return frozenset(n for n in map(norm, labels) if n)


def row_labels() -> frozenset[str]:
    """The matching forms of the 表二 and 表三 row labels and 表二 column headings."""
    return _row_labels(current())


def is_label(text: str) -> bool:
    return norm(text) in row_labels()


def begins_label(text: str) -> bool:
    """``text`` is the beginning of some label (the first lines of a wrapped one)."""
    n = norm(text)
    return bool(n) and any(label.startswith(n) for label in row_labels())


@functools.lru_cache(maxsize=8)
def _label_cores(v: TableVocabulary) -> frozenset[str]:
    from ...analysis.tables import core

    return frozenset(c for c in map(core, _row_labels(v)) if c)


def begins_label_unnumbered(text: str) -> bool:
    """``text`` is the beginning of some label without its numbering (a row whose
    numbering was dropped or printed in a cell of its own: 「部分公开（区分处理的」)."""
    n = norm(text)
    return bool(n) and any(c.startswith(n) for c in _label_cores(current()))


def within_label(text: str) -> bool:
    """``text`` is part of some label (some of the lines of a wrapped one)."""
    n = norm(text)
    return bool(n) and any(n in label for label in row_labels())
