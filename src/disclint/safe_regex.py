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
        self.context_free = _context_free(pattern)

    def may_match_in(self, texts: list[str], budget: Budget) -> bool:
        """False only when none of ``texts`` holds a match: one search over them joined
        instead of one per text. Sound for a context-free pattern (whether it matches a
        stretch of text depends on that stretch alone); any other says True, as does a
        search that runs out of its share of the budget."""
        if not self.context_free:
            return True
        try:
            return self._rx.search("\n".join(texts), timeout=min(budget.remaining(), PREFILTER)) is not None
        except TimeoutError:
            return True

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


# Seconds the joined-text search of :meth:`SafePattern.may_match_in` may take (then: unsure).
PREFILTER = 0.1


def _context_free(pattern: str) -> bool:
    """No anchor, lookaround or word boundary: a match cannot depend on the text around it.
    Conservative: ``(?<name>`` or a ``^`` that is not a class negation also say False."""
    i, in_class, n = 0, False, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 < n and pattern[i + 1] in "AZzbBGmMKy":
                return False
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":  # a leading ] is a member, not the end
                i += 1
            continue
        elif c in "^$":
            return False
        elif c == "(" and pattern[i + 1:i + 2] == "?" and pattern[i + 2:i + 3] in ("=", "!", "<"):
            return False
        i += 1
    return True


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
