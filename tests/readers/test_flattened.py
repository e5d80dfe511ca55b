"""Tables in pages flattened onto one line (Pingtan archive page.txt files).

The expected numbers come from MANIFEST.tsv (the corpus's own reading of each report)
and from the text itself; columns are 1-based character positions in line 10.
"""

from __future__ import annotations

import itertools
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REAL
from disclint.model import Pos, Table
from disclint.readers.texttables import find_inline_tables as dispatch
from disclint.readers.texttables.flattened import INT, NOFIT, find_inline_tables, split_run

LINE_NO = 10  # metadata lines, the 正文 marker, then the page on line 10


def page(prefix: str) -> str:
    path = next(REAL.glob(f"{prefix}-*.txt"))
    lines = path.read_text(encoding="utf-8").split("\n")
    assert "正文" in lines[8] and len(lines[9]) >= 400
    return lines[9]


def tables(line: str) -> dict[str, Table]:
    """The tables of one line by what they are: t2, t3, t4."""
    out = {}
    for region in find_inline_tables(line, LINE_NO):
        t = region.table
        assert t.source == "flattened"
        first = t.cells[0].text
        key = "t2" if first.startswith("第二十条") else "t4" if first == "行政复议" else "t3"
        assert key not in out
        out[key] = t
    return out


def numbers(t: Table, label: str, first_col: int) -> list[str]:
    """The numeric cell texts of the first row whose label cells contain ``label``."""
    for r, row in enumerate(t.grid):
        labels = [c.text for c in row[:first_col] if c is not None]
        if any(label in x for x in labels):
            out, seen = [], set()
            for c in row[first_col:]:
                if c is not None and id(c) not in seen:
                    seen.add(id(c))
                    out.append(c.text)
            return out
    raise AssertionError(f"no row {label}")


def row_of(t: Table, label: str, first_col: int = 3) -> int:
    for r, row in enumerate(t.grid):
        if any(c is not None and label in c.text for c in row[:first_col]):
            return r
    raise AssertionError(label)


def columns(t: Table, r: int, first_col: int) -> list[int]:
    seen, out = set(), []
    for c in t.grid[r][first_col:]:
        if c is not None and id(c) not in seen:
            seen.add(id(c))
            pos = c.textmap.pos(0)
            assert pos.line == LINE_NO
            out.append(pos.column)
    return out


# ---- 表三 ------------------------------------------------------------------------------


def test_002_t3_spaced_run_split_by_identity():
    line = page("002")
    t3 = tables(line)["t3"]
    # '230 000023': the space is a real separator; only 23|0 + 0|0|0|0|23 balances
    assert numbers(t3, "一、本年新收", 3) == ["23", "0", "0", "0", "0", "0", "23"]
    at = line.find("230 000023") + 1  # 4645
    assert at == 4645
    assert columns(t3, row_of(t3, "一、本年新收"), 3) == [at, at + 2, at + 4, at + 5, at + 6, at + 7, at + 8]
    assert numbers(t3, "（七）总计", 3) == ["23", "0", "0", "0", "0", "0", "23"]
    assert numbers(t3, "四、结转下年度", 3) == ["0"] * 7
    assert t3.uncertain == [] and t3.ragged == {}
    # the repeated page-split label adds no row: 2019 layout has 23 data rows + 3 header rows
    assert t3.n_rows == 26 and t3.n_cols == 10
    assert t3.grid[0][0].text.startswith("（本列数据的勾稽关系为")
    assert [t3.grid[2][c].text for c in range(3, 10)] == [
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def test_003_result_rows_read_as_written_even_though_they_do_not_add_up():
    t3 = tables(page("003"))["t3"]
    rows = {
        "（一）予以公开": ["6", "0", "0", "0", "0", "1", "7"],
        "（二）部分公开": ["6", "0", "0", "0", "0", "0", "6"],
        "1.本机关不掌握": ["4", "0", "0", "0", "0", "0", "4"],
        "3.补正后申请": ["3", "0", "0", "0", "0", "0", "3"],
        "2.重复申请": ["3", "0", "0", "0", "0", "0", "3"],
        "（六）其他处理": ["4", "0", "0", "0", "0", "0", "4"],
        "（七）总计": ["20", "0", "0", "0", "0", "1", "21"],
        "一、本年新收": ["20", "0", "0", "0", "0", "1", "21"],
    }
    for label, want in rows.items():
        assert numbers(t3, label, 3) == want, label
    # the defect stays visible for the balance checker: results 27, （七）总计 21
    total_col = 9
    result_rows = range(row_of(t3, "（一）予以公开"), row_of(t3, "（七）总计"))
    assert sum(int(t3.grid[r][total_col].text) for r in result_rows) == 27
    assert t3.uncertain == []
    # 2019 layout: （六）其他处理 is a leaf spanning label columns 1-2
    six = t3.grid[row_of(t3, "（六）其他处理")][1]
    assert (six.colspan, six.rowspan) == (2, 1)
    # '（七）总计20 0 00 0 121' -> the 21 starts two characters into '121'
    line = page("003")
    at = line.find("（七）总计20 0 00 0 121") + len("（七）总计") + 1
    assert columns(t3, row_of(t3, "（七）总计"), 3) == [at, at + 3, at + 5, at + 6, at + 8, at + 10, at + 11]


def test_004_2021_layout_and_column_rule():
    t3 = tables(page("004"))["t3"]
    assert numbers(t3, "一、本年新收", 3) == ["64", "0", "0", "2", "0", "4", "70"]
    # '270020130' and '220000325' balance two ways each (27|0|0|2|0|1|30 or 2|7|0|0|20|1|30);
    # only one combination makes every column add up to （七）总计 63|0|0|2|0|4|69
    assert numbers(t3, "（一）予以公开", 3) == ["27", "0", "0", "2", "0", "1", "30"]
    assert numbers(t3, "1.本机关不掌握", 3) == ["22", "0", "0", "0", "0", "3", "25"]
    assert numbers(t3, "（七）总计", 3) == ["63", "0", "0", "2", "0", "4", "69"]
    assert numbers(t3, "3.其他", 3) == ["1", "0", "0", "0", "0", "0", "1"]
    assert t3.uncertain == []
    # 2021 （六） is a group over its three items
    r = row_of(t3, "1.申请人无正当理由")
    six = t3.grid[r][1]
    assert six.text == "（六）其他处理" and six.rowspan == 3
    assert t3.n_rows == 3 + 25


def test_006_008_column_rule_settles_rows():
    t3 = tables(page("006"))["t3"]
    assert numbers(t3, "（一）予以公开", 3) == ["22", "0", "0", "0", "0", "0", "22"]
    assert numbers(t3, "（二）部分公开", 3) == ["19", "1", "0", "0", "0", "0", "20"]
    t3 = tables(page("008"))["t3"]
    assert numbers(t3, "（一）予以公开", 3) == ["33", "0", "0", "0", "0", "0", "33"]
    assert numbers(t3, "四、结转下年度", 3) == ["4", "2", "0", "0", "0", "0", "6"]


def test_t3_ambiguous_row_when_columns_do_not_decide():
    # 006 with 予以公开 changed to '202000022': 20|2|…|22 and 2|0|20|…|22 both balance,
    # and neither makes the columns add up, so the row stays out of the arithmetic
    line = page("006").replace("（一）予以公开220000022", "（一）予以公开202000022")
    t3 = tables(line)["t3"]
    r = row_of(t3, "（一）予以公开")
    assert numbers(t3, "（一）予以公开", 3) == ["202000022"]
    assert t3.grid[r][3] is t3.grid[r][9] and t3.grid[r][3].colspan == 7
    # 部分公开 '191000020' was settled only by the column rule, so it is ambiguous again too
    u, u2 = t3.uncertain
    assert u.row == r and "无法唯一拆分" in u.reason and "「202000022」" in u.reason
    assert u2.row == r + 1 and "「191000020」" in u2.reason
    at = line.find("202000022") + 1
    assert (u.span.start, u.span.end) == (Pos(LINE_NO, at), Pos(LINE_NO, at + 8))
    assert t3.row_uncertain(r) and not t3.row_uncertain(r + 2)


def test_t3_nofit_row():
    line = page("030").replace("申请数量1000001二、", "申请数量12345678二、")
    t3 = tables(line)["t3"]
    r = row_of(t3, "一、本年新收")
    [u] = t3.uncertain
    assert u.row == r and u.reason.startswith(NOFIT) and "「12345678」" in u.reason
    assert numbers(t3, "一、本年新收", 3) == ["12345678"]


def test_007_spaces_inside_labels():
    t3 = tables(page("007"))["t3"]
    assert [t3.grid[2][c].text for c in range(4, 9)] == [
        "商业企业", "科研机构", "社会公益 组织", "法律服务 机构", "其他"]
    assert t3.grid[row_of(t3, "（一）予以公开")][0].text == "三、本年度办 理结果"
    assert numbers(t3, "一、本年新收", 3) == ["217", "1", "0", "0", "0", "0", "218"]
    assert numbers(t3, "5.属于三类内部", 3) == ["32", "0", "0", "0", "0", "0", "32"]


# ---- 表四 ------------------------------------------------------------------------------


def test_004_t4_two_digit_cells():
    line = page("004")
    t4 = tables(line)["t4"]
    assert t4.n_rows == 4 and t4.n_cols == 15
    assert [c.text for c in t4.grid[3]] == "1 0 2 0 3 12 0 0 0 12 0 0 0 0 0".split()
    at = line.find("10203120001200000") + 1
    assert at == 2992
    assert columns(t4, 3, 0) == [at + k for k in (0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 14, 15, 16)]
    assert t4.grid[0][0].text == "行政复议" and t4.grid[0][14].text == "行政诉讼"
    assert t4.grid[1][5].text == "未经复议直接起诉" and t4.grid[1][10].text == "复议后起诉"
    assert [t4.grid[2][c].text for c in (0, 4, 9, 13)] == ["结果维持", "总计", "总计", "尚未审结"]
    assert t4.uncertain == []


def test_007_and_005_t4():
    t4 = tables(page("007"))["t4"]
    assert [c.text for c in t4.grid[3]] == "2 1 3 1 7 0 0 0 0 0 13 2 4 0 19".split()
    t4 = tables(page("005"))["t4"]  # space separated
    assert [c.text for c in t4.grid[3]] == "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0".split()
    t4 = tables(page("008"))["t4"]
    assert [c.text for c in t4.grid[3]] == "25 3 8 0 36 3 3 0 0 6 3 0 0 0 3".split()


# ---- 表二 ------------------------------------------------------------------------------


def test_004_t2_2021_blocks():
    line = page("004")
    t2 = tables(line)["t2"]
    assert t2.n_cols == 4
    assert numbers(t2, "规章", 1) == ["0", "0", "0"]
    assert numbers(t2, "行政许可", 1) == ["2293"]
    assert numbers(t2, "行政处罚", 1) == ["1282"]
    # one 万元 column: the decimal amount is one cell, spanning the block's width
    assert numbers(t2, "行政事业性收费", 1) == ["24252.311082"]
    r = row_of(t2, "行政事业性收费", 1)
    assert t2.grid[r][1].colspan == 3 and t2.grid[r][1].textmap.pos(0) == Pos(LINE_NO, 2225)
    # '693665' under 制发/废止/现行有效: several splits, no identity -> uncertain, raw kept
    r = row_of(t2, "行政规范性文件", 1)
    assert numbers(t2, "行政规范性文件", 1) == ["693665"]
    [u] = t2.uncertain
    assert u.row == r and "无法唯一拆分" in u.reason and "「693665」" in u.reason
    assert t2.grid[r - 3][0].text == "第二十条第（一）项" and t2.grid[r - 3][0].colspan == 4


def test_029_units_and_ambiguous_licence_row():
    line = page("029")
    t2 = tables(line)["t2"]
    # '1个246900元': the unit ends a cell, so the split is certain
    assert numbers(t2, "政府集中采购", 1) == ["1个", "246900元"]
    at = line.find("1个246900元") + 1
    assert columns(t2, row_of(t2, "政府集中采购", 1), 1) == [at, at + 2]
    # '行政许可11315' under 上一年/增减/处理决定: ambiguous
    r = row_of(t2, "行政许可", 1)
    us = [u for u in t2.uncertain if u.row == r]
    assert len(us) == 1 and "无法唯一拆分" in us[0].reason and "「11315」" in us[0].reason
    assert us[0].span.start == Pos(LINE_NO, 1593 + len("行政许可"))
    # rows 行政处罚/行政强制 sit in the （五） block (no （六） header in this report)
    assert numbers(t2, "行政处罚", 1) == ["0", "0", "0"]
    assert [u.row for u in t2.uncertain] == [r]


def test_030_amount_and_signed_rows_are_ambiguous():
    t2 = tables(page("030"))["t2"]
    ambiguous = {t2.grid[u.row][0].text: u.reason for u in t2.uncertain}
    assert set(ambiguous) == {"行政许可", "其他对外管理服务事项", "行政处罚", "政府集中采购"}
    assert "「156805947.43元」" in ambiguous["政府集中采购"]
    assert all("无法唯一拆分" in why for why in ambiguous.values())
    assert numbers(t2, "规范性文件", 1) == ["2", "2", "2"]


def test_003_sign_separates_cells():
    t2 = tables(page("003"))["t2"]
    # '35-15' under 上一年项目数量 / 本年增/减: the sign starts the second cell
    assert numbers(t2, "行政事业性收费", 1) == ["35", "-15"]
    assert numbers(t2, "规章", 1) == ["0", "0", "7"]


# ---- whole lines -----------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["002", "003", "004", "005", "006", "007", "008", "029", "030"])
def test_three_tables_in_order(prefix):
    line = page(prefix)
    regions = dispatch(line, LINE_NO)
    assert [r.start < r.end for r in regions] == [True] * 3
    assert all(a.end <= b.start for a, b in zip(regions, regions[1:]))
    # the section headings stay outside the tables, in the paragraphs
    assert "主动公开政府信息情况" in line[: regions[0].start][-30:]
    assert line[regions[2].end:].lstrip().startswith("五、")


def test_label_columns_follow_the_common_convention():
    from disclint.readers.texttables.common import label_width

    t = tables(page("007"))
    assert (label_width(t["t2"]), label_width(t["t3"]), label_width(t["t4"])) == (1, 3, 0)
    t3 = t["t3"]
    r = row_of(t3, "一、本年新收")
    assert (t3.grid[r][0].col, t3.grid[r][0].colspan) == (0, 3)
    r = row_of(t3, "1.属于国家秘密")
    assert [t3.grid[r][c].text for c in range(3)] == ["三、本年度办 理结果", "（三）不予公开", "1.属于国家秘密"]
    assert t3.grid[r][1].rowspan == 8 and t3.grid[r][0].rowspan == 22  # spec: 2+8+3+5+3+1


@pytest.mark.parametrize("prefix", [f"{n:03d}" for n in range(17, 29)])
def test_legacy_pages_give_no_tables(prefix):
    assert find_inline_tables(page(prefix), LINE_NO) == []


def test_prose_is_not_a_table():
    assert find_inline_tables("一、本年新收政府信息公开申请数量较上年增加，" * 30, 1) == []


# ---- splitting ---------------------------------------------------------------------------


T3_GROUPS = [(0, 6)]


def test_split_rules():
    assert split_run("0000000", [INT] * 7, T3_GROUPS).status == "unique"
    sp = split_run("640020470", [INT] * 7, T3_GROUPS)
    assert sp.status == "fit" and [c for c in sp.cells] == [(0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 9)]
    assert split_run("12345678", [INT] * 7, T3_GROUPS).status == "nofit"
    assert split_run("000", [INT] * 7, T3_GROUPS).status == "impossible"
    t4 = [(0, 4), (5, 9), (10, 14)]
    sp = split_run("21317000001324019", [INT] * 15, t4)
    assert sp.status == "fit"


def _brute(digits: str, n: int) -> list[list[int]]:
    out = []
    for cuts in itertools.combinations(range(1, len(digits)), n - 1):
        parts = [digits[a:b] for a, b in zip((0,) + cuts, cuts + (len(digits),))]
        if any(len(p) > 1 and p[0] == "0" for p in parts):
            continue
        vals = [int(p) for p in parts]
        if sum(vals[:6]) == vals[6]:
            out.append(vals)
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 120), min_size=6, max_size=6))
def test_balanced_row_splits_back_when_unique(applicants):
    row = applicants + [sum(applicants)]
    run = "".join(str(v) for v in row)
    fits = _brute(run, 7)
    assert row in fits
    sp = split_run(run, [INT] * 7, T3_GROUPS)
    if len(fits) == 1:
        assert sp.status in ("unique", "fit")
        assert [int(run[a:b]) for a, b in sp.cells] == row
    else:
        assert sp.status == "ambiguous"


def test_text_reader_cuts_the_tables_out_of_the_page():
    from disclint.readers.text import read_text

    path = next(REAL.glob("004-*.txt"))
    doc = read_text(str(path), path.read_bytes())
    assert [t.source for t in doc.tables] == ["flattened"] * 3
    kinds = [type(b).__name__ for b in doc.blocks[-7:]]
    assert kinds == ["Block", "Table", "Block", "Table", "Block", "Table", "Block"]
    between = doc.blocks[-5]
    assert between.text == "三、收到和处理政府信息公开申请情况"
    assert between.span.start == Pos(LINE_NO, 2237)
