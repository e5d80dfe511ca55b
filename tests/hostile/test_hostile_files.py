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


def _limits(run) -> list[tuple[str, str]]:
    assert_no_traceback(run)
    return [(d["code"], d["message"]) for d in run.findings() if d["code"] == "X008"]


def test_docx_grid_before_twenty_million(tmp_path):
    row = '<w:tr><w:trPr><w:gridBefore w:val="20000000"/></w:trPr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>'
    p = g.docx(tmp_path, "grid.docx", g.para(g.TITLE.strip()) + f"<w:tbl>{row}</w:tbl>" + g.para("一、总体情况"))
    run = check("--format", "json", str(p))
    assert _limits(run) == [("X008", "内容超出读取上限，超出部分未检查：表格超过 5000 行或 200 列，超出部分未读取")]
    assert run.findings()[0]["path"] == str(p)


def test_docx_two_thousand_rows_of_wide_cells(tmp_path):
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100"/></w:tcPr><w:p><w:r><w:t>9</w:t></w:r></w:p></w:tc>'
    rows = ("<w:tr>" + cell * 50 + "</w:tr>") * 2000
    p = g.docx(tmp_path, "wide.docx", g.para(g.TITLE.strip()) + f"<w:tbl>{rows}</w:tbl>" + g.para("一、总体情况"))
    run = check("--format", "json", str(p))
    assert _limits(run) == [("X008", "内容超出读取上限，超出部分未检查：表格超过 5000 行或 200 列，超出部分未读取")]


def test_html_rowspan_and_colspan_grid(tmp_path):
    rows = "<tr>" + '<td rowspan="1000" colspan="50">1</td>' * 2 + "</tr>\n"
    p = g.text(tmp_path, "span.html", f"<html><body><h1>{g.TITLE}</h1><table>{rows * 3000}</table><p>一、总体情况</p></body></html>")
    run = check("--format", "json", str(p))
    assert _limits(run) == [("X008", "内容超出读取上限，超出部分未检查：表格超过 200000 个单元格位置，超出部分未读取")]
    # the text after the table is still read
    assert not any(d["code"] == "X004" for d in run.findings())
