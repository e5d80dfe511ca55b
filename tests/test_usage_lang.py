"""Usage errors (click's and disclint's own) and help pages follow --lang and the locale like the
summary does: Chinese by default, English with --lang en or an en locale; exit 2 for errors."""

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


def _help(args, env=None) -> list[str]:
    result = CliRunner(env={"LC_ALL": None, "LC_MESSAGES": None, "LANG": None, **(env or {})}).invoke(main, args, prog_name="disclint")  # 80 columns
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout.splitlines()


CACHE_HELP = {
    "zh": ["用法：disclint cache [OPTIONS] COMMAND [ARGS]...", "", "  缓存的规则集和检查结果（解析后的规则集文件、以往运行的检查结果，保存在用户缓存", "  文件夹中）。", "",
           "选项：", "  --lang [zh|en]  工具自身文字的语言（默认：按区域设置，en… 为英文，否则为中", "                  文）。",
           "  -h, --help      显示本帮助并退出。", "",
           "命令：", "  clear  删除缓存的规则集和检查结果；下次运行时重新解析规则集文件并重新检查每个", "         文件。", "  dir    显示缓存文件夹。"],
    "en": ["Usage: disclint cache [OPTIONS] COMMAND [ARGS]...", "", "  The cached rule sets and results (parsed rule-set files, earlier runs'", "  findings, kept in the user cache folder).", "",
           "Options:", "  --lang [zh|en]  Language of the tool's own text (default: the locale, en…", "                  gives English, else zh).",
           "  -h, --help      Show this message and exit.", "", "Commands:",
           "  clear  Remove the cached rule sets and results; the next run parses the...", "  dir    Print the cache folder."],
}


def test_help_pages_are_chinese_by_default_and_english_with_lang_en_or_the_locale():
    assert _help(["cache", "--help"]) == CACHE_HELP["zh"]
    assert _help(["cache", "--help", "--lang", "en"]) == CACHE_HELP["en"]
    assert _help(["--lang", "en", "cache", "--help"]) == CACHE_HELP["en"]
    assert _help(["cache", "--help"], {"LANG": "en_US.UTF-8"}) == CACHE_HELP["en"]


def test_chinese_help_is_wrapped_by_terminal_columns_with_defaults_in_chinese():
    lines = _help(["check", "--help"])
    assert lines[:4] == ["用法：disclint check [OPTIONS] PATHS...", "", "  检查报告（.txt .md .html .htm .docx .pdf 文件或文件夹）。", ""]
    at = lines.index("  --timeout SECONDS               每个文件的时间限制；超时的文件报告 X009。")
    assert lines[at + 1] == "                                  [默认：120.0; x>0]"  # the bracket goes with what it opens
    at = lines.index("  --per-file-ignores GLOB:CODES   在与 GLOB 匹配的文件中不报告这些代码（同")
    assert lines[at + 1:at + 3] == ["                                  .gitignore：* 不跨文件夹，** 跨文件夹；相对于",
                                    "                                  工作文件夹）。"]
    from wcwidth import wcswidth

    assert max(wcswidth(line) for line in lines) == 80  # click's test runner's width: a CJK character takes two columns
    english = _help(["check", "--help", "--lang", "en"])
    assert english[0] == "Usage: disclint check [OPTIONS] PATHS..." and "  --today YYYY-MM-DD              Treat this as today's date (reproducible" in english


def test_every_help_text_of_disclint_has_its_chinese():
    """A command or option added without its Chinese in clilang.HELP would show English help."""
    import click

    from disclint import clilang

    missing = []

    def walk(cmd, ctx):
        for text in [cmd.help, *(getattr(p, "help", None) for p in cmd.get_params(ctx))]:
            if text and text not in clilang.HELP:
                missing.append(text)
        for name in cmd.list_commands(ctx) if isinstance(cmd, click.Group) else ():
            sub = cmd.get_command(ctx, name)
            walk(sub, click.Context(sub, parent=ctx, info_name=name))

    walk(main, click.Context(main, info_name="disclint"))
    assert missing == []


def test_help_language_does_not_leak_into_a_later_run():
    code, lines = run(["check", "--foo", REPORT])
    assert code == 2 and lines[0].startswith("用法：")
    assert _help(["cache", "--help", "--lang", "en"]) == CACHE_HELP["en"]
    assert _help(["cache", "--help"]) == CACHE_HELP["zh"]
    assert run(["check", "--lang", "en", "--foo", REPORT])[1][-1].startswith("Error: No such option")
    assert run(["check", "--foo", REPORT])[1][-1].startswith("错误：没有选项")


def test_the_installed_command_says_it_in_chinese_and_exits_2():
    proc = subprocess.run([sys.executable, "-m", "disclint.cli", "check", "--foo", REPORT], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"}, timeout=120)
    assert (proc.returncode, proc.stdout, proc.stderr.splitlines()[-1]) == (2, "", "错误：没有选项 '--foo'。（是否想用其中之一：'--color', '--format'？）")
