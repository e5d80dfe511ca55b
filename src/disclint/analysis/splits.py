"""Cutting a run of digits into table cells (flattened pages lose the boundaries between cells)."""

from __future__ import annotations

import itertools
import re
import unicodedata

_CELL = re.compile(r"0|[1-9]\d{0,6}")


def all_splits(raw: str, n: int = 3) -> list[tuple[int, ...]]:
    """Every way to cut ``raw`` into ``n`` non-negative integers (whitespace, 件 are boundaries)."""
    text = unicodedata.normalize("NFKC", raw)
    chunks = [c for c in re.split(r"\s+|(?<=件)", text) if c]
    chunks = [c[:-1] if c.endswith("件") else c for c in chunks]
    if not chunks or len(chunks) > n or not all(c.isdigit() for c in chunks):
        return []
    if sum(len(c) for c in chunks) > 7 * n or any(len(c) > 7 * n for c in chunks):
        return []  # more digits than n cells can hold: not this row's cells
    out: list[tuple[int, ...]] = []

    def cuts(chunk: str, k: int):
        """Ways to cut one chunk into k cells."""
        for pos in itertools.combinations(range(1, len(chunk)), k - 1):
            parts = [chunk[i:j] for i, j in zip((0, *pos), (*pos, len(chunk)))]
            if all(_CELL.fullmatch(p) for p in parts):
                yield [int(p) for p in parts]

    def rec(i: int, left: int, acc: list[int]):
        if i == len(chunks):
            if left == 0:
                out.append(tuple(acc))
            return
        rest = len(chunks) - i - 1
        for k in range(1, left - rest + 1):
            for cells in cuts(chunks[i], k):
                rec(i + 1, left - k, acc + cells)

    rec(0, n, [])
    return out
