"""Every YAML and Python example in docs/writing-rules.md and docs/writing-plugins.md runs.

YAML rule sets are loaded together (each doc's examples form one rule folder) and run on
real reports; the worked province example's findings on 047 are the ones its text says
(六 「无。」, 表三 （七）总计 0 beside 新收 4 — MANIFEST.tsv).
"""

from __future__ import annotations

import importlib.util
import os
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from disclint.checking import Options
from disclint.engine import Linter
from disclint.plugins import make_manager

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
REAL = ROOT / "tests" / "data" / "real"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def blocks(doc: str, lang: str) -> list[str]:
    return [body for kind, body in FENCE.findall((DOCS / doc).read_text(encoding="utf-8")) if kind == lang]


def _write_sets(tmp_path: Path, doc: str) -> Path:
    folder = tmp_path / doc.replace(".md", "")
    folder.mkdir()
    for body in blocks(doc, "yaml"):
        name = YAML(typ="safe").load(body)["name"]
        (folder / f"{name}.yaml").write_text(body, encoding="utf-8")
    return folder


def test_every_example_is_fenced():
    assert len(blocks("writing-rules.md", "yaml")) == 3
    assert len(blocks("writing-plugins.md", "python")) == 2 and len(blocks("writing-plugins.md", "yaml")) == 1


def test_worked_province_example(tmp_path):
    linter = Linter(Options(today=date(2026, 12, 2)), extra_rule_paths=[_write_sets(tmp_path, "writing-rules.md")])
    result = linter.check_file(str(REAL / "047-pingtan-jjf-2025.txt"))
    assert not result.internal_errors
    assert result.ruleset == "zj-2021"
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics if d.code.startswith("ZJ")] == [
        ("ZJ201", 10, 1488, "表三总计列：本年新收4件>本年办理结果总计0件"),
        ("ZJ301", 10, 2000, "表三自然人列：新收与上年结转之和4≠办理结果总计0"),
        ("ZJ301", 10, 2006, "表三总计列：新收与上年结转之和4≠办理结果总计0"),
        ("ZJ101", 10, 2484, "「六、其他需要报告的事项」未说明信息处理费收取情况"),
    ]
    # The override reaches the national rule; the 2019 set applies 2019 reports.
    r009 = linter.check_file(str(REAL / "009-shuyang-county-2025.txt"))
    assert [(d.severity, d.message) for d in r009.diagnostics if d.code == "S103"] == [
        ("error", "标题「五、政府信息公开工作存在的主要问题及改进情况」不规范，本省要求写作「五、存在的主要问题及改进情况」"),
    ]
    assert linter.check_file(str(REAL / "049-pingtan-czj-2019.txt")).ruleset == "zj-2019"


def test_plugin_example(tmp_path, monkeypatch):
    plugin, usage = blocks("writing-plugins.md", "python")
    pkg = tmp_path / "doc_plugin"
    (pkg / "rules").mkdir(parents=True)
    (pkg / "plugin.py").write_text(plugin, encoding="utf-8")
    [rules] = blocks("writing-plugins.md", "yaml")
    (pkg / "rules" / "pending.yaml").write_text(rules, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("doc_plugin_example", pkg / "plugin.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    linter = Linter(Options(today=date(2026, 12, 2)), pm=make_manager(extra=[module]))
    result = linter.check_file(str(REAL / "031-pingtan-gaj-2021.txt"))
    assert not result.internal_errors
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics if d.code == "PS101"] == [
        ("PS101", 10, 2071, "表三结转下年度1件，超过应办理申请1件的两成"),
    ]
    # The usage example runs as written, from the project root.
    monkeypatch.chdir(ROOT)
    exec(compile(usage, "writing-plugins.md", "exec"), {})
    [toml] = blocks("writing-plugins.md", "toml")
    assert tomllib.loads(toml)["project"]["entry-points"]["disclint"] == {"fj": "fj_disclint.plugin"}
