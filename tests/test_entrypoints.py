"""The entry-point scan is stored per set of installed distributions and rebuilt when it changes."""

from __future__ import annotations

import sys

import pytest

from disclint import entrypoints


def _dist(folder, name: str, version: str, eps: str):
    d = folder / f"{name.replace('-', '_')}-{version}.dist-info"
    d.mkdir()
    (d / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    (d / "entry_points.txt").write_text(eps, encoding="utf-8")
    return d


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("DISCLINT_NO_CACHE", raising=False)
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setattr(entrypoints, "_MEMO", {})
    return folder


def _mine(found):
    return [e for e in found if e["dist"].startswith("demo-")]


def test_a_second_run_reads_the_stored_scan_without_importlib_metadata(site, monkeypatch):
    _dist(site, "demo-one", "1.2", "[disclint]\none = demo_one:plugin\n")
    first = entrypoints.scan("disclint")
    assert _mine(first) == [{"name": "one", "value": "demo_one:plugin", "dist": "demo-one", "version": "1.2"}]
    monkeypatch.setattr(entrypoints, "_MEMO", {})  # a new process

    def no_scan(group):
        raise AssertionError("scanned again although nothing was installed")

    monkeypatch.setattr(entrypoints, "_scan", no_scan)
    assert entrypoints.scan("disclint") == first


def test_installing_upgrading_or_editing_a_distribution_scans_again(site, monkeypatch):
    d = _dist(site, "demo-one", "1.2", "[disclint]\none = demo_one\n")
    assert [e["name"] for e in _mine(entrypoints.scan("disclint"))] == ["one"]
    _dist(site, "demo-two", "0.1", "[disclint]\ntwo = demo_two\n")
    assert [(e["name"], e["version"]) for e in _mine(entrypoints.scan("disclint"))] == [("one", "1.2"), ("two", "0.1")]
    d.rename(site / "demo_one-1.3.dist-info")  # upgraded
    (site / "demo_one-1.3.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-one\nVersion: 1.3\n", encoding="utf-8")
    assert [(e["name"], e["version"]) for e in _mine(entrypoints.scan("disclint"))] == [("one", "1.3"), ("two", "0.1")]
    eps = site / "demo_one-1.3.dist-info" / "entry_points.txt"
    eps.write_text("[disclint]\nuno = demo_one\n", encoding="utf-8")
    st = eps.stat()
    import os

    os.utime(eps, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # an editable re-install rewrites it in place
    assert [e["name"] for e in _mine(entrypoints.scan("disclint"))] == ["two", "uno"]


def test_a_corrupt_stored_scan_is_rebuilt_silently(site, monkeypatch):
    _dist(site, "demo-one", "1.2", "[disclint]\none = demo_one\n")
    first = entrypoints.scan("disclint")
    path = entrypoints._cache_file(entrypoints._key("disclint"))
    for junk in ("{not json", '{"a": 1}', '[{"name": 1}]'):
        path.write_text(junk, encoding="utf-8")
        monkeypatch.setattr(entrypoints, "_MEMO", {})
        assert entrypoints.scan("disclint") == first
    assert path.read_text(encoding="utf-8").startswith("[")


def test_no_cache_scans_every_time(site, monkeypatch):
    monkeypatch.setenv("DISCLINT_NO_CACHE", "1")
    _dist(site, "demo-one", "1.2", "[disclint]\none = demo_one\n")
    assert [e["name"] for e in _mine(entrypoints.scan("disclint"))] == ["one"]
    assert not list((site.parent / "xdg").rglob("entrypoints-*.json"))


def test_load_reads_values_as_importlib_does(site):
    (site / "demo_mod.py").write_text("class A:\n    class B:\n        x = 3\n", encoding="utf-8")
    try:
        assert entrypoints.load("demo_mod:A.B").x == 3
        assert entrypoints.load("demo_mod [extra]") is sys.modules["demo_mod"]
        with pytest.raises(ValueError):
            entrypoints.load("not a value!")
    finally:
        sys.modules.pop("demo_mod", None)


def test_a_one_file_check_imports_neither_metadata_nor_yaml_nor_multiprocessing(tmp_path):
    """With the rule-set cache and the entry-point scan stored, a check of one text report
    needs no importlib.metadata, no ruamel.yaml and no multiprocessing (start-up cost)."""
    import os
    import subprocess
    from pathlib import Path

    import shutil

    # alone in its folder: beside the corpus, the search for last year's report would read the
    # other reports (HTML, PDF) by design (analysis/identity.py)
    (tmp_path / "r").mkdir()
    report = tmp_path / "r" / "002-pingtan-zhqgwh-2019.txt"
    shutil.copy(Path(__file__).parent / "data" / "real" / report.name, report)
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['disclint', 'check', '--format', 'json', '--today', '2026-12-02', {str(report)!r}]\n"
        "try:\n    runpy.run_module('disclint.cli', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('importlib.metadata', 'ruamel.yaml', 'multiprocessing', 'pypdf', 'docx', 'lxml.html', 'tqdm')\n"
        "print(sorted(m for m in sys.modules if m in heavy), file=sys.stderr)\n"
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    env.pop("DISCLINT_NO_CACHE", None)
    first = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert '"code"' in first.stdout  # it checked the report (and stored both caches)
    again = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert again.stdout == first.stdout
    assert again.stderr.strip().splitlines()[-1] == "[]"
