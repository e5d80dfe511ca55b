"""The pre-commit hook definition: valid, and it passes staged report files to `disclint check`."""

import re
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from conftest import REAL, SEED
from disclint.engine import Linter

ROOT = Path(__file__).resolve().parent.parent


def _hook() -> dict:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["disclint"]
    return hooks[0]


def test_hook_files_pattern_matches_exactly_what_disclint_reads():
    hook = _hook()
    assert hook["entry"] == "disclint check" and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    for ext in Linter().extensions:
        assert pattern.search(f"reports/2024年报告{ext}"), ext
    assert not pattern.search("reports/notes.csv")


def test_hook_entry_fails_a_commit_with_an_error_and_passes_a_clean_one():
    # pre-commit runs `entry` with the staged file names appended.
    entry = _hook()["entry"].split()
    cmd = [sys.executable, "-m", "disclint.cli", *entry[1:]]
    bad = subprocess.run([*cmd, str(REAL / "005-pingtan-zhqgwh-2022.txt")], capture_output=True, text=True)
    assert bad.returncode == 1 and "S104" in bad.stdout
    good = subprocess.run([*cmd, str(SEED)], capture_output=True, text=True)
    assert good.returncode == 0, good.stdout


def test_hook_is_serial_so_cross_year_checks_never_depend_on_batching():
    assert _hook()["require_serial"] is True


def _git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _readme_hook_config() -> str:
    """The `repo: local` configuration the README shows, verbatim."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    found = [b for b in blocks if "repo: local" in b]
    assert len(found) == 1
    return found[0]


def test_the_readme_hook_config_is_the_hook_definition():
    hook = _hook()
    local = YAML(typ="safe").load(_readme_hook_config())["repos"][0]["hooks"][0]
    assert {k: local[k] for k in ("id", "entry", "files", "require_serial")} == {k: hook[k] for k in ("id", "entry", "files", "require_serial")}
    assert local["language"] == "system"


def test_the_real_pre_commit_tool_refuses_an_unbalanced_report_and_passes_clean_and_waived_ones(tmp_path):
    """The README's configuration under the real pre-commit: 038's 表三 does not balance (B403
    errors), so the commit is refused with the findings shown; waived, it goes through (its
    B701 warning does not block); a clean report commits."""
    import os
    import shutil

    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "a@example.org")
    _git(repo, "config", "user.name", "a")
    (repo / ".pre-commit-config.yaml").write_text(_readme_hook_config(), encoding="utf-8")
    # `disclint` on PATH is this checkout's (the README's entry is `disclint check`), with a fixed today
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "disclint").write_text(f'#!/bin/sh\nshift\nexec "{sys.executable}" -m disclint check --today 2026-11-27 "$@"\n', encoding="utf-8")
    (bin_dir / "disclint").chmod(0o755)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)}

    def commit(message):
        return subprocess.run([str(Path(sys.executable).parent / "pre-commit"), "run"], cwd=repo, capture_output=True, text=True, env=env), message

    shutil.copy(REAL / "038-pingtan-jsp-2022.txt", repo / "2022.txt")
    _git(repo, "add", ".pre-commit-config.yaml", "2022.txt")
    bad, _ = commit("2022")
    assert bad.returncode == 1
    shown = [line for line in bad.stdout.splitlines() if line.startswith("2022.txt:")]
    assert [line.split(" [")[0] for line in shown] == ["2022.txt:10:697: B701", "2022.txt:10:2485: B403", "2022.txt:10:2490: B403", "2022.txt:10:2491: B403"]
    assert shown[1] == ("2022.txt:10:2485: B403 [error] 表三（七）总计「自然人」列为0，但各办理结果行之和为3（本机关不掌握相关政府信息3，其余20项为0）"
                        " (table3-results-total)")
    assert "发现4条问题（错误3条，警告1条），共1个文件。" in bad.stdout
    # the 表三 totals accepted with a reason: the commit goes through
    (repo / "disclint-waivers.yaml").write_text("- {path: 2022.txt, code: B403, reason: 表三总计行按原件照录，已向公开办说明}\n", encoding="utf-8")
    _git(repo, "add", "disclint-waivers.yaml")
    waived, _ = commit("waived")
    assert waived.returncode == 0, waived.stdout
    assert waived.stdout.splitlines()[-1].startswith("disclint...") and waived.stdout.splitlines()[-1].endswith("Passed")
    _git(repo, "commit", "-q", "--no-verify", "-m", "2022")
    # a clean report commits
    shutil.copy(SEED, repo / "seed.txt")
    _git(repo, "add", "seed.txt")
    good, _ = commit("seed")
    assert good.returncode == 0, good.stdout
    assert "Passed" in good.stdout
