"""The row labels the national table schemas print, for deciding where a wrapped label ends.

A label wrapped in a narrow cell is sometimes ambiguous by position alone: under a row
that already has its numbers, the line ``行政规`` may end that row's label or begin the
next one (cells whose numbers sit at the bottom print the next label's first lines
there). The schemas in ``rules/tables-*.yaml`` say which texts are labels; the reader
asks only whether a text is, or begins, one of them, in the matching form of
:func:`disclint.tablematch.norm`. Nothing here names a label.
"""

from __future__ import annotations

import functools
from typing import Any

from ruamel.yaml import YAML

from ...resources import rules_dir
from ...tablematch import norm

def _strings(node: Any):
    """The texts a schema tree gives as labels: ``label: …`` values and the plain
    strings of ``rows: […]`` lists (keys and other fields are not labels)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "label" and isinstance(value, str):
                yield value
            elif key == "rows" and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
                yield from _strings([v for v in value if not isinstance(v, str)])
            else:
                yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


@functools.lru_cache(maxsize=1)
def row_labels() -> frozenset[str]:
    """The matching forms of all table labels in the shipped table schemas."""
    out: set[str] = set()
    yaml = YAML(typ="safe", pure=True)
    for path in sorted(rules_dir().glob("tables-*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8")) or {}
        except Exception:  # a broken rule file is reported by the rule loader, not here
            continue
        out.update(n for n in map(norm, _strings(data.get("schemas") or {})) if n)
    return frozenset(out)


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
