"""Classes found by the third precision sweep of issue 8 (benchmarks/heldout/sweep 451–475, RESULTS.md
«Sweep 3»).

Each test runs the whole linter on real reports the project had not seen before the sweep (copies in
tests/data/sweep) and asserts the exact findings, or builds the counter-case the mechanism must leave alone.
"""

from __future__ import annotations

from test_sweep2_classes import variant
from test_sweep_classes import SWEEP, found, linter  # noqa: F401  (linter is a fixture)


# -- F6: a 2008-era part name joined by 与 is one name --------------------------------------------

def test_a_legacy_part_name_with_yu_is_one_name(linter):
    """466 (2018): the introduction lists six parts, the sixth 「需要说明的其他事项与附表」. The 2008-era rule
    set has no mandated parts, so the list was cut at 与 and S201 said «列出的部分有7个». Its body's 「六、附表」
    is that part (F7: the statistics appendix under either name)."""
    assert found(linter, SWEEP / "466-pingtan-hzs-2018.txt", ("S2",)) == []


def test_two_names_really_listed_are_still_counted(linter, tmp_path):
    # a seventh name after it: seven listed, six said — the 与-name still counts once
    path = variant(tmp_path, "466-pingtan-hzs-2018.txt", "需要说明的其他事项与附表等六个部分",
                   "需要说明的其他事项与附表、政府信息公开情况统计表等六个部分")
    assert [f for f in found(linter, path, ("S2",)) if f[0] == "S201"] == [
        ("S201", "error", 10, 175, "引言称报告共六个部分，但列出的部分有7个：概述、主动公开政府信息情况、政府信息依申请公开办理情况、"
         "因政府信息公开申请行政复议和提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进措施、需要说明的其他事项与附表、"
         "政府信息公开情况统计表")]


# -- F7: the statistics appendix is one part, called 统计表 or 附表 ------------------------------

def test_an_appendix_heading_is_the_announced_statistics_table(linter):
    """467 (2018): the introduction's fifth part 「政府信息公开情况统计表」 is in the body as 「七、附表 指标名称…」;
    S204 said it had neither a heading nor content."""
    assert found(linter, SWEEP / "467-pingtan-czj-2018.txt", ("S2",)) == []


def test_an_announced_table_that_is_not_there_is_still_missing(linter, tmp_path):
    text = (SWEEP / "467-pingtan-czj-2018.txt").read_text(encoding="utf-8")
    start, end = text.index("七、附表"), text.index(" 平潭综合实验区财政金融局2018年12月31日")
    path = tmp_path / "467-pingtan-czj-2018.txt"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert found(linter, path, ("S2",)) == [
        ("S204", "warning", 10, 54, "引言所列第五部分「政府信息公开情况统计表」在正文中既没有标题，也没有相应内容")]


# -- F8: the numbered rows of a 2008-era statistics table are no sub-headings ----------------------

def test_legacy_table_rows_are_not_a_numbered_list(linter):
    """471 (2018): in the 附表 「…其中：1.同意公开答复数条132.同意部分公开答复数条003.不予公开答复数条00 4.其他类型
    答复数…」 the rows 2. and 3. run into the digits before them, and S206 read 「4.」 after 「1.」 as a skipped number."""
    assert [f for f in found(linter, SWEEP / "471-pingtan-gaj-2018.txt", ("S2",)) if f[0] == "S206"] == []


def test_the_same_rows_without_the_table_header_are_a_list_again(linter, tmp_path):
    path = variant(tmp_path, "471-pingtan-gaj-2018.txt", "统计数据 指 标 名 称单位2017年度历年累计", "统计数据 2017年度历年累计")
    assert [f for f in found(linter, path, ("S2",)) if f[0] == "S206"] == [
        ("S206", "warning", 10, 1831, "小标题编号「4.」不连续：前一个是「1.」，应为「2.」")]


# -- F9: a sub-heading answered 「无」 has content -------------------------------------------------

def test_a_subheading_answered_none_is_not_empty(linter):
    """474 (2018): 「（一）需要说明的其他事项 无 （二）附表」 — 「无」 is what the sub-heading reports."""
    assert [f for f in found(linter, SWEEP / "474-pingtan-zhz-2018.txt", ("S2",)) if f[0] == "S205"] == []


def test_a_subheading_with_nothing_after_it_is_still_empty(linter, tmp_path):
    path = variant(tmp_path, "474-pingtan-zhz-2018.txt", "（一）需要说明的其他事项 无 （二）附表", "（一）需要说明的其他事项 （二）附表")
    assert [f for f in found(linter, path, ("S2",)) if f[0] == "S205"] == [
        ("S205", "warning", 10, 2779, "小标题「（一）需要说明的其他事项」下没有内容，紧接着就是「（二）附表」")]


# -- F2″: 「成立N个月以来」 dates the organ's founding -----------------------------------------------

def test_founded_n_months_ago_starts_the_period(linter):
    """463 (2019): 「海坛片区成立4个月以来」 and a period from 2019-09-01: the organ's whole life, not a D202 error."""
    assert found(linter, SWEEP / "463-pingtan-htp-2019.txt", ("D2",)) == [
        ("D205", "info", 10, 260, "统计期限为2019年9月1日起至2019年12月31日，不是完整的报告年度；报告说明本机关于2019年8月成立或组建，"
         "期限自其成立起算，请核实")]


def test_a_period_starting_before_the_founding_is_still_partial(linter, tmp_path):
    # founded 2 months before the year's end (October), the period from September is not the organ's life
    path = variant(tmp_path, "463-pingtan-htp-2019.txt", "海坛片区成立4个月以来", "海坛片区成立2个月以来")
    assert [f[:2] for f in found(linter, path, ("D2",))] == [("D202", "error")]
    # 「成立以来」 with no month and no date in its clause says nothing about when
    path = variant(tmp_path, "463-pingtan-htp-2019.txt", "海坛片区成立4个月以来", "海坛片区成立以来")
    assert [f[:2] for f in found(linter, path, ("D2",))] == [("D202", "error")]


# -- M5: a signature glued to the signing organ's name ----------------------------------------------

def test_a_date_glued_to_the_signing_organ_is_a_date_line(linter):
    """466 (2018, published 2019-01-16) ends 「… 平潭综合实验区行政审批局2018年1月16日」: signed a year early."""
    assert found(linter, SWEEP / "466-pingtan-hzs-2018.txt", ("D3",)) == [
        ("D303", "warning", 10, 2215, "落款或印发日期2018年1月16日早于报告年度结束（2018年12月31日），年份应有误")]


def test_an_organ_and_a_date_in_prose_are_no_date_line(linter, tmp_path):
    path = variant(tmp_path, "466-pingtan-hzs-2018.txt", "平潭综合实验区行政审批局2018年1月16日",
                   "平潭综合实验区行政审批局2018年1月16日召开专题会议")
    assert found(linter, path, ("D3",)) == []


# -- M6: a statistics sentence whose list opens after a colon -------------------------------------

def test_a_year_heading_a_listed_statistic_is_checked(linter):
    """473 (2018): 「2017年，我办主动公开政府信息的主要类别有：政策、规范性文件类信息2条…」 — last year's year on this
    year's figures; the colon before the list hid the count."""
    assert found(linter, SWEEP / "473-pingtan-gwh-2018.txt", ("D5",)) == [
        ("D502", "warning", 10, 1149, "统计数字前写的年份是2017年，与报告年度2018年不符，应为2018年")]


def test_the_report_year_heading_a_listed_statistic_is_fine(linter, tmp_path):
    path = variant(tmp_path, "473-pingtan-gwh-2018.txt", "2017年，我办主动公开", "2018年，我办主动公开")
    assert found(linter, path, ("D5",)) == []


# -- M7: the 2008-era statistics table's items add up to more than their total ----------------------

def test_legacy_table_items_exceeding_their_total(linter):
    """471, 474, 475 (2018): 「对申请的答复总数」 smaller than its 其中 items, whether the cells are run together
    (471 「…答复总数条00其中：1.同意公开答复数条132.同意部分公开…」: the 2 of 「132.」 is item 2's number) or spaced."""
    assert found(linter, SWEEP / "471-pingtan-gaj-2018.txt", ("B4",)) == [
        ("B411", "warning", 10, 1796, "统计表「对申请的答复总数」为0、0，但其中各项之和大于它（同意公开答复数1、3，同意部分公开答复数0、0，"
         "不予公开答复数0、0，其他类型答复数0、0）")]
    assert found(linter, SWEEP / "474-pingtan-zhz-2018.txt", ("B4",)) == [
        ("B411", "warning", 10, 2956, "统计表「对申请的答复总数」为0、0，但其中各项之和大于它（同意公开答复数0、0，同意部分公开答复数0、1，"
         "不予公开答复数0、0，其他类型答复数0、0）")]
    assert found(linter, SWEEP / "475-pingtan-jjf-2018.txt", ("B4",)) == [
        ("B411", "warning", 10, 2410, "统计表「对申请的答复总数」为0、1，但其中各项之和大于它（同意公开答复数0、1，同意部分公开答复数0、0，"
         "不予公开答复数0、0，其他类型答复数0、1）")]


def test_legacy_table_items_within_their_total_are_fine(linter, tmp_path):
    # 475 with the 历年累计 answers total written 2: the items (1 + 1) fit
    path = variant(tmp_path, "475-pingtan-jjf-2018.txt", "对申请的答复总数 条 0 1", "对申请的答复总数 条 0 2")
    assert found(linter, path, ("B4",)) == []
    # items that are not all of the total (主动公开: 网站 and 公报 only, other channels left out) are no finding:
    # 019's 「主动公开信息数条20263542其中：1.网站公开条179533042.政府公报公开条07」
    assert found(linter, SWEEP.parent / "real" / "019-pingtan-county-2012-legacy.txt", ("B4",)) == []


# -- M8: the text says no application came in; the 2008-era table has one -------------------------

def test_text_without_applications_against_a_table_with_one(linter):
    """471 (2018): 「2018年，未收到公民提出的公开政府信息申请」, and its 附表 has 「受理政府信息公开申请总数条13」
    (本年1, 历年累计3)."""
    assert found(linter, SWEEP / "471-pingtan-gaj-2018.txt", ("B5",)) == [
        ("B509", "warning", 10, 1278, "正文称「2018年，未收到公民提出的公开政府信息申请」，但统计表「受理政府信息公开申请总数」本年为1")]


def test_no_review_or_a_table_without_applications_is_fine(linter, tmp_path):
    # the table's year cell 0: text and table agree
    path = variant(tmp_path, "471-pingtan-gaj-2018.txt", "受理政府信息公开申请总数条13", "受理政府信息公开申请总数条03")
    assert found(linter, path, ("B5",)) == []
    # 「无因政府信息公开申请行政复议…」 is about reviews (472 has applications and says so of reviews only)
    text = (SWEEP / "471-pingtan-gaj-2018.txt").read_text(encoding="utf-8")
    path = tmp_path / "review.txt"
    path.write_text(text.replace("2018年，未收到公民提出的公开政府信息申请。",
                                 "2018年，我局无因政府信息公开申请行政复议、提起行政诉讼的情况。", 1), encoding="utf-8")
    assert found(linter, path, ("B5",)) == []


# -- M9: the 2008-era table's year column is last year's ------------------------------------------

def test_a_legacy_table_headed_with_another_year(linter):
    """471 (2018): 「指 标 名 称单位2017年度历年累计主动公开信息数条181…」 — the 2018 figures under 2017年度."""
    assert found(linter, SWEEP / "471-pingtan-gaj-2018.txt", ("D5",)) == [
        ("D501", "warning", 10, 1473, "改进计划写的是2018年（报告年度），应为下一年度2019年"),
        ("D503", "warning", 10, 1682, "统计表表头写的是2017年度，与报告年度2018年不符，应为2018年度")]


def test_a_legacy_table_headed_with_the_report_year_is_fine(linter, tmp_path):
    path = variant(tmp_path, "471-pingtan-gaj-2018.txt", "单位2017年度历年累计", "单位2018年度历年累计")
    assert [f for f in found(linter, path, ("D5",)) if f[0] == "D503"] == []


# -- M10: the text's cumulative count against the 2008-era table's 历年累计 -----------------------

def test_text_cumulative_against_the_table(linter):
    """474 (2018): 「截止2018年，共公开文件累计257份」, the 附表's 主动公开文件数 历年累计 256."""
    assert [f for f in found(linter, SWEEP / "474-pingtan-zhz-2018.txt", ("B5",)) if f[0] == "B510"] == [
        ("B510", "warning", 10, 1694, "正文称「累计257份」，但统计表「主动公开文件数」历年累计为256")]


def test_agreeing_or_partial_cumulative_counts_are_fine(linter, tmp_path):
    path = variant(tmp_path, "474-pingtan-zhz-2018.txt", "共公开文件累计257份", "共公开文件累计256份")
    assert [f for f in found(linter, path, ("B5",)) if f[0] == "B510"] == []
    # a kind of the published information (028's 「累计主动公开采购信息25条」) is not the table's total
    assert found(linter, SWEEP.parent / "real" / "028-pingtan-zhqgwh-2017-legacy.txt", ("B5",)) == []
