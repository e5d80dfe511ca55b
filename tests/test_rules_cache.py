"""Resolved rule sets cached as JSON: the same rule sets back, rebuilt when a file or the cache changes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REAL, run_cli
from disclint.engine import Linter
from disclint.rules import cache

REPORT = REAL / "002-pingtan-zhqgwh-2019.txt"

REGULATOR = """\
name: regulator
extends: gov-2021
applies-to: {from: 2099}
rules:
  - id: R901
    name: regulator-rule
    check: section-missing
    severity: warning
    message: "缺少{title}"
    params: {schema: sections}
"""


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.delenv("DISCLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache, "cache_dir", lambda: tmp_path / "xdg" / "disclint")
    return tmp_path / "xdg" / "disclint"


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("rulesets-*.json"))


def test_cached_rule_sets_equal_parsed_ones_with_their_origins(cache_home):
    parsed = Linter(use_cache=False).rulesets
    assert _files(cache_home) == []
    first = Linter().rulesets  # writes the cache
    assert len(_files(cache_home)) == 1
    again = Linter().rulesets  # reads it
    assert again == parsed == first
    rule = again["gov-2021"].rules["S101"]
    assert rule.origin.file.endswith(".yaml") and rule.origin.line > 1 and rule.origin.column > 1
    assert rule.origin == parsed["gov-2021"].rules["S101"].origin
    # a rule inherited through `extends` is one object again, as the loader makes it
    common = [c for c in again["gov-2021"].rules if c in again["gov-2019"].rules and again["gov-2021"].rules[c].ruleset == again["gov-2019"].rules[c].ruleset]
    assert common and all(again["gov-2021"].rules[c] is again["gov-2019"].rules[c] for c in common)


def test_cache_never_holds_code(cache_home):
    Linter()
    data = json.loads(_files(cache_home)[0].read_text(encoding="utf-8"))
    assert set(data) == {"format", "rules", "sets"}


def test_changed_rule_file_gets_a_new_cache_entry(cache_home, tmp_path):
    p = tmp_path / "regulator.yaml"
    p.write_text(REGULATOR, encoding="utf-8")
    assert Linter(extra_rule_paths=[p]).rulesets["regulator"].rules["R901"].severity == "warning"
    p.write_text(REGULATOR.replace("severity: warning", "severity: error"), encoding="utf-8")
    assert Linter(extra_rule_paths=[p]).rulesets["regulator"].rules["R901"].severity == "error"
    assert len(_files(cache_home)) == 2


def test_corrupt_cache_is_rebuilt_silently(cache_home):
    expected = Linter(use_cache=False).rulesets
    Linter()
    (f,) = _files(cache_home)
    for junk in ("{not json", json.dumps({"format": 1, "rules": [{"id": 1}], "sets": []}), "[]"):
        f.write_text(junk, encoding="utf-8")
        assert Linter().rulesets == expected
        assert json.loads(f.read_text(encoding="utf-8"))["format"] == cache.FORMAT


def test_faulty_rule_set_is_never_cached_and_keeps_its_positions(cache_home, tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text(REGULATOR.replace("severity: warning", "severity: loud"), encoding="utf-8")
    for _ in range(2):
        code, out, err = run_cli("check", "--rules", str(p), str(REPORT))
        assert code == 2
        assert f"{p}:8:15: bad severity `loud` (use error, warning or info)" in err
    assert _files(cache_home) == [] or all("loud" not in f.read_text(encoding="utf-8") for f in _files(cache_home))


def test_no_cache_and_cache_clear(cache_home, monkeypatch):
    code, out, _ = run_cli("check", "--no-cache", "--today", "2026-12-02", str(REPORT))
    monkeypatch.delenv("DISCLINT_NO_CACHE", raising=False)
    assert _files(cache_home) == []
    code2, out2, _ = run_cli("check", "--today", "2026-12-02", str(REPORT))
    assert (code2, out2) == (code, out)
    assert len(_files(cache_home)) == 1
    cached = sorted(cache_home.glob("*.json"))  # the rule sets and what else is remembered (entry points, titles)
    code, out, _ = run_cli("--lang", "en", "cache", "clear")
    assert code == 0 and f"removed {len(cached)} cached file(s)" in out
    assert sorted(cache_home.glob("*.json")) == []


def test_a_cached_run_does_not_import_the_yaml_parser(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    code = "import sys; from disclint.engine import Linter; Linter(); print('ruamel' in ' '.join(sys.modules))"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert (first.stdout.strip(), second.stdout.strip()) == ("True", "False")
