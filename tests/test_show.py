"""`disclint show FILE`: the outline, the tables with their values and the findings of a real report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclint.cli import main
from disclint.show import columns, width

REAL = Path(__file__).parent / "data" / "real"


def show(path: Path, *extra: str) -> str:
    result = CliRunner().invoke(main, ["show", "--today", "2026-12-02", *extra, str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def section(out: str, title: str) -> str:
    """The block of lines that starts with ``title`` and ends at the next blank line."""
    part = out.split("\n\n" + title, 1)[1]
    return title + part.split("\n\n", 1)[0]


def test_013_table4_and_findings_exactly():
    out = show(REAL / "013-huaian-hongze-district-2023.pdf")
    assert section(out, "表四") == "\n".join([
        "表四",
        "                    结果维持  结果纠正  其他结果  尚未审结  总计  说明",
        "  行政复议               10*        1*        0*        0*    0*",
        "  未经复议直接起诉         0         0         0         0     0",
        "  复议后起诉              5*        0*        0*        0*    0*",
        "  * B404 「行政复议」行：两边：0 ≠ 11",
        "  * B404 「复议后起诉」行：两边：0 ≠ 5",
    ])
    assert out.splitlines()[:3] == [
        str(REAL / "013-huaian-hongze-district-2023.pdf"),
        "  标题：洪泽区人民政府2023年政府信息公开工作年度报告",
        "  机关：洪泽区人民政府  年度：2023  规则集：gov-2021  表格格式：2021年格式  读取方式：pdf",
    ]
    assert section(out, "发现（4）").splitlines()[1:] == [
        "  108:15 page[3]/line[41]: T203 [错误] 表三行标签「2.其他法律行政止公开」有误，应为「2.其他法律行政法规禁止公开」",
        "  136:4 page[4]/line[10]: T209 [错误] 表三「（六）其他处理」只有一行（2019年格式），2021年格式应分列：1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请；2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请；3.其他",
        "  154:16 page[4]/line[28]: B404 [错误] 表四「行政复议」总计为0，但结果维持、结果纠正、其他结果、尚未审结之和为11（结果维持10＋结果纠正1，其余2项为0）",
        "  154:46 page[4]/line[28]: B404 [错误] 表四「复议后起诉」总计为0，但结果维持、结果纠正、其他结果、尚未审结之和为5（结果维持5，其余3项为0）",
    ]
    # the misspelt label is shown as written beside the official one
    row = next(line for line in out.splitlines() if line.startswith("  2.其他法律行政法规禁止公开"))
    assert row.split() == ["2.其他法律行政法规禁止公开", *["0"] * 7, "报告写作「三、本年度办理结果（三）不予公开2.其他法律行政止公开」"]


def test_003_outline_and_failing_column_exactly():
    out = show(REAL / "003-pingtan-zhqgwh-2020.txt")
    assert section(out, "六个部分") == "\n".join([
        "六个部分",
        "  规定的部分                              报告中的标题                            位置     判定",
        "  一、总体情况                            一、总体情况                            10:511   标题一致",
        "  二、主动公开政府信息情况                二、主动公开政府信息情况                10:4596  标题一致",
        "  三、收到和处理政府信息公开申请情况      三、收到和处理政府信息公开申请情况      10:4858  标题一致",
        "  四、政府信息公开行政复议、行政诉讼情况  四、政府信息公开行政复议、行政诉讼情况  10:5449  标题一致",
        "  五、存在的主要问题及改进情况            五、存在的主要问题及改进情况            10:5559  标题一致",
        "  六、其他需要报告的事项                  六、其他需要报告的事项                  10:5902  标题一致",
    ])
    t3 = section(out, "表三").splitlines()
    assert t3[-2:] == ["  * B403 「自然人」列：两边：20 ≠ 26", "  * B403 「总计」列：两边：21 ≠ 27"]
    total = next(line for line in t3 if line.startswith("  （七）总计"))
    # written 「20 0 00 0 121」: the runs cut into cells are named beside the values used
    assert total.split() == ["（七）总计", "20*", "0", "0", "0", "0", "1", "21*", "原文「00」、原文「121」"]
    # written 「0 0 00 00 0」: two runs 「00」, each named
    carried = next(line for line in t3 if line.startswith("  四、结转下年度继续办理"))
    assert carried.split() == ["四、结转下年度继续办理", *["0"] * 7, "原文「00」、原文「00」"]
    assert "  规范性文件               —               —               —  数字串「7777166」应拆为3个单元格，有多种拆法且表格没有可据以判断的合计关系，无法唯一拆分，本行不参与计算" in out


def test_012_missing_part_and_015_clean():
    out = show(REAL / "012-shanghai-szfbgt-2025.md")
    assert "  五、存在的主要问题及改进情况            （未找到）" in out.splitlines()
    clean = show(REAL / "015-huaian-city-2024.txt")
    assert clean.rstrip().endswith("发现：无问题")
    assert section(clean, "表四").splitlines()[2:] == [
        "  行政复议                72        64       178        37   351",
        "  未经复议直接起诉        13         4         8         1    26",
        "  复议后起诉              12         1         1         6    20",
    ]


def test_legacy_report_says_the_format_does_not_apply():
    out = show(REAL / "018-pingtan-county-2011-legacy.txt")
    assert "\n\n六个部分：本报告所用规则集不要求（早于现行格式的报告没有统一格式）\n\n统计表：旧模板，不按现行格式核算\n\n" in out


@pytest.mark.parametrize("path", sorted(p for p in REAL.iterdir() if p.name[:3].isdigit()), ids=lambda p: p.name)
def test_every_real_report_shows_outline_and_tables(path):
    out = show(path)
    assert out.startswith(str(path) + "\n")
    assert "\n六个部分" in out and ("\n表三\n" in out or "\n统计表：" in out)
    # in 表三 every value row ends its 总计 column where the header's 总计 ends (CJK counts double)
    if "\n表三\n" in out:
        lines = section(out, "表三").splitlines()
        header = lines[1]
        end = width(header[: header.index("总计") + 2])
        for line in lines[2:]:
            tokens = list(re.finditer(r"\S+", line))
            if line.startswith("  * ") or len(tokens) < 8:
                continue  # a failure line, a group label
            assert width(line[: tokens[7].end()]) == end, line


def test_json_for_machines():
    data = json.loads(show(REAL / "013-huaian-hongze-district-2023.pdf", "--format", "json"))
    assert (data["organ"], data["year"], data["format"], data["counts"]) == ("洪泽区人民政府", 2023, "2021", {"error": 4, "warning": 0, "info": 0})
    assert [p["heading"] for p in data["outline"]][:2] == ["一、总体情况", "二、主动公开政府信息情况"]
    t4 = next(t for t in data["tables"] if t["title"] == "表四")
    assert [c["value"] for c in t4["rows"][0]["cells"]] == ["10", "1", "0", "0", "0"]
    assert [(f["code"], f["left"], f["right"]) for f in t4["failures"]] == [("B404", "0", "11"), ("B404", "0", "5")]
    assert [(f["code"], f["line"], f["column"], f["logical"], f["placed"]) for f in data["findings"]][2] == ("B404", 154, 16, "page[4]/line[28]", True)


def test_columns_align_by_display_width():
    assert columns([["甲乙", "1"], ["a", "22"]], numeric={1}) == ["甲乙   1", "a     22"]
    assert width("（七）总计") == 10 and width("abc") == 3


def test_split_digit_run_shows_the_text_as_written():
    out = show(REAL / "005-pingtan-zhqgwh-2022.txt")
    assert section(out, "表二第二十条第（一）项").splitlines() == [
        "表二第二十条第（一）项",
        "                  本年制发件数  本年废止件数  现行有效件数  说明",
        "  规章                       0             0             0  原文「000」",
        "  行政规范性文件            88            55           698  原文「8855698」",
    ]


def test_cross_year_finding_names_last_years_cell_found_beside_the_report():
    out = show(REAL / "006-pingtan-zhqgwh-2023.txt")
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "B602" in line)
    assert lines[at].startswith("  10:1835: B602 [警告] 表二行政规范性文件「现行有效件数」连写在数字串「77132470」中")
    assert lines[at + 1] == f"    另见 上年报告「行政规范性文件」现行有效698件：{REAL / '005-pingtan-zhqgwh-2022.txt'}:10:2368"
    assert "B602" not in show(REAL / "006-pingtan-zhqgwh-2023.txt", "--no-find-history")


def test_lang_en_gives_the_tools_own_words_in_english_findings_stay_chinese():
    out = show(REAL / "013-huaian-hongze-district-2023.pdf", "--lang", "en")
    assert out.splitlines()[1:3] == [
        "  title: 洪泽区人民政府2023年政府信息公开工作年度报告",
        "  organ: 洪泽区人民政府  year: 2023  rule set: gov-2021  table format: 2021 format  read as: pdf",
    ]
    assert section(out, "表四").splitlines()[1] == "                    结果维持  结果纠正  其他结果  尚未审结  总计  note"
    assert section(out, "表四").splitlines()[-1] == "  * B404 「复议后起诉」行: sides: 0 ≠ 5"
    assert section(out, "Findings (4)").splitlines()[1] == "  108:15 page[3]/line[41]: T203 [error] 表三行标签「2.其他法律行政止公开」有误，应为「2.其他法律行政法规禁止公开」"
    assert section(out, "The six parts").splitlines()[1].split("  ")[1:3] == ["Required part", ""]
    # the locale chooses when --lang is not given, as for check
    by_locale = CliRunner(env={"LC_ALL": "en_US.UTF-8"}).invoke(main, ["show", "--today", "2026-12-02", str(REAL / "015-huaian-city-2024.txt")])
    assert by_locale.stdout.rstrip().endswith("Findings: none")


def test_color_always_paints_findings_as_check_does_never_and_auto_off_a_terminal_do_not():
    path = REAL / "013-huaian-hongze-district-2023.pdf"
    painted = show(path, "--color", "always")
    assert "  154:16 page[4]/line[28]: \x1b[31m\x1b[1mB404\x1b[0m \x1b[31m[错误]\x1b[0m 表四「行政复议」总计为0" in painted
    check = CliRunner().invoke(main, ["check", "--today", "2026-12-02", "--color", "always", str(path)])
    assert "\x1b[31m\x1b[1mB404\x1b[0m \x1b[31m[error]\x1b[0m 表四「行政复议」总计为0" in check.stdout
    assert show(path, "--color", "never") == show(path) == show(path, "--color", "auto")  # CliRunner's stdout is no terminal
    assert "\x1b[" not in show(path)
    clean = show(REAL / "015-huaian-city-2024.txt", "--color", "always")
    assert clean.rstrip().endswith("\x1b[32m发现：无问题\x1b[0m")


def test_words_where_numbers_belong_show_each_cells_own_words_and_the_run_once():
    out = show(REAL / "029-pingtan-lwtj-2019.txt")
    assert section(out, "表二第二十条第（九）项").splitlines() == [
        "表二第二十条第（九）项",
        "                采购项目数量  采购总金额  说明",
        "  政府集中采购           1个    246900元  原文「1个246900元」",
    ]


def test_json_of_every_real_report():
    """`show --format json`'s data for each real report: its findings (as check's JSON gives them,
    each with whether it sits on the text), its counts, its six parts and its tables."""
    from datetime import date

    from disclint import review
    from disclint.checking import Options
    from disclint.engine import Linter
    from disclint.reporters.json import element

    linter = Linter(Options(today=date(2026, 12, 2)))
    results = linter.check_paths([str(REAL)])
    assert len(results) == 55
    for r in results:
        data = json.loads(json.dumps(review.build(linter, r).as_json(), ensure_ascii=False))
        assert [{k: v for k, v in f.items() if k != "placed"} for f in data["findings"]] == [element(d) for d in r.diagnostics]
        assert sum(data["counts"].values()) == len(r.diagnostics)
        assert data["format"] in ("2019", "2021", "legacy", "unclear")
        if data["format"] in ("2019", "2021"):
            assert [p["number"] for p in data["outline"] if not p["extra"]] == list("一二三四五六")
            assert "表三" in [t["title"] for t in data["tables"]], r.path
        for t in data["tables"]:
            assert all(len(row["cells"]) == len(t["columns"]) for row in t["rows"] if row["found"] and not row["group"]), (r.path, t["title"])
    # the CLI gives the same data
    one = next(r for r in results if r.path.endswith("015-huaian-city-2024.pdf"))
    assert json.loads(show(REAL / "015-huaian-city-2024.pdf", "--format", "json")) == json.loads(json.dumps(review.build(linter, one).as_json(), ensure_ascii=False))


def test_a_part_the_format_does_not_have_is_shown_where_it_stands_and_the_shifted_number_named():
    """042 inserted 「五、信息处理费收取情况」 after 四 (S110): it is listed between 四 and 五, and
    五's heading, numbered 六 (S103 for its words), says so; 六 is missing (S101)."""
    out = show(REAL / "042-pingtan-spp-2023.txt")
    assert section(out, "六个部分").splitlines()[5:] == [
        "  四、政府信息公开行政复议、行政诉讼情况  四、政府信息公开行政复议、行政诉讼情况  10:1985  标题一致",
        "  （格式没有的部分）                      五、信息处理费收取情况                  10:2113  格式没有此部分",
        "  五、存在的主要问题及改进情况            六、存在的主要问题和改进情况            10:2160  已知变体，编号写作「六」",
        "  六、其他需要报告的事项                  （未找到）",
    ]
    data = json.loads(show(REAL / "042-pingtan-spp-2023.txt", "--format", "json"))
    assert [(p["official"], p["extra"], p["heading"], p["misnumbered"]) for p in data["outline"]][3:6] == [
        ("四、政府信息公开行政复议、行政诉讼情况", "", "四、政府信息公开行政复议、行政诉讼情况", False),
        ("", "extra", "五、信息处理费收取情况", False),
        ("五、存在的主要问题及改进情况", "", "六、存在的主要问题和改进情况", True),
    ]


def test_a_heading_numbered_otherwise_than_its_part_says_so():
    """029 numbered 三's heading 「二」 (S105): the outline says which number it was written with."""
    out = show(REAL / "029-pingtan-lwtj-2019.txt")
    assert "  三、收到和处理政府信息公开申请情况      二、收到和处理政府信息公开申请情况      10:1703  标题一致，编号写作「二」" in out.splitlines()
    assert [line for line in section(out, "六个部分").splitlines() if "编号写作" in line] == [
        "  三、收到和处理政府信息公开申请情况      二、收到和处理政府信息公开申请情况      10:1703  标题一致，编号写作「二」"]


def test_a_part_written_as_two_is_shown_as_the_continuation_of_the_one_before(tmp_path):
    """015 with its part 五 written as two numbered parts (the rule's own failing example, S111):
    the second is listed as continuing 五, and 六 as written 「七」."""
    text = (REAL / "015-huaian-city-2024.txt").read_text(encoding="utf-8")
    for old, new in (("       五、存在的主要问题及改进情况", "       五、当前存在的突出问题"),
                     ("      针对存在问题，下一步", "      六、下一步改进举措\n      针对存在问题，下一步"),
                     ("      六、其他需要报告的事项", "      七、其他需要报告的事项")):
        assert text.count(old) == 1
        text = text.replace(old, new)
    path = tmp_path / "015-split.txt"
    path.write_text(text, encoding="utf-8")
    out = show(path)
    assert section(out, "六个部分").splitlines()[6:] == [
        "  五、存在的主要问题及改进情况            五、当前存在的突出问题                  225:8  改写的标题",
        "  （上一部分的续写）                      六、下一步改进举措                      232:7  一个部分分写为两个",
        "  六、其他需要报告的事项                  七、其他需要报告的事项                  240:7  标题一致，编号写作「七」",
    ]
    assert section(out, "发现（1）").splitlines()[1].startswith("  225:8: S111 [错误] 「五、当前存在的突出问题」「六、下一步改进举措」似乎是把第五部分")
