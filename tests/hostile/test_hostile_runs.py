"""Hostile runs: dead and hung workers, signals, output that cannot be written, forged lines."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time

import generate as g
import pytest
from runner import SABOTEUR, TODAY, _limits, assert_no_traceback, check, command

from disclint import __version__


def _reports(tmp_path, marks):
    return [g.text(tmp_path, f"{i:02d}-{m or 'good'}.txt", g.TITLE + "一、总体情况\n" + (m or "") + "\n") for i, m in enumerate(marks)]


def _by_file(run) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in run.findings():
        out.setdefault(os.path.basename(d["path"]), []).append(d["code"])
    return out


def test_killed_worker_costs_only_its_file(tmp_path):
    files = _reports(tmp_path, [None, "KILL-WORKER", None, None])
    run = check("--format", "json", "--jobs", "2", *map(str, files), prelude=SABOTEUR)
    assert_no_traceback(run)
    got = _by_file(run)
    assert [d for d in run.findings() if d["code"] == "X009"] == [{
        "path": str(files[1]), "line": 1, "column": 1, "end_line": 1, "end_column": 1, "code": "X009", "name": "check-aborted",
        "severity": "error", "message": "检查未完成：检查这个文件的工作进程意外退出（可能被终止或内存不足）", "ruleset": "gov-2021",
        "logical": None, "related": [], "version": __version__}]
    assert all("X009" not in got[f.name] for f in (files[0], files[2], files[3]))
    assert set(got) >= {f.name for f in files}


def test_hung_file_gets_x009_in_one_process_and_in_workers(tmp_path):
    files = _reports(tmp_path, [None, "HANG-PYTHON", None])
    for jobs in ("1", "2"):
        run = check("--format", "json", "--jobs", jobs, "--timeout", "3", *map(str, files), prelude=SABOTEUR)
        assert_no_traceback(run)
        got = _by_file(run)
        assert got[files[1].name] == ["X009"]
        assert [d["message"] for d in run.findings() if d["code"] == "X009"] == ["检查未完成：检查超过时间上限（3 秒）"]
        assert "X009" not in got[files[0].name] and "X009" not in got[files[2].name]


def test_worker_deaf_to_its_alarm_is_ended_by_the_parent(tmp_path):
    files = _reports(tmp_path, ["HANG-DEAF", None])
    run = check("--format", "json", "--jobs", "2", "--timeout", "1", *map(str, files), prelude=SABOTEUR, wall=90)
    assert_no_traceback(run)
    assert [d["message"] for d in run.findings() if d["code"] == "X009"] == ["检查未完成：检查超过时间上限（31 秒），工作进程已终止"]
    assert "X009" not in _by_file(run)[files[1].name]


def _hanging_env(tmp_path) -> dict:
    return {**os.environ, "HOSTILE_HANGING": str(tmp_path / "hanging")}


def _wait_until_hanging(tmp_path, limit: float = 120.0) -> None:
    """Until a checker is stuck in a HANG-PYTHON file (the saboteur says so), then a moment
    for the other worker to get there too."""
    end = time.monotonic() + limit
    while not (tmp_path / "hanging").exists():
        assert time.monotonic() < end, "the check never started"
        time.sleep(0.1)
    time.sleep(1)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_with_one_line(tmp_path, jobs):
    files = _reports(tmp_path, ["HANG-PYTHON", "HANG-PYTHON", None])
    proc = subprocess.Popen(command("check", "--today", TODAY, "--jobs", jobs, *map(str, files), prelude=SABOTEUR),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_limits, start_new_session=True,
                            env=_hanging_env(tmp_path))
    _wait_until_hanging(tmp_path)  # the check is under way (and the workers started), however slow the machine
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip().splitlines() == ["disclint: 已中断"]  # one line (Chinese by default): no worker says anything
    assert "Traceback" not in err


# What Python 3.11's concurrent.futures does at exit now and then after the pool was killed
# (it wakes a pipe its manager thread just closed): made certain here, not left to the race.
CLOSED_WAKEUP = SABOTEUR + """
import os, threading
def _wake_closed_pipe():
    raise OSError(9, os.strerror(9))
threading._register_atexit(_wake_closed_pipe)
"""


def test_ctrl_c_says_one_line_when_the_pools_exit_handler_fails(tmp_path):
    files = _reports(tmp_path, ["HANG-PYTHON", "HANG-PYTHON", None])
    proc = subprocess.Popen(command("check", "--today", TODAY, "--jobs", "2", *map(str, files), prelude=CLOSED_WAKEUP),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_limits, start_new_session=True,
                            env=_hanging_env(tmp_path))
    _wait_until_hanging(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (130, "disclint: 已中断\n")  # Chinese by default


# Says on stderr how many processes each pool was asked for.
COUNT_WORKERS = SABOTEUR + """
import concurrent.futures as _cf, sys
class _Counted(_cf.ProcessPoolExecutor):
    def __init__(self, max_workers=None, **kw):
        print(f"POOL {max_workers}", file=sys.stderr)
        super().__init__(max_workers, **kw)
_cf.ProcessPoolExecutor = _Counted
"""


@pytest.mark.parametrize("jobs", ["1000", "0"])
def test_jobs_are_capped_at_the_cpus(tmp_path, jobs):
    from disclint.parallel import cpu_count

    files = _reports(tmp_path, [None, None, None])
    run = check("--format", "json", "--jobs", jobs, *map(str, files), prelude=COUNT_WORKERS)
    assert_no_traceback(run)
    assert [line for line in run.err.splitlines() if line.startswith("POOL")] == [f"POOL {cpu_count()}"]
    assert run.code == 1 and set(_by_file(run)) == {f.name for f in files}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_findings_are_written_as_each_file_finishes(tmp_path, jobs):
    """The first file's findings reach the output while the second file still hangs (a worker deaf to
    its alarm, a limit far off): a run killed then keeps what it finished."""
    files = _reports(tmp_path, [None, "HANG-DEAF"])
    proc = subprocess.Popen(command("check", "--today", TODAY, "--jobs", jobs, "--timeout", "600", *map(str, files), prelude=SABOTEUR),
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=_limits, start_new_session=True)
    watchdog = threading.Timer(120, os.killpg, (proc.pid, signal.SIGKILL))  # written only at the end: killed, nothing read
    watchdog.start()
    try:
        first = proc.stdout.readline().decode()  # blocks until the first finding is written (or the run ends)
        assert proc.poll() is None, "the run ended before the first finding was read"
        assert first.startswith(f"{files[0]}:1:1: ")
    finally:
        watchdog.cancel()
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def test_full_disk_and_closed_stdout(tmp_path):
    report = _reports(tmp_path, [None])[0]
    run = check("--output", "/dev/full", str(report))
    assert (run.code, run.err.strip()) == (2, "disclint: 无法将报告写到 /dev/full：No space left on device")  # the tool's words Chinese by default
    proc = subprocess.run(command("check", "--today", TODAY, str(report)), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, timeout=60, preexec_fn=lambda: os.close(1))
    assert (proc.returncode, proc.stderr.strip()) == (2, "disclint: 无法写出报告：标准输出已关闭")


def test_a_full_disk_under_a_second_format_names_that_file(tmp_path):
    report = _reports(tmp_path, [None])[0]
    run = check("--output-format", "text", "--output-format", "json:/dev/full", str(report))
    assert (run.code, run.err.strip()) == (2, "disclint: 无法将报告写到 /dev/full：No space left on device")


COMMANDS = [["rules"], ["rule", "S101"], ["kinds"], ["show", "REPORT"], ["config", "FOLDER"], ["test-rules", "RULES"],
            ["cache", "clear"], ["cache", "dir"]]


def _run_with_stdout(tmp_path, args, stdout, preexec):
    report = _reports(tmp_path, [None])[0]
    rules = g.ruleset(tmp_path, "name: reg\nrules: []\n", "reg.yaml")
    args = [{"REPORT": str(report), "FOLDER": str(tmp_path), "RULES": str(rules)}.get(a, a) for a in args]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}  # `cache clear` empties only its own cache
    return subprocess.run(command(*args), stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60, preexec_fn=preexec, env=env)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_on_a_full_disk_says_one_line(tmp_path, args):
    with open("/dev/full", "w") as full:
        proc = _run_with_stdout(tmp_path, args, full, _limits)
    assert (proc.returncode, proc.stderr) == (2, "disclint: 无法写出输出：No space left on device\n")


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_with_a_closed_stdout_says_one_line(tmp_path, args):
    """click drops output to a missing stdout silently (exit 0): each command must say it cannot write."""
    def closed():
        _limits()
        os.close(1)

    proc = _run_with_stdout(tmp_path, args, subprocess.DEVNULL, closed)
    assert (proc.returncode, proc.stderr) == (2, "disclint: 无法写出输出：标准输出已关闭\n")


def test_file_name_with_newline_and_escapes_cannot_forge_lines(tmp_path):
    name = "a.txt\nfake.txt:1:1: S999 [error] forged (x)\n\x1b[2J.txt"
    p = g.text(tmp_path, name, g.TITLE + "一、总体情况\n正文中有 \x1b[31m 红字 和 <!--x--> 注释。\n")
    run = check(str(p))
    assert_no_traceback(run)
    lines = run.out.splitlines()
    assert not any(line.startswith("fake.txt") for line in lines)
    assert "\x1b" not in run.out
    shown = str(tmp_path) + "/a.txt\\nfake.txt:1:1: S999 [error] forged (x)\\n\\x1b[2J.txt"
    # the summary, then (text hides info findings by default) the count of hidden info findings
    assert re.fullmatch(r"发现\d+条问题（.*），共1个文件。", lines[-2])
    assert re.fullmatch(r"另有\d+条提示，用 --show-info 查看", lines[-1])
    assert lines[:-2] and all(line.startswith(shown + ":") for line in lines[:-2])


def test_control_characters_in_file_names_are_escaped_in_github_and_junit(tmp_path):
    p = g.text(tmp_path, "a\x1b[2Jb\x07.txt", g.TITLE + "一、总体情况\n")
    shown = str(tmp_path) + "/a\\x1b[2Jb\\x07.txt"
    github = check("--format", "github", str(p))
    assert_no_traceback(github)
    assert "\x1b" not in github.out and "\x07" not in github.out
    lines = github.out.splitlines()
    assert lines and all(line.startswith("::") and f"file={shown}," in line for line in lines)
    junit = check("--format", "junit", str(p))
    assert "\x1b" not in junit.out and "\x07" not in junit.out
    import xml.etree.ElementTree as ET

    (case,) = ET.fromstring(junit.out).iter("testcase")
    assert case.get("name") == shown
    assert case.find("failure").text.splitlines()[0].startswith(shown + ":1:1: T201 [error] ")


@pytest.mark.parametrize("name, body, col", [
    ("q.txt", g.TITLE + "一、总体情况\n正文<!--\x1b[2J\x07-->注释。\n", "3:3"),
    ("q.html", f"<html><body><h1>{g.TITLE.strip()}</h1><p>一、总体情况</p>\n<p>正文&lt;!--&#x1b;[2J&#x7;--&gt;注释。</p></body></html>", "2:6"),
])
def test_control_characters_in_quoted_report_text_are_escaped(tmp_path, name, body, col):
    """C201 quotes the report's text: an escape sequence written in it (or as an HTML character reference) is shown, not sent."""
    p = g.text(tmp_path, name, body)
    quote = "正文中残留网页注释标记「<!--\\x1b[2J\\x07-->」，应删除"
    text = check(str(p))
    assert f"{p}:{col}: C201 [error] {quote} (leaked-markup)" in text.out.splitlines()
    github = check("--format", "github", str(p))
    line, column = col.split(":")
    assert any(x.startswith(f"::error file={p},line={line},col={column},") and x.endswith(f",title=C201 leaked-markup::{quote}")
               for x in github.out.splitlines())
    junit = check("--format", "junit", str(p))
    assert f"{p}:{col}: C201 [error] " + quote.replace("<", "&lt;").replace(">", "&gt;") + " (leaked-markup)" in junit.out
    for run in (text, github, junit):
        assert_no_traceback(run)
        assert "\x1b" not in run.out and "\x07" not in run.out


def test_show_escapes_control_characters_in_the_file_name_and_the_report_text(tmp_path):
    """`disclint show` prints headings, table labels, cells, quoted text and the path from the
    file: each control character is shown escaped, as `check` shows it, never sent to the terminal."""
    from runner import disclint

    name = "a.txt\nfake.txt:1:1: S999 [error] forged\n\x1b[2J.txt"
    p = g.text(tmp_path, name, "某市某局\x1b[31m2021年政府信息公开工作年度报告\n一、总体\x07情况\n正文<!--\x1b[2J\x07-->注释。\n"
               "二、主动公开政府信息情况\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| --- | --- | --- | --- |\n| 规章\x1b[5m | 1 | 2 | 3 |\n")
    for fmt in ("text", "json"):
        run = disclint("show", "--today", TODAY, "--format", fmt, str(p))
        assert_no_traceback(run)
        assert run.code == 0
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", run.out), fmt
    lines = disclint("show", "--today", TODAY, str(p)).out.splitlines()
    assert lines[0] == str(tmp_path) + "/a.txt\\nfake.txt:1:1: S999 [error] forged\\n\\x1b[2J.txt"
    assert lines[1] == "  标题：某市某局\\x1b[31m2021年政府信息公开工作年度报告"
    assert "  3:3: C201 [错误] 正文中残留网页注释标记「<!--\\x1b[2J\\x07-->」，应删除" in lines
    assert any(re.fullmatch(r"  一、总体情况 +一、总体\\x07情况 +2:1 +.*", line) for line in lines)  # the parts table, aligned
    assert not any(line.startswith("fake.txt") for line in lines)
