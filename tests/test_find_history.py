"""Last year's report found without being named (analysis/identity.py): beside the report or
in a sibling folder named for the year before, by the organ and year its title names."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REAL, run_cli
from disclint import facts
from disclint.analysis import identity
from disclint.engine import Linter

TODAY = "2026-11-27"
R004, R005, R006 = (REAL / n for n in ("004-pingtan-zhqgwh-2021.txt", "005-pingtan-zhqgwh-2022.txt", "006-pingtan-zhqgwh-2023.txt"))
OTHER = REAL / "035-pingtan-czj-2022.txt"  # another organ's 2022 report in the same folder


def _b6(*args) -> list[tuple[str, int, int, str, list]]:
    _, out, _ = run_cli("check", "--format", "json", "--today", TODAY, *args)
    return [(Path(d["path"]).name, d["line"], d["column"], d["message"], [Path(r["path"]).name for r in d["related"]])
            for d in json.loads(out) if d["code"].startswith("B6")]


def _full_run_006():
    return [x for x in _b6(str(REAL)) if x[0] == R006.name]


def test_identity_reads_organ_and_year_from_the_title(linter):
    assert identity.identity(linter.read(str(R006))) == identity.Identity("平潭综合实验区", 2023)
    assert identity.identity(linter.read(str(OTHER))) == identity.Identity("平潭综合实验区财政金融局", 2022)
    assert identity.same_organ("淮安市洪泽区人民政府", "洪泽区人民政府") and not identity.same_organ("平潭综合实验区", "平潭综合实验区财政金融局")


def test_last_year_beside_the_report_gives_the_full_runs_finding(tmp_path):
    for f in (R004, R005, R006, OTHER):
        shutil.copy(f, tmp_path / f.name)
    full = _full_run_006()
    assert [(n, line, col, rel) for n, line, col, _m, rel in full] == [(R006.name, 10, 1835, [R005.name])]
    assert _b6(str(tmp_path / R006.name)) == full  # 005 found (and 004 behind it: 698 as in the full run)
    assert _b6("--no-find-history", str(tmp_path / R006.name)) == []
    (tmp_path / ".disclint.yaml").write_text("find-history: false\n", encoding="utf-8")
    assert _b6(str(tmp_path / R006.name)) == []


def test_last_year_in_a_year_named_sibling_folder(tmp_path):
    for year, f in (("2021", R004), ("2022年", R005), ("2023", R006), ("2022年", OTHER)):
        (tmp_path / year).mkdir(exist_ok=True)
        shutil.copy(f, tmp_path / year / f.name)
    (tmp_path / "other").mkdir()
    found = identity.Finder(Linter().read, Linter().extensions).previous([str(tmp_path / "2023" / R006.name)], set())
    assert found == [str(tmp_path / "2022年" / R005.name)]
    assert _b6(str(tmp_path / "2023" / R006.name)) == _full_run_006()


def test_no_other_report_nearby_reads_nothing_more(tmp_path):
    calls = []

    def read(path):
        calls.append(Path(path).name)
        return Linter().read(path)

    shutil.copy(R006, tmp_path / R006.name)
    assert identity.Finder(read, Linter().extensions).previous([str(tmp_path / R006.name)], set()) == []
    assert calls == []  # nothing beside it: not even the report is read twice


def test_pre_commit_with_one_staged_file_reports_b602_as_a_full_run(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "a@example.org")
    git("config", "user.name", "a")
    entry = f"{sys.executable} -m disclint.cli check --today {TODAY}"
    hook = {"id": "disclint", "name": "disclint", "entry": entry, "language": "system", "files": r"\.txt$", "require_serial": True}
    (repo / ".pre-commit-config.yaml").write_text(json.dumps({"repos": [{"repo": "local", "hooks": [hook]}]}), encoding="utf-8")
    for f in (R004, R005):
        shutil.copy(f, repo / f.name)
    git("add", ".")
    git("commit", "-q", "--no-verify", "-m", "earlier years")
    shutil.copy(R006, repo / R006.name)
    git("add", R006.name)  # only this year's report is staged
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    run = subprocess.run([str(Path(sys.executable).parent / "pre-commit"), "run", "--verbose"], cwd=repo, capture_output=True, text=True, env=env)
    (_, line, col, message, _rel), = _full_run_006()
    assert f"{R006.name}:{line}:{col}: B602 [warning] {message} (in-force-chain)" in run.stdout
    assert R005.name + ":" not in run.stdout  # last year's own findings are not reported


def test_neighbours_are_read_once_across_runs(tmp_path, monkeypatch):
    # a pre-commit hook checks one report per commit in a folder of many: the identities read
    # are remembered in the user cache folder, and a changed file is read again
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DISCLINT_NO_CACHE", raising=False)
    folder = tmp_path / "reports"
    folder.mkdir()
    for f in (R004, R005, R006, OTHER):
        shutil.copy(f, folder / f.name)
    linter = Linter()

    def a_new_process_reads():
        monkeypatch.setattr(identity, "_SEEN", {})
        monkeypatch.setattr(identity, "_memory_loaded", False)
        calls = []

        def read(path):
            calls.append(Path(path).name)
            return linter.read(path)

        found = identity.history_for(identity.Finder(read, linter.extensions), [str(folder / R006.name)], [])
        return [Path(p).name for p in found], sorted(calls)

    assert a_new_process_reads() == ([R005.name, R004.name], sorted(f.name for f in (R004, R005, R006, OTHER)))
    assert a_new_process_reads() == ([R005.name, R004.name], [])
    (folder / OTHER.name).write_text(OTHER.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert a_new_process_reads() == ([R005.name, R004.name], [OTHER.name])
    monkeypatch.setenv("DISCLINT_NO_CACHE", "1")  # --no-cache: nothing remembered is used
    assert a_new_process_reads()[1] == sorted(f.name for f in (R004, R005, R006, OTHER))


PDF_OTHER = REAL / "015-huaian-city-2024.pdf"  # another organ's report, a PDF
HTML_OTHER = REAL / "010-shuyang-fgj-2023.html"


def test_other_organs_reports_are_read_only_as_far_as_their_title(tmp_path, monkeypatch):
    # a folder of many organs' reports: each neighbour's head (its first lines, first page)
    # names its organ and year; only the ones naming this organ and the year before are read
    # whole, and the search finds what reading every file whole finds
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DISCLINT_NO_CACHE", raising=False)
    folder = tmp_path / "reports"
    folder.mkdir()
    for f in (R004, R005, R006, OTHER, PDF_OTHER, HTML_OTHER):
        shutil.copy(f, folder / f.name)
    linter = Linter()

    def a_new_process_reads(with_heads=True):
        monkeypatch.setattr(identity, "_SEEN", {})
        monkeypatch.setattr(identity, "_HEADS", {})
        monkeypatch.setattr(identity, "_memory_loaded", False)
        whole, heads = [], []

        def read(path):
            whole.append(Path(path).name)
            return linter.read(path)

        def read_head(path):
            heads.append(Path(path).name)
            return linter.read_head(path)

        finder = identity.Finder(read, linter.extensions, read_head if with_heads else None)
        found = identity.history_for(finder, [str(folder / R006.name)], [])
        return [Path(p).name for p in found], sorted(whole), sorted(heads)

    assert identity.head_identity(linter.read_head(str(folder / PDF_OTHER.name))) == identity.Identity("淮安市人民政府", 2024)
    assert identity.head_identity(linter.read_head(str(folder / OTHER.name))) == identity.Identity("平潭综合实验区财政金融局", 2022)
    found, whole, heads = a_new_process_reads()
    assert found == [R005.name, R004.name]
    assert whole == sorted([R004.name, R005.name, R006.name])  # the report itself, and the two its heads matched
    assert heads == sorted([R004.name, R005.name, OTHER.name, PDF_OTHER.name, HTML_OTHER.name])
    assert a_new_process_reads() == ([R005.name, R004.name], [], [])  # heads remembered too
    # reading every neighbour whole finds the same
    monkeypatch.setenv("DISCLINT_NO_CACHE", "1")
    found, whole, heads = a_new_process_reads(with_heads=False)
    assert (found, heads) == ([R005.name, R004.name], []) and OTHER.name in whole and PDF_OTHER.name in whole


def test_a_head_without_its_title_leaves_the_file_to_be_read_whole(tmp_path, linter):
    # a text file's head is its first lines up to 16 KB; a title past them (after long
    # paragraphs) is not in the head, which then says nothing: the whole file decides
    body = R005.read_text(encoding="utf-8")
    late = tmp_path / "late.txt"
    late.write_text("".join(f"第{i}段说明。" + "本段为说明文字" * 220 + "\n" for i in range(11)) + body, encoding="utf-8")
    head = linter.read_head(str(late))
    assert head is not None and identity.head_identity(head) is None
    assert identity.identity(linter.read(str(late))) == identity.Identity("平潭综合实验区", 2022)
    finder = identity.Finder(linter.read, linter.extensions, linter.read_head)
    assert finder.may_be(str(late), "平潭综合实验区", 2022) and finder.may_be(str(late), "别的机关", 2022)
    cut = tmp_path / "cut.txt"  # the head ends right after the title: what follows it is unknown
    cut.write_text(body.splitlines()[0] + "\n" + "本段为说明文字" * 1000 + "\n", encoding="utf-8")
    assert facts.find_title(linter.read_head(str(cut))) is not None and identity.head_identity(linter.read_head(str(cut))) is None
    small = tmp_path / "small.txt"
    small.write_text("平潭综合实验区2022年政府信息公开工作年度报告\n", encoding="utf-8")
    assert linter.read_head(str(small)) is None  # the whole file is its head: read whole


def test_a_folder_is_listed_once_for_all_its_reports(tmp_path, monkeypatch):
    # `disclint check reports/` over a folder of many reports: each report asks whether a file
    # beside it is not in the run; the folder is listed once, not once per report (that was
    # quadratic: 19 s for 1,000 reports), and nothing is read
    for i in range(30):
        shutil.copy(R005 if i % 2 else OTHER, tmp_path / f"{i:02d}.txt")
    listed = []
    real_files = identity._files
    monkeypatch.setattr(identity, "_files", lambda folder, ext: listed.append(folder) or real_files(folder, ext))
    files = [str(p) for p in sorted(tmp_path.glob("*.txt"))]
    read = []
    finder = identity.Finder(lambda p: read.append(p), Linter().extensions, lambda p: read.append(p))
    assert identity.history_for(finder, files, files) == [] and read == []
    assert listed == [tmp_path]


def test_last_years_reports_are_checked_only_for_the_rules_across_reports(linter):
    # a report found for the cross-year checks is read for what they collect; its own
    # findings (which no one is shown) are not computed, and this year's finding is the same
    files = [str(R004), str(R005), str(R006)]
    full = {r.path: r for r in linter.check_paths(files)}
    assert full[str(R005)].diagnostics  # checked as a report, 005 has findings of its own
    ctx = {r.path: r for r in linter.check_paths(files, context=files[:2])}
    assert ctx[str(R005)].diagnostics == [] and ctx[str(R004)].diagnostics == []
    assert ctx[str(R006)].diagnostics == full[str(R006)].diagnostics
    assert [d.code for d in ctx[str(R006)].diagnostics if d.code.startswith("B6")] == ["B602"]
