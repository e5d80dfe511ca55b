"""Regular expressions written by users (rule-set schemas, rule parameters, configuration).

A pattern from a regulator's rule set or a repository's configuration is untrusted: a
pattern such as ``(a|aa)+$`` backtracks exponentially in Python's ``re``. These patterns
run on the ``regex`` module (the same syntax as ``re``, lookbehind included, which the
shipped patterns use) with a time budget per document, so a bad pattern costs at most
that budget on each file and is reported instead of blocking the run. A pattern that does
not compile, or is absurdly long, is a load error at its file:line:col.
"""

from __future__ import annotations

import time

import regex

# A schema pattern is a short phrase; a longer one is not a pattern a person wrote.
MAX_PATTERN = 2000
# Seconds one pattern may spend on one document (all its text nodes together).
BUDGET = 2.0


class PatternError(ValueError):
    """The pattern does not compile (``offset``: where in the pattern, if known)."""

    def __init__(self, message: str, offset: int | None = None):
        super().__init__(message)
        self.offset = offset


class PatternTimeout(Exception):
    """A pattern used up its time budget on one document."""

    def __init__(self, pattern: str, seconds: float):
        super().__init__(f"pattern `{pattern[:80]}` took more than {seconds:g} s on this file; its remaining matches were skipped")
        self.pattern = pattern


class Budget:
    """The time one pattern may still spend on one document."""

    def __init__(self, seconds: float = BUDGET):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.001, self.deadline - time.monotonic())


class SafePattern:
    def __init__(self, pattern: str):
        self.pattern = pattern
        self._rx = regex.compile(pattern, flags=regex.VERSION0)

    def finditer(self, text: str, budget: Budget):
        """Matches in ``text``; raises PatternTimeout when the budget runs out."""
        try:
            yield from self._rx.finditer(text, timeout=budget.remaining())
        except TimeoutError:
            raise PatternTimeout(self.pattern, budget.seconds) from None

    def search(self, text: str, budget: Budget):
        try:
            return self._rx.search(text, timeout=budget.remaining())
        except TimeoutError:
            raise PatternTimeout(self.pattern, budget.seconds) from None


def compile(pattern) -> SafePattern:  # noqa: A001 - the module's one verb
    if not isinstance(pattern, str):
        raise PatternError(f"a pattern must be a string, not {type(pattern).__name__}")
    if not pattern:
        raise PatternError("a pattern must not be empty")
    if len(pattern) > MAX_PATTERN:
        raise PatternError(f"pattern is {len(pattern)} characters long (at most {MAX_PATTERN})")
    try:
        return SafePattern(pattern)
    except regex.error as exc:
        raise PatternError(f"bad regular expression: {exc.msg if hasattr(exc, 'msg') else exc}", getattr(exc, "pos", None)) from None
    except (OverflowError, RecursionError, MemoryError, ValueError) as exc:
        raise PatternError(f"bad regular expression: {type(exc).__name__}: {exc}") from None
