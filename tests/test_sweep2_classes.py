"""Classes found by the second precision sweep of issue 8 (benchmarks/heldout/sweep 426–450, RESULTS.md
«Sweep 2»).

Each test runs the whole linter on real reports the project had not seen before the sweep (copies in
tests/data/sweep) and asserts the exact findings, or builds the counter-case the mechanism must leave alone.
"""

from __future__ import annotations

from test_sweep_classes import SWEEP, found, linter  # noqa: F401  (linter is a fixture)


def variant(tmp_path, name, old, new):
    text = (SWEEP / name).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# -- M4: 「收到政府信息公开申请N条」 counts applications ------------------------------------------

def test_applications_counted_in_tiao_are_compared(linter):
    """435: 「2023年，共收到政府信息公开申请0条」 while 表三 has 3 new applications. 条 was never read,
    because it usually counts published items."""
    assert found(linter, SWEEP / "435-pingtan-jjf-2023.txt", ("B5",)) == [
        ("B501", "warning", 10, 1484,
         "正文称收到政府信息公开申请0条，但表三「一、本年新收政府信息公开申请数量」为3件")]


def test_matching_applications_in_tiao_and_items_in_tiao_stay_silent(linter, tmp_path):
    # 434 and 436 say 「共收到政府信息公开申请3条」 and 表三 has 3: nothing to report
    assert found(linter, SWEEP / "434-pingtan-jjf-2022.txt", ("B5",)) == []
    assert found(linter, SWEEP / "436-pingtan-jjf-2024.txt", ("B5",)) == []
    # 条 after anything but 申请 still counts items, not applications: 「依申请公开128条」 is not compared
    path = variant(tmp_path, "434-pingtan-jjf-2022.txt", "共收到政府信息公开申请3条",
                   "共收到依申请公开的政府信息128条")
    assert found(linter, path, ("B5",)) == []


# -- F4: a heading written without 、 after its number ------------------------------------------

def test_a_heading_without_its_separator_is_a_title_finding(linter):
    """438: part 一 is headed 「一总体情况」 (no 、); it was reported missing (S101)."""
    assert found(linter, SWEEP / "438-pingtan-jjp-2020.txt", ("S1", "S2")) == [
        ("S104", "error", 10, 374, "标题「一总体情况」与格式规定的「一、总体情况」不一致")]


def test_a_bare_number_needs_the_part_title_and_its_own_number(linter, tmp_path):
    # the heading really gone: the part is missing again
    gone = variant(tmp_path, "438-pingtan-jjp-2020.txt", "。一总体情况2020年，我局", "。2020年，我局")
    assert [f[:2] for f in found(linter, gone, ("S1",))] == [("S101", "error")]
    # a bare number that is not the part's own (「二总体情况」) is no heading either
    other = variant(tmp_path, "438-pingtan-jjp-2020.txt", "。一总体情况2020年，我局", "。二总体情况2020年，我局")
    assert [f[:2] for f in found(linter, other, ("S1",))] == [("S101", "error")]


# -- F5: a kind mark put in between two words of a format term is prose ----------------------------

def test_a_kind_mark_in_a_term_is_prose(linter):
    """430: 「未收到政府信息公开类行政复议申请」 (reviews of the disclosure kind) was reported as a
    misspelt 「政府信息公开行政复议」 (C303)."""
    assert found(linter, SWEEP / "430-pingtan-gwh-2024.txt", ("C3",)) == []


def test_a_changed_character_in_the_term_is_still_a_misspelling(linter, tmp_path):
    path = variant(tmp_path, "430-pingtan-gwh-2024.txt", "未收到政府信息公开类行政复议申请", "未收到政府信息公开行政夏议申请")
    assert found(linter, path, ("C3",)) == [
        ("C303", "warning", 10, 721, "「政府信息公开行政夏议」疑为「政府信息公开行政复议」之误（与格式规定的用语只差一个字）")]


# -- F2′: the founding named as the cause, the start date after it ----------------------------------

PERIOD_437 = "由于机构改革，我局政务公开工作从2019年9月1日开始启动，因此本报告所列数据的统计期限自2019年9月1日起"


def test_a_founding_named_as_the_cause_dates_the_period(linter):
    """437: 「由于机构改革，我局政务公开工作从2019年9月1日开始启动」: the period runs from the organ's
    start, as in sweep-1 413 and held-out 301, in other words; it was a D202 error."""
    assert found(linter, SWEEP / "437-pingtan-jjp-2019.txt", ("D2",)) == [
        ("D205", "info", 10, 233, "统计期限为2019年9月1日起至2019年12月31日，不是完整的报告年度；"
         "报告说明本机关于2019年9月成立或组建，期限自其成立起算，请核实")]


def test_a_cause_that_is_no_founding_keeps_the_error(linter, tmp_path):
    # another cause (no founding word): still a period that is not the year
    path = variant(tmp_path, "437-pingtan-jjp-2019.txt", PERIOD_437, PERIOD_437.replace("机构改革", "人员调整"))
    assert [f[:2] for f in found(linter, path, ("D2",))] == [("D202", "error")]
    # the founding as a cause, but the period starts before the organ began: still an error
    path = variant(tmp_path, "437-pingtan-jjp-2019.txt", PERIOD_437,
                   "由于机构改革，我局政务公开工作从2019年11月1日开始启动，因此本报告所列数据的统计期限自2019年9月1日起")
    assert [f[:2] for f in found(linter, path, ("D2",))] == [("D202", "error")]
