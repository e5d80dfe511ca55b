"""Usage errors (click's and disclint's own) follow --lang and the locale like the summary does:
Chinese by default, English with --lang en or an en locale; exit 2 either way."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import REAL

from disclint.cli import main

REPORT = str(REAL / "015-huaian-city-2024.txt")
CHECK_USAGE = {"zh": ["用法：disclint check [OPTIONS] PATHS...", "运行「disclint check --help」查看帮助。", ""],
               "en": ["Usage: disclint check [OPTIONS] PATHS...", "Try 'disclint check --help' for help.", ""]}


def run(args, env=None) -> tuple[int, list[str]]:
    result = CliRunner(env={"LC_ALL": None, "LC_MESSAGES": None, "LANG": None, **(env or {})}).invoke(main, args, prog_name="disclint")
    assert result.stdout == ""
    return result.exit_code, result.stderr.splitlines()


CASES = [
    (["check", "--foo", REPORT],
     "错误：没有选项 '--foo'。（是否想用其中之一：'--color', '--format'？）",
     "Error: No such option '--foo'. (Did you mean one of: '--color', '--format'?)"),
    (["check"],
     "错误：缺少参数 'PATHS...'。",
     "Error: Missing argument 'PATHS...'."),
    (["check", "--fail-level", "fatal", REPORT],
     "错误：'--fail-level' 的取值无效：'fatal' 不是 'error', 'warning', 'info' 之一。",
     "Error: Invalid value for '--fail-level': 'fatal' is not one of 'error', 'warning', 'info'."),
    (["check", "--format", "pdf", REPORT],  # disclint's own usage error
     "错误：--format 的取值无效：没有格式 'pdf'（可用：github, html, json, jsonl, junit, sarif, text）",
     "Error: Invalid value for --format: unknown format 'pdf' (available: github, html, json, jsonl, junit, sarif, text)"),
    (["check", "--today", "2026-13-01", REPORT],
     "错误：--today 的取值无效：'2026-13-01' 不是 YYYY-MM-DD 形式的日期",
     "Error: Invalid value for --today: '2026-13-01' is not a date in the form YYYY-MM-DD"),
]


@pytest.mark.parametrize("args,zh,en", CASES, ids=["unknown-option", "missing-argument", "bad-choice", "unknown-format", "bad-date"])
def test_usage_errors_are_chinese_by_default_and_english_with_lang_en(args, zh, en):
    assert run(args) == (2, [*CHECK_USAGE["zh"], zh])
    assert run([*args[:1], "--lang", "en", *args[1:]]) == (2, [*CHECK_USAGE["en"], en])
    assert run([*args, "--lang=en"] if args != ["check"] else ["check", "--lang=en"]) == (2, [*CHECK_USAGE["en"], en])  # wherever --lang is
    assert run(args, {"LANG": "en_US.UTF-8"}) == (2, [*CHECK_USAGE["en"], en])
    assert run(args, {"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}) == (2, [*CHECK_USAGE["zh"], zh])


def test_unknown_command_and_group_option():
    group = ["用法：disclint [OPTIONS] COMMAND [ARGS]...", "运行「disclint --help」查看帮助。", ""]
    assert run(["chek"]) == (2, [*group, "错误：没有命令 'chek'。（是否想用其中之一：'cache', 'check'？）"])
    assert run(["--foo"]) == (2, [*group, "错误：没有选项 '--foo'。"])
    assert run(["chek"], {"LANG": "en_GB.UTF-8"})[1][-1] == "Error: No such command 'chek'. (Did you mean one of: 'cache', 'check'?)"


def test_help_stays_english_and_lang_does_not_leak_into_a_later_run():
    code, lines = run(["check", "--foo", REPORT])
    assert code == 2 and lines[0].startswith("用法：")
    result = CliRunner().invoke(main, ["check", "--help"], prog_name="disclint")
    assert result.exit_code == 0 and result.stdout.startswith("Usage: disclint check [OPTIONS] PATHS...")
    assert run(["check", "--lang", "en", "--foo", REPORT])[1][-1].startswith("Error: No such option")
    assert run(["check", "--foo", REPORT])[1][-1].startswith("错误：没有选项")


def test_the_installed_command_says_it_in_chinese_and_exits_2():
    proc = subprocess.run([sys.executable, "-m", "disclint.cli", "check", "--foo", REPORT], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"}, timeout=120)
    assert (proc.returncode, proc.stdout, proc.stderr.splitlines()[-1]) == (2, "", "错误：没有选项 '--foo'。（是否想用其中之一：'--color', '--format'？）")
