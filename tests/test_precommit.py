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
