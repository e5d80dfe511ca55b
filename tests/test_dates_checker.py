"""The date checks (D codes) on the seed, on real reports and on edited copies.

Runs go through the engine with the `dates` rule set forced and the date pinned
(``--today``), with only the built-in readers, the dates plugin and ``rules/dates.yaml``
loaded, so that work in progress elsewhere cannot change these outcomes.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from disclint.checking import Context, Options
from disclint.engine import Linter
from disclint.plugins import _import_file
from disclint.readers.text import read_text
from disclint.resources import plugins_dir, rules_dir
from helpers import diagnostics, isolated_linter, write

DATA = Path(__file__).parent / "data" / "real"
SEED = Path(__file__).parent / "data" / "seed" / "mudanjiang-housing-2020.txt"
TODAY = date(2026, 6, 1)

dates_plugin = _import_file(plugins_dir() / "dates.py")


def linter(today=TODAY, organ_kind=None) -> Linter:
    return isolated_linter(dates_plugin, "dates", Options(today=today, organ_kind=organ_kind))


def run(path, **kw):
    return diagnostics(linter(**kw), path, "D")


# -- the seed and edited copies -----------------------------------------------------------


def test_seed_has_no_date_finding():
    assert run(SEED) == []


def test_seed_published_in_july_is_late(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("\n2021年1月26日\n", "\n2021年7月15日\n")
    assert run(write(tmp_path, "late.txt", text)) == [
        ("D302", "error", 5, 1, "发布日期2021年7月15日晚于法定期限2021年1月31日（按县级以上人民政府部门，《条例》第四十九条）"),
    ]


def test_seed_period_in_the_wrong_year(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("从2020年1月1日至2020年12月31日", "从2019年1月1日至2019年12月31日")
    assert run(write(tmp_path, "wrongyear.txt", text)) == [
        ("D201", "error", 7, 153, "统计期限为2019年1月1日至2019年12月31日，与报告年度2020年不符，应为2020年1月1日至2020年12月31日"),
    ]


def test_seed_published_before_the_year_ended(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("\n2021年1月26日\n", "\n2020年12月15日\n")
    assert run(write(tmp_path, "early.txt", text)) == [
        ("D301", "error", 5, 1, "发布日期2020年12月15日早于报告年度结束（2020年12月31日）"),
    ]


def test_seed_with_an_impossible_date_and_a_date_after_publication(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace(
        "印发《2020年政务公开工作要点》", "2020年2月30日印发《2020年政务公开工作要点》，2021年3月1日上线新专栏")
    line = text.split("\n")[12]
    col_bad = line.index("2020年2月30日") + 1
    col_after = line.index("2021年3月1日") + 1
    assert run(write(tmp_path, "bad.txt", text)) == [
        ("D101", "error", 13, col_bad, "日期2020年2月30日不存在（2020年2月只有29天）"),
        ("D401", "warning", 13, col_after, "日期2021年3月1日晚于发布日期2021年1月26日"),
    ]


# -- real reports (MANIFEST) ------------------------------------------------------------


def test_029_statistical_period_of_four_months():
    assert run(DATA / "029-pingtan-lwtj-2019.txt") == [
        ("D202", "error", 10, 325, "统计期限为2019年9月1日至2019年12月31日，不是完整的报告年度，应为2019年1月1日至2019年12月31日"),
    ]


def test_021_unfilled_period_is_a_warning():
    assert run(DATA / "021-pingtan-county-2013-legacy.txt") == [
        ("D203", "warning", 10, 203, "统计期限未填写日期（“自至”），应为2013年1月1日至2013年12月31日"),
    ]


@pytest.mark.parametrize("name, published", [
    ("018-pingtan-county-2011-legacy.txt", "2012年4月18日"),
    ("022-pingtan-zhqgwh-2011-legacy.txt", "2012年4月11日"),
])
def test_legacy_reports_published_after_march_31_are_late(name, published):
    # The body is dated 二○一二年二月二十日 but the page was published in April.
    assert run(DATA / name) == [
        ("D302", "error", 2, 7, f"发布日期{published}晚于法定期限2012年3月31日（按各级行政机关，2008年《条例》第三十一条）"),
    ]


@pytest.mark.parametrize("name", [
    "002-pingtan-zhqgwh-2019.txt", "003-pingtan-zhqgwh-2020.txt", "004-pingtan-zhqgwh-2021.txt",
    "005-pingtan-zhqgwh-2022.txt", "006-pingtan-zhqgwh-2023.txt", "007-pingtan-zhqgwh-2024.txt",
    "008-pingtan-zhqgwh-2025.txt", "009-shuyang-county-2025.txt", "013-huaian-hongze-district-2023.txt",
    "017-pingtan-zhqgwh-2018-legacy.txt", "019-pingtan-county-2012-legacy.txt", "020-pingtan-dishui-2013-legacy.txt",
    "023-pingtan-zhqgwh-2012-legacy.txt", "024-pingtan-zhqgwh-2013-legacy.txt", "025-pingtan-zhqgwh-2014-legacy.txt",
    "026-pingtan-zhqgwh-2015-legacy.txt", "028-pingtan-zhqgwh-2017-legacy.txt",
    "030-pingtan-scjg-2019.txt", "011-shanghai-stcsm-2024.md", "012-shanghai-szfbgt-2025.md",
    "014-huaian-hongze-district-2024.txt", "015-huaian-city-2024.txt", "016-huaian-city-2024-sec3-fragment.txt",
    "032-pingtan-hzs-2021.txt", "034-pingtan-jjp-2021.txt", "035-pingtan-czj-2022.txt", "036-pingtan-shs-2022.txt",
    "037-pingtan-zrz-2022.txt", "038-pingtan-jsp-2022.txt", "039-pingtan-gwh-2023.txt", "040-pingtan-nyn-2023.txt",
    "041-pingtan-scj-2023.txt", "042-pingtan-spp-2023.txt", "043-pingtan-tzcj-2024.txt", "044-pingtan-lwtj-2024.txt",
    "046-pingtan-htp-2024.txt", "047-pingtan-jjf-2025.txt", "048-pingtan-jjp-2025.txt", "049-pingtan-czj-2019.txt",
    "052-pingtan-htp-2020.txt",
])
def test_real_reports_without_a_date_defect_are_clean(name):
    assert run(DATA / name) == []


def test_zone_government_report_in_march_is_late_only_as_a_department():
    # 平潭综合实验区 is the zone's own report (government, 3月31日); forced to department it is late.
    path = DATA / "003-pingtan-zhqgwh-2020.txt"
    assert run(path) == []
    assert run(path, organ_kind="department") == [
        ("D302", "error", 2, 7, "发布日期2021年3月5日晚于法定期限2021年1月31日（按县级以上人民政府部门，《条例》第四十九条）"),
    ]


def test_period_split_over_pdf_lines_in_the_wrong_year(tmp_path):
    text = (DATA / "013-huaian-hongze-district-2023.txt").read_text(encoding="utf-8")
    text = text.replace("起至 2023 年 12 月 31 日止", "起至 2022 年 12 月 31 日止")
    assert run(write(tmp_path, "013.txt", text)) == [
        ("D201", "error", 6, 16, "统计期限为2023年1月1日起至2022年12月31日，与报告年度2023年不符，应为2023年1月1日至2023年12月31日"),
    ]


# -- deadlines on the day and the day after ------------------------------------------------------

DEPT = "牡丹江市住房和城乡建设局{year}年政府信息公开工作年度报告\n\n{date}\n\n本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。\n"
GOV = "淮安市洪泽区人民政府\n{year} 年政府信息公开工作年度报告\n\n（{date}）\n\n统计期限自 {year} 年 1 月 1 日起至 {year} 年 12 月 31 日止。\n"
OFFICE = "{year}年上海市人民政府办公厅政府信息公开工作年度报告\n发布日期：{date}\n本年度报告中所列数据统计期限从{year}年1月1日到12月31日止。\n"


@pytest.mark.parametrize("template, year, on_time, late, deadline, organ, basis, line, col", [
    (DEPT, 2020, "2021年1月31日", "2021年2月1日", "2021年1月31日", "县级以上人民政府部门", "《条例》第四十九条", 3, 1),
    (GOV, 2023, "2024年3月31日", "2024年4月1日", "2024年3月31日", "县级以上地方人民政府", "《条例》第四十九条", 4, 2),
    (OFFICE, 2019, "2020-01-31", "2020-02-01", "2020年1月31日", "县级以上人民政府部门", "《条例》第四十九条", 2, 6),
    (DEPT, 2018, "2019年3月31日", "2019年4月1日", "2019年3月31日", "各级行政机关", "2008年《条例》第三十一条", 3, 1),
])
def test_deadline_day_and_day_after(tmp_path, template, year, on_time, late, deadline, organ, basis, line, col):
    assert run(write(tmp_path, "ok.txt", template.format(year=year, date=on_time))) == []
    shown = late if "年" in late else "{}年{}月{}日".format(*(int(x) for x in late.split("-")))
    assert run(write(tmp_path, "late.txt", template.format(year=year, date=late))) == [
        ("D302", "error", line, col, f"发布日期{shown}晚于法定期限{deadline}（按{organ}，{basis}）"),
    ]


# -- no dates, --today, quoted dates ---------------------------------------------------------


def test_report_with_no_date_at_all(tmp_path):
    # no date, so no date defect; but no statistical period either (D204, info, at the title's year)
    p = write(tmp_path, "nodate.txt", "某县人民政府2021年政府信息公开工作年度报告\n\n一、总体情况\n\n2021年，我县……\n")
    assert run(p) == [("D204", "info", 1, 7, "报告未写明统计期限，无法核对数据是否为2021年1月1日至2021年12月31日的数据")]


def test_without_publication_date_dates_are_compared_with_today(tmp_path):
    p = write(tmp_path, "today.txt", "某县人民政府2021年政府信息公开工作年度报告\n\n本报告统计期限为2021年1月1日至2021年12月31日。\n\n"
              "一、总体情况\n\n截至2022年5月10日，共受理申请3件。\n")
    assert run(p, today=date(2022, 6, 1)) == []
    assert run(p, today=date(2022, 5, 9)) == [
        ("D401", "warning", 7, 3, "日期2022年5月10日晚于检查当日2022年5月9日"),
    ]


def test_quoted_dates_are_not_the_publication_date(tmp_path):
    text = (
        "某市发展和改革委员会2021年政府信息公开工作年度报告\n\n2022年1月20日\n\n"
        "依据《中华人民共和国政府信息公开条例》（2019年5月15日起施行）和国办公开办函〔2021〕30号"
        "（2021年9月26日印发）编制本报告。本报告所列数据统计期限为2021年1月1日至2021年12月31日。\n"
        "下一步，我委将于2022年6月底前完成专栏改版，2022年3月1日前完成目录调整。\n"
    )
    assert run(write(tmp_path, "quoted.txt", text)) == []
    # The same sentence without the plan words is a date the report cannot know yet.
    later = text.replace("下一步，我委将于2022年6月底前完成专栏改版，2022年3月1日前完成目录调整。",
                         "2022年3月1日，专栏改版上线。")
    assert run(write(tmp_path, "later.txt", later)) == [
        ("D401", "warning", 6, 1, "日期2022年3月1日晚于发布日期2022年1月20日"),
    ]


# -- the checker functions directly ------------------------------------------------------------


def test_organ_kinds_from_the_schema():
    from disclint.rules.loader import load_files

    kinds = {k.name: k for k in dates_plugin.disclint_checker_kinds()}
    rs = load_files([rules_dir() / "dates.yaml"], kinds)["dates"]
    organs = rs.schemas["organ-kinds"]
    kind = dates_plugin.organ_kind_of
    agency = dates_plugin.agency_from_title
    assert agency("标题: 平潭综合实验区2019年度政府信息公开工作年度报告") == "平潭综合实验区"
    assert agency("2024 年上海市科委政府信息公开工作年度报告") == "上海市科委"
    assert kind(agency("2025年上海市人民政府办公厅政府信息公开工作年度报告"), organs) == "department"
    assert kind(agency("淮安市洪泽区人民政府2024年政府信息公开工作年度报告"), organs) == "government"
    assert kind("平潭综合实验区管委会", organs) == "government"
    assert kind("平潭综合实验区管委会办公室", organs) == "department"
    assert kind("苏州工业园区管理委员会", organs) == "government"
    assert kind("某市发展和改革委员会", organs) == "department"
    assert kind("平潭综合实验区地方税务局", organs) == "department"
    assert kind("上海市科委", organs) == "department"
    assert kind("平潭综合实验区", organs) == "government"
    assert kind("", organs) is None


def test_a_province_can_tighten_the_deadline_through_the_schema(tmp_path):
    from disclint.rules.loader import load_files

    province = write(tmp_path, "hunan.yaml", (
        "name: huaihua\nextends: [dates]\napplies-to: {from: 2021}\n"
        "schemas:\n  publication-deadlines:\n"
        "    - {from: 2021, department: \"01-28\", government: \"02-20\", basis: 怀化市通知}\n"
    ))
    kinds = {k.name: k for k in dates_plugin.disclint_checker_kinds()}
    rs = load_files([rules_dir() / "dates.yaml", province], kinds)["huaihua"]
    doc_path = write(tmp_path, "r.txt", DEPT.format(year=2021, date="2022年1月29日"))
    doc = read_text(str(doc_path), doc_path.read_bytes())
    ctx = Context(doc, rs, Options(today=TODAY), 2021, None)
    rule = rs.rules["D302"]
    found = list(dates_plugin.check_publication(doc, rule, ctx))
    assert [rule.message.format(**f.values) for f in found] == [
        "发布日期2022年1月29日晚于法定期限2022年1月28日（按县级以上人民政府部门，怀化市通知）"]
    assert (found[0].span.start.line, found[0].span.start.column) == (3, 1)


@pytest.mark.parametrize("name, published, line, column", [
    ("001-shanghai-szfbgt-2019.html", date(2020, 1, 31), 1, 117),  # 发布日期：2020-01-31, on the department deadline
    ("010-shuyang-fgj-2023.html", None, None, None),  # no date the text reader can tell is the publication
])
def test_scanned_html_read_as_text(name, published, line, column):
    """Until the HTML reader is in, the raw pages read as text still carry their dates."""
    from disclint.rules.loader import load_files

    path = DATA / name
    doc = read_text(str(path), path.read_bytes())
    kinds = {k.name: k for k in dates_plugin.disclint_checker_kinds()}
    rs = load_files([rules_dir() / "dates.yaml"], kinds)["dates"]
    year = int(name[-9:-5])
    ctx = Context(doc, rs, Options(today=TODAY), year, None)
    found = [(r.id, f.span.start.line, r.message.format(**f.values))
             for r in rs.enabled_rules() for f in kinds[r.check].check(doc, r, ctx)]
    assert found == []
    pub = ctx.cache["dates"].publication
    if published is None:
        assert pub is None
    else:
        assert pub.mention.as_date() == published
        assert (pub.span.start.line, pub.span.start.column) == (line, column)


def test_signing_organ_and_date_on_one_line_but_not_a_wrapped_sentence(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace(
        "\n2021年1月26日\n", "\n牡丹江市住房和城乡建设局 2021年7月15日\n\n我局于 2020 年 3 月 5 日\n开通了新专栏。\n")
    assert run(write(tmp_path, "signed.txt", text)) == [
        ("D302", "error", 5, 14, "发布日期2021年7月15日晚于法定期限2021年1月31日（按县级以上人民政府部门，《条例》第四十九条）"),
    ]


def test_cli_with_pinned_today_and_organ_kind(tmp_path):
    from click.testing import CliRunner

    from disclint.cli import main

    text = SEED.read_text(encoding="utf-8").replace("\n2021年1月26日\n", "\n2021年3月15日\n")
    p = write(tmp_path, "march.txt", text)
    runner = CliRunner()
    as_department = runner.invoke(main, ["check", "--today", "2026-06-01", "--format", "json", str(p)])
    as_government = runner.invoke(main, ["check", "--today", "2026-06-01", "--organ-kind", "government",
                                         "--format", "json", str(p)])
    def dates(result):
        assert result.exit_code in (0, 1), result.output
        return [(d["code"], d["line"], d["column"], d["message"]) for d in json.loads(result.stdout) if d["code"][0] == "D"]

    assert dates(as_department) == [
        ("D302", 5, 1, "发布日期2021年3月15日晚于法定期限2021年1月31日（按县级以上人民政府部门，《条例》第四十九条）")]
    assert as_department.exit_code == 1
    assert dates(as_government) == []


def test_unknown_organ_kind_uses_the_lenient_deadline_and_says_so(tmp_path):
    text = "2020年政府信息公开工作年度报告\n\n{}\n\n本报告所列数据的统计期限为2020年1月1日至2020年12月31日。\n"
    assert run(write(tmp_path, "march.txt", text.format("2021年3月31日"))) == []
    assert run(write(tmp_path, "april.txt", text.format("2021年4月1日"))) == [
        ("D302", "error", 3, 1, "发布日期2021年4月1日晚于法定期限2021年3月31日"
                                "（按县级以上地方人民政府（未能识别机关类型，按较宽期限），《条例》第四十九条）"),
    ]


# -- D501: the year named in the improvement plan -----------------------------------------


def test_027_plan_names_the_report_year():
    # 「六、主要问题和改进措施……2016年，我们将采取以下措施加以改进：」 in the 2016 report.
    assert run(DATA / "027-pingtan-zhqgwh-2016-legacy.txt") == [
        ("D501", "warning", 10, 4388, "改进计划写的是2016年（报告年度），应为下一年度2017年"),
    ]


@pytest.mark.parametrize("name", [
    "002-pingtan-zhqgwh-2019.txt",  # 「2020年，我们将采取以下措施加以改进」
    "005-pingtan-zhqgwh-2022.txt",  # 「2023年，我区将采取以下措施加以改进」
    "006-pingtan-zhqgwh-2023.txt",  # 「2024年，我区将采取以下措施加以改进」
    "007-pingtan-zhqgwh-2024.txt",  # 「2025年，将重点从以下方面做好改进」
    "014-huaian-hongze-district-2024.txt",  # 「针对存在问题，2025 年我们将切实抓好以下工作」
    "025-pingtan-zhqgwh-2014-legacy.txt",  # 「2015年，我区将进一步规范」
    "029-pingtan-lwtj-2019.txt",  # 「2020年，我局将认真贯彻落实」
])
def test_plans_naming_the_next_year_are_fine(name):
    assert [f for f in run(DATA / name) if f[0] == "D501"] == []


def _seed_plan(tmp_path, sentence, where="下一步，我局将根据省、市"):
    text = SEED.read_text(encoding="utf-8")
    assert where in text
    text = text.replace(where, sentence + where, 1)
    return write(tmp_path, "plan.txt", text), text.split("\n")


def test_seed_plan_in_the_report_year(tmp_path):
    p, lines = _seed_plan(tmp_path, "2020年，我局将继续完善制度。")
    assert [f for f in run(p) if f[0] == "D501"] == [
        ("D501", "warning", 89, 1, "改进计划写的是2020年（报告年度），应为下一年度2021年"),
    ]


@pytest.mark.parametrize("sentence", [
    "2021年，我局将继续完善制度。",  # the next year: right
    "2020年，我局将政务公开纳入绩效考核。",  # 将 as 把: a past deed, not a plan
    "2020年我局政务公开工作取得了明显成效，将继续完善制度。",  # the year is not the plan's
])
def test_seed_sentences_that_are_not_a_plan_in_the_report_year(tmp_path, sentence):
    p, _ = _seed_plan(tmp_path, sentence)
    assert [f for f in run(p) if f[0] == "D501"] == []


def test_seed_plan_outside_the_improvement_part_is_not_judged(tmp_path):
    p, _ = _seed_plan(tmp_path, "2020年，我局将继续完善制度。", where="一是进一步加强领导")
    assert [f for f in run(p) if f[0] == "D501"] != []  # still inside 五 (sanity of the helper)
    text = SEED.read_text(encoding="utf-8").replace("六、其他需要报告的事项\n", "六、其他需要报告的事项\n2020年，我局将继续完善制度。", 1)
    assert [f for f in run(write(tmp_path, "six.txt", text)) if f[0] == "D501"] == []


# -- issue 8 class 14: no statistical period at all ------------------------------------------

NO_PERIOD = "报告未写明统计期限，无法核对数据是否为{y}年1月1日至{y}年12月31日的数据"


@pytest.mark.parametrize("name,line,column,year", [
    ("031-pingtan-gaj-2021.txt", 1, 15, 2021),
    ("033-pingtan-jtj-2021.txt", 1, 18, 2021),  # MANIFEST: 「No statistical-period sentence」 too
    ("045-pingtan-zhz-2024.txt", 1, 23, 2024),
    ("050-pingtan-gaj-2019.txt", 1, 15, 2019),
])
def test_reports_that_state_no_period(name, line, column, year):
    assert run(DATA / name) == [("D204", "info", line, column, NO_PERIOD.format(y=year))]
    src = (DATA / name).read_text(encoding="utf-8").split("\n")[line - 1]
    assert src[column - 1:column + 3] == str(year)  # at the title's year


def _period_sentences():
    """Every real report with a stated period on one line: (path, line, start, end) of the period text."""
    lint = linter()
    for path in sorted(DATA.glob("*.txt")):
        doc = lint.read(str(path))
        rs, found = lint.choose(doc)
        ctx = Context(doc, rs, lint.options, found.year if found else None, found.span if found else None)
        if found is None or found.source != "title":
            continue  # the year comes from the period itself: without it the year is unknown
        an = dates_plugin.analyse(doc, ctx)
        for p in an.periods[:1]:
            if p.span.start.line == p.span.end.line and not p.empty:
                yield path, p.span.start.line, p.span.start.column, p.span.end.column


def test_deleting_the_period_gives_the_class_14_finding(tmp_path):
    tried = []
    for path, line, start, end in _period_sentences():
        before = run(path)
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[line - 1] = lines[line - 1][:start - 1] + lines[line - 1][end:]
        out = tmp_path / path.name
        out.write_text("\n".join(lines), encoding="utf-8")
        after = run(out)
        # columns after the cut move: compare findings by code and message
        new = [d for d in after if (d[0], d[4]) not in {(b[0], b[4]) for b in before}]
        text = "\n".join(b.text for b in linter().read(str(out)).text_blocks)
        if re.search(r"1月1日(?:起)?(?:至|到|—|-)(?:\d{4}年)?12月31日", re.sub(r"\s", "", text)):
            assert new == [], (path.name, new)  # 020: 「2013年1月1日至12月31日期间…未收到申请」 still says it
            continue
        assert [d[:2] for d in new] == [("D204", "info")], (path.name, new)
        gone = [d for d in before if (d[0], d[4]) not in {(a[0], a[4]) for a in after}]
        assert all(d[0] in ("D201", "D202", "D203") for d in gone)  # only the period's own
        tried.append(path.name)
    assert len(tried) >= 25


# -- issue 8 class 15: years in the text against the report year -------------------------------

def test_051_issued_in_the_report_year():
    assert run(DATA / "051-pingtan-jjf-2020.txt") == [
        ("D303", "warning", 10, 3397, "落款或印发日期2020年1月26日早于报告年度结束（2020年12月31日），年份应有误"),
    ]
    src = (DATA / "051-pingtan-jjf-2020.txt").read_text(encoding="utf-8").split("\n")[9]
    assert src[3396:].startswith("2020年1月26日印发")


def _year_edits(pattern):
    """(path, line, column, year) of each match of ``pattern`` (group ``year``) in the real reports."""
    import re

    for path in sorted(DATA.glob("*.txt")):
        for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            for m in re.finditer(pattern, line):
                yield path, i, m.start("year") + 1, int(m.group("year"))


def _report_year(path) -> int:
    lint = linter()
    doc = lint.read(str(path))
    _, found = lint.choose(doc)
    return found.year


def _edit_year(tmp_path, path, line, column, old, new) -> Path:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[line - 1][column - 1:column + 3] == str(old)
    lines[line - 1] = lines[line - 1][:column - 1] + str(new) + lines[line - 1][column + 3:]
    out = tmp_path / path.name
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


@pytest.mark.parametrize("code,pattern,shift,message", [
    # 「编制完成2020年政府信息公开工作年度报告」 → the next year
    ("D601", r"(?:编制完成|编制了|编制|公布|向社会公开)(?P<year>20\d\d)年度?[^。，《》]{0,20}?年度报告", 1,
     "正文称编制的是{new}年的年度报告，与报告年度{year}年不符，应为{year}年"),
    # 《…关于做好2019年政府信息公开工作年度报告编制公布工作的通知》 → the previous year's notice
    ("D602", r"《[^《》]{0,40}?(?P<year>20\d\d)年度?[^《》]{0,50}?年度报告[^《》]{0,20}?通知》", -1,
     "引用的年度报告编制通知为{new}年，与报告年度{year}年不符，应为{year}年的通知"),
    # 「……办公室 2023年1月9日印发」 → dated in the report year
    ("D303", r"(?P<year>20\d\d)年\d+月\d+日印发", -1,
     "落款或印发日期{new}{rest}早于报告年度结束（{year}年12月31日），年份应有误"),
])
def test_a_year_changed_in_the_text_is_found(tmp_path, code, pattern, shift, message):
    tried = []
    for path, line, column, year in _year_edits(pattern):
        src = path.read_text(encoding="utf-8").split("\n")[line - 1][:column]
        if code == "D601" and src.count("《") > src.count("》"):
            continue  # a cited title, not the report's own sentence
        report_year = _report_year(path)
        if year != report_year + (1 if code == "D303" else 0):
            continue  # only the years the report states correctly
        new = year + shift if code != "D303" else report_year
        changed = _edit_year(tmp_path, path, line, column, year, new)
        got = [d for d in run(changed) if d not in run(path)]
        assert len(got) == 1 and got[0][:4] == (code, "warning", line, column), (path.name, got)
        src = changed.read_text(encoding="utf-8").split("\n")[line - 1]
        rest = src[column + 3:src.index("日", column) + 1] if code == "D303" else ""
        assert got[0][4] == message.format(new=new, year=report_year, rest=rest), got
        tried.append(path.name)
    assert len(tried) >= (2 if code == "D303" else 5), tried


@pytest.mark.parametrize("sentence", [
    "2024年1月，我局编制发布2023年度政府信息公开工作年度报告。",  # a dated event of the year
    "我局按时编制发布2023年度政府信息公开工作年度报告。",  # last year's report, published on time
    "下一步，我局将按时编制2025年度政府信息公开工作年度报告。",  # a plan
])
def test_044_other_reports_named_in_the_text_are_not_this_one(tmp_path, sentence):
    src = DATA / "044-pingtan-lwtj-2024.txt"
    text = src.read_text(encoding="utf-8")
    anchor = "编制完成2024年度政府信息公开工作年度报告。"
    assert text.count(anchor) == 1
    out = write(tmp_path, src.name, text.replace(anchor, anchor + sentence))
    assert run(out) == run(src)


def test_044_the_report_named_with_the_next_year(tmp_path):
    # the case: a report compiled 「2025年度…」 in the 2024 report
    src = DATA / "044-pingtan-lwtj-2024.txt"
    out = write(tmp_path, src.name, src.read_text(encoding="utf-8").replace("编制完成2024年度", "编制完成2025年度"))
    line = next(i for i, ln in enumerate(out.read_text(encoding="utf-8").split("\n"), 1) if "编制完成2025年度" in ln)
    col = out.read_text(encoding="utf-8").split("\n")[line - 1].index("2025年度") + 1
    assert [d for d in run(out) if d not in run(src)] == [
        ("D601", "warning", line, col, "正文称编制的是2025年的年度报告，与报告年度2024年不符，应为2024年"),
    ]


# -- D502 and D501, held-out class M5: a stale year copied from another report -------------

_STATS_HEAD = r"(?<=[。：:\n]){y}年(?:度)?，?(?=[^。；\d]{{0,12}}(?:主动公开|制作、获取|收到|受理)[^。；\d]{{0,20}}\d+[条件])"


def _stats_sentences():
    """(report, report year, offset of the year) of the first sentence headed by the report year
    and stating a count (「。2022年，全区共收到政府信息公开申请154件」), in every real report."""
    out = []
    for path in sorted(DATA.glob("*.txt")):
        y = int(re.search(r"-(\d{4})", path.name).group(1))
        text = path.read_text(encoding="utf-8")
        m = re.search(_STATS_HEAD.format(y=y), text)
        if m:
            out.append((path, y, m.start()))
    return out


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_statistics_sentence_headed_by_another_year(tmp_path):
    # 127: 「（一）主动公开政府信息的数量2024年制作、获取政府信息总数467条」 in the 2025 report.
    cases = _stats_sentences()
    assert len(cases) >= 8
    for path, y, at in cases:
        text = path.read_text(encoding="utf-8")
        before = run(path)
        assert [f for f in before if f[0] == "D502"] == [], path.name
        line, col = _line_col(text, at)
        changed = write(tmp_path, path.name, text[:at] + str(y - 1) + text[at + 4 :])
        after = run(changed)
        assert [f for f in after if f[0] != "D502"] == before, path.name
        assert [f for f in after if f[0] == "D502"] == [
            ("D502", "warning", line, col, f"统计数字前写的年份是{y - 1}年，与报告年度{y}年不符，应为{y}年"),
        ], path.name


@pytest.mark.parametrize("other", ["{y}年3月", "{y}年以来累计", "截至{y}年底"])
def test_statistics_of_another_period_are_not_judged(tmp_path, other):
    # a date, an accumulation and a 截至 date name another period, not the report's year
    for path, y, at in _stats_sentences():
        text = path.read_text(encoding="utf-8")
        changed = write(tmp_path, path.name, text[:at] + other.format(y=y - 1) + text[at + 4 + (1 if text[at + 4] == "年" else 0):])
        assert [f for f in run(changed) if f[0] == "D502"] == [], path.name


@pytest.mark.parametrize("lead, comma", [("（二）改进措施。", "，"), ("", "")])
def test_improvement_plan_in_the_report_year_with_any_plan_verb(tmp_path, lead, comma):
    # 111: 「（二）改进措施。2021年，我局将坚持以……」 in the 2021 report (将坚持 was not read as a plan);
    # held-out 228: the plan glued to the heading of a flattened page, without a comma
    # (「五、存在的主要问题及改进情况2020年我局将进一步……」)
    tried = 0
    for path in sorted(DATA.glob("*.txt")):
        y = int(re.search(r"-(\d{4})", path.name).group(1))
        text = path.read_text(encoding="utf-8")
        head = "五、存在的主要问题及改进情况"
        if y < 2019 or text.count(head) != 1:
            continue
        at = text.index(head) + len(head)
        line, col = _line_col(text, at)
        before = [f for f in run(path) if f[0] == "D501"]
        for verb in ("坚持", "推动", "强化"):
            plan = f"{lead}{y}年{comma}我局将{verb}依法公开。"
            changed = write(tmp_path, path.name, text[:at] + plan + text[at:])
            expected = ("D501", "warning", line, col + plan.index(str(y)), f"改进计划写的是{y}年（报告年度），应为下一年度{y + 1}年")
            shifted = [(c, s, ln, k + len(plan) if ln == line and k >= col else k, m) for c, s, ln, k, m in before]
            assert sorted(f for f in run(changed) if f[0] == "D501") == sorted(shifted + [expected]), (path.name, verb)
            right = plan.replace(f"{y}年", f"{y + 1}年")
            changed = write(tmp_path, path.name, text[:at] + right + text[at:])
            shifted = [(c, s, ln, k + len(right) if ln == line and k >= col else k, m) for c, s, ln, k, m in before]
            assert sorted(f for f in run(changed) if f[0] == "D501") == sorted(shifted), (path.name, verb)
        tried += 1
    assert tried >= 10


# -- held-out 204: a period stated in other words -------------------------------------------

def _rephrased(tmp_path, path, line, start, end, words):
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1][:start - 1] + words + lines[line - 1][end:]
    out = tmp_path / path.name
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def test_a_period_stated_in_other_words_is_the_period(tmp_path):
    # 204: 「内容涵盖2019年9月1日至12月31日期间的政府信息公开工作情况」 states a period (not the
    # whole year: D202, as 029's 「统计期限为2019年9月1日至2019年12月31日」 gets), never D204. Every
    # real report's period sentence rewritten so: the same findings, its own D2xx replaced by
    # that D202 at the rewritten clause; written for the whole year in those words, none.
    tried = 0
    for path, line, start, end in _period_sentences():
        before = [d for d in run(path) if d[0] not in ("D201", "D202")]
        year = int(re.search(r"-((?:19|20)\d\d)\b", path.name).group(1))
        partial = _rephrased(tmp_path, path, line, start, end, f"，内容涵盖{year}年9月1日至12月31日期间")
        got = run(partial)
        d202 = ("D202", "error", line, start + 1,
                f"统计期限为{year}年9月1日至12月31日，不是完整的报告年度，应为{year}年1月1日至{year}年12月31日")
        if d202 not in got:  # the title's year is not the file name's (a reprint): skip it
            continue
        # columns after the rewrite move: compare the rest by code and message
        assert sorted((d[0], d[4]) for d in got if d != d202) == sorted((d[0], d[4]) for d in before), path.name
        whole = _rephrased(tmp_path, path, line, start, end, f"，时间范围为{year}年1月1日至{year}年12月31日")
        assert sorted((d[0], d[4]) for d in run(whole)) == sorted((d[0], d[4]) for d in before), path.name
        tried += 1
    assert tried >= 25


def test_a_date_range_that_says_nothing_of_the_report_is_no_period(tmp_path):
    # a range in a clause of its own (「，2021年5月1日至5月31日开展专项检查」) is an activity's
    # dates, not the report's period: the report states none (D204), no D202
    for path, line, start, end in list(_period_sentences())[:8]:
        year = int(re.search(r"-((?:19|20)\d\d)\b", path.name).group(1))
        got = run(_rephrased(tmp_path, path, line, start, end, f"，{year}年5月1日至5月31日开展专项检查"))
        codes = [d[0] for d in got]
        assert "D204" in codes and "D202" not in codes, (path.name, got)


def test_a_span_of_time_alone_states_a_period_but_is_not_compared(tmp_path):
    # 「，2019年9月1日至12月31日期间」 or 「，自…至…」 with nothing saying it is the report's period:
    # the report does name a period (no D204), but nothing says it is the report's (no D202)
    tried = 0
    for path, line, start, end in list(_period_sentences())[:8]:
        year = int(re.search(r"-((?:19|20)\d\d)\b", path.name).group(1))
        for words in (f"，{year}年9月1日至12月31日期间", f"，自{year}年9月1日至12月31日"):
            codes = [d[0] for d in run(_rephrased(tmp_path, path, line, start, end, words))]
            assert "D204" not in codes and "D202" not in codes, (path.name, words, codes)
        tried += 1
    assert tried == 8


def test_the_running_text_is_normalised_once_per_document(monkeypatch):
    """The period search and the year checks (D502, D601, D602) share one normalisation of
    the document's running text; the findings stay the same."""
    path = DATA / "027-pingtan-zhqgwh-2016-legacy.txt"
    want = run(path)
    folded = dates_plugin.normalize_with_map
    texts: list[str] = []

    def counted(text):
        texts.append(text)
        return folded(text)

    monkeypatch.setattr(dates_plugin, "normalize_with_map", counted)
    assert run(path) == want == [
        ("D501", "warning", 10, 4388, "改进计划写的是2016年（报告年度），应为下一年度2017年"),
    ]
    long = [t for t in texts if len(t) > 1000]  # the whole running text, not a label or a clause
    assert len(long) == 1
