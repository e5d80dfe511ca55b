"""A small stable Python API for embedding disclint: lint a path, bytes or text; get findings.

Options are a frozen, picklable dataclass, so a batch can send them to worker processes
(multiprocessing, Dask, Spark); each process builds its linter once per options and keeps
it. The findings are the checkers' own, before a run's suppressions, waivers, baseline
and --select/--ignore (the command line applies those).

    from disclint.api import LintOptions, lint_path
    for d in lint_path("report.txt", LintOptions(rule_paths=("province.yaml",))):
        print(d.line, d.code, d.message)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from .checking import Options
from .engine import Diagnostic, FileResult, Linter, merge
from .rules.errors import RuleSetError

__all__ = ["Diagnostic", "FileResult", "LintOptions", "RuleSetError", "lint_bytes", "lint_path", "lint_paths", "lint_text", "linter_for"]


@dataclass(frozen=True)
class LintOptions:
    """What a lint run depends on; equal options share one linter in a process."""

    rule_paths: tuple[str, ...] = ()  # extra rule-set files or folders (a regulator's rules)
    ruleset: str | None = None  # one rule set (name or file) for every report, as --ruleset
    today: date | None = None  # the date the date rules count from (None: today)
    organ_kind: str | None = None  # "department" or "government"; None: inferred from the title

    def __post_init__(self) -> None:
        # A list given for rule_paths would make the options unhashable (and so uncacheable).
        object.__setattr__(self, "rule_paths", tuple(str(p) for p in self.rule_paths))


def linter_for(options: LintOptions = LintOptions()) -> Linter:
    """The linter for ``options`` in this process (loading rule sets costs a second or so);
    built again when one of its rule-set files changed.

    Raises RuleSetError (its ``faults`` list every file:line:col) for a broken rule set.
    """
    return _linter(options, _stamp(options.rule_paths))


def _stamp(paths: tuple[str, ...]) -> tuple:
    """When and how big each given rule-set file is (folders: their YAML files)."""
    out = []
    for p in map(Path, paths):
        for f in sorted([*p.glob("*.yaml"), *p.glob("*.yml")]) if p.is_dir() else [p]:
            try:
                st = f.stat()
                out.append((str(f), st.st_mtime_ns, st.st_size))
            except OSError:
                out.append((str(f), None, None))  # the loader says what is wrong with it
    return tuple(out)


@functools.lru_cache(maxsize=8)
def _linter(options: LintOptions, _stamp: tuple) -> Linter:
    return Linter(Options(today=options.today, organ_kind=options.organ_kind), ruleset=options.ruleset, extra_rule_paths=[Path(p) for p in options.rule_paths])


def lint_paths(paths: Iterable[str | Path], options: LintOptions = LintOptions()) -> list[FileResult]:
    """Every report in ``paths`` (files, or folders walked), with the cross-report rules run
    over them together; one FileResult per file, sorted by path."""
    return linter_for(options).check_paths([str(p) for p in paths])


def lint_path(path: str | Path, options: LintOptions = LintOptions()) -> list[Diagnostic]:
    """The findings of one report file, sorted by place."""
    return _diagnostics(lint_paths([path], options))


def lint_bytes(data: bytes, name: str = "report.txt", options: LintOptions = LintOptions()) -> list[Diagnostic]:
    """The findings of a report given as bytes; ``name``'s ending (.txt .md .html .docx .pdf)
    picks the reader and names the report in the findings."""
    linter = linter_for(options)
    result = linter.check_document(linter.read_data(name, data))
    results = [result]
    linter.finish(results)
    linter.gathered()  # what the cross-report kinds kept of this report is not wanted again
    return _diagnostics(results)


def lint_text(text: str, name: str = "report.txt", options: LintOptions = LintOptions()) -> list[Diagnostic]:
    """The findings of a report's text."""
    return lint_bytes(text.encode("utf-8"), name, options)


def _diagnostics(results: list[FileResult]) -> list[Diagnostic]:
    return [d for r in merge(results) for d in r.diagnostics]
