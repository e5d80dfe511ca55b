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


def test_the_real_pre_commit_tool_refuses_an_unbalanced_report_and_passes_clean_and_waived_ones(tmp_path):
    import os
    import shutil

    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "a@example.org")
    _git(repo, "config", "user.name", "a")
    hook = _hook()
    # repo: local runs the hook definition of .pre-commit-hooks.yaml with this checkout's disclint
    entry = f"{sys.executable} -m disclint.cli check --today 2026-11-27"
    config = {"repos": [{"repo": "local", "hooks": [{**{k: hook[k] for k in ("id", "name", "files", "types", "require_serial")}, "entry": entry, "language": "system"}]}]}
    import json

    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def run():
        return subprocess.run([str(Path(sys.executable).parent / "pre-commit"), "run"], cwd=repo, capture_output=True, text=True, env=env)

    # 013's 表四 does not balance (B404): refused, with the findings shown
    shutil.copy(REAL / "013-huaian-hongze-district-2023.txt", repo / "2023.txt")
    _git(repo, "add", ".pre-commit-config.yaml", "2023.txt")
    bad = run()
    assert bad.returncode == 1
    assert "2023.txt:149:23: B404 [error] 表四「行政复议」总计为0" in bad.stdout
    # the findings accepted with a reason: the commit goes through
    (repo / "disclint-waivers.yaml").write_text(
        "- {path: 2023.txt, code: B404, reason: 表四已向公开办说明}\n- {path: 2023.txt, code: T2, reason: 表三格式按上级口径}\n", encoding="utf-8")
    _git(repo, "add", "disclint-waivers.yaml")
    waived = run()
    assert waived.returncode == 0, waived.stdout
    _git(repo, "commit", "-q", "--no-verify", "-m", "2023")
    # a clean report commits
    shutil.copy(SEED, repo / "seed.txt")
    _git(repo, "add", "seed.txt")
    good = run()
    assert good.returncode == 0, good.stdout
