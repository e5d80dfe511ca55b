"""Counts the running text states for a 表二 row, used to settle run-together digits.

A flattened page can glue a row's cells together (「行政规范性文件5416」: 5|4|16, 5|41|6
or 54|1|6). The table alone cannot tell them apart, but the report often says the
numbers in words: 「我局制定规范性文件5件」「现行有效的规范性文件16件」. A number the
text gives for the same row (one of the schema's row terms) and the same column (a
cue word for that column, in the number's sentence) is *evidence*; a split is taken
only when it is the one candidate every piece of evidence agrees with. Otherwise the
row stays uncertain, as before. The words are data (``text-evidence`` in the table2
schema, rules/tables-*.yaml); a rule set without them settles nothing.

A block may also state *bounds* its numbers can never break (``bounds`` of a table2
block: 现行有效 = 上年现行有效 + 制发 − 废止 with a stock never below 0, so 现行有效 +
废止 ≥ 制发). A split that breaks one describes an impossible table, so it is dropped
before the evidence is weighed: 「2023」 is 2|0|23, never 20|2|3 (a stock of −15 last
year). Bounds alone settle a row only when they leave exactly one split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Cell, Document, TextMap
from ..readers.texttables.flattened import _t2_column, split_run, written_run
from .text import scan_back, scan_forward, streams

# at most this many splits are weighed; a row with more stays uncertain
_MAX_SPLITS = 64
_SENTENCE_STOPS = set("。;!?\n")
_REACH = 120  # characters a sentence is read back and on from a count
_YEAR = re.compile(r"((?:19|20)[0-9]{2})年")


@dataclass(frozen=True)
class Stated:
    """One count the text gives: ``value`` for ``column`` of ``row``."""

    row: str
    column: str
    value: int


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def stated_counts(doc: Document, spec: dict, year: int | None) -> list[Stated]:
    """Every count the running text states for a row and column of ``spec``
    (the ``text-evidence`` schema)."""
    rows = {term: row for row, terms in (spec.get("rows") or {}).items() for term in terms}
    cols = spec.get("columns") or {}
    cue_of = {cue: col for col, c in cols.items() for cue in c.get("cues", [])}
    if not rows or not cue_of:
        return []
    units = spec.get("units") or ["件"]
    # a row term, a short joint (类/类信息, 共/为/有), perhaps the column's cue, the number
    rx = re.compile(rf"(?P<row>{_alt(rows)})(?:类信息|类)?(?:共|为|有)?(?P<cue>{_alt(cue_of)})?"
                    rf"(?:共计|共|为|有)?(?P<n>[0-9]+)(?:{_alt(units)})")
    cue_rx = re.compile(_alt(cue_of))
    not_now = list(spec.get("not-this-year") or [])
    approx = tuple(spec.get("approximate") or [])
    out: list[Stated] = []
    for st in streams(doc):
        text = st.text
        for m in rx.finditer(text):
            if m.start("n") > 0 and text[m.start("n") - 1].isdigit():
                continue
            # the sentence around it (a page flattened with no 。 is not one long sentence)
            start = scan_back(text, m.start(), _SENTENCE_STOPS, _REACH)
            end = min(scan_forward(text, m.end(), _SENTENCE_STOPS), m.end() + _REACH)
            sentence = text[start:end]
            if any(int(y) != year for y in _YEAR.findall(sentence)) if year else False:
                continue  # a count of another year
            cue = m.group("cue")
            if cue is None:  # the nearest cue before the row term, in the same sentence
                before = list(cue_rx.finditer(text, start, m.start()))
                if not before:
                    continue
                cue = before[-1].group(0)
            column = cue_of[cue]
            if not cols[column].get("stock") and any(w in sentence for w in not_now):
                continue
            if text[start:m.start("n")].endswith(approx):
                continue
            out.append(Stated(rows[m.group("row")], column, int(m.group("n"))))
    return out


def _number(text: str) -> int | None:
    digits = re.sub(r"[^0-9.+-]", "", text)
    return int(digits) if re.fullmatch(r"[0-9]+", digits) else None


def within_bounds(values: dict[str, int], bounds) -> bool:
    """Whether ``values`` (column -> number) keeps every bound of the block: ``{sum: [A, B],
    at-least: C}`` says A + B >= C (a bound naming a column not given holds)."""
    for b in bounds or ():
        terms = [values.get(c) for c in b.get("sum") or ()]
        least = values.get(b.get("at-least"))
        if least is None or any(v is None for v in terms):
            continue
        if sum(terms) < least:
            return False
    return True


def settle(raw: Cell, row: str, columns: list[str], evidence: list[Stated], bounds=()) -> list[Cell] | None:
    """``raw`` (a row's one unsplit value cell) cut into ``len(columns)`` cells, when
    exactly one of its possible splits keeps the block's ``bounds`` (a stock can never
    have been negative: rules/tables-*.yaml) and agrees with every count ``evidence``
    gives for ``row``; None otherwise (no bound and no evidence settles nothing)."""
    said = [s for s in evidence if s.row == row and s.column in columns]
    if not (said or bounds) or len(columns) < 2:
        return None
    sp = split_run(raw.text, [_t2_column(c) for c in columns], keep=_MAX_SPLITS)
    if sp.status != "ambiguous" or not sp.candidates or len(sp.candidates) >= _MAX_SPLITS:
        return None
    at = {c: i for i, c in enumerate(columns)}

    def numbers(cand) -> dict[str, int]:
        got = {c: _number(raw.text[slice(*cand[i])]) for c, i in at.items()}
        return {c: v for c, v in got.items() if v is not None}

    agree = [cand for cand in sp.candidates
             if within_bounds(numbers(cand), bounds)
             and all(numbers(cand).get(s.column) == s.value for s in said)]
    if len(agree) != 1:
        return None
    cells = []
    for k, (s, e) in enumerate(agree[0]):
        pos = raw.textmap.pos(s)
        cells.append(Cell(raw.text[s:e], raw.row, raw.col + k, TextMap.single(pos.line, pos.column, raw.span.logical),
                          raw=written_run(raw.text, s, e)))
    return cells
