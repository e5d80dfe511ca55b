"""Cross-year checks (B601 carry-over, B602 现行有效件数 chain) on the real reports run together.

Expected outcomes come from MANIFEST.tsv: 005 vs 004 holds (665+88−55=698); 006 vs 005
and 007 vs 006 fail for every split of the run-together digits; 008 vs 007 fails for
every pair of splits; 014 vs 013 holds (5+3−0=8); the 表三 carry-over holds from 002 to
008 and from 013 to 014 (checked by hand: 004 结转下年度 1 = 005 上年结转 1; 008's 6 has no
2026 report; all others 0).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from disclint.engine import Linter

HERE = Path(__file__).resolve().parent
REAL = HERE / "data" / "real"
sys.path.insert(0, str(HERE.parent / "plugins"))
import crossyear  # noqa: E402  (the plugin module, for its pure helpers)

PINGTAN = [REAL / f for f in (
    "002-pingtan-zhqgwh-2019.txt", "003-pingtan-zhqgwh-2020.txt", "004-pingtan-zhqgwh-2021.txt",
    "005-pingtan-zhqgwh-2022.txt", "006-pingtan-zhqgwh-2023.txt", "007-pingtan-zhqgwh-2024.txt",
    "008-pingtan-zhqgwh-2025.txt")]
T = "平潭综合实验区{}年度政府信息公开工作年度报告，{}"


@pytest.fixture(scope="module")
def lint():
    return Linter()


def b6(results):
    return [(Path(r.path).name, d.code, d.severity, d.line, d.column, d.message)
            for r in results for d in r.diagnostics if d.code.startswith("B6")]


def test_pingtan_2019_to_2025(lint):
    got = b6(lint.check_paths([str(p) for p in PINGTAN]))
    assert got == [
        ("006-pingtan-zhqgwh-2023.txt", "B602", "warning", 10, 1835,
         "表二行政规范性文件「现行有效件数」连写在数字串「77132470」中（本年制发、本年废止、现行有效三格），"
         "但上年报告（" + T.format(2022, "005-pingtan-zhqgwh-2022.txt") + "）现行有效698件＋本年制发件数−本年废止件数，"
         "无论该数字串如何拆分都不等于本年现行有效件数"),
        ("007-pingtan-zhqgwh-2024.txt", "B602", "warning", 10, 1404,
         "表二行政规范性文件「现行有效件数」连写在数字串「6233440」中（本年制发、本年废止、现行有效三格），"
         "但上年报告（" + T.format(2023, "006-pingtan-zhqgwh-2023.txt") + "）的现行有效件数（连写在数字串「77132470」中）"
         "＋本年制发件数−本年废止件数，无论两个数字串如何拆分都不等于本年现行有效件数"),
        ("008-pingtan-zhqgwh-2025.txt", "B602", "warning", 10, 1294,
         "表二行政规范性文件「现行有效件数」连写在数字串「5845546」中（本年制发、本年废止、现行有效三格），"
         "但上年报告（" + T.format(2024, "007-pingtan-zhqgwh-2024.txt") + "）的现行有效件数（连写在数字串「6233440」中）"
         "＋本年制发件数−本年废止件数，无论两个数字串如何拆分都不等于本年现行有效件数"),
    ]


def test_the_finding_points_at_the_run_together_digits(lint):
    (r,) = [r for r in lint.check_paths([str(PINGTAN[3]), str(PINGTAN[4])]) if r.path.endswith("006-pingtan-zhqgwh-2023.txt")]
    (d,) = [d for d in r.diagnostics if d.code == "B602"]
    line = (REAL / "006-pingtan-zhqgwh-2023.txt").read_text(encoding="utf-8").splitlines()[d.line - 1]
    assert line[d.column - 1: d.end_column] == "77132470"
    # without 004 in the run, 005's own text settles its digits (「现行有效行政规范性文件698件」
    # 「本年度制发的规范性文件88件」: only 88|55|698 agrees), so last year's stock is 698
    assert "005-pingtan-zhqgwh-2022.txt）现行有效698件＋本年制发件数−本年废止件数" in d.message


def test_005_against_004_holds_only_for_the_manifest_split():
    rows = {"004": "693665", "005": "8855698"}
    pairs = [(a, b) for a in crossyear.all_splits(rows["004"]) for b in crossyear.all_splits(rows["005"]) if crossyear._holds(a, b)]
    assert pairs == [((6, 93, 665), (88, 55, 698)), ((69, 3, 665), (88, 55, 698))]


def test_one_report_alone_gives_no_cross_year_finding(lint):
    for p in PINGTAN[4:]:
        assert b6(lint.check_paths([str(p)])) == []


def test_hongze_2023_2024_hold_txt_and_pdf(lint):
    paths = [REAL / f"{n}-huaian-hongze-district-{y}.{ext}" for n, y in (("013", 2023), ("014", 2024)) for ext in ("txt", "pdf")]
    assert b6(lint.check_paths([str(p) for p in paths])) == []


def test_whole_corpus_only_the_known_defects(lint):
    """The whole corpus in one run: the three chain breaks and the four legacy 累计 breaks."""
    got = b6(lint.check_paths([str(REAL)]))
    assert [(f, c, l, col) for f, c, _s, l, col, _m in got] == [
        ("006-pingtan-zhqgwh-2023.txt", "B602", 10, 1835),
        ("007-pingtan-zhqgwh-2024.txt", "B602", 10, 1404),
        ("008-pingtan-zhqgwh-2025.txt", "B602", 10, 1294),
        ("023-pingtan-zhqgwh-2012-legacy.txt", "B603", 10, 4515),
        ("024-pingtan-zhqgwh-2013-legacy.txt", "B603", 10, 2502),
        ("027-pingtan-zhqgwh-2016-legacy.txt", "B603", 10, 5032),
        ("028-pingtan-zhqgwh-2017-legacy.txt", "B603", 10, 4740),
    ]


LEGACY = "平潭综合实验区{}政府信息公开工作年度报告，{}"


def test_legacy_cumulative_zone_2011_to_2018(lint):
    """MANIFEST: 023 (e) 1516+739≠4359; 024 (b) 4359+72804≠76424; 027 (d) 依申请 累计 1→0;
    028 累计 reset 85376+2122≠10037. 025, 026, 027 (主动公开) and 017 (10037+2069=12106) hold."""
    names = ["022-pingtan-zhqgwh-2011-legacy.txt", "023-pingtan-zhqgwh-2012-legacy.txt", "024-pingtan-zhqgwh-2013-legacy.txt",
             "025-pingtan-zhqgwh-2014-legacy.txt", "026-pingtan-zhqgwh-2015-legacy.txt", "027-pingtan-zhqgwh-2016-legacy.txt",
             "028-pingtan-zhqgwh-2017-legacy.txt", "017-pingtan-zhqgwh-2018-legacy.txt"]
    got = b6(lint.check_paths([str(REAL / n) for n in names]))
    assert got == [
        ("023-pingtan-zhqgwh-2012-legacy.txt", "B603", "warning", 10, 4515,
         "统计表「主动公开信息数」历年累计为4359条，但上年报告（" + LEGACY.format("2011年", names[0])
         + "）历年累计1516条＋本年739条应为2255条"),
        ("024-pingtan-zhqgwh-2013-legacy.txt", "B603", "warning", 10, 2502,
         "统计表「主动公开信息数」历年累计为76424条，但上年报告（" + LEGACY.format("2012年", names[1])
         + "）历年累计4359条＋本年72804条应为77163条"),
        ("027-pingtan-zhqgwh-2016-legacy.txt", "B603", "warning", 10, 5032,
         "统计表「受理依申请公开信息总数」历年累计为0条，但上年报告（" + LEGACY.format("2015年度", names[4])
         + "）历年累计1条＋本年0条应为1条"),
        ("028-pingtan-zhqgwh-2017-legacy.txt", "B603", "warning", 10, 4740,
         "统计表「主动公开文件数」历年累计连写在数字串「212210037」中（本年度、历年累计两格），但上年报告（"
         + LEGACY.format("2016年度", names[5]) + "）历年累计85376条＋本年数，无论该数字串如何拆分都不等于本年的历年累计"),
    ]
    text = (REAL / names[1]).read_text(encoding="utf-8").split("\n")[9]
    assert text[4514:4518] == "4359"  # the 历年累计 cell, not the 本年 one


def test_legacy_county_2011_2012_2013_hold(lint):
    """018→019→021 (平潭县人民政府): 1516+2026=3542, 3542+1853=5395; 依申请 0+21=21, 21+7=28 — all glued digits."""
    names = ["018-pingtan-county-2011-legacy.txt", "019-pingtan-county-2012-legacy.txt", "021-pingtan-county-2013-legacy.txt"]
    assert b6(lint.check_paths([str(REAL / n) for n in names])) == []


def test_legacy_2017_against_2018_only_without_2016(lint):
    """Without 027 in the run, 028 has no previous report: nothing is said about its reset."""
    names = ["028-pingtan-zhqgwh-2017-legacy.txt", "017-pingtan-zhqgwh-2018-legacy.txt"]
    assert b6(lint.check_paths([str(REAL / n) for n in names])) == []


def test_certain_cells_give_the_computed_value(lint, tmp_path):
    """014 with 现行有效 changed from 8 to 9: 5 + 3 − 0 should be 8."""
    src = (REAL / "014-huaian-hongze-district-2024.txt").read_text(encoding="utf-8").split("\n")  # keeps form feeds
    assert src[49].rstrip().endswith("3          0       8")
    src[49] = src[49].replace("0       8", "0       9")
    bad = tmp_path / "014-huaian-hongze-district-2024.txt"
    bad.write_text("\n".join(src), encoding="utf-8")
    got = b6(lint.check_paths([str(REAL / "013-huaian-hongze-district-2023.txt"), str(bad)]))
    assert got == [("014-huaian-hongze-district-2024.txt", "B602", "warning", 50, 37,
                    "表二行政规范性文件「现行有效件数」为9件，但上年报告（洪泽区人民政府2023年政府信息公开工作年度报告，"
                    "013-huaian-hongze-district-2023.txt）现行有效5件＋本年制发3件−本年废止0件应为8件")]


def test_carry_over_across_the_format_change(lint, tmp_path):
    """003 (2019 format) with 结转下年度 2 for 自然人: 004 (2021 format) carries over 0."""
    text = (REAL / "003-pingtan-zhqgwh-2020.txt").read_text(encoding="utf-8")
    old = "四、结转下年度继续办理 0 0 00 00 0"
    assert text.count(old) == 1
    bad = tmp_path / "003-pingtan-zhqgwh-2020.txt"
    bad.write_text(text.replace(old, "四、结转下年度继续办理 2 0 00 00 2"), encoding="utf-8")
    got = b6(lint.check_paths([str(bad), str(PINGTAN[2])]))
    prev = T.format(2020, "003-pingtan-zhqgwh-2020.txt")
    row, last = "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"
    line = (REAL / "004-pingtan-zhqgwh-2021.txt").read_text(encoding="utf-8").splitlines()[9]
    start = line.index(row) + len(row)
    assert got == [
        ("004-pingtan-zhqgwh-2021.txt", "B601", "warning", 10, start + 1,
         f"表三「{row}」「自然人」列为0，但上年报告（{prev}）「{last}」该列为2，二者应相等"),
        ("004-pingtan-zhqgwh-2021.txt", "B601", "warning", 10, start + 7,
         f"表三「{row}」「总计」列为0，但上年报告（{prev}）「{last}」该列为2，二者应相等"),
    ]
    # and no 表二 chain is drawn across the format change (2019 columns mean something else)
    assert not [g for g in got if g[1] == "B602"]


def test_reports_of_different_organs_are_never_paired(lint, tmp_path):
    text = (REAL / "005-pingtan-zhqgwh-2022.txt").read_text(encoding="utf-8")
    assert text.count("平潭综合实验区2022年度政府信息公开工作年度报告") >= 1
    other = tmp_path / "005-other.txt"
    other.write_text(text.replace("平潭综合实验区2022年度", "平潭综合实验区市场监督管理局2022年度"), encoding="utf-8")
    assert b6(lint.check_paths([str(other), str(PINGTAN[4])])) == []


def test_organ_names():
    assert crossyear.organ_of("平潭综合实验区2019年度政府信息公开工作年度报告") == "平潭综合实验区"
    assert crossyear.organ_of("平潭综合实验区管委会2014年度政府信息公开工作年度报告") == "平潭综合实验区"
    assert crossyear.organ_of("洪泽区人民政府2023 年政府信息公开工作年度报告") == "洪泽区人民政府"
    assert crossyear.organ_of("2023年洪泽区人民政府政府信息公开工作年度报告") == "洪泽区人民政府"
    assert crossyear.organ_of("2023年度政府信息公开工作年度报告") == ""
    assert crossyear.same_organ("洪泽区人民政府", "淮安市洪泽区人民政府")
    assert crossyear.same_organ("洪泽区人民政府", "江苏省淮安市洪泽区人民政府")
    assert not crossyear.same_organ("淮安市人民政府", "淮安市洪泽区人民政府")
    assert not crossyear.same_organ("平潭综合实验区", "平潭综合实验区市场监督管理局")
    assert not crossyear.same_organ("人民政府", "淮安市人民政府")
    assert not crossyear.same_organ("南京市鼓楼区人民政府", "福州市鼓楼区人民政府")


def test_all_splits():
    assert crossyear.all_splits("000") == [(0, 0, 0)]
    assert crossyear.all_splits("3 0 8") == [(3, 0, 8)]
    assert crossyear.all_splits("12 05 7") == []  # no leading zeros: 05 would be two cells
    assert crossyear.all_splits("1005") == [(10, 0, 5)]
    assert sorted(crossyear.all_splits("1105")) == [(1, 10, 5), (11, 0, 5)]
    assert crossyear.all_splits("69件3件665件") == [(69, 3, 665)]
    assert crossyear.all_splits("1 2 3 4") == []
    assert crossyear.all_splits("1" * 22) == []  # three cells hold at most 21 digits
    assert crossyear.all_splits("12a3") == []
    assert crossyear.all_splits("1" * 100000) == []  # returns at once
    assert crossyear.all_splits("739 4359", 2) == [(739, 4359)]
