"""disclint.api gives what `disclint check` gives; its options travel to worker processes;
the disclint_linter fixture (disclint.testing) works in another package's pytest run;
docs/api.md's examples run as written (with the province of docs/writing-rules.md)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tomllib
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from disclint.api import LintOptions, lint_bytes, lint_path, lint_paths, lint_text

from conftest import REAL, findings
from test_regulators_docs import _write_sets, blocks
from test_rule_examples import PART_SIX_WITH_FEE, PART_SIX_WITHOUT, PROVINCE

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"


def _doc_examples() -> list[str]:
    return blocks("api.md", "python")


def _pytest_in(folder: Path, test_file: str) -> subprocess.CompletedProcess:
    """pytest run in ``folder`` with disclint.testing loaded as its entry point loads it
    (whether or not this venv was reinstalled since the entry point was declared)."""
    # the outcomes' words are in the locale's language (Chinese unless an en locale)
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "DISCLINT_NO_CACHE": "1", "LC_ALL": "zh_CN.UTF-8"}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "disclint.testing", "-p", "no:cacheprovider", test_file],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=300)


def _province_folder(tmp_path: Path) -> Path:
    """tmp_path/zj: the worked example's rule sets; tmp_path/reports: the real reports."""
    (tmp_path / "reports").symlink_to(REAL)
    return _write_sets(tmp_path, "writing-rules.md").rename(tmp_path / "zj")
TODAY = LintOptions(today=date(2026, 11, 27))
REPORTS = [REAL / "004-pingtan-zhqgwh-2021.txt", REAL / "010-shuyang-fgj-2023.html"]


def _rows(diagnostics):
    return [(d.code, d.line, d.column, d.message) for d in diagnostics]


def test_lint_path_is_what_check_reports():
    for report in REPORTS:
        expected = [(d["code"], d["line"], d["column"], d["message"]) for d in findings(report)]
        assert expected, report
        assert _rows(lint_path(report, TODAY)) == expected


def test_bytes_and_text_are_read_by_their_name():
    report = REPORTS[1]
    from_bytes = lint_bytes(report.read_bytes(), report.name, TODAY)
    assert [d.path for d in from_bytes] == [report.name] * len(from_bytes)
    assert _rows(from_bytes) == _rows(lint_path(report, TODAY))
    text = REPORTS[0].read_text(encoding="utf-8")
    assert _rows(lint_text(text, "a.txt", TODAY)) == _rows(lint_path(REPORTS[0], TODAY))


def _codes_in_worker(args):
    path, options = args
    return _rows(lint_path(path, options))


def test_options_pickle_and_run_in_worker_processes(tmp_path):
    rules = tmp_path / "province.yaml"
    rules.write_text(PROVINCE, encoding="utf-8")
    options = LintOptions(rule_paths=[rules], today=date(2026, 11, 27))  # a list is kept as a tuple
    assert pickle.loads(pickle.dumps(options)) == options and options.rule_paths == (str(rules),)
    with ProcessPoolExecutor(2) as pool:
        remote = list(pool.map(_codes_in_worker, [(p, options) for p in REPORTS]))
    assert remote == [_rows(lint_path(p, options)) for p in REPORTS]
    # The province rule applies with the national set: 004 states its 信息处理费 in 六, 010 does not.
    assert [r for r in remote[0] if r[0] == "P601"] == []
    assert [r for r in remote[1] if r[0] == "P601"] == [("P601", 1200, 177, "「六、其他需要报告的事项」应说明信息处理费")]
    results = lint_paths(REPORTS, options)
    assert [r.path for r in results] == [str(p) for p in REPORTS]
    assert [r.ruleset for r in results] == ["province-2021", "province-2021"]


def test_fixture_is_a_pytest11_plugin_usable_by_another_package(tmp_path):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["pytest11"] == {"disclint": "disclint.testing"}
    (tmp_path / "province.yaml").write_text(PROVINCE, encoding="utf-8")
    (tmp_path / "six.txt").write_text(PART_SIX_WITH_FEE, encoding="utf-8")
    (tmp_path / "test_province.py").write_text(
        "def test_fee(disclint_linter):\n"
        "    province = disclint_linter.with_rules('province.yaml')\n"
        f"    assert 'P601' in province.codes({PART_SIX_WITHOUT!r})\n"
        f"    assert 'P601' not in province.codes({PART_SIX_WITH_FEE!r})\n"
        "    assert province.failed_examples('province.yaml') == []\n"
        "\n"
        "def test_wrong_example_is_reported(disclint_linter):\n"
        "    import pathlib\n"
        "    p = pathlib.Path('province.yaml')\n"
        "    p.write_text(p.read_text(encoding='utf-8').replace('expect: []', 'expect: [P601]', 1), encoding='utf-8')\n"
        "    bad = disclint_linter.with_rules('province.yaml').failed_examples('province.yaml')\n"
        "    assert [(o.code, o.where, o.label) for o in bad] == [('P601', 'province.yaml:14', '示例2')]\n",
        encoding="utf-8",
    )
    run = _pytest_in(tmp_path, "test_province.py")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout


def test_api_doc_example_runs(tmp_path, monkeypatch):
    embed, _fixture = _doc_examples()
    _province_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(embed, str(DOC), "exec"), scope)
    reports = scope["reports"]
    assert [p.name[:3] for p in reports] == [p.name[:3] for p in sorted(REAL.glob("04*.txt"))] and len(reports) > 5
    options = LintOptions(rule_paths=("zj/",), today=date(2026, 12, 2))
    expected = [d.code for p in reports for d in lint_path(p, options)]
    assert scope["counts"] == __import__("collections").Counter(expected)
    assert scope["counts"]["ZJ101"] >= 1  # 047's 六 is 「无。」 (test_regulators_docs)


def test_fixture_doc_example_runs_under_pytest(tmp_path):
    _embed, fixture = _doc_examples()
    _province_folder(tmp_path)
    (tmp_path / "test_zj.py").write_text(fixture, encoding="utf-8")
    run = _pytest_in(tmp_path, "test_zj.py")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
