"""Matching labels read from a table against a schema's labels, by sequence alignment.

The national tables print their rows and column headings in a fixed order, so a table
as read is a *sequence* of labels to be aligned with the schema's sequence: an inserted,
missing or misspelt label then costs one label, never the rest of the table. Three
tools, all bounded (the caller caps the lengths; the cost is the product of them):

* :func:`edits` / :func:`close` — edit distance between two labels, and whether it is
  small enough to call one a misspelling of the other;
* :func:`align` — Needleman–Wunsch alignment of found items against expected items
  with a caller's cost for pairing them (unpaired items cost one each);
* :func:`flanked` / :func:`slot_similar` — after an alignment, the one-to-one gaps
  between paired neighbours, and the looser likeness a label standing in such a slot
  needs (「本公开数量」 in the slot of 「本年新公开数量」: two characters lost, too many
  for :func:`close`, but nothing else can stand there);
* :func:`find_near` / :func:`match_at` — an approximate occurrence of a label inside
  running text (for pages whose cells ran together), anywhere in a window or starting
  at one place;
* :func:`segment` — a whole run of labels that ran together, cut into labels with the
  fewest slips over the run (not label by label from the left, where one label's slip
  moves the cut into the next: 「本年废止件现行有效件数」 is 本年废止件+现行有效件数).
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from rapidfuzz.distance import LCSseq, Levenshtein

MAX_FOUND = 200  # found items beyond this are not aligned (the caller says so)
INF = float("inf")


def edits(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions and substitutions cost one each)."""
    return Levenshtein.distance(a, b)


def allowed_edits(text: str) -> int:
    """How many edits a label of this length may carry and still be recognised: one,
    plus one per further four characters (「其他法律行政止公开」 lost three of twelve)."""
    return 1 + max(len(text) - 4, 0) // 4


def close(found: str, expected: str) -> int | None:
    """The edit distance when ``found`` reads as a misspelling of ``expected``, else None."""
    if not found or not expected:
        return None
    limit = allowed_edits(expected)
    if abs(len(found) - len(expected)) > limit:
        return None
    d = Levenshtein.distance(found, expected, score_cutoff=limit)
    return d if d <= limit else None


def align(n_expected: int, n_found: int, cost: Callable[[int, int], float],
          gap: float = 1.0) -> list[tuple[int, int]]:
    """Pairs ``(expected index, found index)`` of the cheapest order-keeping alignment.

    ``cost(i, j)`` is the price of reading found item ``j`` as expected item ``i``
    (``INF`` = never); leaving an item unpaired costs ``gap``. A pairing is only taken
    when it is cheaper than leaving both items out (``cost < 2 * gap``). At most
    :data:`MAX_FOUND` found items are considered.
    """
    m, n = n_expected, min(n_found, MAX_FOUND)
    if m == 0 or n == 0:
        return []
    # dp[i][j]: cheapest alignment of expected[:i] with found[:j]
    dp = [[0.0] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]  # 0 diag, 1 skip expected, 2 skip found
    for i in range(1, m + 1):
        dp[i][0] = i * gap
        back[i][0] = 1
    for j in range(1, n + 1):
        dp[0][j] = j * gap
        back[0][j] = 2
    for i in range(1, m + 1):
        row, prev = dp[i], dp[i - 1]
        for j in range(1, n + 1):
            c = cost(i - 1, j - 1)
            best, how = prev[j] + gap, 1
            if row[j - 1] + gap < best:
                best, how = row[j - 1] + gap, 2
            if c < 2 * gap and prev[j - 1] + c <= best:
                best, how = prev[j - 1] + c, 0
            row[j] = best
            back[i][j] = how
    pairs = []
    i, j = m, n
    while i > 0 and j > 0:
        how = back[i][j]
        if how == 0:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif how == 1:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def flanked(pairs: list[tuple[int, int]], n_expected: int, n_found: int,
            anchored: bool = False) -> list[tuple[int, int]]:
    """``(expected index, found index)`` of each *slot* an alignment left open: exactly
    one expected and one found item unpaired between two pairs (or between a pair and
    the end of both sequences), so that the found item can only be that expected one.
    At least one pair must exist (a slot is known by its neighbours), unless the caller
    says both sequences are ``anchored``: what lies just outside them matched already."""
    if not pairs and not anchored:
        return []
    bounds = [(-1, -1)] + sorted(pairs) + [(n_expected, min(n_found, MAX_FOUND))]
    out = []
    for (ea, fa), (eb, fb) in zip(bounds, bounds[1:]):
        if eb - ea == 2 and fb - fa == 2:
            out.append((ea + 1, fa + 1))
    return out


def slot_similar(found: str, expected: str) -> bool:
    """Whether ``found`` may be read as ``expected`` when it stands in that label's slot:
    they share a common subsequence of at least two characters that is at least half of
    each (「本公开数量」 / 「本年新公开数量」: 5 of 5 and 7), and ``found`` no longer than a
    misspelling may make it. Looser than :func:`close`, so only for a slot whose
    neighbours matched."""
    if not found or not expected or len(found) > len(expected) + allowed_edits(expected):
        return False
    common = LCSseq.similarity(found, expected)
    return common >= 2 and 2 * common >= len(expected) and 2 * common >= len(found)


def find_near(pattern: str, text: str, lo: int, hi: int, max_edits: int) -> tuple[int, int, int] | None:
    """The best approximate occurrence of ``pattern`` in ``text[lo:hi]``: ``(start, end,
    edits)`` with the fewest edits (then the earliest end), or None beyond ``max_edits``.

    Sellers' algorithm (edit distance with a free start anywhere in the window); the
    work is ``len(pattern) * (hi - lo)``.
    """
    m = len(pattern)
    hi = min(hi, len(text))
    if m == 0 or hi <= lo:
        return None
    # column over the pattern: (cost, start) for pattern[:i] ending at the current text char
    col = [(i, lo) for i in range(m + 1)]
    best: tuple[int, int, int] | None = None
    for j in range(lo, hi):
        ch = text[j]
        new = [(0, j + 1)]
        for i in range(1, m + 1):
            sub = col[i - 1][0] + (pattern[i - 1] != ch)
            cand = (sub, col[i - 1][1])
            dele = col[i][0] + 1  # text char not in the pattern (an insertion in the text)
            if dele < cand[0]:
                cand = (dele, col[i][1])
            ins = new[i - 1][0] + 1  # pattern char missing from the text
            if ins < cand[0]:
                cand = (ins, new[i - 1][1])
            new.append(cand)
        col = new
        cost, start = col[m]
        if cost <= max_edits and (best is None or cost < best[2]):
            best = (start, j + 1, cost)
            if cost == 0:
                break
    return best


def match_at(patterns: Sequence[str], text: str, pos: int, max_extra: int = 2) -> tuple[int, int, int] | None:
    """Which of ``patterns`` starts at ``text[pos]`` allowing slips: ``(index, end,
    edits)`` of the closest one (see :func:`close`), the longer reading on equal edits;
    two patterns read equally well are refused (None)."""
    found: list[tuple[int, int, int]] = []
    for k, p in enumerate(patterns):
        limit = allowed_edits(p)
        best = None
        for length in range(max(1, len(p) - limit), len(p) + min(limit, max_extra) + 1):
            piece = text[pos:pos + length]
            if len(piece) < length:
                break
            d = close(piece, p)
            if d is not None and (best is None or d <= best[1]):  # the longer on equal edits
                best = (pos + length, d)
        if best is not None:
            found.append((k, best[0], best[1]))
    if not found:
        return None
    found.sort(key=lambda x: (x[2], -x[1]))  # fewest edits, then the longest reading
    a, b = found[0], found[1] if len(found) > 1 else None
    if b is not None and (b[2], b[1]) == (a[2], a[1]) and patterns[b[0]] != patterns[a[0]]:
        return None
    return a


MAX_SEGMENT = 160  # characters a run may have to be segmented (the work is this × labels × lengths)


def segment(text: str, patterns: Sequence[str], exact: re.Pattern | None = None) -> list[tuple[int, int, int]] | None:
    """``text`` cut whole into consecutive pieces, each read as one of ``patterns`` (a
    misspelling within :func:`close`, or a match of ``exact`` at no cost): ``(start, end,
    edits)`` of each piece, the cut with the fewest edits in all (then the fewest pieces).
    None when no cut covers the whole text (or it is longer than :data:`MAX_SEGMENT`)."""
    n = len(text)
    if n == 0 or n > MAX_SEGMENT:
        return None
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (edits, pieces) to cover text[:i]
    back = [0] * (n + 1)
    best[0] = (0, 0)
    for i in range(n):
        if best[i] is None:
            continue
        ends: dict[int, int] = {}
        m = exact.match(text, i) if exact is not None else None
        if m is not None and m.end() > i:
            ends[m.end()] = 0
        for p in patterns:
            limit = allowed_edits(p)
            for length in range(max(1, len(p) - limit), len(p) + limit + 1):
                if i + length > n:
                    break
                d = close(text[i:i + length], p)
                if d is not None and d < ends.get(i + length, INF):
                    ends[i + length] = d
        for e, d in ends.items():
            cand = (best[i][0] + d, best[i][1] + 1)
            if best[e] is None or cand < best[e]:
                best[e], back[e] = cand, i
    if best[n] is None:
        return None
    out = []
    e = n
    while e > 0:
        s = back[e]
        out.append((s, e, 0))
        e = s
    out.reverse()
    return [(s, e, _piece_edits(text[s:e], patterns, exact)) for s, e, _ in out]


def _piece_edits(piece: str, patterns: Sequence[str], exact: re.Pattern | None) -> int:
    if exact is not None and exact.fullmatch(piece):
        return 0
    return min((d for p in patterns if (d := close(piece, p)) is not None), default=0)
