"""Running disclint on one file and comparing findings by what they say, not where.

A finding's line:column changes with the medium (a text line, a PDF page line, a DOCX
paragraph ordinal), so findings are compared by their *key*: the code and the message in
a normal form (NFKC, no whitespace, line references masked). The message is where a
finding names its place — the heading, the row label and column, the quoted text — so
the key keeps the place and drops the position. Only warning and error findings count:
info findings say how sure a reader was, which a medium may rightly change.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from disclint.checking import Options
from disclint.engine import Diagnostic, Linter

TODAY = date(2026, 12, 2)
COUNTED = ("warning", "error")

_WS = re.compile(r"\s+")
_LINE_REF = re.compile(r"第\d+行")  # S106 names the line of the first occurrence
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def make_linter() -> Linter:
    return Linter(Options(today=TODAY))


def fold(text: str, folds: tuple[tuple[str, str], ...] = ()) -> str:
    """The comparable form of a message: ``folds`` (made -> original text) undone, NFKC,
    no whitespace, line references masked."""
    for made, original in folds:
        if made:
            text = text.replace(made, original)
    text = unicodedata.normalize("NFKC", text)
    text = _WS.sub("", text)
    return _LINE_REF.sub("第#行", text)


@dataclass(frozen=True)
class Key:
    code: str
    place: str  # the folded message

    def __str__(self) -> str:
        return f"{self.code} {self.place}"


def key_of(d: Diagnostic, folds=(), numbers: bool = True) -> Key:
    place = fold(d.message, folds)
    if not numbers:
        place = _DIGITS.sub("#", place)
    return Key(d.code, place)


@dataclass
class Run:
    """The counted findings of one file, and anything that went wrong inside disclint."""

    diagnostics: list[Diagnostic]
    internal_errors: list[str] = field(default_factory=list)


def check(linter: Linter, path: str) -> Run:
    result = linter.check_file(path)
    return Run([d for d in result.diagnostics if d.severity in COUNTED], list(result.internal_errors))


# ---------------------------------------------------------------------------------------
# Expectations


@dataclass(frozen=True)
class Want:
    """One finding that must be added: a code out of ``codes`` whose message names every
    text in ``places`` (compared folded)."""

    codes: tuple[str, ...]
    places: tuple[str, ...]

    def matches(self, k: Key) -> bool:
        return k.code in self.codes and all(fold(p) in k.place for p in self.places)

    def __str__(self) -> str:
        return f"{'/'.join(self.codes)} naming {'、'.join('「' + p + '」' for p in self.places)}"


@dataclass(frozen=True)
class Expect:
    """What a transformation must do to the findings.

    ``added`` empty: the findings stay the same. Otherwise exactly one new finding for
    each Want and no other change among warnings and errors. ``folds`` are (made text,
    original text) pairs undone in the new file's messages before comparing (a Kangxi
    look-alike quoted in a message is the same finding); ``numbers=False`` compares
    messages with their numbers masked, for changes that move a sum (a +1 in a cell
    changes the sums quoted by findings that were already there, not their place).
    """

    added: tuple[Want, ...] = ()
    folds: tuple[tuple[str, str], ...] = ()
    numbers: bool = True
    allowed: tuple[str, ...] = ()  # codes that may come or go besides (a consequence, not noise)

    @property
    def same(self) -> bool:
        return not self.added

    def __str__(self) -> str:
        if self.same:
            return "same findings"
        more = f" (+/- {'/'.join(self.allowed)} allowed)" if self.allowed else ""
        return "exactly: " + "; ".join(str(w) for w in self.added) + more


@dataclass
class Verdict:
    ok: bool
    lines: list[str]  # the diff, one line per difference (empty when ok)


def judge(before: Run, after: Run, expect: Expect) -> Verdict:
    """Compare the counted findings before and after against ``expect``."""
    lines: list[str] = [f"internal error: {e}" for e in after.internal_errors]
    old = Counter(key_of(d, (), expect.numbers) for d in before.diagnostics)
    new = Counter(key_of(d, expect.folds, expect.numbers) for d in after.diagnostics)
    gone = Counter({k: n for k, n in (old - new).items() if k.code not in expect.allowed})
    came = new - old
    wanted = list(expect.added)
    unexplained: list[Key] = []
    for k in sorted(came.elements(), key=str):
        for i, w in enumerate(wanted):
            if w.matches(k):
                del wanted[i]
                break
        else:
            if k.code not in expect.allowed:
                unexplained.append(k)
    for w in wanted:
        lines.append(f"wanted, not found: {w}")
    for k in unexplained:
        lines.append(f"+ {k}")
    for k in sorted(gone.elements(), key=str):
        lines.append(f"- {k}")
    return Verdict(not lines, lines)
