"""Hostile report files: each case ends with its exact X code, within the memory and time bound."""

from __future__ import annotations

import generate as g
import pytest
from runner import assert_no_traceback, check


def test_fifo_is_refused_not_waited_on(tmp_path):
    run = check("--format", "json", str(g.fifo(tmp_path)))
    assert_no_traceback(run)
    assert run.code == 1
    assert [(d["code"], d["message"]) for d in run.findings()] == [("X007", "无法检查：不是普通文件，而是命名管道（FIFO）；未读取")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_symlink_to_dev_zero_and_a_fifo_among_real_files(tmp_path, jobs):
    good = g.text(tmp_path, "a.txt", g.TITLE + "一、总体情况\n")
    run = check("--format", "json", "--jobs", jobs, str(g.device_link(tmp_path)), str(g.fifo(tmp_path)), str(good))
    assert_no_traceback(run)
    by_path = {}
    for d in run.findings():
        by_path.setdefault(d["path"].rsplit("/", 1)[-1], []).append(d["code"])
    assert by_path["zero.txt"] == ["X007"]
    assert by_path["pipe.txt"] == ["X007"]
    assert "X007" not in by_path["a.txt"]
