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
next one), in the matching form of :func:`disclint.tablematch.norm`. Nothing here
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


@dataclass(frozen=True)
class TableVocabulary:
    """Labels as the schemas print them, normalised (:func:`disclint.normalize.normalize`),
    in the order first met, each once."""

    table2_rows: tuple[str, ...] = ()  # 表二 row labels, the other format's included
    table2_columns: tuple[str, ...] = ()  # 表二 column headings, the other format's included
    # headings some reports print that the flattened reader takes as headings (the table
    # checks then name them), but that are no schema label
    table2_printed_columns: tuple[str, ...] = ()
    split_identities: tuple[SplitIdentity, ...] = ()  # first of each id
    table3_rows: tuple[T3Row, ...] = ()  # the union of the sets' 表三 rows, slots filled


def from_schemas(all_schemas: Iterable[dict[str, Any]]) -> TableVocabulary:
    """The union of the labels of several rule sets' ``schemas``, in the order given."""
    out: dict[str, list] = {"table2_rows": [], "table2_columns": [], "table2_printed_columns": [],
                            "split_identities": []}
    ids: set[str] = set()
    t3_lists: list[list[dict]] = []

    def add(key: str, values: Iterable[Any]) -> None:
        out[key] += [normalize(v) for v in values if isinstance(v, str) and v]

    for schemas in all_schemas:
        t3 = schemas.get("table3") or {}
        t3_lists.append(_filled(t3.get("rows") or [], schemas.get("table3-other-processing") or []))
        for idn in schemas.get("table-identities") or []:
            if isinstance(idn, dict) and idn.get("settles-splits") is True and idn.get("id") not in ids:
                ids.add(idn.get("id"))
                out["split_identities"].append(SplitIdentity(str(idn["id"]), str(idn.get("table")), str(idn.get("per")),
                                                              _terms(idn.get("left")), _terms(idn.get("right"))))
        t2 = schemas.get("table2") or {}
        for b in t2.get("blocks") or []:
            add("table2_rows", b.get("rows") or [])
            add("table2_columns", b.get("columns") or [])
        add("table2_rows", t2.get("foreign-rows") or {})
        add("table2_columns", t2.get("foreign-columns") or {})
        add("table2_printed_columns", t2.get("also-printed-columns") or [])
    fields = {k: tuple(dict.fromkeys(v)) for k, v in out.items()}
    return TableVocabulary(**fields, table3_rows=_t3_rows(t3_lists))


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
_READ = ("table2", "table3", "table3-other-processing", "table-identities")  # the schemas read here


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
    # imported here: tablematch imports the flattened reader, which imports this module
    from ...tablematch import norm as table_norm

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
    from ...tablematch import core

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
