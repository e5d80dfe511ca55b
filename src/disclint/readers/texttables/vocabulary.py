"""The labels the national table schemas print, for deciding where a wrapped label ends.

A label wrapped in a narrow cell is sometimes ambiguous by position alone: under a row
that already has its numbers, the line ``行政规`` may end that row's label or begin the
next one (cells whose numbers sit at the bottom print the next label's first lines
there). The schemas in ``rules/tables-*.yaml`` say which texts are labels (read once,
by :func:`flattened.national_labels`); the layout reader asks only whether a text is,
begins or is part of one of them, in the matching form of
:func:`disclint.tablematch.norm`. Nothing here names a label.
"""

from __future__ import annotations

import functools

from ...tablematch import norm
from .flattened import national_labels


@functools.lru_cache(maxsize=1)
def row_labels() -> frozenset[str]:
    """The matching forms of the 表二 and 表三 row labels and 表二 column headings."""
    return frozenset(n for labels in national_labels().values() for n in map(norm, labels) if n)


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
