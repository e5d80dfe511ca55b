"""Classes found by the precision sweep of issue 8 (benchmarks/heldout/sweep, RESULTS.md).

Each test runs the whole linter on real reports the project had not seen before the sweep
(copies in tests/data/sweep and tests/data/heldout) and asserts the exact findings, or
builds the counter-case that the mechanism must leave alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclint.analysis.outline import part_similarity, split_names
from disclint.checking import Options
from disclint.engine import Linter

DATA = Path(__file__).parent / "data"
SWEEP = DATA / "sweep"
HELDOUT = DATA / "heldout"


@pytest.fixture(scope="module")
def linter():
    return Linter(Options())


def found(linter, path, codes):
    result = linter.check_file(str(path))
    assert not result.internal_errors, result.internal_errors
    return [(d.code, d.severity, d.line, d.column, d.message) for d in result.diagnostics if d.code[:2] in codes]


# -- F3: an introduction's name that ends in no part word, before a known part name ----------

LYY_2020 = ("总体情况、落实政务公开工作主要任务、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
            "政府信息公开行政复议与行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项")


def test_a_known_part_name_starts_a_new_name():
    """404 lists seven parts; 「落实政务公开工作主要任务」 ends in no part word (情况, 措施…), and was glued
    to the next name, so S201 counted six while naming seven."""
    parts = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
             "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
    assert split_names(LYY_2020, None, parts) == [
        "总体情况", "落实政务公开工作主要任务", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议与行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
    # a name cut inside by its own 、 is still one name: the piece after 、 is no known name
    assert split_names("总体情况、政府信息公开行政复议、行政诉讼情况、其他需要报告的事项", None, parts) == [
        "总体情况", "政府信息公开行政复议、行政诉讼情况", "其他需要报告的事项"]


def test_words_in_another_order_name_the_same_part():
    assert part_similarity("落实政务公开工作主要任务", "政务公开工作主要任务落实情况") == 1.0
    # other words, not a reordering: still two parts (structure.py's documented pair)
    assert part_similarity("主要问题和改进措施", "政府信息公开工作存在的主要问题及改进情况") < 0.8


def test_seven_announced_seven_written_gives_no_structure_finding(linter):
    """404: the seventh part is the format's extra 「二、政务公开工作主要任务落实情况」 (S110); the
    introduction announces exactly these seven, so no S2 finding (before: a false S201 error)."""
    path = SWEEP / "404-pingtan-lyy-2020.txt"
    assert found(linter, path, ("S2",)) == []
    assert [f[:4] for f in found(linter, path, ("S1",))] == [("S110", "error", 10, 1180)]


# -- F2: a part-year period that runs from the organ's founding ----------------------------------


def test_period_from_a_stated_reorganisation_is_info(linter):
    """413: 「我局自2019年8月份机构改革以来」, period 2019-09-01..12-31: the organ's whole existence."""
    assert found(linter, SWEEP / "413-pingtan-gyz-2019.txt", ("D2",)) == [
        ("D205", "info", 10, 230, "统计期限为2019年9月1日至2019年12月31日，不是完整的报告年度；"
         "报告说明本机关于2019年8月成立或组建，期限自其成立起算，请核实"),
    ]


def test_period_of_a_newly_founded_organ_is_info(linter):
    """Held-out 301: 「我局刚刚成立」 with 「内容涵盖2019年9月1日至12月31日」 (before: a D202 error)."""
    assert found(linter, HELDOUT / "301-pingtan-spp-2019.txt", ("D2",)) == [
        ("D205", "info", 10, 115, "统计期限为2019年9月1日至12月31日，不是完整的报告年度；"
         "报告说明本机关是本年新成立的机关，期限自其成立起算，请核实"),
    ]


HEAD = "平潭综合实验区某某局2019年政府信息公开工作年度报告\n本报告中所列数据的统计期限为2019年9月1日至2019年12月31日。"


@pytest.mark.parametrize("sentence", [
    "2019年3月，我局成立信息公开领导小组。",  # 成立 with an object: not the organ's founding
    "我局自2019年10月机构改革以来，认真开展工作。",  # founded after the period starts
    "我局高度重视政府信息公开工作。",  # no founding stated at all
])
def test_other_part_year_periods_stay_errors(linter, tmp_path, sentence):
    path = tmp_path / "r.txt"
    path.write_text(HEAD + sentence + "\n", encoding="utf-8")
    assert [f[:3] for f in found(linter, path, ("D2",))] == [("D202", "error", 2)]


# -- M3: a unit in a 表二 cell of a report written in the other format --------------------------


def test_unit_in_an_outdated_format_table_is_reported(linter):
    """412 (2022) and 417 (2021) use the 2019-format 表二 (T207): its rows stay out of the
    arithmetic, but 「政府集中采购00元」 / 「328291965元」 carry a unit whatever the format and split."""
    assert [f for f in found(linter, SWEEP / "412-pingtan-htp-2022.txt", ("B4", "T2"))
            if f[0] in ("B407", "T207")] == [
        ("T207", "error", 10, 1503, "2022年度报告仍使用2019年格式（「本年新制作数量」、「本年新公开数量」、"
         "「对外公开总数量」等；表三「（六）其他处理」只有一行），应使用2021年格式（国办公开办函〔2021〕30号）"),
        ("B407", "warning", 10, 1700, "表二第二十条第（九）项「政府集中采购」行应为数字，实为「0 0元」"),
    ]
    assert [f for f in found(linter, SWEEP / "417-pingtan-htp-2021.txt", ("B4",)) if f[0] == "B407"] == [
        ("B407", "warning", 10, 2095, "表二第二十条第（九）项「政府集中采购」行应为数字，实为「328291965元」"),
    ]


def test_an_outdated_format_table_without_units_gets_no_unit_finding(linter, tmp_path):
    """The same 412 with 「政府集中采购00」 (no 元): T207 still, no B407 — only the unit was wrong."""
    text = (SWEEP / "412-pingtan-htp-2022.txt").read_text(encoding="utf-8")
    assert text.count("政府集中采购00元") == 1
    path = tmp_path / "412-no-unit.txt"
    path.write_text(text.replace("政府集中采购00元", "政府集中采购00"), encoding="utf-8")
    codes = [f[0] for f in found(linter, path, ("B4", "T2"))]
    assert "T207" in codes and "B407" not in codes
