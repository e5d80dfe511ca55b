"""The table vocabulary the text readers read with: labels the loaded rule sets' schemas print.

Rule sets are chosen after a report is read (by its report year), so a reader cannot
know which set will apply. It reads with the union of the table schemas of every rule
set the linter has loaded — the national ones, a plugin's, ``--rules`` and the
configuration's — so a label a regulator adds to 表二 or 表三 is read like a national
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
import sys
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
class TableVocabulary:
    """Labels as the schemas print them, normalised (:func:`disclint.normalize.normalize`),
    in the order first met, each once."""

    table3: tuple[str, ...] = ()  # 表三 row labels (both formats' 其他处理 rows)
    table2_rows: tuple[str, ...] = ()  # 表二 row labels, the other format's included
    table2_columns: tuple[str, ...] = ()  # 表二 column headings, the other format's included
    # headings some reports print that the flattened reader takes as headings (the table
    # checks then name them), but that are no schema label
    table2_printed_columns: tuple[str, ...] = ()
    table3_keys: tuple[tuple[str, str, str], ...] = ()  # (label, key, parent key or "") of 表三 rows
    split_identities: tuple[SplitIdentity, ...] = ()  # first of each id

    def table3_key(self, label: str) -> str | None:
        """The schema key of the 表三 row printed ``label`` (normalised)."""
        return next((k for lab, k, _ in self.table3_keys if lab == label), None)

    def table3_parent(self, key: str) -> str | None:
        return next((p or None for _, k, p in self.table3_keys if k == key), None)


def from_schemas(all_schemas: Iterable[dict[str, Any]]) -> TableVocabulary:
    """The union of the labels of several rule sets' ``schemas``, in the order given."""
    out: dict[str, list] = {"table3": [], "table2_rows": [], "table2_columns": [], "table2_printed_columns": [],
                            "table3_keys": [], "split_identities": []}
    ids: set[str] = set()

    def add(key: str, values: Iterable[Any]) -> None:
        out[key] += [normalize(v) for v in values if isinstance(v, str) and v]

    for schemas in all_schemas:
        t3 = schemas.get("table3") or {}
        rows = [r for r in t3.get("rows") or [] if isinstance(r, dict)] + [r for r in schemas.get("table3-other-processing") or [] if isinstance(r, dict)]
        add("table3", (r.get("label") for r in rows))
        out["table3_keys"] += [(normalize(r["label"]), str(r["key"]), str(r.get("parent") or "")) for r in rows
                               if isinstance(r.get("label"), str) and r.get("key") is not None]
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
    return TableVocabulary(**{k: tuple(dict.fromkeys(v)) for k, v in out.items()})


def _terms(side: Any) -> tuple[str | tuple[str, str], ...]:
    return tuple(("leaves-of", str(t["leaves-of"])) if isinstance(t, dict) and "leaves-of" in t else str(t) for t in side or [])


def from_rulesets(rulesets: Iterable[Any]) -> TableVocabulary:
    """The vocabulary of every loaded rule set (their schemas are already merged with
    what they extend)."""
    return from_schemas(rs.schemas for rs in rulesets)


_SHIPPED = ("tables-common", "tables-2019", "tables-2021")


@functools.lru_cache(maxsize=1)
def national() -> TableVocabulary:
    """The shipped national schemas' vocabulary (rules/tables-*.yaml). Kept beside the
    rule-set cache: parsing the YAML costs more than checking a report."""
    from ...rules import cache

    files = [rules_dir() / f"{name}.yaml" for name in _SHIPPED] + [Path(__file__), Path(sys.modules[normalize.__module__].__file__ or __file__)]
    return _from_plain(cache.memo("table-vocabulary", files, lambda: _plain(from_schemas(_shipped_schemas()))))


def _plain(v: TableVocabulary) -> dict[str, list]:
    """As plain JSON data, for the memo beside the rule-set cache."""
    out: dict[str, list] = {k: list(getattr(v, k)) for k in v.__dataclass_fields__}
    out["table3_keys"] = [list(x) for x in v.table3_keys]
    out["split_identities"] = [{"id": i.id, "table": i.table, "per": i.per, "left": [list(t) if isinstance(t, tuple) else t for t in i.left],
                                "right": [list(t) if isinstance(t, tuple) else t for t in i.right]} for i in v.split_identities]
    return out


def _from_plain(got: dict[str, list]) -> TableVocabulary:
    def terms(side):
        return tuple(tuple(t) if isinstance(t, list) else t for t in side)

    fields = {k: tuple(v) for k, v in got.items()}
    fields["table3_keys"] = tuple(tuple(x) for x in got.get("table3_keys", []))
    fields["split_identities"] = tuple(SplitIdentity(i["id"], i["table"], i["per"], terms(i["left"]), terms(i["right"]))
                                       for i in got.get("split_identities", []))
    return TableVocabulary(**fields)


def _shipped_schemas() -> Iterator[dict]:
    from ruamel.yaml import YAML, YAMLError  # only when a text table is read outside a linter

    yaml = YAML(typ="safe")
    for name in _SHIPPED:
        try:
            data = yaml.load((rules_dir() / f"{name}.yaml").read_text(encoding="utf-8")) or {}
        except (OSError, YAMLError):
            continue
        yield data.get("schemas") or {}


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
    return frozenset(n for labels in (v.table3, v.table2_rows, v.table2_columns) for n in map(norm, labels) if n)


def row_labels() -> frozenset[str]:
    """The matching forms of the 表二 and 表三 row labels and 表二 column headings."""
    return _row_labels(current())


def is_label(text: str) -> bool:
    return norm(text) in row_labels()


def begins_label(text: str) -> bool:
    """``text`` is the beginning of some label (the first lines of a wrapped one)."""
    n = norm(text)
    return bool(n) and any(label.startswith(n) for label in row_labels())


def within_label(text: str) -> bool:
    """``text`` is part of some label (some of the lines of a wrapped one)."""
    n = norm(text)
    return bool(n) and any(n in label for label in row_labels())
