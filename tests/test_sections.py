"""The six-sections check (S1xx) on real reports: exact codes, lines, columns and messages."""

from conftest import REAL, SEED, codes, findings


def test_seed_has_no_section_finding():
    assert codes(findings(SEED), "S") == []


def test_clean_reports_have_no_section_finding():
    for name in ("002-pingtan-zhqgwh-2019.txt", "004-pingtan-zhqgwh-2021.txt", "013-huaian-hongze-district-2023.txt", "015-huaian-city-2024.txt", "030-pingtan-scjg-2019.txt"):
        assert codes(findings(REAL / name), "S") == [], name


def test_misspelt_heading_is_one_wrong_title_finding():
    # 005: 四、政府信息公开行政法复议、行政诉讼情况 (an extra 法) inside a flattened page.
    items = [d for d in findings(REAL / "005-pingtan-zhqgwh-2022.txt") if d["code"].startswith("S")]
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in items] == [("S104", 10, 3175, "error")]
    assert items[0]["message"] == "标题「四、政府信息公开行政法复议、行政诉讼情况」与格式规定的「四、政府信息公开行政复议、行政诉讼情况」不一致"
    assert items[0]["name"] == "section-title-wrong"


def test_missing_section_points_where_it_should_have_been():
    # 011: tables renumbered 一、二、三、, then 五、其他需要报告的事项, no 存在的主要问题 heading
    # (its matter is there under 「（一）主要问题」: the heading is missing, a warning).
    items = [d for d in findings(REAL / "011-shanghai-stcsm-2024.md") if d["code"].startswith("S")]
    assert [(d["code"], d["line"], d["column"]) for d in items] == [
        ("S105", 73, 1),
        ("S105", 91, 1),
        ("S105", 180, 1),
        ("S105", 205, 1),
        ("S109", 205, 1),
    ]
    missing = items[4]
    assert missing["severity"] == "warning"
    assert missing["message"] == "第五部分缺少标题「五、存在的主要问题及改进情况」（应位于「五、其他需要报告的事项」之前；其内容似乎在「（一）主要问题」等小标题下）"
    assert items[0]["message"] == "标题「一、主动公开政府信息情况」的编号「一」有误，应为「二、主动公开政府信息情况」"


def test_heading_lost_but_content_present_is_a_warning():
    # 012: the converter lost 五's heading; （一）…改进情况 / （二）…主要问题 remain.
    items = [d for d in findings(REAL / "012-shanghai-szfbgt-2025.md") if d["code"].startswith("S")]
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in items] == [("S109", 214, 1, "warning")]


def test_section_truly_missing_is_an_error(tmp_path):
    report = tmp_path / "missing.txt"
    report.write_text(
        "某局2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n三、收到和处理政府信息公开申请情况\n正文。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n正文。\n六、其他需要报告的事项\n无。\n",
        encoding="utf-8",
    )
    items = [d for d in findings(report) if d["code"].startswith("S")]
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in items] == [("S101", 10, 1, "error")]
    assert items[0]["message"] == "缺少第五部分「五、存在的主要问题及改进情况」（应位于「六、其他需要报告的事项」之前）"


def test_duplicate_number_is_caught():
    # 029: two 二、 headings and no 三、.
    items = codes(findings(REAL / "029-pingtan-lwtj-2019.txt"), "S")
    assert items == [("S105", 10, 1703)]


def test_variant_title_is_a_warning_naming_the_official_title():
    items = [d for d in findings(REAL / "009-shuyang-county-2025.txt") if d["code"].startswith("S")]
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in items] == [("S103", 175, 4, "warning")]
    assert "格式规定为「五、存在的主要问题及改进情况」" in items[0]["message"]


def test_table_labels_and_numbered_points_are_not_headings():
    # 013 has table rows 一、本年新收… 四、结转下年度继续办理 on their own lines.
    assert codes(findings(REAL / "013-huaian-hongze-district-2023.txt"), "S") == []


def test_legacy_report_gets_one_note_not_dozens():
    items = findings(REAL / "017-pingtan-zhqgwh-2018-legacy.txt")
    assert [d["code"] for d in items if d["code"][0] in "ST"] == []
    notes = [d for d in items if d["code"] == "X012"]
    assert len(notes) == 1 and notes[0]["severity"] == "info" and notes[0]["line"] == 1


def test_table_of_contents_is_not_a_heading(tmp_path):
    report = tmp_path / "toc.txt"
    report.write_text(
        "某局2021年政府信息公开工作年度报告\n"
        "本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；"
        "四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。\n"
        "一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n三、收到和处理政府信息公开申请情况\n正文。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n正文。\n六、其他需要报告的事项\n无。\n",
        encoding="utf-8",
    )
    items = [d for d in findings(report) if d["code"].startswith("S")]
    assert [(d["code"], d["line"], d["column"]) for d in items] == [("S101", 11, 1)]


def test_out_of_order_and_empty_sections(tmp_path):
    report = tmp_path / "order.txt"
    report.write_text(
        "某局2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n三、收到和处理政府信息公开申请情况\n正文。\n"
        "二、主动公开政府信息情况\n正文。\n四、政府信息公开行政复议、行政诉讼情况\n"
        "五、存在的主要问题及改进情况\n正文。\n六、其他需要报告的事项\n无。\n",
        encoding="utf-8",
    )
    items = [d for d in findings(report) if d["code"].startswith("S")]
    assert [(d["code"], d["line"]) for d in items] == [("S102", 6), ("S107", 8)]
    assert items[0]["message"] == "「二、主动公开政府信息情况」出现在「三、收到和处理政府信息公开申请情况」之后，顺序不符合格式"
    assert items[1]["message"] == "「四、政府信息公开行政复议、行政诉讼情况」部分没有内容"


def test_nonstandard_report_title_is_a_warning():
    # 010: 「…政府信息公开年度报告」 (工作 missing), in the page's HTML.
    items = [d for d in findings(REAL / "010-shuyang-fgj-2023.html") if d["code"] == "S108"]
    assert [(d["line"], d["column"], d["severity"]) for d in items] == [(20, 28, "warning")]
    assert items[0]["message"] == "报告标题「沭阳县发展和改革局2023年政府信息公开年度报告」未使用规范名称「政府信息公开工作年度报告」"


def test_html_section_heading_with_wrong_words():
    # 010: 五、存在的主要问题及整改措施 (the format says 改进情况).
    items = [d for d in findings(REAL / "010-shuyang-fgj-2023.html") if d["code"].startswith("S1") and d["code"] != "S108"]
    assert [(d["code"], d["line"], d["column"]) for d in items] == [("S104", 1197, 177)]


def test_whole_corpus_section_findings_are_the_verified_ones():
    # Every real report: the S1 findings (the report title, S108, aside) are exactly the
    # defects MANIFEST.tsv records; a report whose headings are as prescribed gets none.
    seen = {}
    for path in sorted(REAL.iterdir()):
        if path.suffix == ".tsv":
            continue
        got = [c for c in codes(findings(path), "S1") if c[0] != "S108"]
        if got:
            seen[path.name[:3]] = got
    assert seen == {
        "001": [("S103", 1, 24985)],  # 五、政府信息公开工作存在的主要问题及改进情况 (a known variant)
        "005": [("S104", 10, 3175)],  # 行政法复议
        "009": [("S103", 175, 4)],
        "010": [("S104", 1197, 177)],  # 整改措施
        "011": [("S105", 73, 1), ("S105", 91, 1), ("S105", 180, 1), ("S105", 205, 1), ("S109", 205, 1)],
        "012": [("S109", 214, 1)],
        # A fragment of 015 (section 三 only): the other five parts are not in the file.
        "016": [("S101", 8, 1), ("S101", 8, 1), ("S101", 9, 1623), ("S101", 9, 1623), ("S101", 9, 1623)],
        "029": [("S105", 10, 1703)],  # two 二、
        "036": [("S104", 10, 2166)],  # 行政法复议
        "040": [("S104", 10, 2825)],  # 六、需要说明的其他事项与附表
        # 五、信息处理费收取情况 inserted, 存在的主要问题 as 六 (wording differs), no 其他需要报告的事项.
        "042": [("S110", 10, 2113), ("S103", 10, 2160), ("S101", 10, 2397)],  # 问题和改进情况: joiner only
        "046": [("S103", 10, 2127)],  # 及改进措施: the variant 和改进措施 with another joiner
        "047": [("S103", 10, 2025)],  # 复议与行政诉讼: joiner only
        "048": [("S110", 10, 2386), ("S103", 10, 2424), ("S101", 10, 2693)],
    }


def test_heading_with_an_ideographic_space_after_it():
    # 052: 「一、总体情况\u3000（一）…」 and 三's heading followed by its table's note in one short
    # block (「三、收到和处理政府信息公开申请情况（本列数据的钩稽关系为：…）」): all six found.
    assert codes(findings(REAL / "052-pingtan-htp-2020.txt"), "S") == []
