"""The acceptance test on the reports added last (031-052): every REAL DEFECT their MANIFEST.tsv notes
name is found, with the right family, at its place; a report whose notes mark none gets no error.

A defect's place is given by a quotation from the report (its anchor): the finding must start on the
anchor's line, within a few characters of it (a table finding may point at the row's cell rather than its
label). The codes inside a family may change as checks are refined; the family and the place may not.
"""

from __future__ import annotations

import csv

import pytest

from conftest import REAL, findings

# Findings may start up to this many characters before or after their anchor (a row's label vs its cells).
SLACK = 60

# file -> [(code or family prefix, anchor text, occurrence of the anchor (0 = first), what the notes say)]
DEFECTS: dict[str, list[tuple[str, str, int, str]]] = {
    # Older reports: the defects of one class found since (issue 8 class 19, text from another organ).
    "020-pingtan-dishui-2013-legacy.txt": [
        ("C4", "全市地税系统", 0, "copy-paste from a city report: 全市 in the zone's tax bureau's report"),
    ],
    "027-pingtan-zhqgwh-2016-legacy.txt": [
        ("C4", "市本级", 0, "copy-paste from a city report: 公开市本级…“三公”经费"),
        ("C4", "全市信息公开工作", 0, "copy-paste from a city report: 继续加强对全市信息公开工作"),
    ],
    "031-pingtan-gaj-2021.txt": [
        ("B4", "结转下年度继续办理", 0, "表三 identity fails: 1+0 vs 1+1"),
        ("T", "本年废纸件数", 0, "表二 header misspelt (本年废止件数)"),
        ("C4", "市公安局", 0, "text from another organ: 市公安局 in a zone report"),
    ],
    "032-pingtan-hzs-2021.txt": [
        ("C4", "平潭综合区行政审批局", 0, "organ name misspelt (missing 实验)"),
    ],
    "035-pingtan-czj-2022.txt": [
        ("C4", "财政全融局", 0, "signature misspells the organ (全 for 金)"),
        ("C4", "我委", 0, "我委 in a 局 report"),
    ],
    "036-pingtan-shs-2022.txt": [
        ("S104", "四、政府信息公开行政法复议", 0, "section-4 heading misspelt (extra 法)"),
        ("B7", "主动公开信息数169", 0, "categories sum to 170, 主动公开 169"),
    ],
    "037-pingtan-zrz-2022.txt": [
        ("B7", "主动公开64条", 0, "categories sum to 54, 主动公开 64"),
    ],
    "038-pingtan-jsp-2022.txt": [
        # The row reads 3/0/0/0/0/2/5 (its 8th digit numbers the next row, 2.没有现成信息): it balances, but
        # （七）总计 is 0, so the finding stands on （七）总计 and names the 不掌握 row.
        ("B403", "（七）总计0000000", 0, "a stray value in the 不掌握 row, contradicting （七）总计"),
        ("B7", "主动公开信息数156条", 0, "categories sum to 151, 主动公开 156"),
    ],
    "040-pingtan-nyn-2023.txt": [
        ("B402", "6100000", 0, "新收 row total 0 though its cells add to 7"),
        ("B402", "0000007", 0, "上年结转 row total 7 though its cells are 0"),
        ("S104", "六、需要说明的其他事项与附表", 0, "heading 六 worded differently"),
        ("S201", "等六部分组成", 0, "the intro names seven parts for 六部分"),
        ("C4", "党委会管委会", 0, "organ name misspelt (党工委)"),
    ],
    "041-pingtan-scj-2023.txt": [
        ("T202", "规范性文件", 0, "表二 has no 规章 row"),
        ("T204", "规范性文件", 0, "表二 row labelled 规范性文件 (2021: 行政规范性文件)"),
        ("T", "缴纳费用", 0, "表三 row （六）2. carries no values"),
        ("T", "3.其他（七）", 0, "表三 row （六）3.其他 carries no values"),
    ],
    "042-pingtan-spp-2023.txt": [
        ("S", "五、信息处理费收取情况", 0, "an extra part 五 (and no 其他需要报告的事项)"),
        ("B7", "公开政府信息79条", 0, "categories sum to 78, total 79"),
    ],
    "043-pingtan-tzcj-2024.txt": [
        ("C4", "国有资产管理局", 0, "signed by another organ than the title names"),
    ],
    "045-pingtan-zhz-2024.txt": [
        ("B501", "收到政府信息公开申请4件", 0, "the text says 4 applications, 表三 says 0"),
        ("B502", "1件属于“本机关不掌握相关政府信息”", 0, "the text says 1 不掌握, 表三 says 0"),
        ("B7", "380份", 0, "380 + 319 = 699, not 607"),
    ],
    "046-pingtan-htp-2024.txt": [
        ("B402", "5100000", 0, "新收 row total 0 though its cells add to 6"),
        ("B403", "5100000", 1, "（七）总计 自然人 5 but the result rows add to 6"),
        ("S103", "五、存在的主要问题及改进措施", 0, "heading 五 worded differently: the listed variant 存在的主要问题和改进措施 with 及 for 和"),
        ("T", "先行有效件数", 0, "表二 header misspelt (现行有效件数)"),
        ("T202", "规范性文件", 0, "表二 has no 规章 row"),
    ],
    "047-pingtan-jjf-2025.txt": [
        ("B401", "（七）总计", 0, "（七）总计 0 though 新收 4"),
        ("B404", "010000000000000", 0, "表四 复议 结果纠正 1 but 总计 0"),
        ("S103", "四、政府信息公开行政复议与行政诉讼情况", 0, "与 for 、 in heading 四: joiners only, a variant"),
    ],
    "048-pingtan-jjp-2025.txt": [
        ("S", "五、信息处理费收取情况", 0, "an extra part 五 (and no 其他需要报告的事项)"),
        ("T202", "规范性文件", 0, "表二 has no 规章 row"),
    ],
    "049-pingtan-czj-2019.txt": [
        ("T", "三三、本年度办理结果", 0, "表三 label with a doubled 三"),
        ("C201", "<!--[if !supportMisalignedColumns]-->", 0, "leaked Word HTML"),
        ("B7", "在主动公开的90条", 0, "categories sum to 93, 主动公开 90"),
        ("C101", "三是积极", 0, "enumeration 三是 … 三是"),
    ],
    "050-pingtan-gaj-2019.txt": [
        ("T206", "0 00000", 0, "本年新收 row has 6 cells for 7"),
    ],
    "051-pingtan-jjf-2020.txt": [
        ("D", "2020年1月26日印发", 0, "footer year 2020 in a report dated 2021"),
    ],
}


def _manifest() -> dict[str, str]:
    with open(REAL / "MANIFEST.tsv", encoding="utf-8", newline="") as fh:
        return {row["file"]: row["notes"] for row in csv.DictReader(fh, delimiter="\t")}


def _place(path, anchor: str, occurrence: int) -> tuple[int, int, int]:
    """(line, first column, last column) of the anchor's occurrence, 1-based as disclint reports."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        at = line.find(anchor)
        while at >= 0:
            if seen == occurrence:
                return number, at + 1, at + len(anchor)
            seen += 1
            at = line.find(anchor, at + 1)
    raise AssertionError(f"anchor {anchor!r} #{occurrence} not in {path.name}")


def test_every_new_report_with_a_marked_defect_is_listed():
    marked = {name for name, notes in _manifest().items() if name[:3] >= "031" and "REAL DEFECT" in notes}
    assert marked == {name for name in DEFECTS if name[:3] >= "031"}


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_real_defects_are_found_at_their_place(name):
    items = findings(REAL / name)
    missed = []
    for code, anchor, occurrence, what in DEFECTS[name]:
        line, first, last = _place(REAL / name, anchor, occurrence)
        hit = [
            d for d in items
            if d["code"].startswith(code) and d["severity"] in ("error", "warning")
            and d["line"] == line and first - SLACK <= d["column"] <= last + SLACK
        ]
        if not hit:
            missed.append(f"{code} at {line}:{first} ({what})")
    assert not missed, missed


CLEAN_EXCEPT = {
    # Notes without a REAL DEFECT marker whose errors are verified findings all the same.
    "010-shuyang-fgj-2023.html": "heading 五 printed as 存在的主要问题及整改措施 (S104, verified in tests/test_sections.py)",
    "016-huaian-city-2024-sec3-fragment.txt": "a fragment of a report, not a whole one",
    "018-pingtan-county-2011-legacy.txt": "published after the 2008 regulation's deadline (D302, verified)",
}


@pytest.mark.parametrize(
    "name",
    sorted(n for n, notes in _manifest().items() if "DEFECT" not in notes and n not in CLEAN_EXCEPT),
)
def test_report_without_a_marked_defect_has_no_error(name):
    errors = [(d["code"], d["line"], d["column"], d["message"]) for d in findings(REAL / name) if d["severity"] == "error"]
    assert errors == []
