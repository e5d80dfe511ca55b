"""The lint run: read each file, choose its rule set, run every enabled rule, collect findings.

Bad input never stops the run: a file that cannot be read gets X findings from the
input rules and the run goes on. A checker that fails is an internal error: it is
said on stderr (no traceback), counted, and the run goes on.
"""

from __future__ import annotations

import os
import signal
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Iterator

from .checking import CheckerKind, Context, Options
from .model import Document, ReaderProblem, Span
from .rules.model import SEVERITY_RANK, Rule, RuleSet

# What a run needs (readers, normalisation, plugins, rule sets, the regex module of users'
# patterns) is imported when a Linter is made, not with this module: ``disclint --version``
# and ``disclint --help`` import the command line, and with it this module, and need none of it.


# A report is at most a few MB (a PDF with images); far more is not a report, or hostile.
MAX_BYTES = 64 * 2**20
# The shipped set whose rules report reader problems (rules/input.yaml), lent to a set without them.
INPUT_RULESET = "input"
# Fewer files than this are checked in one process whatever --jobs says.
MIN_PARALLEL_FILES = 24


@dataclass(frozen=True)
class Diagnostic:
    """One finding, in the shape every reporter prints (the JSON keys are a public contract)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: str
    message: str
    ruleset: str
    logical: str | None = None  # DOCX: table[2]/row[5]/cell[3]
    related: tuple = ()  # checking.Related: the other places compared with (last year's cell)

    def as_json(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "ruleset": self.ruleset,
        }


@dataclass
class FileResult:
    path: str
    ruleset: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)
    # which rule sets were applied, and why: (English template, values) per line
    explained: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def explanation(self) -> list[str]:
        """The explanation's lines in English (the CLI shows them in the run's language)."""
        return [template.format(**values) for template, values in self.explained]
    cross: bool = False  # only the cross-report findings for ``path``, known at the end of a run
    # False when the findings depend on more than the files and options (a time limit reached:
    # X009, X014): never stored in the results cache (results_cache.py)
    cacheable: bool = field(default=True, compare=False)


class _SafeValues(dict):
    """Message values; a placeholder a checker did not fill shows as 「?」, never fails."""

    def __missing__(self, key: str) -> str:
        return "?"


class Linter:
    """Holds the plugins, checker kinds and rule sets for a run over many files."""

    def __init__(
        self,
        options: Options | None = None,
        ruleset: str | None = None,
        extra_rule_paths: Iterable[Path] = (),
        pm=None,
        shipped_rules: Iterable[Path] | None = None,
        use_cache: bool | None = None,
    ):
        # How to build this linter again in a worker process (only for the plain set-up:
        # an injected plugin manager or rule folder cannot travel to another process).
        from .rules import select
        from .rules.errors import Origin, RuleSetError

        self.config = None if (pm is not None or shipped_rules is not None) else (options, ruleset, tuple(str(p) for p in extra_rule_paths))
        self._pm = pm
        self._kinds: dict[str, CheckerKind] | None = None
        self._vocabulary = None
        if use_cache is None:  # --no-cache sets it for this process and its workers
            use_cache = not os.environ.get("DISCLINT_NO_CACHE")
        # What a plain set-up resolved to last time (results_cache.Setup): the rule sets come
        # from the rule-set cache by their key and the plugins are imported only when a file
        # must be read or checked, so a run whose every file is in the results cache imports none.
        self.setup = None
        self.rulesets: dict[str, RuleSet] = {}
        if self.config is not None and use_cache:
            from . import results_cache

            self.setup = results_cache.Setup.find(ruleset, extra_rule_paths)
            loaded = self.setup.rulesets() if self.setup is not None and self.setup.valid else None
            if loaded is not None:
                self.rulesets = loaded
                self.extensions = set(self.setup.data["extensions"])
                self.collecting = set(self.setup.data["collecting"])
                self.kind_names = list(self.setup.data["kinds"])
        if not self.rulesets:
            self._build(ruleset, extra_rule_paths, shipped_rules, use_cache)
        self.options = options or Options()
        self.forced: RuleSet | None = None
        if ruleset is not None:
            self.forced = select.by_name_or_path(self.rulesets, ruleset)
            if self.forced is None:
                raise RuleSetError([(Origin(ruleset, 1, 1), f"unknown rule set `{ruleset}` (known: {', '.join(sorted(self.rulesets))})")])
        # What collection kinds gathered, by rule code: [(path, value, rule, ruleset)].
        self._collected: dict[str, list[tuple[str, Any, Rule, RuleSet]]] = {}
        self.time_limit: float | None = None  # seconds per file (None: no limit)
        self._input: dict[str, tuple[list[Rule], list[Rule]]] = {}  # by rule set name: its input rules (see input_rules)
        # (path, reader, decoded source) of the document checked last in this process
        # (see decoded_source): one report's text, not every report's
        self._last_source: tuple[str, str, str | None] | None = None

    def _build(self, ruleset, extra_rule_paths, shipped_rules, use_cache) -> None:
        """Import the plugins and load the rule sets (from the rule-set cache when it holds them)."""
        from .plugins import checker_kinds, extensions, rule_paths
        from .resources import rules_dir
        from .rules import cache

        kinds = self.kinds
        paths = [*(shipped_rules if shipped_rules is not None else [rules_dir()]), *rule_paths(self.pm), *[Path(p) for p in extra_rule_paths]]
        if ruleset is not None and Path(ruleset).is_file() and Path(ruleset).resolve() not in {p.resolve() for p in paths}:
            paths.append(Path(ruleset))  # --ruleset PATH: a rule-set file of one's own
        from .plugins import plugin_versions

        versions = plugin_versions(self.pm)
        self.rulesets = cache.load(paths, kinds, use_cache, versions)
        self.extensions = extensions(self.pm)
        self.collecting = {name for name, k in kinds.items() if k.collect is not None}
        self.kind_names = sorted(kinds)
        if self.setup is not None:  # remember what this set-up resolved to, for the next run
            self.setup.record(paths, cache.key_for(paths, kinds, versions), self)

    @property
    def pm(self):
        """The plugin manager (every plugin imported), made when first needed."""
        if self._pm is None:
            from .plugins import make_manager

            self._pm = make_manager()
        return self._pm

    @property
    def kinds(self) -> dict[str, CheckerKind]:
        if self._kinds is None:
            from .plugins import checker_kinds

            self._kinds = checker_kinds(self.pm)
            self._kinds_loaded = dict(self._kinds)
        return self._kinds

    def as_loaded(self) -> bool:
        """False when the checker kinds were swapped after loading (a test, an API user): then
        the findings are not what the results cache keys describe (results_cache.py)."""
        loaded = getattr(self, "_kinds_loaded", None)
        if self._kinds is None or loaded is None:
            return self._kinds is None
        return self._kinds.keys() == loaded.keys() and all(self._kinds[k] is v for k, v in loaded.items())

    @property
    def vocabulary(self):
        # The readers read tables with the labels of every loaded set (the applied one is
        # chosen only after reading): computed once, from the cached sets.
        if self._vocabulary is None:
            from .readers.texttables import vocabulary

            self._vocabulary = vocabulary.from_rulesets(self.rulesets.values())
        return self._vocabulary

    # -- files -------------------------------------------------------------------

    def collect(self, paths: Iterable[str]) -> list[str]:
        """Files to check: files as given, directories walked for known endings (sorted)."""
        out: list[str] = []
        for p in paths:
            if os.path.isdir(p):
                found = []
                for root, dirs, files in os.walk(p):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for f in files:
                        if os.path.splitext(f)[1].lower() in self.extensions:
                            found.append(os.path.join(root, f))
                if not found:
                    out.append(p)  # an empty directory is reported, not skipped silently
                out.extend(sorted(found))
            else:
                out.append(p)
        return out

    def read(self, path: str) -> Document:
        from .bounded_read import NotRegular, TooLarge, read_regular

        try:
            if os.path.isdir(path):
                return _unreadable(path, "no-reports", "目录中没有可检查的报告文件（.txt .md .html .htm .docx .pdf）")
            data = read_regular(path, MAX_BYTES)
        except NotRegular as exc:
            return _unreadable(path, "not-regular", f"不是普通文件，而是{exc.what}；未读取")
        except TooLarge as exc:
            return _unreadable(path, "unreadable", f"文件过大（超过 {MAX_BYTES // 2**20} MB），不像是一份年度报告")
        except FileNotFoundError:
            return _unreadable(path, "missing", "文件不存在")
        except OSError as exc:
            return _unreadable(path, "unreadable", f"无法打开文件：{exc.strerror or exc}")
        return self.read_data(path, data)

    def read_head(self, path: str) -> Document | None:
        """The start of a report, as far as its title (analysis/identity.py: the search for last
        year's report reads other organs' reports no further); None: read it whole."""
        from .analysis.identity import read_head

        return read_head(path, self.read_data)

    def read_data(self, path: str, data: bytes) -> Document:
        """A report given as bytes (``path`` names it and, by its ending, picks the reader)."""
        from . import normalize
        from .readers import bounds
        from .readers.texttables import vocabulary

        try:
            with vocabulary.reading_with(self.vocabulary), bounds.reading() as budget:
                doc = self.pm.hook.disclint_read(path=path, data=data)
        except Exception as exc:  # a reader bug must not stop the run
            return _unreadable(path, "unreadable", f"读取失败（{type(exc).__name__}: {exc}）")
        if doc is None:
            return _unreadable(path, "unreadable", "没有能读取此类文件的读取器")
        # Tables past the bounds (readers.bounds.bound_cells): said once each, refused ones not read.
        doc.problems.extend(budget.problems)
        doc.blocks = [b for b in doc.blocks if not getattr(b, "refused", False)]
        if not doc.blocks and not doc.problems:
            doc.problems.append(ReaderProblem("empty", Span.at(1, 1), "文件中没有可读的文字"))
        if not doc.blocks and not any(p.kind not in _PARTIAL for p in doc.problems):
            # Truncated or cut at a bound, and nothing read at all: an error, never a pass.
            doc.problems = [replace(p, kind="unreadable", detail=p.detail + "；没有读出任何内容") for p in doc.problems]
        normalize.fold_document(doc)  # radical look-alikes, whatever reader read the file
        return doc

    # -- checking ----------------------------------------------------------------

    def choose(self, doc: Document) -> tuple[RuleSet, facts.ReportYear | None]:
        from . import facts
        from .rules import select

        found = facts.find_report_year(doc) if doc.blocks else None
        if self.forced is not None:
            return self.forced, found
        return select.for_year(self.rulesets, found.year if found else None), found

    def explain(self, found: facts.ReportYear | None) -> list[tuple[str, dict]]:
        """Which rule sets apply and why, one (English template, values) per line."""
        from .rules import select

        if self.forced is not None:
            return [("--ruleset {name}: this one rule set for every file, whatever its report year", {"name": self.forced.name})]
        return select.explain(self.rulesets, found.year if found else None)

    def check_document(self, doc: Document, context: bool = False) -> FileResult:
        """``context``: the report is only there for the rules across reports (last year's report
        found for the cross-year checks, whose own findings nobody sees): only the collection
        kinds run on it; the rest would cost a whole check for nothing."""
        from . import safe_regex

        self._last_source = (doc.path, doc.reader, doc.source_text)
        rs, found = self.choose(doc)
        ctx = Context(doc, rs, self.options, found.year if found else None, found.span if found else None)
        result = FileResult(doc.path, rs.name, explained=self.explain(found))
        seen: set[tuple] = set()
        slow: list[ReaderProblem] = []
        rules = [*rs.enabled_rules(), *self.input_rules(rs)[1]]
        if context:
            rules = [r for r in rules if self.kinds[r.check].collect is not None]
        for rule in rules:
            if not doc.blocks and not _runs_on_unreadable(rule):
                continue
            kind = self.kinds[rule.check]
            try:
                if kind.collect is not None:
                    self._gather(kind, doc, rule, rs, ctx)
                    continue
                findings = list(kind.check(doc, rule, ctx) or ())
            except safe_regex.PatternTimeout as exc:
                # The rule set's pattern is at fault, not the file: a finding on this file (X014),
                # the rest of its rules and the next files checked as usual.
                slow.append(ReaderProblem("pattern-timeout", Span.at(1, 1), _pattern_timeout(rule, exc)))
                continue
            except Exception as exc:
                result.internal_errors.append(f"{doc.path}: internal error in checker `{rule.check}` (rule {rule.id}, {rule.origin}): {type(exc).__name__}: {exc}")
                continue
            for f in findings:
                d = _diagnostic(doc.path, rule, rs, f.span, f.values, tuple(f.related))
                key = (d.line, d.column, d.code, d.message)
                if key not in seen:
                    seen.add(key)
                    result.diagnostics.append(d)
        if slow:  # reported by the input rules that take pattern-timeout problems (X014)
            result.cacheable = False
            timed_out = Document(path=doc.path, problems=slow)
            own, borrowed = self.input_rules(rs)
            said = [_diagnostic(doc.path, rule, rs, f.span, f.values, tuple(f.related))
                    for rule in [*own, *borrowed] if rule.enabled
                    for f in self.kinds[rule.check].check(timed_out, rule, ctx) or ()]
            result.diagnostics.extend(said)
            if not said and not _covers(own, "pattern-timeout"):  # no input rules at all: never silent
                result.internal_errors.extend(f"{doc.path}: {p.detail}" for p in slow)
        result.diagnostics.sort(key=lambda d: (d.line, d.column, d.code, d.message))
        return result

    def input_rules(self, rs: RuleSet) -> tuple[list[Rule], list[Rule]]:
        """The rules that report reader problems for ``rs``: its own (enabled or not), and,
        for each problem kind none of them names, the rule of the shipped input set that
        does. A regulator's set applied alone need not extend ``input``: an unreadable,
        empty or too large file still gets its X finding, never a silent pass; a set that
        has an input rule and turns it off is obeyed."""
        if rs.name not in self._input:
            own = [r for r in rs.rules.values() if _runs_on_unreadable(r)]
            base = self.rulesets.get(INPUT_RULESET)
            shipped = [r for r in base.rules.values() if _runs_on_unreadable(r) and r.enabled] if base is not None and base is not rs else []
            borrowed = [r for r in shipped if r.id not in rs.rules and not any(_covers(own, k) for k in r.params.get("problems") or ())]
            self._input[rs.name] = (own, borrowed)
        return self._input[rs.name]

    def check_file(self, path: str, context: bool = False) -> FileResult:
        """One file's findings; past ``time_limit`` seconds the file gets X009 instead.
        ``context``: see :meth:`check_document`."""
        if not self.time_limit or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
            return self.check_document(self.read(path), context)
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, self.time_limit)
        try:
            return self.check_document(self.read(path), context)
        except _TimeUp:
            for items in self._collected.values():  # what it gathered before the alarm is partial
                items[:] = [i for i in items if i[0] != path]
            return self.aborted(path, f"检查超过时间上限（{self.time_limit:g} 秒）")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def aborted(self, path: str, detail: str) -> FileResult:
        """The result for a file whose check did not finish (X009 from the input rules)."""
        result = self.check_document(_unreadable(path, "aborted", detail))
        result.cacheable = False
        return result

    def decoded_source(self, path: str) -> tuple[str, str] | None:
        """(reader, decoded source text) of ``path`` when it is the document this process
        checked last and its reader kept its source (doc.source_text); else None. A
        finding's file is post-checked right after it is checked, so its source need not
        be read and decoded again (postcheck.source_lines); a worker's file is not here."""
        last = self._last_source
        if last is None or last[0] != path or last[2] is None:
            return None
        return last[1], last[2]

    # -- across reports ------------------------------------------------------------

    def check_paths(self, paths: Iterable[str], jobs: int = 1, progress=None, context: Iterable[str] = ()) -> list[FileResult]:
        """Check every file, then run the collection rules across them; sorted by path.

        ``jobs`` > 1 checks files in that many worker processes; ``progress`` wraps the
        iterator of finished files (a progress bar), if given; ``context``: files among
        ``paths`` there only for the rules across reports (see :meth:`check_document`).
        """
        return merge(list(self.stream(paths, jobs, progress, context)))

    def stream(self, paths: Iterable[str], jobs: int = 1, progress=None, context: Iterable[str] = ()) -> Iterator[FileResult]:
        """Each file's FileResult as it finishes, in path order; then, for the files the
        cross-report rules found something in, a FileResult marked ``cross`` holding those.
        ``context``: as in :meth:`check_paths` (their results hold no findings of their own)."""
        self._collected.clear()
        files = sorted(self.collect(paths))
        only = {os.path.abspath(p) for p in context}
        # Starting workers costs more than a few dozen reports take: below that, one process.
        if jobs > 1 and len(files) >= MIN_PARALLEL_FILES and self.config is not None:
            from .parallel import check_in_workers

            done = check_in_workers(self, files, jobs, self.time_limit, only)
        else:
            done = (self.check_file(p, os.path.abspath(p) in only) for p in files)
        if progress is not None:
            done = progress(done, len(files))
        results = []
        for result in done:
            results.append(result)
            yield result
        yield from self.cross_findings(results)

    def check_documents(self, docs: list[Document]) -> list[FileResult]:
        """Documents already read, checked as one run: the rules across reports included."""
        self._collected.clear()
        results = [self.check_document(d) for d in docs]
        return merge([*results, *self.cross_findings(results)])

    def adopt(self, gathered: list[tuple[str, str, Any, str, str]]) -> None:
        """Take what a worker's collection kinds gathered: (code, path, value, rule set name)."""
        from .rules import compose

        for code, path, value, rs_name, _ in gathered:
            rs = compose.by_name(self.rulesets, rs_name)
            self._collected.setdefault(code, []).append((path, value, rs.rules[code], rs))

    def gathered(self) -> list[tuple[str, str, Any, str, str]]:
        """What this linter's collection kinds gathered so far, in a form that pickles."""
        out = [(code, path, value, rs.name, rule.name) for code, items in self._collected.items() for path, value, rule, rs in items]
        self._collected.clear()
        return out

    def _gather(self, kind: CheckerKind, doc: Document, rule: Rule, rs: RuleSet, ctx: Context) -> None:
        value = kind.collect(doc, rule, ctx)
        if value is not None:
            self._collected.setdefault(rule.id, []).append((doc.path, value, rule, rs))

    def finish(self, results: list[FileResult]) -> None:
        """Run each collection rule over what its kind gathered; add the findings to ``results``."""
        results[:] = merge([*results, *self.cross_findings(results)])

    def cross_findings(self, results: list[FileResult]) -> list[FileResult]:
        """Run each collection rule over what its kind gathered from every report: per path
        a FileResult marked ``cross`` with what they found there."""
        paths = {r.path for r in results}
        out: dict[str, FileResult] = {}
        for code, items in self._collected.items():
            first_rule = items[0][2]
            kind = self.kinds[first_rule.check]
            own = {path: (rule, rs) for path, _value, rule, rs in items}
            try:
                found = list(kind.check_collection([(path, value) for path, value, _r, _s in items], first_rule) or ())
            except Exception as exc:
                for r in results[:1]:
                    extra = out.setdefault(r.path, FileResult(r.path, r.ruleset, cross=True))
                    extra.internal_errors.append(f"internal error in checker `{first_rule.check}` (rule {code}) across reports: {type(exc).__name__}: {exc}")
                continue
            for path, f in found:
                if path not in paths or path not in own:
                    continue
                rule, rs = own[path]
                out.setdefault(path, FileResult(path, rs.name, cross=True)).diagnostics.append(_diagnostic(path, rule, rs, f.span, f.values, tuple(f.related)))
        self._collected.clear()
        for r in out.values():
            r.diagnostics.sort(key=_order)
        return sorted(out.values(), key=lambda r: r.path)


def merge(results: list[FileResult]) -> list[FileResult]:
    """Per-file results with the cross-report ones folded into them, sorted by path."""
    by_path: dict[str, FileResult] = {}
    plain = [r for r in results if not r.cross]
    for r in plain:
        by_path.setdefault(r.path, r)
    for extra in (r for r in results if r.cross):
        target = by_path.get(extra.path)
        if target is None:
            continue
        target.diagnostics.extend(extra.diagnostics)
        target.internal_errors.extend(extra.internal_errors)
        target.diagnostics.sort(key=_order)
    return sorted(plain, key=lambda r: r.path)


def _order(d: "Diagnostic"):
    return (d.line, d.column, d.code, d.message)


class _TimeUp(BaseException):
    """Raised by the per-file alarm; a BaseException so no checker's ``except Exception`` swallows it."""


def _alarm(signum, frame):
    raise _TimeUp()


# Problems that still let the rest of a file be read (the X warnings).
_PARTIAL = {"truncated", "limit", "bad-bytes", "no-text", "garbled"}


def _runs_on_unreadable(rule: Rule) -> bool:
    return rule.check == "reader-problem"


def _covers(rules: list[Rule], problem: str) -> bool:
    return any(problem in (r.params.get("problems") or ()) for r in rules)


def _pattern_timeout(rule: Rule, exc: safe_regex.PatternTimeout) -> str:
    from . import safe_regex

    shown = exc.pattern if len(exc.pattern) <= 80 else exc.pattern[:80] + "…"
    return (f"规则 {rule.id}（{rule.origin}）的正则表达式 `{shown}` 在本文件上超过 {safe_regex.BUDGET:g} 秒，"
            "该规则在本文件上的检查已中止，其余规则照常检查")


def _unreadable(path: str, kind: str, detail: str) -> Document:
    return Document(path=path, problems=[ReaderProblem(kind, Span.at(1, 1), detail)])


def _diagnostic(path: str, rule: Rule, rs: RuleSet, span: Span, values: dict, related: tuple = ()) -> Diagnostic:
    message = rule.message.format_map(_SafeValues({k: _show(v) for k, v in values.items()}))
    return Diagnostic(
        path=path,
        line=span.start.line,
        column=span.start.column,
        end_line=max(span.end.line, span.start.line),
        end_column=span.end.column if span.end.line > span.start.line else max(span.end.column, span.start.column),
        code=rule.id,
        name=rule.name,
        severity=rule.severity,
        message=message,
        ruleset=rs.name,
        logical=span.logical,
        related=related,
    )


# A value quoted from a report (a cell, a sentence) is shown up to this many characters.
MAX_VALUE = 300


def _show(value) -> str:
    text = "、".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def settle() -> None:
    """Once the plugins and rule sets are built: they live for the whole run, so the
    cyclic collector is told to leave them (``gc.freeze``) instead of walking them again
    each time the objects of a report fill a generation (7-10 % of a batch)."""
    import gc

    gc.freeze()


def worst(results: Iterable[FileResult]) -> int:
    """The highest severity rank among all findings (-1 when there are none)."""
    return max((SEVERITY_RANK[d.severity] for r in results for d in r.diagnostics), default=-1)
