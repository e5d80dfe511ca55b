r"""Regular expressions written in rule sets (schemas, rule parameters).

A pattern from a regulator's rule set (any rule file outside disclint's own rules folder:
``--rules``, a repository's configuration, a plugin distribution) is untrusted: a pattern
such as ``(a|aa)+$`` backtracks exponentially in Python's ``re``. Such patterns run on
RE2 (``google-re2``), whose time is linear in the text: a construct RE2 cannot run
(backreference, lookaround, atomic group, possessive quantifier, conditional, ...) is a
load error at the pattern's file:line:col that names the construct. Written in ``re``'s
syntax, they are translated so that RE2 matches what ``regex`` would: ``\d``, ``\w`` and
``\s`` keep their Unicode meaning (RE2's own are ASCII-only), ``\Z``, ``\uXXXX`` and
``{,n}`` keep theirs; ``\b``/``\B`` (RE2's word boundary is ASCII-only, so on Chinese
text it would not mean what ``regex``'s means) are refused.

The shipped patterns (written in a file of ``resources.rules_dir()``; reviewed, and using
lookbehind) run on the ``regex`` module. Both engines run under a time budget per
document: a pattern that uses it up is reported (X014) instead of blocking the run; RE2's
linear time makes that a second guard only. Without ``google-re2`` (a platform with no
wheel), a regulator's pattern is still checked as above at load (a rule set loads, or
fails, the same everywhere) and runs on ``regex`` under the budget; that is said once per
process on stderr.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import regex

try:
    import re2 as _re2
except ImportError:  # a platform without a google-re2 wheel: regex under the budget
    _re2 = None

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

    def __init__(self, seconds: float | None = None):
        self.seconds = BUDGET if seconds is None else seconds
        self.deadline = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return max(0.001, self.deadline - time.monotonic())


class SafePattern:
    """A shipped pattern (or any, without RE2): the ``regex`` module, timed out by the budget."""

    engine = "regex"

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


class LinearPattern(SafePattern):
    """A regulator's pattern on RE2: each search is linear in the text; the budget is
    checked between matches (a second guard: 1 MB of text times many patterns)."""

    engine = "re2"

    def __init__(self, pattern: str, translated: str):
        self.pattern = pattern
        self.translated = translated
        self._rx = _re2.compile(translated, _options())
        self.context_free = _context_free(pattern)

    def may_match_in(self, texts: list[str], budget: Budget) -> bool:
        if not self.context_free:
            return True
        return self._rx.search("\n".join(texts)) is not None

    def finditer(self, text: str, budget: Budget):
        for m in self._rx.finditer(text):
            if time.monotonic() > budget.deadline:
                raise PatternTimeout(self.pattern, budget.seconds)
            yield m

    def search(self, text: str, budget: Budget):
        if time.monotonic() > budget.deadline:
            raise PatternTimeout(self.pattern, budget.seconds)
        return self._rx.search(text)


def _options():
    opts = _re2.Options()
    opts.log_errors = False  # its faults are PatternErrors, not lines on stderr
    return opts


# -- re's syntax on RE2 ----------------------------------------------------------------

_LEAD = "pattern uses a construct the linear-time engine (RE2) does not run: "
_TAIL = "; rewrite it without it"
# regex's Unicode classes in RE2's terms (RE2's \d \w \s are ASCII-only). \w: letters,
# marks, digits, letter numbers, connectors, the joiners and the circled/squared letters
# that are Alphabetic without being letters.
_W = r"\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\x{200c}\x{200d}\x{24b6}-\x{24e9}\x{1f130}-\x{1f149}\x{1f150}-\x{1f169}\x{1f170}-\x{1f189}"
_S = r"\t-\r\x{20}\x{85}\p{Z}"
_IN_CLASS = {"d": r"\p{Nd}", "D": r"\P{Nd}", "w": _W, "s": _S, "b": r"\x{8}"}
_OUTSIDE = {"d": r"\p{Nd}", "D": r"\P{Nd}", "w": f"[{_W}]", "W": f"[^{_W}]", "s": f"[{_S}]", "S": f"[^{_S}]", "Z": r"\z"}
_GROUPS = (  # (?… openings RE2 lacks, longest first
    ("<=", "lookbehind (?<=…)"), ("<!", "negative lookbehind (?<!…)"), ("=", "lookahead (?=…)"),
    ("!", "negative lookahead (?!…)"), (">", "atomic group (?>…)"), ("P=", "backreference (?P=name)"),
    ("P>", "recursion (?P>name)"), ("&", "recursion (?&name)"), ("R", "recursion (?R)"), ("(", "conditional (?(…)…|…)"),
    ("#", "comment (?#…)"), ("|", "branch reset (?|…)"),
)
_QUANT = regex.compile(r"\{(\d*)(,(\d*))?\}")


def _refuse(what: str, at: int) -> PatternError:
    return PatternError(f"{_LEAD}{what}{_TAIL} (character {at + 1} of the pattern)", at)


def to_re2(pattern: str) -> str:
    """``pattern`` (``re``/``regex`` syntax) as RE2 should be given it to match the same;
    PatternError naming the first construct RE2 does not run."""
    out: list[str] = []
    i, n, in_class, quantified = 0, len(pattern), False, False
    while i < n:
        c = pattern[i]
        if c == "\\":
            e = pattern[i + 1:i + 2]
            if in_class:
                if e in ("W", "S"):
                    raise _refuse(f"\\{e} inside a character class (RE2's is ASCII-only; list what the class holds instead)", i)
            elif e.isdigit() and e != "0" and not (len(pattern[i + 1:i + 4]) == 3 and all(d in "01234567" for d in pattern[i + 1:i + 4])):
                raise _refuse(f"backreference \\{e}", i)
            elif e in ("b", "B"):
                raise _refuse(f"word boundary \\{e} (RE2's is ASCII-only: on Chinese text it is not regex's)", i)
            elif e == "g" and pattern[i + 2:i + 3] == "<" or e == "k":
                raise _refuse(f"backreference \\{e}<…>", i)
            elif e in ("G", "K"):
                raise _refuse({"G": "search anchor \\G", "K": "match reset \\K"}[e], i)
            table = _IN_CLASS if in_class else _OUTSIDE
            if e in table:
                out.append(table[e])
            elif e in ("u", "U") and regex.fullmatch(r"[0-9a-fA-F]{%d}" % (4 if e == "u" else 8), pattern[i + 2:i + (6 if e == "u" else 10)]):
                hexa = pattern[i + 2:i + (6 if e == "u" else 10)]
                out.append("\\x{%s}" % hexa)
                i += 4 if e == "u" else 8
            else:
                out.append(pattern[i:i + 2])
            i += 2
            quantified = False
            continue
        if in_class:
            if c == "]":
                in_class = False
                out.append(c)
            elif c == "[":
                out.append("\\[")  # literal in re; RE2 would read [: as a POSIX class
            else:
                out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if pattern[i:i + 1] == "^":
                out.append("^")
                i += 1
            if pattern[i:i + 1] == "]":  # a leading ] is a member
                out.append("\\]")
                i += 1
            quantified = False
            continue
        if c == "(" and pattern[i + 1:i + 2] == "?":
            rest = pattern[i + 2:]
            for lead, what in _GROUPS:
                if rest.startswith(lead):
                    raise _refuse(what, i)
            if rest[:1].isdigit() or rest[:1] in "+-" and rest[1:2].isdigit():
                raise _refuse("recursion (?1)", i)
            flags = regex.match(r"[A-Za-z-]*", rest).group()
            if flags and rest[len(flags):len(flags) + 1] in (":", ")") and rest[:2] != "P<":
                bad = [f for f in flags if f not in "ims-"]
                if bad:
                    raise _refuse(f"inline flag (?{bad[0]})", i)
        if c == "+" and quantified:
            raise _refuse(f"possessive quantifier {pattern[i - 1]}+", i)
        if c == "?" and quantified:  # lazy: fine, and not quantified again
            out.append(c)
            quantified = False
            i += 1
            continue
        if c == "{":
            q = _QUANT.match(pattern, i)
            if q and (q.group(1) or q.group(3)):
                out.append("{%s%s}" % (q.group(1) or "0", q.group(2) or ""))
                i = q.end()
                quantified = True
                continue
            out.append("\\{")  # a literal in re
            i += 1
            quantified = False
            continue
        quantified = c in "*+?" and out[-1:] != ["("]  # the ? of (? is no quantifier
        out.append(c)
        i += 1
    return "".join(out)


_SAID_NO_RE2 = False


def _say_no_re2() -> None:
    global _SAID_NO_RE2
    if not _SAID_NO_RE2:
        _SAID_NO_RE2 = True
        print("disclint: google-re2 is not installed: the rule sets' own patterns run on the regex module "
              "under its time budget instead of the linear-time engine (pip install google-re2)", file=sys.stderr)


# -- which patterns are shipped --------------------------------------------------------


def is_shipped(file: str | Path) -> bool:
    """``file`` is one of disclint's own rule files (not a regulator's)."""
    from .resources import rules_dir

    try:
        return Path(file).resolve().parent == rules_dir().resolve()
    except OSError:
        return False


_SHIPPED: frozenset[str] | None = None


def shipped_patterns() -> frozenset[str]:
    """Every pattern written in a shipped rule file (its text), read once per process
    (from the rule cache's memo, so a warm run parses no YAML)."""
    global _SHIPPED
    if _SHIPPED is None:
        from .resources import rules_dir
        from .rules import cache

        files = sorted(list(rules_dir().glob("*.yaml")) + list(rules_dir().glob("*.yml")))
        _SHIPPED = frozenset(cache.memo("shipped-patterns", [*files, Path(__file__)], lambda: _collect(files)))
    return _SHIPPED


def _collect(files: list[Path]) -> list[str]:
    from . import safe_yaml

    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if (str(k) == "pattern" or str(k).endswith(("-pattern", "_pattern"))) and isinstance(v, str):
                    found.add(str(v))
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for f in files:
        try:
            walk(safe_yaml.load(f.read_text(encoding="utf-8"), str(f), "a rule set"))
        except Exception:  # the loader reports a broken shipped file; here it only trusts less
            continue
    return sorted(found)


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


def compile(pattern, shipped: bool | None = None) -> SafePattern:  # noqa: A001 - the module's one verb
    """``pattern`` ready to run: ``shipped`` (written in one of disclint's own rule files)
    on ``regex``, any other on RE2. ``shipped=None`` (a checker compiling a rule's
    pattern): shipped when a shipped rule file has this very pattern — the loader has
    already refused, by the file that wrote it, a regulator's pattern RE2 cannot run."""
    if not isinstance(pattern, str):
        raise PatternError(f"a pattern must be a string, not {type(pattern).__name__}")
    if not pattern:
        raise PatternError("a pattern must not be empty")
    if len(pattern) > MAX_PATTERN:
        raise PatternError(f"pattern is {len(pattern)} characters long (at most {MAX_PATTERN})")
    try:
        plain = SafePattern(pattern)  # re's syntax first: its faults keep their words
    except regex.error as exc:
        raise PatternError(f"bad regular expression: {exc.msg if hasattr(exc, 'msg') else exc}", getattr(exc, "pos", None)) from None
    except (OverflowError, RecursionError, MemoryError, ValueError) as exc:
        raise PatternError(f"bad regular expression: {type(exc).__name__}: {exc}") from None
    if shipped is None:
        shipped = pattern in shipped_patterns()
    if shipped:
        return plain
    translated = to_re2(pattern)
    if _re2 is None:
        _say_no_re2()
        return plain
    try:
        return LinearPattern(pattern, translated)
    except _re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"{_LEAD}{reason}{_TAIL}") from None
