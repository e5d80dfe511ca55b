"""Markdown pipe tables from PDF/OCR converters: 009, 011, 012 and odd inputs."""

from __future__ import annotations

import pytest
from pathlib import Path

from disclint.readers.texttables.common import label_width
from disclint.readers.texttables.markdown import find_tables
from readers.tablehelpers import find_row, pos, real_lines, row_view


def regions(name):
    return find_tables(real_lines(name))


@pytest.fixture(scope="module")
def shuyang():
    return regions("009-shuyang-county-2025.txt")


def test_009_regions(shuyang):
    assert [(r.start + 1, r.end) for r in shuyang] == [(55, 75), (82, 84), (87, 89), (92, 94), (96, 156), (160, 173)]


def test_009_table2_blocks_joined(shuyang):
    t = shuyang[0].table
    heads = [t.grid[r][0].text for r in range(t.n_rows) if t.grid[r][0].colspan == t.n_cols]
    assert heads == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert row_view(t, find_row(t, "行政事业性收费")) == (["行政事业性收费"], ["4068.208", None, None])
    assert row_view(t, find_row(t, "行政规范性文件")) == (["行政规范性文件"], ["6", "1", "32"])


def test_009_placeholders_are_uncertain(shuyang):
    for region in shuyang[1:4]:
        assert [u.row for u in region.table.uncertain] == [None]


def test_009_table3_minitables_joined(shuyang):
    t = shuyang[4].table
    assert label_width(t) == 3 and not t.ragged and not t.uncertain
    r = find_row(t, "一、本年新收")
    assert row_view(t, r) == (["一、本年新收政府信息公开申请数量"], ["705", "3", "0", "0", "5", "0", "713"])
    assert pos(t.grid[r][0]) == (96, 5)  # the heading names the row
    r = find_row(t, "(一) 予以公开")
    assert row_view(t, r) == (["三、本年度办理结果", "(一) 予以公开"], ["290", "1", "0", "0", "3", "0", "294"])
    r = find_row(t, "3. 危及")
    assert row_view(t, r)[0][:2] == ["三、本年度办理结果", "(三) 不予公开"]
    assert t.grid[r][1].rowspan == 8 and pos(t.grid[r][1]) == (118, 5)
    # the bogus header row in the middle of （六） does not cut the group
    r2 = find_row(t, "2. 申请人逾期")
    r3 = find_row(t, "3. 其他")
    assert row_view(t, r2)[0][1] == row_view(t, r3)[0][1] == "(六) 其他"
    assert row_view(t, r3)[1] == ["142", "1", "0", "0", "0", "0", "143"]
    assert pos(t.grid[r3][2]) == (154, 3) and pos(t.grid[r3][3]) == (154, 11)
    r = find_row(t, "（七）总计")
    assert row_view(t, r) == (["三、本年度办理结果", "（七）总计"], ["710", "3", "0", "0", "5", "0", "718"])
    assert row_view(t, find_row(t, "四、结转"))[1] == ["31", "0", "0", "0", "0", "0", "31"]


def test_009_table4_parts_side_by_side(shuyang):
    t = shuyang[5].table
    assert t.n_cols == 15 and not t.uncertain
    assert [c.text for c in t.grid[2]] == "27 10 9 15 61 3 0 0 0 3 8 0 1 1 10".split()
    assert [t.grid[0][c].text for c in (0, 5, 10)] == ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
    assert pos(t.grid[2][10]) == (173, 3)


def test_011_rows_detached_from_labels():
    rs = regions("011-shanghai-stcsm-2024.md")
    assert [(r.start + 1, r.end) for r in rs] == [(86, 89), (100, 178), (187, 190)]
    t = rs[1].table
    r = find_row(t, "（一）予以公开")
    assert row_view(t, r) == (["三、", "（一）予以公开"], ["9", "0", "0", "0", "0", "0", "9"])
    r = find_row(t, "四、结转")
    assert row_view(t, r)[1] == ["1", "0", "0", "0", "0", "0", ""]  # the real blank 总计 stays blank
    assert pos(t.grid[r][9]) == (178, 40)
    unlabelled = [r for r in range(t.n_rows) if not row_view(t, r)[0] and any(row_view(t, r)[1])]
    assert unlabelled == []  # rows with values but no label are under 三、 ...
    no_label = [u.row for u in t.uncertain if "没有对应的行标签" in u.reason]
    assert len(no_label) == 10 and all(t.row_uncertain(r) for r in no_label)
    assert not t.row_uncertain(find_row(t, "（七）总计"))
    t4 = rs[2].table
    assert t4.ragged == {1: (15, 12)} and t4.row_uncertain(1)


def test_012_lost_column_and_split_labels():
    rs = regions("012-shanghai-szfbgt-2025.md")
    t2 = rs[0].table
    assert t2.ragged == {1: (2, 3), 2: (2, 3)}
    assert row_view(t2, 1) == (["规章"], ["22", "235", None])
    t = rs[1].table
    assert not t.ragged
    r = find_row(t, "5.属于三类")
    group = t.grid[r][1]
    assert group.text == "（三）不予公开" and group.rowspan == 8
    assert [(p.line, p.column) for p in (group.textmap.pos(0), group.textmap.pos(4))] == [(128, 3), (129, 3)]
    assert row_view(t, r)[1] == ["8", "0", "0", "0", "1", "0", "9"] and pos(t.grid[r][2]) == (129, 9)
    assert row_view(t, find_row(t, "（七）总计"))[1] == ["1139", "48", "0", "0", "4", "0", "1191"]
    frag = find_row(t, "缴纳费用、行政机关")
    assert t.row_uncertain(frag) and row_view(t, frag)[1] == ["0"] * 7


def test_lone_pipe_line_is_not_a_table():
    assert find_tables(["|"]) == []
    assert find_tables(["正文", "| a | b |", "正文"]) == []


def test_table_at_end_of_file():
    lines = ["正文", "", "| 项目 | 甲 | 乙 |", "|---|---|---|", "| 行 | 1 |  |"]
    (region,) = find_tables(lines)
    assert (region.start, region.end) == (2, 5)
    assert row_view(region.table, 1) == (["行"], ["1", ""])


def test_unrelated_tables_stay_apart():
    lines = ["| 项目 | 甲 |", "|---|---|", "| 行 | 1 |", "", "这是一段很长的正文，说明了下面的表格是另一个统计表的内容。", "", "| 名称 | 乙 |", "|---|---|", "| 列 | 2 |"]
    assert [(r.start, r.end) for r in find_tables(lines)] == [(0, 3), (6, 9)]


def test_009_a_misspelt_heading_over_the_row_it_names_is_that_row_misspelt(linter, tmp_path):
    # 009 writes 「### (一) 予以公开」 over 「| 予以公开 | … |」: the heading is the row's label.
    # Two of its words deleted (「(一) 予以」), it is still that row's label, misspelt: one
    # T203 at the heading, not a T214 for a row that lost its numbering.
    from conftest import REAL

    src = REAL / "009-shuyang-county-2025.txt"
    lines = src.read_text(encoding="utf-8").split("\n")
    seen = lambda p: {(d.code, d.line, d.column, d.message) for d in linter.check_file(str(p)).diagnostics
                      if d.severity != "info"}
    before = seen(src)
    tried = 0
    for k, line in enumerate(lines):
        nxt = lines[k + 3] if k + 3 < len(lines) else ""
        if not line.startswith("### (") or not nxt.startswith("| ") or nxt[2].isdigit():
            continue
        body = line.split(") ", 1)[1]
        if not nxt.startswith("| " + body):
            continue  # a group heading over numbered rows
        cut = line[:len(line) - 2]  # the last two words gone: 「(一) 予以」
        edited = lines[:k] + [cut] + lines[k + 1:]
        out = tmp_path / src.name
        out.write_text("\n".join(edited), encoding="utf-8")
        new = seen(out) - before
        assert [(c, ln, col) for c, ln, col, _ in new] == [("T203", k + 1, 5)], (cut, new)
        assert next(iter(new))[3].startswith(f"表三行标签「{cut[4:]}」有误"), new
        tried += 1
    assert tried == 2


def test_a_markdown_table_given_as_a_picture_is_one_note(tmp_path):
    """The reference report with its 表四 replaced by a picture line ``![表四](t4.png)``: one
    T211 info at the picture instead of T201 and S107 errors (which the report without the
    table, and without the picture, still gets)."""
    import json

    from conftest import run_cli

    lines = (Path(__file__).resolve().parents[2] / "rules" / "examples" / "report-2021.txt").read_text(encoding="utf-8").split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("| 行政复议"))
    j = i
    while j + 1 < len(lines) and lines[j + 1].startswith("|"):
        j += 1
    pictured, gone = tmp_path / "pictured.md", tmp_path / "gone.md"
    pictured.write_text("\n".join(lines[:i] + ["![表四](t4.png)"] + lines[j + 1:]), encoding="utf-8")
    gone.write_text("\n".join(lines[:i] + lines[j + 1:]), encoding="utf-8")

    def found(path):
        _code, out, _err = run_cli("check", "--format", "json", "--show-info", "--today", "2026-11-27", str(path))
        return [(d["code"], d["line"], d["column"], d["message"]) for d in json.loads(out)]

    assert found(pictured) == [("T211", i + 1, 1, "表四：未找到行政复议、行政诉讼情况统计表的表格文字，该部分有图片（表格可能以图片形式给出），无法检查")]
    assert [f[0] for f in found(gone)] == ["S107", "T201"]
