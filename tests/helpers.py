"""Test helpers shared by the checker tests that run one plugin in isolation."""

from __future__ import annotations

import importlib
from pathlib import Path

import pluggy

from disclint import hookspecs
from disclint.checking import Options
from disclint.engine import Linter
from disclint.resources import rules_dir


def isolated_linter(plugin, ruleset: str, options: Options) -> Linter:
    """A Linter with only the built-in readers, ``plugin`` and ``rules/<ruleset>.yaml``, the
    rule set forced, so that work in progress elsewhere cannot change a test's outcome."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(importlib.import_module("disclint.readers.builtin"))
    pm.register(plugin)
    return Linter(options, ruleset=ruleset, pm=pm, shipped_rules=[rules_dir() / f"{ruleset}.yaml"])


def diagnostics(linter: Linter, path, family: str) -> list[tuple[str, str, int, int, str]]:
    """(code, severity, line, column, message) of the ``family`` findings on one file;
    the run must have no internal error."""
    assert Path(path).is_file(), path
    result = linter.check_file(str(path))
    assert not result.internal_errors, result.internal_errors
    return [(d.code, d.severity, d.line, d.column, d.message) for d in result.diagnostics if d.code.startswith(family)]


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p
