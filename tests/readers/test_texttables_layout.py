"""``pdftotext -layout`` tables: 013, 014, 015 (clean control), 016 (fragment) and odd inputs."""

from __future__ import annotations

import pytest

from conftest import REAL
from disclint.readers.texttables.common import label_width
from disclint.readers.texttables.layout import find_tables
from disclint.readers.text import read_text
from readers.tablehelpers import find_row, pos, real_lines, row_view


def regions(name):
    return find_tables(real_lines(name))


def data_rows(table):
    return [r for r in range(table.n_rows) if any(c is not None and c.text.isdigit() for c in table.grid[r])]


@pytest.fixture(scope="module")
def huaian():
    return regions("015-huaian-city-2024.txt")


def test_015_regions(huaian):
    assert [(r.start + 1, r.end) for r in huaian] == [(66, 106), (112, 197), (203, 220)]
    assert not any(r.table.uncertain or r.table.ragged for r in huaian)


def test_015_table2(huaian):
    t = huaian[0].table
    assert row_view(t, find_row(t, "规章")) == (["规章"], ["1", "0", "11"])
    r = find_row(t, "行政强制")  # after the page footer -3-
    assert row_view(t, r) == (["行政强制"], ["88283", None, None]) and pos(t.grid[r][1]) == (97, 31)
    assert row_view(t, find_row(t, "行政事业性收费"))[1] == ["96171.6", None, None]
    heads = [t.grid[r][0].text for r in range(t.n_rows) if t.grid[r][0].colspan == t.n_cols]
    assert heads == ["第二十条 第（一）项", "第二十条 第（五）项", "第二十条 第（六）项", "第二十条 第（八）项"]


def test_015_table3_clean_control(huaian):
    t = huaian[1].table
    assert label_width(t) == 3
    rows = {tuple(row_view(t, r)[0]): [int(v) for v in row_view(t, r)[1]] for r in data_rows(t)}
    assert len(rows) == 25
    new = rows[("一、本年新收政府信息公开申请数量",)]
    carried = rows[("二、上年结转政府信息公开申请数量",)]
    total = rows[("三、本年度办理结果", "（七）总计")]
    nxt = rows[("四、结转下年度继续办理",)]
    assert new == [3001, 53, 0, 0, 61, 4, 3119] and carried[-1] == 34
    assert [a + b for a, b in zip(new, carried)] == [a + b for a, b in zip(total, nxt)]  # 3153 = 3050 + 103
    results = [v for k, v in rows.items() if k[0] == "三、本年度办理结果" and k[-1] != "（七）总计"]
    assert len(results) == 21
    assert [sum(col) for col in zip(*results)] == total == [2932, 53, 0, 0, 61, 4, 3050]
    assert all(sum(v[:6]) == v[6] for v in rows.values())


def test_015_wrapped_and_stacked_labels(huaian):
    t = huaian[1].table
    r = find_row(t, "1.属于国家秘密")
    stack = t.grid[r][0]
    assert stack.text == "三、本年度办理结果" and stack.rowspan == 22  # 2+8+3+5+3+1
    assert [pos(stack, i) for i in (0, 2, 3, 8)] == [(135, 1), (137, 1), (139, 1), (150, 1)]
    group = t.grid[r][1]
    assert group.text == "（三）不予公开" and group.rowspan == 8 and [pos(group, i) for i in (0, 4)] == [(144, 7), (146, 7)]
    r = find_row(t, "（二）部分公开")
    assert t.grid[r][1].text == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert pos(t.grid[r][1], 19) == (131, 7) and row_view(t, r)[1] == ["447", "7", "0", "0", "0", "0", "454"]
    r = find_row(t, "1、申请人无正当理由")  # 1、 with 、, wrapped over three lines around its numbers
    assert row_view(t, r)[0] == ["三、本年度办理结果", "（六）其他处理", "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]
    assert row_view(t, r)[1] == ["67", "3", "0", "0", "1", "0", "71"] and pos(t.grid[r][3]) == (182, 41)
    r = find_row(t, "2.没有现成信息")  # after the page break -4-
    assert row_view(t, r)[0][1] == "（四）无法提供" and row_view(t, r)[1][0] == "11"
    r = find_row(t, "（七）总计")
    assert pos(t.grid[r][1]) == (194, 6) and pos(t.grid[r][9]) == (194, 93)


def test_015_table4(huaian):
    t = huaian[2].table
    assert [c.text for c in t.grid[-1]] == "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20".split()
    assert pos(t.grid[-1][4]) == (220, 25)


def test_013_table4_values_in_their_columns():
    rs = regions("013-huaian-hongze-district-2023.txt")
    t = rs[2].table
    values = [c.text for c in t.grid[-1]]
    assert values[:5] == ["10", "1", "0", "0", "0"]  # 复议: 维持 10, 纠正 1, 总计 printed 0
    assert values[10:] == ["5", "0", "0", "0", "0"]  # 复议后起诉: 维持 5, 总计 0
    assert pos(t.grid[-1][1]) == (149, 7) and not t.uncertain


def test_013_table3_rows():
    t = regions("013-huaian-hongze-district-2023.txt")[1].table
    r = find_row(t, "（二）部分公开")  # numbers on the line after the wrapped label
    assert row_view(t, r)[1] == ["4", "0", "0", "0", "0", "0", "4"]
    r = find_row(t, "5.要求行政机关确认")
    assert row_view(t, r)[0][1] == "（五）不予处理" and row_view(t, r)[1] == ["0"] * 7
    r = find_row(t, "（六）其他处理")
    assert row_view(t, r)[0] == ["三 、本 年 度办 理 结果", "（六）其他处理"]
    assert row_view(t, find_row(t, "（七）总计"))[1] == ["21", "0", "0", "0", "0", "0", "21"]
    assert row_view(t, find_row(t, "2.其他法律行政止公开"))[0][1] == "（三）不予公开"


def test_014_table4():
    t = regions("014-huaian-hongze-district-2024.txt")[2].table
    assert [c.text for c in t.grid[-1]] == "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3".split()


def test_016_fragment_does_not_crash():
    doc = read_text("016.txt", (REAL / "016-huaian-city-2024-sec3-fragment.txt").read_bytes())
    (t,) = doc.tables
    assert row_view(t, find_row(t, "一、本年新收"))[1] == ["3001", "53", "0", "0", "61", "4", "3119"]


def test_missing_value_fitted_or_uncertain():
    lines = [
        "项目          甲      乙      丙",
        "一、甲行      10      20      30",
        "二、乙行      11      21      31",
        "三、丙行      12              32",
        "四、丁行              5",
    ]
    (region,) = find_tables(lines)
    t = region.table
    assert row_view(t, 3)[1] == ["12", "", "32"] and not t.row_uncertain(3)
    assert t.row_uncertain(4) and t.ragged[4] == (1, 3)


def test_prose_with_numbers_is_not_a_table():
    lines = ["全年主动公开市政府规章 22 件、规范性文件 34 件。", "共受理申请 1295", "", "-3-"]
    assert find_tables(lines) == []


def test_number_run_into_its_label_is_split_off():
    # pypdf-style line: 「…重新出具0  0 …」 where the first value touches the label
    lines = [
        "项目            甲   乙   丙",
        "1.甲项          1    2    3",
        "2.乙项          4    5    6",
        "3.丙项重新出具0    8    9",
    ]
    (region,) = find_tables(lines)
    t = region.table
    assert row_view(t, 3) == (["3.丙项重新出具"], ["0", "8", "9"]) and not t.uncertain
    assert pos(t.grid[3][3]) == (4, 9)  # level-2 labels: three label columns, the groups missing


def test_sentence_ending_in_a_number_is_not_a_row():
    lines = ["答复），均在法定期限内予以答复。政府信息公开行政复议       351", "未审结 37件；政府信息公开行政诉讼    46件，其中结果维持  25"]
    assert find_tables(lines) == []
