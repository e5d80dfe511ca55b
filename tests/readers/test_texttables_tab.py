"""Tab-separated tables: the seed report (2019 format) and odd inputs."""

from __future__ import annotations

import pytest

from conftest import SEED
from disclint.readers.texttables import find_tables as find_all
from disclint.readers.texttables.common import label_width
from disclint.readers.texttables.tab import find_tables
from disclint.readers.text import read_text
from readers.tablehelpers import find_row, lines_of, pos, row_view, rows_with_leaf


@pytest.fixture(scope="module")
def seed():
    return find_tables(lines_of(SEED))


def test_seed_regions(seed):
    assert [(r.start + 1, r.end) for r in seed] == [(27, 46), (50, 76), (80, 83)]
    assert all(r.table.source == "tab" for r in seed)


def test_seed_table2_blocks(seed):
    t = seed[0].table
    assert label_width(t) == 1
    heads = [t.grid[r][0].text for r in range(t.n_rows) if t.grid[r][0].colspan == 4]
    assert heads == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项"]
    r = find_row(t, "行政许可")
    assert row_view(t, r) == (["行政许可"], ["55", "增 1", "280"])
    assert pos(t.grid[r][2]) == (33, 9)  # 行政许可\t55\t增 1: 增 is the 9th character
    r = find_row(t, "行政事业性收费")
    assert row_view(t, r) == (["行政事业性收费"], ["119", "增 30", None])
    r = find_row(t, "政府集中采购")
    assert row_view(t, r, places=True) == (["政府集中采购"], ["1", "74690", None], [(45, 1)])
    hdr = [c.text for c in t.grid[rows_with_leaf(t, "信息内容")[0]] if c is not None]  # the first block's
    assert hdr == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert not t.ragged and not t.uncertain


def test_seed_table3_grid(seed):
    t = seed[1].table
    assert label_width(t) == 3 and t.n_cols == 10
    # header: the note spans 3 label columns and 3 rows; 自然人 and 总计 span two header rows
    note = t.grid[0][0]
    assert note.text.startswith("(本列数据的勾稽关系为") and (note.rowspan, note.colspan) == (3, 3)
    assert [t.grid[1][c].text for c in (3, 4, 9)] == ["自然人", "法人或其他组织", "总计"]
    assert t.grid[1][4].colspan == 5 and t.grid[2][3].text == "自然人"
    assert [t.grid[2][c].text for c in range(4, 9)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]

    r = find_row(t, "(七) 总计")
    assert row_view(t, r, places=True) == (
        ["三、本年度办理结果", "(七) 总计"], ["9", "0", "0", "0", "0", "0", "9"], [(55, 1), (75, 1)]
    )
    r = find_row(t, "一、本年新收")
    assert row_view(t, r, places=True)[1:] == (["9", "0", "0", "0", "0", "0", "9"], [(53, 1)])
    assert pos(t.grid[r][3]) == (53, len("一、本年新收政府信息公开申请数量") + 2)


def test_seed_table3_groups_and_shifted_rows(seed):
    t = seed[1].table
    group = t.grid[find_row(t, "1. 属于国家秘密")][1]
    assert group.text == "(三) 不予公开" and group.rowspan == 8 and pos(group) == (57, 2)
    assert t.grid[find_row(t, "(一) 予以公开")][0].rowspan == 20  # 2+8+3+5+1+1
    # line 71 starts at field 0, line 73 follows an empty line; both stay under （五）
    labels, values, where = row_view(t, find_row(t, "4. 无正当理由"), places=True)
    assert labels == ["三、本年度办理结果", "(五) 不予处理", "4. 无正当理由大量反复申请"]
    assert values == ["0"] * 7 and where[-1] == (71, 1)
    labels, values, where = row_view(t, find_row(t, "5. 要求行政机关"), places=True)
    assert labels[1] == "(五) 不予处理" and values == ["0"] * 7 and where[-1] == (73, 2)
    labels, values, where = row_view(t, find_row(t, "(六) 其他处理"), places=True)
    assert labels == ["三、本年度办理结果", "(六) 其他处理"] and values == ["0"] * 7 and where[-1] == (74, 1)
    labels, values = row_view(t, find_row(t, "四、结转下年度"))
    assert labels == ["四、结转下年度继续办理"] and values == ["0"] * 7
    assert not t.ragged and not t.uncertain


def test_seed_table4_is_ragged(seed):
    t = seed[2].table
    assert label_width(t) == 0
    assert t.ragged == {3: (16, 15)}
    assert [u.row for u in t.uncertain] == [3]
    assert "16" in t.uncertain[0].reason and "15" in t.uncertain[0].reason
    assert [c.text for c in t.grid[3]][5:10] == ["4", "1", "0", "0", "5"]
    assert pos(t.grid[3][5]) == (83, 6)
    assert [t.grid[2][c].text for c in range(5, 10)] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert (t.grid[0][0].text, t.grid[0][0].colspan, t.grid[0][5].text, t.grid[0][5].colspan) == ("行政复议", 5, "行政诉讼", 10)


def test_seed_through_text_reader():
    doc = read_text("seed.txt", SEED.read_bytes())
    assert [t.source for t in doc.tables] == ["tab", "tab", "tab"]
    paras = [b.text for b in doc.text_blocks]
    assert "三、收到和处理政府信息公开申请情况" in paras and "政府集中采购\t1\t74690" not in paras


def test_tabs_without_numbers_stay_paragraphs():
    lines = ["联系人\t张三", "电话\t请拨打热线", "地址\t某某路"]
    assert find_tables(lines) == []


def test_indented_paragraphs_are_not_rows():
    lines = ["\t一、总体情况", "\t2020年，我局主动公开信息12条。", ""]
    assert find_tables(lines) == []


def test_table_at_end_of_file_without_newline():
    lines = ["正文", "项目\t甲\t乙", "行一\t1\t2", "行二\t3\t"]
    (region,) = find_tables(lines)
    assert (region.start, region.end) == (1, 4)
    t = region.table
    assert row_view(t, 2) == (["行二"], ["3", ""])
    assert pos(t.grid[2][2]) == (4, 6)
    assert not t.ragged


def test_short_row_is_ragged_and_uncertain():
    lines = ["信息内容\t甲\t乙\t丙", "规章\t22\t235"]
    (region,) = find_tables(lines)
    t = region.table
    assert t.ragged == {1: (2, 3)} and t.row_uncertain(1) and not t.row_uncertain(0)


def test_single_tab_line_is_not_a_table():
    assert find_tables(["规章\t1\t2"]) == []
    assert find_all(["\t"]) == []


def test_prose_split_into_tab_runs_is_not_a_table():
    # what a PDF extractor makes of running text: tabs at number boundaries
    lines = [
        "信息公开条例》（国令第\t711号）（以下简称《条例》）规定编",
        "制。报告所列统计期限自\t2024年1月1日至 2024年12月31日。",
        "答复），均在法定期限内予以答复。政府信息公开行政复议件，其中结果维持72件\t351",
        "府信息 5500余条，全年新增公开市政府规章\t1件、市政府及市",
    ]
    assert find_tables(lines) == []


# -- 表二 exported as tab-separated label/value rows (issue 8, class 18) --------------

import re  # noqa: E402

from conftest import REAL  # noqa: E402
from disclint.readers.texttables.common import BLOCK_HEADER_RE  # noqa: E402
from readers.tablehelpers import real_lines  # noqa: E402

LAYOUT_REPORTS = ["013-huaian-hongze-district-2023.txt", "014-huaian-hongze-district-2024.txt", "015-huaian-city-2024.txt"]


def table2_as_tabs(lines: list[str], drop_first_block: bool = False) -> list[str]:
    """A real report's 表二 (pdftotext -layout columns) rewritten as a spreadsheet saves
    it: one line per row, fields joined by tabs, block headers on lines of their own.
    ``drop_first_block`` also blanks the 第二十条第（一）项 block (three values a row), so
    only the label-and-value rows remain."""
    start = next(i for i, ln in enumerate(lines) if BLOCK_HEADER_RE.match(ln))
    end = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("三、收到和处理"))
    out = list(lines)
    second = next(i for i in range(start + 1, end) if BLOCK_HEADER_RE.match(lines[i]))
    for i in range(start, end):
        s = lines[i].strip()
        if re.fullmatch(r"-\d+-", s):
            continue  # the page footer stays as printed
        out[i] = "" if drop_first_block and i < second else re.sub(r" {2,}", "\t", s)
    return out


def _write(tmp_path, name, lines):
    p = tmp_path / name
    p.write_text("\n".join(lines), encoding="utf-8")
    return p


def _all(linter, path):
    result = linter.check_file(str(path))
    assert not result.internal_errors
    return [(d.code, d.line, d.column, d.message) for d in result.diagnostics]


@pytest.mark.parametrize("name", LAYOUT_REPORTS)
def test_real_table2_as_tab_rows_gives_the_same_findings(linter, tmp_path, name):
    lines = table2_as_tabs(real_lines(name))
    assert "行政许可\t" in "\n".join(lines)
    copy = _write(tmp_path, name, lines)
    assert _all(linter, copy) == _all(linter, REAL / name)


def test_tab_two_field_rows_are_read_as_table2(tmp_path):
    lines = table2_as_tabs(real_lines("015-huaian-city-2024.txt"))
    doc = read_text("x.txt", "\n".join(lines).encode("utf-8"))
    (t,) = [t for t in doc.tables if t.source == "tab"]
    r = find_row(t, "行政许可")
    assert row_view(t, r) == (["行政许可"], ["447228", None, None])
    assert pos(t.grid[r][1]) == (82, 6)
    assert row_view(t, find_row(t, "行政强制")) == (["行政强制"], ["88283", None, None])
    assert row_view(t, find_row(t, "行政事业性收费")) == (["行政事业性收费"], ["96171.6", None, None])
    assert not t.uncertain and not t.ragged


@pytest.mark.parametrize("drop_first_block", [False, True])
def test_wrong_value_in_a_tab_two_field_row_is_found(linter, tmp_path, drop_first_block):
    lines = table2_as_tabs(real_lines("015-huaian-city-2024.txt"), drop_first_block)
    lines = [ln.replace("行政许可\t447228", "行政许可\t4472.5").replace("行政强制\t88283", "行政强制\t-88283") for ln in lines]
    found = _all(linter, _write(tmp_path, "015.txt", lines))
    # without block (一) the report lacks it (a T finding there); (五) and (六) are still read
    assert not any("第（五）项" in d[3] or "第（六）项" in d[3] for d in found if d[0].startswith("T"))
    assert [d for d in found if d[0].startswith("B")] == [
        ("B409", 82, 6, "表二第二十条第（五）项「行政许可」行「本年处理决定数量」列为小数「4472.5」，件数应为整数"),
        ("B408", 97, 6, "表二第二十条第（六）项「行政强制」行「本年处理决定数量」列为负数「-88283」，件数不应为负"),
    ]


def test_label_value_lines_without_a_block_header_stay_text():
    # no row of figures and no 第二十条 block header: contact details laid out with tabs
    assert find_tables(["邮编\t350400", "电话\t24336542", "传真\t24336543"]) == []
