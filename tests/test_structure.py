"""Structure checks (S2xx): the introduction's outline against the body, and numbered sub-headings."""

from pathlib import Path

from conftest import REAL, SEED, codes, findings, run_cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _s2(path, *extra):
    return [d for d in findings(path, *extra) if d["code"].startswith("S2")]


def test_extra_part_not_announced_in_intro():
    # 023: intro 「本报告由概述、…、政府信息公开情况统计表共五个部分组成」, body inserts 二、重点领域….
    items = _s2(REAL / "023-pingtan-zhqgwh-2012-legacy.txt")
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in items] == [("S202", 10, 1064, "warning")]
    assert items[0]["message"] == (
        "正文标题「二、重点领域政府信息公开情况」不在引言所列的五个部分之中（引言列出：概述、主动公开政府信息情况、"
        "政府信息依申请公开工作情况、政府信息公开工作存在的主要问题及改进情况、政府信息公开情况统计表）"
    )
    assert items[0]["name"] == "intro-part-extra"


def test_heading_renamed_from_the_intro():
    # 025: intro names 「政府信息公开工作存在的主要问题及改进情况」, heading 「五、主要问题和改进措施」.
    items = _s2(REAL / "025-pingtan-zhqgwh-2014-legacy.txt")
    assert [(d["code"], d["line"], d["column"]) for d in items] == [("S203", 10, 3471)]
    assert items[0]["message"] == "标题「五、主要问题和改进措施」与引言所列第五部分「政府信息公开工作存在的主要问题及改进情况」不一致"
    # 026 and 027 copy the same intro and heading (as 六、); checked by hand.
    assert codes(_s2(REAL / "026-pingtan-zhqgwh-2015-legacy.txt")) == [("S203", 10, 4572)]
    assert codes(_s2(REAL / "027-pingtan-zhqgwh-2016-legacy.txt")) == [("S203", 10, 4251)]


def test_intro_and_headings_that_agree_give_nothing():
    # The intros use other wordings of the same parts (「因政府信息公开申请行政复议、提起行政诉讼的情况」
    # for 「四、政府信息公开行政复议、行政诉讼情况」, 「…办理情况」 for 「…工作情况」, the 统计表 as an
    # unnumbered annex, 「六、平潭综合实验区政府信息公开情况统计表」): all the same part.
    for name in (
        "002-pingtan-zhqgwh-2019.txt", "003-pingtan-zhqgwh-2020.txt", "004-pingtan-zhqgwh-2021.txt",
        "007-pingtan-zhqgwh-2024.txt", "008-pingtan-zhqgwh-2025.txt", "017-pingtan-zhqgwh-2018-legacy.txt",
        "018-pingtan-county-2011-legacy.txt", "022-pingtan-zhqgwh-2011-legacy.txt", "024-pingtan-zhqgwh-2013-legacy.txt",
        "028-pingtan-zhqgwh-2017-legacy.txt", "030-pingtan-scjg-2019.txt",
    ):
        assert _s2(REAL / name) == [], name
    assert _s2(SEED) == []


def test_missing_mandated_part_is_reported_once_by_s109():
    # 011: the intro lists 存在的主要问题及改进情况, the body has no such heading. S109 says so;
    # S204 does not repeat it (the part is one of the six mandated sections).
    items = findings(REAL / "011-shanghai-stcsm-2024.md")
    assert [d["code"] for d in items if d["code"] in ("S109", "S204")] == ["S109"]
    assert _s2(REAL / "011-shanghai-stcsm-2024.md") == []


def test_whole_corpus_fires_only_where_verified():
    seen = {}
    for path in sorted(REAL.iterdir()):
        if path.suffix in (".tsv", ".pdf"):
            continue
        got = codes(_s2(path))
        if got:
            seen[path.name[:3]] = got
    for path in sorted(EXAMPLES.iterdir()):
        assert _s2(path) == [], path.name
    assert seen == {
        "023": [("S202", 10, 1064)],
        "025": [("S203", 10, 3471)],
        "026": [("S203", 10, 4572)],
        "027": [("S203", 10, 4251)],
        # 040: the intro names seven parts (a duplicated legacy fragment 「提起行政诉讼的情况」) for 「六部分」.
        "040": [("S201", 10, 169)],
    }


def _legacy(tmp_path, body: str) -> Path:
    path = tmp_path / "legacy.txt"
    path.write_text("某县2015年政府信息公开工作年度报告\n" + body, encoding="utf-8")
    return path


def test_intro_count_differs_from_names(tmp_path):
    path = _legacy(
        tmp_path,
        "本报告由概述、主动公开政府信息情况、政府信息依申请公开工作情况和政府信息公开情况统计表共五个部分组成。\n"
        "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、政府信息依申请公开工作情况\n正文。\n附件：政府信息公开情况统计表\n",
    )
    items = _s2(path)
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in items] == [("S201", 2, 45, "error")]
    assert items[0]["message"] == (
        "引言称报告共五个部分，但列出的部分有4个：概述、主动公开政府信息情况、政府信息依申请公开工作情况、政府信息公开情况统计表"
    )


def test_announced_part_nowhere_in_a_legacy_report(tmp_path):
    path = _legacy(
        tmp_path,
        "本报告由概述、主动公开政府信息情况、政府信息依申请公开工作情况和政府信息公开情况统计表共四个部分组成。\n"
        "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、政府信息依申请公开工作情况\n正文。\n",
    )
    items = _s2(path)
    assert [(d["code"], d["line"], d["column"]) for d in items] == [("S204", 2, 1)]
    assert items[0]["message"] == "引言所列第四部分「政府信息公开情况统计表」在正文中既没有标题，也没有相应内容"
    # With the table as an unnumbered annex the part is there.
    path.write_text(path.read_text(encoding="utf-8") + "附件：政府信息公开情况统计表\n", encoding="utf-8")
    assert _s2(path) == []


def test_count_only_intro_against_more_headings(tmp_path):
    path = _legacy(tmp_path, "本报告共分三个部分。\n一、概述\n正文。\n二、主动公开\n正文。\n三、依申请公开\n正文。\n四、问题\n正文。\n")
    items = _s2(path)
    assert [(d["code"], d["line"], d["column"]) for d in items] == [("S207", 2, 6)]
    assert items[0]["message"] == "引言称报告共三个部分，正文却有4个一级标题（一、二、三、四）"


def test_empty_subheading(tmp_path):
    path = _legacy(
        tmp_path,
        "二、主动公开政府信息情况\n（一）主动公开政府信息的数量\n全年主动公开4970条。\n（二）主动公开政府信息的主要类别\n"
        "（三）主动公开政府信息的主要形式\n门户网站。\n",
    )
    items = _s2(path)
    assert [(d["code"], d["line"], d["column"]) for d in items] == [("S205", 5, 1)]
    assert items[0]["message"] == "小标题「（二）主动公开政府信息的主要类别」下没有内容，紧接着就是「（三）主动公开政府信息的主要形式」"


def test_empty_subheading_in_a_flattened_page_and_before_the_next_section(tmp_path):
    path = _legacy(tmp_path, "二、主动公开 （一）数量 全年公开10条。 （二）主要形式 三、依申请公开 未收到申请。\n")
    items = _s2(path)
    assert [(d["code"], d["line"], d["column"]) for d in items] == [("S205", 2, 23)]
    assert items[0]["message"] == "小标题「（二）主要形式」下没有内容，紧接着就是「三、依申请公开」"


def test_a_list_of_bare_items_is_not_empty_headings(tmp_path):
    path = _legacy(tmp_path, "二、主动公开政府信息情况\n主要类别：\n（一）规划计划\n（二）财政资金\n（三）行政许可\n三、依申请公开\n无。\n")
    assert _s2(path) == []


def test_a_subheading_with_children_is_not_empty(tmp_path):
    path = _legacy(tmp_path, "二、主动公开政府信息情况\n（一）主要形式\n1.门户网站\n2.公众查阅点\n（二）数量\n全年10条。\n")
    assert _s2(path) == []


def test_subheading_number_skipped(tmp_path):
    path = _legacy(
        tmp_path,
        "二、主动公开政府信息情况\n（一）数量\n全年10条。\n（二）类别\n规划计划。\n（四）形式\n门户网站。\n"
        "三、依申请公开\n（一）收到申请\n无。\n（二）处理\n无。\n",
    )
    items = _s2(path)
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in items] == [("S206", 7, 1, "warning")]
    assert items[0]["message"] == "小标题编号「（四）」不连续：前一个是「（二）」，应为「（三）」"


def test_arabic_number_repeated(tmp_path):
    path = _legacy(tmp_path, "二、主动公开政府信息情况\n（一）形式\n1.门户网站。\n2.公众查阅点。\n2.政务公开栏。\n（二）数量\n1.网站10条。\n")
    items = _s2(path)
    assert [(d["code"], d["line"], d["column"]) for d in items] == [("S206", 6, 1)]
    assert items[0]["message"] == "小标题编号「2.」不连续：前一个是「2.」，应为「3.」"


def test_numbering_restarts_and_glued_markers_are_not_gaps(tmp_path):
    # （一） glued to the heading title (a flattened page) is still （一）: （二）（三） follow on.
    # 1. restarts under each （N）; a new list may restart at 1 in the same section.
    path = _legacy(
        tmp_path,
        "二、主动公开政府信息情况（一）数量全年10条。 （二）类别 1.规划。 2.财政。 （三）形式 1.网站。 2.查阅点。 "
        "三、依申请公开 （一）收到 无。 （二）处理 无。\n",
    )
    assert _s2(path) == []
    # 1. glued after a word: the skipped number is there, so 1. → 3. is no gap.
    path = _legacy(tmp_path, "二、主动公开 （一）形式 1.网站。在查阅点2.公众查阅点。 3.公开栏。\n")
    assert _s2(path) == []


def test_table_rows_are_not_subheadings(tmp_path):
    # 表三 rows （一）予以公开 … （三）不予公开 live in a table; they never count.
    path = tmp_path / "t.md"
    path.write_text(
        "# 某局2021年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n（一）收到申请\n\n全年10件。\n\n"
        "| 项目 | 总计 |\n| --- | --- |\n| （一）予以公开 | 1 |\n| （三）不予公开 | 0 |\n\n（二）处理\n\n全部办结。\n",
        encoding="utf-8",
    )
    assert _s2(path) == []


def test_rule_documentation():
    code, out, _ = run_cli("rule", "S205")
    assert code == 0 and "小标题" in out


def test_many_markers_are_read_without_error(tmp_path):
    # Hostile input: 500 sections, each with an empty （一） and a skipped （三）.
    body = "本报告由概述、主动公开政府信息情况共二个部分组成。\n" + "一、概述情况\n（一）标题\n（三）标题\n1.网站\n2.网站\n" * 500
    items = _s2(_legacy(tmp_path, body))
    assert len([d for d in items if d["code"] == "S205"]) == 500
    assert len([d for d in items if d["code"] == "S206"]) == 500
    # The headings restart (一、 500 times): only the part named nowhere is reported.
    assert [(d["code"], d["message"]) for d in items if d["code"] not in ("S205", "S206")] == [
        ("S204", "引言所列第二部分「主动公开政府信息情况」在正文中既没有标题，也没有相应内容")
    ]
