"""The results cache (results_cache.py): a run answered from it prints exactly what a checked
run prints, and every change that can change a finding gives the findings of a checked run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REAL, run_cli
from disclint import results_cache

ROOT = Path(__file__).resolve().parent.parent
TODAY = ("--today", "2026-12-02")
LAST = "005-pingtan-zhqgwh-2022.txt"
THIS = "006-pingtan-zhqgwh-2023.txt"


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """The results cache on, in a cache folder of this test's own."""
    monkeypatch.delenv("DISCLINT_NO_RESULTS_CACHE", raising=False)
    monkeypatch.setenv("DISCLINT_NO_CACHE", "")  # --no-cache sets it to 1; undone after the test
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "disclint"


def _checked(*args: str):
    """The run as checked, the results cache off (the truth a cached run must equal)."""
    os.environ["DISCLINT_NO_RESULTS_CACHE"] = "1"
    try:
        return run_cli(*args)
    finally:
        del os.environ["DISCLINT_NO_RESULTS_CACHE"]


def _no_plugins(monkeypatch):
    """Make importing the plugins fail: a run that still succeeds was answered from the cache."""
    import disclint.plugins

    def refuse(*a, **k):
        raise AssertionError("plugins imported")

    monkeypatch.setattr(disclint.plugins, "make_manager", refuse)


def _pair(tmp_path: Path) -> Path:
    """Last year's and this year's report of one organ in a folder (B602 compares them)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in (LAST, THIS):
        shutil.copyfile(REAL / name, folder / name)
    return folder


def test_a_cached_run_prints_the_checked_run_byte_for_byte_on_the_whole_corpus(cached, monkeypatch):
    monkeypatch.chdir(ROOT)
    corpus = os.path.join("tests", "data", "real")
    truth = {fmt: _checked("check", *TODAY, "--format", fmt, corpus) for fmt in ("text", "json")}
    assert truth["text"][0] == 1 and len(json.loads(truth["json"][1])) > 100
    assert run_cli("check", *TODAY, "--format", "text", corpus) == truth["text"]  # checked and stored
    assert len(list(cached.glob("results-*.json"))) == 1
    with monkeypatch.context() as m:
        _no_plugins(m)  # answered from the cache, in either format
        for fmt in ("json", "text"):
            assert run_cli("check", *TODAY, "--format", fmt, corpus) == truth[fmt]
    assert len(list(cached.glob("results-*.json"))) == 1  # one run, whatever the format


def test_a_warm_one_file_run_imports_no_plugin_and_no_analysis(cached, tmp_path):
    folder = _pair(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    probe = ("import sys\nfrom disclint.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.startswith(('disclint._builtin_plugins', 'disclint.analysis', 'disclint.normalize', 'disclint.facts', 'disclint.readers.texttables', 'ruamel', 'pypdf'))), file=sys.stderr)")
    cmd = [sys.executable, "-c", probe, "check", *TODAY, str(folder / THIS)]
    cold = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp_path)
    warm = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp_path)
    assert "disclint._builtin_plugins.crossyear" in cold.stderr  # the cold run checked
    assert warm.stdout == cold.stdout and "B602" in warm.stdout
    assert warm.stderr.strip().splitlines()[-1] == "[]"


def test_editing_the_report_gives_its_new_findings(cached, tmp_path, monkeypatch):
    folder = _pair(tmp_path)
    monkeypatch.chdir(folder)
    before = run_cli("check", *TODAY, THIS)
    assert "B602" in before[1] and "C101" in before[1]
    text = (folder / THIS).read_text(encoding="utf-8")
    (folder / THIS).write_text(text.replace("77132470", "7713"), encoding="utf-8")
    after = run_cli("check", *TODAY, THIS)
    assert after == _checked("check", *TODAY, THIS) and after != before
    assert "77132470" not in after[1]


def test_editing_last_years_report_beside_it_gives_the_new_cross_year_finding(cached, tmp_path, monkeypatch):
    folder = _pair(tmp_path)
    monkeypatch.chdir(folder)
    before = run_cli("check", *TODAY, THIS)
    assert "现行有效698件" in before[1]  # B602 narrows last year's run-together digits 8855698
    text = (folder / LAST).read_text(encoding="utf-8")
    assert text.count("8855698") == 1
    (folder / LAST).write_text(text.replace("8855698", "8855699"), encoding="utf-8")
    after = run_cli("check", *TODAY, THIS)
    assert after == _checked("check", *TODAY, THIS) and after != before
    assert "现行有效698件" not in after[1]


def test_last_years_report_in_a_year_folder_found_removed_and_put_back(cached, tmp_path, monkeypatch):
    for year, name in (("2022", LAST), ("2023", THIS)):
        (tmp_path / "reports" / year).mkdir(parents=True)
        shutil.copyfile(REAL / name, tmp_path / "reports" / year / name)
    monkeypatch.chdir(tmp_path)
    report = os.path.join("reports", "2023", THIS)
    found = run_cli("check", *TODAY, report)
    assert "B602" in found[1] and found == _checked("check", *TODAY, report)
    moved = tmp_path / LAST
    (tmp_path / "reports" / "2022" / LAST).rename(moved)
    alone = run_cli("check", *TODAY, report)
    assert "B602" not in alone[1] and alone == _checked("check", *TODAY, report)
    (tmp_path / "reports" / "2022").rmdir()
    assert run_cli("check", *TODAY, report) == alone
    (tmp_path / "reports" / "2022").mkdir()
    moved.rename(tmp_path / "reports" / "2022" / LAST)
    assert run_cli("check", *TODAY, report) == found


def test_another_today_gives_the_date_findings_of_that_day(cached, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(REAL / "011-shanghai-stcsm-2024.md", tmp_path / "r.md")
    late = run_cli("check", "--format", "json", *TODAY, "r.md")
    early = run_cli("check", "--format", "json", "--today", "2024-06-01", "r.md")
    assert early == _checked("check", "--format", "json", "--today", "2024-06-01", "r.md")
    d401 = [(d["line"], d["column"], d["message"]) for d in json.loads(early[1]) if d["code"] == "D401"]
    assert d401 == [(31, 22, "日期2024年12月31日晚于检查当日2024年6月1日")]
    assert not [d for d in json.loads(late[1]) if d["code"] == "D401"]
    assert run_cli("check", "--format", "json", *TODAY, "r.md") == late


CITY = """\
name: city-2023
applies-to: {{from: 2021}}
extends: [gov-2021]
overrides:
  C101: {{severity: {level}}}
"""


def test_editing_a_rule_file_gives_its_new_findings(cached, tmp_path, monkeypatch):
    folder = _pair(tmp_path)
    monkeypatch.chdir(folder)
    rules = tmp_path / "city.yaml"
    rules.write_text(CITY.format(level="error"), encoding="utf-8")
    args = ("check", *TODAY, "--no-find-history", "--rules", str(rules), THIS)
    before = run_cli(*args)
    assert before[1].count("C101 [error]") == 2
    rules.write_text(CITY.format(level="info"), encoding="utf-8")
    after = run_cli(*args)
    assert after == _checked(*args) and "C101" not in after[1] and "另有3条提示" in after[1]


def test_a_changed_configuration_selects_from_the_cached_findings(cached, tmp_path, monkeypatch):
    folder = _pair(tmp_path)
    monkeypatch.chdir(folder)
    before = run_cli("check", *TODAY, THIS)
    (folder / ".disclint.yaml").write_text("ignore: [C101]\n", encoding="utf-8")
    with monkeypatch.context() as m:
        _no_plugins(m)  # the findings before selection are cached: nothing to check again
        after = run_cli("check", *TODAY, THIS)
    assert after == _checked("check", *TODAY, THIS)
    assert "C101" in before[1] and "C101" not in after[1] and "B602" in after[1]
    assert run_cli("check", *TODAY, "--select", "B6", THIS) == _checked("check", *TODAY, "--select", "B6", THIS)


def test_a_corrupt_cache_file_is_ignored_and_rewritten(cached, tmp_path, monkeypatch):
    folder = _pair(tmp_path)
    monkeypatch.chdir(folder)
    first = run_cli("check", *TODAY, THIS)
    (entry,) = cached.glob("results-*.json")
    for junk in ("{not json", json.dumps({"format": results_cache.FORMAT, "key": "x", "results": []}), json.dumps([1, 2])):
        entry.write_text(junk, encoding="utf-8")
        assert run_cli("check", *TODAY, THIS) == first
        assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem.removeprefix("results-")
    (setup,) = cached.glob("setup-*.json")
    setup.write_text("[", encoding="utf-8")
    assert run_cli("check", *TODAY, THIS) == first


def test_the_cache_is_read_and_no_cache_neither_reads_nor_writes_it(cached, tmp_path, monkeypatch):
    folder = _pair(tmp_path)
    monkeypatch.chdir(folder)
    code, out, _ = run_cli("check", "--no-cache", *TODAY, THIS)
    assert code == 0 and "B602" in out  # warnings only
    assert not list(cached.glob("results-*.json")) and not list(cached.glob("setup-*.json"))
    monkeypatch.setenv("DISCLINT_NO_CACHE", "")
    first = run_cli("check", *TODAY, THIS)
    (entry,) = cached.glob("results-*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    own = next(r for r in data["results"] if r["path"] == THIS and not r["cross"])
    own["diagnostics"][0][8] = "缓存里的消息"  # a doctored entry shows it is what the run printed
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "缓存里的消息" in run_cli("check", *TODAY, THIS)[1]
    assert run_cli("check", "--no-cache", *TODAY, THIS) == first


def test_concurrent_runs_share_the_cache_safely(cached, tmp_path):
    folder = _pair(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "disclint.cli", "check", *TODAY, "--format", "json", LAST, THIS]
    truth = subprocess.run(cmd, env={**env, "DISCLINT_NO_RESULTS_CACHE": "1"}, capture_output=True, text=True, cwd=folder).stdout
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=folder) for _ in range(4)]
    outs = [p.communicate() for p in procs]
    assert [o for o, _ in outs] == [truth] * 4 and all("Traceback" not in e for _, e in outs)
    assert sorted(p.name for p in cached.iterdir() if p.name.startswith(".tmp")) == []
    (entry,) = cached.glob("results-*.json")
    assert json.loads(entry.read_text(encoding="utf-8"))["format"] == results_cache.FORMAT
    assert subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=folder).stdout == truth


def test_the_cache_keeps_only_the_newest_entries(cached, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(REAL / THIS, tmp_path / "r.txt")
    monkeypatch.setattr(results_cache, "KEEP", 3)
    for day in range(1, 6):
        run_cli("check", "--today", f"2026-12-0{day}", "r.txt")
        entries = sorted(cached.glob("results-*.json"), key=lambda p: p.stat().st_mtime_ns)
        assert len(entries) == min(day, 3)
    with monkeypatch.context() as m:
        _no_plugins(m)
        run_cli("check", "--today", "2026-12-05", "r.txt")  # among the newest three: answered
    monkeypatch.setattr(results_cache, "MAX_BYTES", 1)
    run_cli("check", "--today", "2026-12-06", "r.txt")
    assert len(list(cached.glob("results-*.json"))) == 1  # the newest stays even when it alone is past the bound


def test_cache_clear_removes_the_results_too(cached, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(REAL / THIS, tmp_path / "r.txt")
    run_cli("check", *TODAY, "r.txt")
    assert list(cached.glob("results-*.json")) and list(cached.glob("setup-*.json"))
    code, out, _ = run_cli("cache", "clear")
    assert code == 0 and not list(cached.glob("results-*.json")) and not list(cached.glob("setup-*.json"))
