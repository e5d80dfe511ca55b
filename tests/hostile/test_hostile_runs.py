"""Hostile runs: dead and hung workers, signals, output that cannot be written, forged lines."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time

import generate as g
import pytest
from runner import SABOTEUR, TODAY, _limits, assert_no_traceback, check, command


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
        "logical": None, "related": []}]
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


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_with_one_line(tmp_path, jobs):
    files = _reports(tmp_path, ["HANG-PYTHON", "HANG-PYTHON", None])
    proc = subprocess.Popen(command("check", "--today", TODAY, "--jobs", jobs, *map(str, files), prelude=SABOTEUR),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_limits, start_new_session=True)
    time.sleep(6)  # let it start (and the workers start)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == "disclint: interrupted"
    assert "Traceback" not in err


def test_jobs_are_capped_at_the_cpus(tmp_path):
    files = _reports(tmp_path, [None, None, None])
    run = check("--format", "json", "--jobs", "1000", *map(str, files))
    assert_no_traceback(run)
    assert run.code in (0, 1) and set(_by_file(run)) <= {f.name for f in files}


def test_full_disk_and_closed_stdout(tmp_path):
    report = _reports(tmp_path, [None])[0]
    run = check("--output", "/dev/full", str(report))
    assert (run.code, run.err.strip()) == (2, "disclint: cannot write the report to /dev/full: No space left on device")
    proc = subprocess.run(command("check", "--today", TODAY, str(report)), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, timeout=60, preexec_fn=lambda: os.close(1))
    assert (proc.returncode, proc.stderr.strip()) == (2, "disclint: cannot write the report: standard output is closed")


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
