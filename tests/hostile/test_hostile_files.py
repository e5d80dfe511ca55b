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


def test_docx_tables_nested_past_the_parser_depth_keep_what_came_before(tmp_path):
    """lxml stops at 256 levels: the paragraphs before the deep nest are read, one X008 where reading stopped (not X002 for the file)."""
    for depth in (50, 300, 3000):
        inner = g.para("深")
        for _ in range(depth):
            inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"
        p = g.docx(tmp_path, f"nest{depth}.docx", g.para(g.TITLE.strip()) + g.para("一、总体情况") + inner)
        run = check("--format", "json", str(p))
        expected = [] if depth < 256 else [("X008", 3, 1, "内容超出读取上限，超出部分未检查：文档元素嵌套超过 256 层（解析器的上限），其后的内容未读取")]
        assert _codes(run) == expected
        assert not any(d["code"] == "S101" and "总体情况" in d["message"] for d in run.findings())  # read before the cut


def test_html_two_thousand_rows_of_fifty_cells(tmp_path):
    rows = ("<tr><td>" + "宽" * 200 + "</td>" + "<td>9</td>" * 49 + "</tr>\n") * 2000
    p = g.text(tmp_path, "wide.html", f"<html><body><h1>{g.TITLE}</h1><table>{rows}</table><p>一、总体情况</p></body></html>")
    run = check("--format", "json", str(p))
    assert [(d["line"], d["message"]) for d in run.findings() if d["code"] == "X008"] == [(2002, "内容超出读取上限，超出部分未检查：文字超过 300000 个字符，其后的内容未读取")]


def test_html_rowspan_and_colspan_grid(tmp_path):
    rows = "<tr>" + '<td rowspan="1000" colspan="50">1</td>' * 2 + "</tr>\n"
    p = g.text(tmp_path, "span.html", f"<html><body><h1>{g.TITLE}</h1><table>{rows * 3000}</table><p>一、总体情况</p></body></html>")
    run = check("--format", "json", str(p))
    assert _limits(run) == [("X008", "内容超出读取上限，超出部分未检查：表格超过 200000 个单元格位置，超出部分未读取")]
    # the text after the table is still read
    assert not any(d["code"] == "X004" for d in run.findings())


def _codes(run) -> list[tuple[str, int, int, str]]:
    assert_no_traceback(run)
    return [(d["code"], d["line"], d["column"], d["message"]) for d in run.findings() if d["code"].startswith("X")]


def test_truncated_docx_of_which_nothing_is_read_is_an_error(tmp_path):
    whole = g.docx(tmp_path, "whole.docx", g.para(g.TITLE.strip()) + g.para("一、总体情况") * 50)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole.read_bytes()[:200])
    run = check("--format", "json", str(cut))
    assert run.code == 1
    assert _codes(run) == [("X002", 1, 1, "无法读取文件：DOCX 文件不完整（压缩包被截断），无法读取；没有读出任何内容")]


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.95])
def test_truncated_pdf_of_which_nothing_is_read_is_an_error(tmp_path, keep):
    whole = g.many_pages_pdf(tmp_path, 3).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[:int(len(whole) * keep)])
    run = check("--format", "json", str(cut))
    assert run.code == 1
    assert _codes(run) == [("X002", 1, 1, "无法读取文件：PDF 无法解析（文件缺少结束标记，可能被截断）（PdfStreamError: Stream has ended unexpectedly）")]
    assert [d["severity"] for d in run.findings()] == ["error"]


def test_encrypted_pdf_says_encrypted(tmp_path):
    import io

    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(100, 100)
    w.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    p = tmp_path / "locked.pdf"
    p.write_bytes(buf.getvalue())
    assert _codes(check("--format", "json", str(p))) == [("X002", 1, 1, "无法读取文件：PDF 已加密（需要密码才能打开），无法提取文字")]


def test_pdf_of_more_pages_than_the_bound_is_read_up_to_it_and_says_so(tmp_path):
    run = check(str(g.many_pages_pdf(tmp_path, 1200)))
    assert_no_traceback(run)
    (line,) = [x for x in run.out.splitlines() if " X008 " in x]
    assert line == f"{tmp_path}/many.pdf:page[501]: X008 [warning] 内容超出读取上限，超出部分未检查：PDF 共 1200 页，超过 500 页，第 501 页起未读取 (reader-limit)"


def test_xhtml_with_an_xml_encoding_declaration_is_read(tmp_path):
    body = '<?xml version="1.0" encoding="gb2312"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>' + g.TITLE.strip() + "</h1><p>一、总体情况</p></body></html>"
    p = g.text(tmp_path, "x.xhtml", body, encoding="gb18030")
    assert [c for c in _codes(check("--format", "json", str(p))) if c[0] in ("X002", "X003", "X004")] == []


def test_html_nested_past_the_parser_depth_keeps_the_text_before_and_says_where(tmp_path):
    for depth, expected in ((300, [("X008", 2, 1, "内容超出读取上限，超出部分未检查：页面元素嵌套超过 200 层，更深处的内容只按文字读取（不分段落和表格）")]),
                            (5000, [("X008", 2, 1, "内容超出读取上限，超出部分未检查：页面元素嵌套超过 200 层，更深处的内容只按文字读取（不分段落和表格）"),
                                    ("X008", 2, "内容超出读取上限，超出部分未检查：页面元素嵌套层数超过解析器的上限，其后的内容未读取")])):
        p = g.text(tmp_path, f"deep{depth}.html", f"<html><body><h1>{g.TITLE.strip()}</h1>\n" + "<div>" * depth + "深" + "</div>" * depth + "<p>一、总体情况</p></body></html>")
        run = check("--format", "json", str(p))
        got = [c for c in _codes(run) if c[0] != "X011"]
        assert [c if len(e) == 4 else (c[0], c[1], c[3]) for c, e in zip(got, expected)] == expected and len(got) == len(expected)


def test_utf16_without_bom_is_read(tmp_path):
    for enc in ("utf-16-le", "utf-16-be"):
        p = g.text(tmp_path, f"{enc}.txt", g.TITLE + "一、总体情况\n本机关2021年主动公开政府信息100条。\n", encoding=enc)
        assert [c for c in _codes(check("--format", "json", str(p))) if c[0] in ("X002", "X003")] == []


def test_one_invalid_utf8_byte_is_replaced_and_said_at_its_place(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes((g.TITLE + "一、总体情况\n本机关").encode() + b"\xff" + "主动公开政府信息。\n".encode() * 20)
    assert _codes(check("--format", "json", str(p))) == [("X013", 3, 4, "文件中有无效字节：第 85 字节起有 1 处不是有效的 UTF-8，已替换为「\ufffd」后检查")]


@pytest.mark.parametrize("build, where, detail", [
    (g.large_text, (748, 1), "文字超过 300000 个字符，从这一行起未读取"),
    (g.one_line, (2, 50001), "这一行长于 50000 个字符，其余部分未读取"),
    (g.one_letter, (1, 50001), "这一行长于 50000 个字符，其余部分未读取"),
    (g.empty_lines, (100001, 1), "文字超过 100000 行，从这一行起未读取"),
    (g.markdown_table, (16667, 1), "文字超过 300000 个字符，从这一行起未读取"),
    (g.large_html, (13537, 1), "文字超过 300000 个字符，其后的内容未读取"),
    (g.markup_heavy_html, (6743, 1), "页面源码超过 3000000 个字符，从这里起未读取"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_large_inputs_are_read_up_to_the_text_bound(tmp_path, build, where, detail):
    """Five MB of each kind: bounded by the limits the runner sets (memory, wall time)."""
    run = check("--format", "json", str(build(tmp_path, 5 * g.MB)))
    limits = [(d["line"], d["column"], d["message"]) for d in run.findings() if d["code"] == "X008"]
    assert (*where, "内容超出读取上限，超出部分未检查：" + detail) in limits


def test_large_docx_is_read_up_to_the_table_bound(tmp_path):
    run = check("--format", "json", str(g.large_docx(tmp_path, 5 * g.MB)))
    assert [(d["path"].rsplit("/", 1)[1], d["message"]) for d in run.findings() if d["code"] == "X008"] == [
        ("large.docx", "内容超出读取上限，超出部分未检查：文档中的表格超出上限（200 个表格或共 2000000 个单元格位置），其后的表格未读取"),
    ]


def test_markdown_header_of_eight_thousand_columns_over_ten_thousand_rows(tmp_path):
    """300 KB of text tables made an 80-million-position grid (killed past its CPU bound): text
    tables are placed through the same bounds as HTML and DOCX ones, one X008 at the table."""
    head = "| 项目 |" + " 本年 |" * 8000 + "\n|" + " --- |" * 8001 + "\n"
    p = g.text(tmp_path, "wide.md", "# " + g.TITLE + head + "| 规章 | 1 | 2 | 3 |\n" * 10000 + "\n一、总体情况\n")
    run = check("--format", "json", str(p))
    assert _codes(run) == [("X008", 2, 3, "内容超出读取上限，超出部分未检查：表格超过 5000 行或 200 列，超出部分未读取")]
    assert run.code == 1


def test_text_tables_past_the_document_budget_are_not_read_and_the_text_after_is(tmp_path):
    table = "| 项目 | 本年新增 |\n| --- | --- |\n| 规章 | 1 |\n\n段落。\n\n"
    p = g.text(tmp_path, "many.md", "# " + g.TITLE + table * 300 + "一、总体情况\n")
    run = check("--format", "json", str(p))
    assert _codes(run) == [("X008", 2 + 200 * 6, 3, "内容超出读取上限，超出部分未检查：文档中的表格超出上限（200 个表格或共 2000000 个单元格位置），其后的表格未读取")]
    assert not any(d["code"] == "S101" and "总体情况" in d["message"] for d in run.findings())  # read after the tables
