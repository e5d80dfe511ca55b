"""The review page's facts (disclint.review) on the real reports, and the page as HTML.

Every finding of every real report sits on the text at the position the JSON output
gives; the tables panel holds the numbers the balance checks used (003's failing 表三
column sums, 013's two 表四 totals, 015 clean). The browser test is test_review_browser.
"""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from disclint import review
from disclint.checking import Options
from disclint.engine import Linter
from disclint.reporters import review_html

REAL = Path(__file__).parent / "data" / "real"


@pytest.fixture(scope="module")
def corpus():
    linter = Linter(Options(today=date(2026, 12, 2)))
    results = linter.check_paths([str(REAL)])
    return linter, results, {Path(r.path).name: review.build(linter, r) for r in results}


def _grid(rv, title):
    return next(g for g in rv.tables if g.title == title)


def _row(grid, label):
    return next(r for r in grid.rows if r.label == label)


def test_every_finding_of_every_real_report_sits_at_its_position(corpus):
    _linter, results, reviews = corpus
    total = placed = 0
    outside = []
    for r in results:
        rv = reviews[Path(r.path).name]
        assert [p.diagnostic for p in rv.placed] == r.diagnostics  # each finding once, in order
        for p in rv.placed:
            d = p.diagnostic
            total += 1
            if not p.exact:
                outside.append((Path(r.path).name, d.code, d.line, d.column))
                continue
            placed += 1
            node = rv.nodes[p.node]
            assert node.pos(p.start) == (d.line, d.column), (r.path, d)
            assert p.start <= p.end <= max(len(node.text), 1)
    assert total == sum(len(r.diagnostics) for r in results) > 150
    # the fragment 016 ends inside 表三: "missing part" findings point at the end of that table, no cell's text
    assert set(outside) <= {("016-huaian-city-2024-sec3-fragment.txt", "S101", 9, 1623)}


def test_marked_text_is_the_original_text_at_the_span(corpus):
    """In text files a finding's marked characters are the file's own characters there."""
    _linter, results, reviews = corpus
    checked = 0
    for r in results:
        if not r.path.endswith((".txt", ".md")):
            continue
        rv = reviews[Path(r.path).name]
        lines = rv.doc.source_text.split("\n")
        for p in rv.placed:
            d = p.diagnostic
            node = rv.nodes[p.node] if p.exact else None
            if node is None or not node.text or d.end_line != d.line:
                continue
            marked = node.text[p.start:p.end]
            source = lines[d.line - 1][d.column - 1 : d.end_column]
            assert source.startswith(marked) and marked, (r.path, d, marked, source)
            checked += 1
    assert checked > 150


def test_003_table3_failing_column_sums_on_their_cells(corpus):
    rv = corpus[2]["003-pingtan-zhqgwh-2020.txt"]
    t3 = _grid(rv, "表三")
    assert [(f.code, f.where, f.left, f.right) for f in t3.failures] == [
        ("B403", "「自然人」列", "20", "26"),
        ("B403", "「总计」列", "21", "27"),
    ]
    col = t3.columns.index("总计")
    used = {r.label: r.cells[col].value for r in t3.rows if r.found and not r.group}
    assert (used["（一）予以公开"], used["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"], used["1.本机关不掌握相关政府信息"],
            used["3.补正后申请内容仍不明确"], used["2.重复申请"], used["（六）其他处理"], used["（七）总计"]) == ("7", "6", "4", "3", "3", "4", "21")
    # the total and every result row of the column carry the failure; 新收/结转 do not
    total = _row(t3, "（七）总计")
    assert total.cells[col].failing == [1] and total.cells[0].failing == [0]
    assert _row(t3, "一、本年新收政府信息公开申请数量").cells[col].failing == []
    marked = [r.label for r in t3.rows if r.cells and 1 in r.cells[col].failing]
    assert len(marked) == 19 + 1  # the 19 result rows of the 2019 table (6 non-zero, 13 zero) and （七）总计
    assert sum(Decimal(_row(t3, lab).cells[col].value) for lab in marked if lab != "（七）总计") == 27


def test_013_table4_totals_and_their_cells(corpus):
    rv = corpus[2]["013-huaian-hongze-district-2023.pdf"]
    t4 = _grid(rv, "表四")
    assert t4.columns == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [[c.value for c in r.cells] for r in t4.rows] == [["10", "1", "0", "0", "0"], ["0"] * 5, ["5", "0", "0", "0", "0"]]
    assert [(f.code, f.where, f.left, f.right, f.line, f.column) for f in t4.failures] == [
        ("B404", "「行政复议」行", "0", "11", 154, 16),
        ("B404", "「复议后起诉」行", "0", "5", 154, 46),
    ]
    assert [c.failing for c in t4.rows[0].cells] == [[0]] * 5 and [c.failing for c in t4.rows[1].cells] == [[]] * 5
    assert t4.rows[0].cells[0].logical == "page[4]/line[28]"  # PDF: the page of each value
    t3 = _grid(rv, "表三")
    assert t3.failures == []
    assert _row(t3, "2.其他法律行政法规禁止公开").written_differs  # the misspelt label is shown as written


def test_015_clean_control_values(corpus):
    rv = corpus[2]["015-huaian-city-2024.txt"]
    assert rv.clean and rv.format == "2021" and rv.year == 2024 and rv.organ == "淮安市人民政府"
    t3, t4 = _grid(rv, "表三"), _grid(rv, "表四")
    total = t3.columns.index("总计")
    assert [_row(t3, lab).cells[total].value for lab in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（七）总计", "四、结转下年度继续办理")] == ["3119", "34", "3050", "103"]
    assert [c.value for c in _row(t3, "（七）总计").cells] == ["2932", "53", "0", "0", "61", "4", "3050"]
    assert [[c.value for c in r.cells] for r in t4.rows] == [["72", "64", "178", "37", "351"], ["13", "4", "8", "1", "26"], ["12", "1", "1", "6", "20"]]
    assert not any(g.failures for g in rv.tables) and not any(r.excluded for g in rv.tables for r in g.rows)


def test_uncertain_rows_are_marked_and_kept_out(corpus):
    rv = corpus[2]["003-pingtan-zhqgwh-2020.txt"]
    row = _row(_grid(rv, "表二第二十条第（一）项"), "规范性文件")
    assert row.excluded.startswith("数字串「7777166」应拆为3个单元格") and [c.status for c in row.cells] == ["missing"] * 3


def test_outline_assigns_headings_to_the_six_parts(corpus):
    rv = corpus[2]["003-pingtan-zhqgwh-2020.txt"]
    assert [(p.number, p.heading, p.line, p.column) for p in rv.parts] == [
        ("一", "一、总体情况", 10, 511), ("二", "二、主动公开政府信息情况", 10, 4596),
        ("三", "三、收到和处理政府信息公开申请情况", 10, 4858), ("四", "四、政府信息公开行政复议、行政诉讼情况", 10, 5449),
        ("五", "五、存在的主要问题及改进情况", 10, 5559), ("六", "六、其他需要报告的事项", 10, 5902),
    ]
    frag = corpus[2]["016-huaian-city-2024-sec3-fragment.txt"]
    assert [p.number for p in frag.parts if p.heading] == ["三"]  # a fragment of 表二/表三


def test_formats_detected(corpus):
    reviews = corpus[2]
    assert reviews["001-shanghai-szfbgt-2019.html"].format == "2019"
    assert reviews["012-shanghai-szfbgt-2025.md"].format == "2021"
    assert reviews["018-pingtan-county-2011-legacy.txt"].format == "legacy"
    assert reviews["016-huaian-city-2024-sec3-fragment.txt"].format == "unclear"


def test_page_is_self_contained_and_small(corpus, tmp_path):
    linter, results, _ = corpus
    page = review_html.render(results, linter)
    size = len(page.encode("utf-8"))
    print(f"review page of the real corpus: {size / 1e6:.2f} MB")
    assert size < 5 * 10**6
    # nothing is fetched: no external script, style, font, image or frame
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"<(?:link|img|iframe|object|embed)\b", page) and "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page
    assert page.count('class="fb ') == sum(len(r.diagnostics) for r in results)
    assert page.count('<td class="clean" data-v="0">无问题</td>') == sum(1 for r in results if not r.diagnostics)
    # the documentation of every rule that fired is in the page, and every link to it resolves
    anchors = set(re.findall(r'<article class="rule[^"]*" id="([^"]+)"', page))
    assert {code for code in re.findall(r'href="#rule-[^"]*-([A-Z]\d+)"', page)} == {d.code for r in results for d in r.diagnostics}
    assert set(re.findall(r'href="#(rule-[^"]+)"', page)) <= anchors


def test_docx_findings_sit_on_their_cells(tmp_path):
    """DOCX has no lines (every cell of a table shares one): the logical place picks the cell.

    The seed report as DOCX, with its two 「增 7」 cells (行政处罚, 行政强制) made fractions (7.5).
    """
    import io
    import zipfile

    from readers.docx_fixtures import replace_part, seed_docx

    data = seed_docx()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert xml.count(">增 7<") == 2
    path = tmp_path / "seed.docx"
    path.write_bytes(replace_part(data, "word/document.xml", xml.replace(">增 7<", ">7.5<").encode("utf-8")))
    linter = Linter(Options(today=date(2026, 12, 2)))
    [result] = linter.check_paths([str(path)])
    rv = review.build(linter, result)
    b409 = [p for p in rv.placed if p.diagnostic.code == "B409"]
    assert len(b409) == 2 and all(p.exact for p in b409)
    assert len({(p.diagnostic.line, p.diagnostic.column) for p in b409}) == 1  # one line for the whole table
    for p in b409:
        node = rv.nodes[p.node]
        assert node.cell is not None and node.text == "7.5"
        assert node.textmap.span(0, 1).logical == p.diagnostic.logical
    assert len({p.node for p in b409}) == 2
    page = review_html.render([result], linter)
    assert page.count('class="fb ') == len(result.diagnostics) and p.diagnostic.logical in page


def test_unreadable_and_damaged_files_still_get_a_page(tmp_path):
    """Nothing read, or half a report: the page and `show` still say what was found."""
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    cut = tmp_path / "cut.txt"
    cut.write_text((REAL / "003-pingtan-zhqgwh-2020.txt").read_text(encoding="utf-8")[:5000], encoding="utf-8")
    linter = Linter(Options(today=date(2026, 12, 2)))
    results = linter.check_paths([str(binary), str(cut), str(tmp_path / "missing.txt")])
    page = review_html.render(results, linter)
    assert page.count('class="fb ') == sum(len(r.diagnostics) for r in results)
    for r in results:
        rv = review.build(linter, r)
        assert len(rv.placed) == len(r.diagnostics)
        from disclint import show

        assert show.text(rv).startswith(r.path + "\n")


def test_flattened_page_is_re_broken_at_headings_and_sentences(corpus):
    rv = corpus[2]["003-pingtan-zhqgwh-2020.txt"]
    body = max(rv.doc.text_blocks, key=lambda b: len(b.text))  # the page flattened onto line 10
    index = rv.doc.blocks.index(body)
    heads = [(p.offset, p.end_offset) for p in rv.parts if p.block == index]
    assert len(heads) >= 2
    pieces = review_html._pieces(body.text, heads)
    assert "".join(body.text[a:z] for a, z, _ in pieces) == body.text  # only breaks are added
    assert {a for a, _z, is_head in pieces if is_head} == {s for s, _e in heads}
    assert all(z - a <= 600 or is_head for a, z, is_head in pieces) and len(pieces) > 10
    # a short block holding a heading is shown as one
    pdf = corpus[2]["013-huaian-hongze-district-2023.pdf"]
    first = pdf.parts[0]
    assert review_html._pieces(pdf.doc.blocks[first.block].text, [(first.offset, first.end_offset)])[0][2]


def test_a_digit_run_cut_into_cells_is_shown_once_per_row_with_the_cuts_marked(corpus):
    """Written 「8855698」, read as 88 | 55 | 698: each cell shows only its value, the row's note
    the run once with the cuts; 003's total row has two runs (「00」 and 「121」) cut differently."""
    linter, results, reviews = corpus
    by_name = {Path(r.path).name: r for r in results}
    page = review_html.render([by_name["005-pingtan-zhqgwh-2022.txt"]], linter)
    row = re.search(r'<tr class="" data-key="行政规范性文件"><th class="label">行政规范性文件</th>(.*?)</tr>', page).group(1)
    cells = re.findall(r'<td class="v ([^"]*)"[^>]*>(.*?)</td>', row)
    assert cells == [("ok cut", "88"), ("ok cut", "55"), ("ok cut", "698")]
    assert re.findall(r'<td class="why">(.*?)</td>', row) == [
        '<span class="run" data-run="0">原文「88<span class="cutmark">|</span>55<span class="cutmark">|</span>698」</span>']
    assert page.count("原文「8855698」") == 0
    page = review_html.render([by_name["003-pingtan-zhqgwh-2020.txt"]], linter)
    total = re.search(r'<th class="label">（七）总计</th>(.*?)</tr>', page).group(1)
    assert [c for c in re.findall(r'<td class="v [^"]*"[^>]*data-run="(\d)"', total)] == ["0", "0", "1", "1"]
    assert re.sub(r"<[^>]+>", "", re.search(r'<td class="why">(.*?)</td>', total).group(1)) == "原文「0|0」原文「1|21」"
    # the facts behind it: which cells each run went to, and what each took
    t3 = _grid(reviews["003-pingtan-zhqgwh-2020.txt"], "表三")
    assert [(r.raw, r.cells, r.parts) for r in review.runs(_row(t3, "（七）总计").cells)] == [("00", [2, 3], ["0", "0"]), ("121", [5, 6], ["1", "21"])]


def test_a_run_whose_cells_do_not_make_it_up_is_named_once_with_its_cell_count():
    cells = [review.GridCell("12", "1 2 3", "ok"), review.GridCell("4", "1 2 3", "ok"), review.GridCell("7", "7", "ok")]
    cut = review.runs(cells)
    assert [(r.raw, r.cells, r.parts) for r in cut] == [("1 2 3", [0, 1], [])]
    assert review_html._Page.run_note(0, cut[0]) == '<span class="run" data-run="0">原文「1 2 3」（拆为2个单元格）</span>'


def test_two_runs_written_alike_side_by_side_are_two_runs(corpus):
    """003's 「四、结转下年度继续办理 0 0 00 00 0」: 「00」 twice, each cut into two cells, is two
    runs (not one 「00」 cut into four cells)."""
    linter, results, reviews = corpus
    row = _row(_grid(reviews["003-pingtan-zhqgwh-2020.txt"], "表三"), "四、结转下年度继续办理")
    assert [(c.value, c.raw) for c in row.cells] == [("0", "0"), ("0", "0"), ("0", "00"), ("0", "00"), ("0", "00"), ("0", "00"), ("0", "0")]
    assert [(r.raw, r.cells, r.parts) for r in review.runs(row.cells)] == [("00", [2, 3], ["0", "0"]), ("00", [4, 5], ["0", "0"])]
    page = review_html.render([next(r for r in results if r.path.endswith("003-pingtan-zhqgwh-2020.txt"))], linter)
    note = re.search(r'<th class="label">四、结转下年度继续办理</th>.*?<td class="why">(.*?)</td>', page).group(1)
    assert re.sub(r"<[^>]+>", "", note) == "原文「0|0」原文「0|0」"


def test_every_failing_identity_of_the_corpus_is_on_its_cells_with_the_sums_of_its_message(corpus):
    """Each identity finding (a rule with ``identity``: B401–B405) of every real report is one failure in the tables panel, on the
    cell the finding names, and both sums shown are the ones its message states."""
    linter, results, reviews = corpus
    seen = 0
    for r in results:
        rv = reviews[Path(r.path).name]
        rules = linter.rulesets[rv.ruleset].rules
        found = [d for d in r.diagnostics if d.code in rules and "identity" in rules[d.code].params]
        failures = [(g, f) for g in rv.tables for f in g.failures]
        assert sorted((f.code, f.line, f.column, f.message) for _g, f in failures) == sorted((d.code, d.line, d.column, d.message) for d in found), r.path
        for g, f in failures:
            i = g.failures.index(f)
            cells = [c for row in g.rows for c in row.cells if i in c.failing]
            assert any((c.line, c.column) == (f.line, f.column) for c in cells), (r.path, f)
            # 「总计为0，但…之和为11」, 「第一项加第二项之和为1…第三项加第四项之和为2」: the finding's own two numbers, in order
            assert re.search(rf"为{re.escape(f.left)}(?![\d.]).*为{re.escape(f.right)}(?![\d.])", f.message), (r.path, f)
            seen += 1
    assert seen == 25  # B401, B403, B404 … on the real corpus


def _panel(page: str, file_name: str, title: str) -> tuple[dict, list[str]]:
    """One grid of the tables panel as the page shows it: {row label: [(shown text, value used,
    failing ids)]}, and the failure lines under it (tags stripped)."""
    sec = re.search(r'<section class="file" id="file-\d+" data-file="[^"]*' + re.escape(file_name) + r'">(.*?)</section>', page, re.S).group(1)
    wrap = re.search(r'<div class="grid-wrap" data-table="' + re.escape(title) + r'">(.*?)</div>', sec, re.S).group(1)
    rows = {}
    for label, body in re.findall(r'<tr class="[^"]*" data-key="[^"]*"><th class="label">(.*?)(?:<small>.*?</small>)?</th>(.*?)</tr>', wrap):
        cells = re.findall(r'<td class="v [^"]*" data-value="([^"]*)" data-status="[^"]*"(?: data-run="\d+")? data-failing="([^"]*)" title="[^"]*">(.*?)</td>', body)
        rows[label] = [(re.sub(r"<[^>]+>", "", shown), value, failing) for value, failing, shown in cells]
    fails = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r'<li class="sev-error" data-fail="\d+">(.*?)</li>', wrap)]
    return rows, fails


def test_tables_panel_of_the_corpus_page_shows_the_values_the_checks_used(corpus):
    """In the HTML of the whole corpus's page: 003's failing 表三 sums, 013's two 表四 totals (PDF and
    text), 015 clean — the values shown, the cells outlined and both sides' sums, exactly."""
    linter, results, _ = corpus
    page = review_html.render(results, linter)
    rows, fails = _panel(page, "003-pingtan-zhqgwh-2020.txt", "表三")
    assert rows["（七）总计"] == [("20", "20", "0"), ("0", "0", ""), ("0", "0", ""), ("0", "0", ""), ("0", "0", ""), ("1", "1", ""), ("21", "21", "1")]
    assert [c[0] for c in rows["（一）予以公开"]] == ["6", "0", "0", "0", "0", "1", "7"]
    assert [c[2] for c in rows["（一）予以公开"]] == ["0", "", "", "", "", "", "1"]
    assert all(c[2] == "" for c in rows["一、本年新收政府信息公开申请数量"])  # 新收 is on neither side
    assert [f.split(" — ")[0] for f in fails] == ["B403 「自然人」列：两边：20 ≠ 26", "B403 「总计」列：两边：21 ≠ 27"]
    for name in ("013-huaian-hongze-district-2023.pdf", "013-huaian-hongze-district-2023.txt"):
        rows, fails = _panel(page, name, "表四")
        assert rows == {
            "行政复议": [(v, v, "0") for v in ("10", "1", "0", "0", "0")],
            "未经复议直接起诉": [("0", "0", "")] * 5,
            "复议后起诉": [(v, v, "1") for v in ("5", "0", "0", "0", "0")],
        }, name
        assert [f.split(" — ")[0] for f in fails] == ["B404 「行政复议」行：两边：0 ≠ 11", "B404 「复议后起诉」行：两边：0 ≠ 5"], name
    for name in ("015-huaian-city-2024.txt", "015-huaian-city-2024.pdf"):
        rows, fails = _panel(page, name, "表四")
        assert {k: [c[0] for c in v] for k, v in rows.items()} == {
            "行政复议": ["72", "64", "178", "37", "351"], "未经复议直接起诉": ["13", "4", "8", "1", "26"], "复议后起诉": ["12", "1", "1", "6", "20"]}, name
        t3, t3_fails = _panel(page, name, "表三")
        assert [c[0] for c in t3["（七）总计"]] == ["2932", "53", "0", "0", "61", "4", "3050"], name
        assert fails == t3_fails == [] and not any(c[2] for g in (rows, t3) for v in g.values() for c in v), name


def test_rule_documentation_in_the_page_has_each_part_the_rule_has(corpus):
    """Each rule that fired is documented in the page with what, why, basis and both examples,
    as far as the rule set writes them; every rule that fired on the corpus writes all five."""
    linter, results, _ = corpus
    page = review_html.render(results, linter)
    articles = dict(re.findall(r'<article class="rule[^"]*" id="([^"]+)">(.*?)</article>', page, re.S))
    fired = {(r.ruleset, d.code) for r in results for d in r.diagnostics}
    for rs_name, code in fired:
        rule = linter.rulesets[rs_name].rules[code]
        body = articles[f"rule-{rule.ruleset}-{rule.id}"]
        titles = re.findall(r"<dt>(.*?)</dt>", body)
        want = [t for t, text in (("检查什么", rule.description), ("为什么", rule.why), ("依据", rule.basis),
                                  ("不合格示例", rule.example_fail), ("合格示例", rule.example_pass)) if text]
        assert titles == want, code
        if rule.example_fail:
            assert html.escape(rule.example_fail.rstrip(), quote=True) in body, code
    complete = [c for rs, c in fired if all((lambda r: (r.description, r.why, r.basis, r.example_fail, r.example_pass))(linter.rulesets[rs].rules[c]))]
    print(f"{len(complete)} of {len(fired)} rules that fired have all five parts")


def test_a_word_where_a_number_belongs_is_shown_as_its_own_cell_and_kept_out(corpus):
    """029 wrote 「1个246900元」 for 政府集中采购's two cells: each cell shows its own words (「1个」,
    「246900元」, as B407 names them), marked as no number, and the run as written once; 001's
    「251000元」 is one cell of its own."""
    linter, results, reviews = corpus
    row = _row(_grid(reviews["029-pingtan-lwtj-2019.txt"], "表二第二十条第（九）项"), "政府集中采购")
    assert [(c.shown, c.status, c.value, c.cut_from) for c in row.cells] == [
        ("1个", "non-numeric", "", "1个246900元"), ("246900元", "non-numeric", "", "1个246900元")]
    page = review_html.render([next(r for r in results if r.path.endswith("029-pingtan-lwtj-2019.txt"))], linter)
    cells = re.search(r'<th class="label">政府集中采购</th>(.*?)</tr>', page).group(1)
    assert [re.sub(r"<[^>]+>", " ", c).split() for c in re.findall(r'<td class="v non-numeric"[^>]*>(.*?)</td>', cells)] == [
        ["1个", "不是数字，不参与核算；原文「1个246900元」"], ["246900元", "不是数字，不参与核算；原文「1个246900元」"]]
    one = _row(_grid(reviews["001-shanghai-szfbgt-2019.html"], "表二第二十条第（九）项"), "政府集中采购")
    assert [(c.shown, c.cut_from) for c in one.cells if c.status == "non-numeric"] == [("251000元", "")]


def test_overview_rows_of_the_corpus_page(corpus):
    """Organ, year, rule set, format detected, counts by severity and the verdict, as shown."""
    linter, results, _ = corpus
    page = review_html.render(results, linter)
    rows = {}
    for name, body in re.findall(r'<tr data-file="[^"]*/([^"/]+)">(.*?)</tr>', page):
        rows[name] = [re.sub(r"<[^>]+>", "", td) for td in re.findall(r"<td[^>]*>(.*?)</td>", body)]
    assert len(rows) == len(results) == 55
    assert rows["013-huaian-hongze-district-2023.pdf"] == ["013-huaian-hongze-district-2023.pdf", "洪泽区人民政府", "2023", "gov-2021", "2021年格式", "4", "0", "0", "4 条"]
    assert rows["003-pingtan-zhqgwh-2020.txt"] == ["003-pingtan-zhqgwh-2020.txt", "平潭综合实验区", "2020", "gov-2019", "2019年格式", "2", "2", "1", "5 条"]
    assert rows["015-huaian-city-2024.pdf"] == ["015-huaian-city-2024.pdf", "淮安市人民政府", "2024", "gov-2021", "2021年格式", "0", "0", "0", "无问题"]
    assert rows["016-huaian-city-2024-sec3-fragment.txt"] == ["016-huaian-city-2024-sec3-fragment.txt", "不明", "不明", "gov-2021", "不明", "7", "1", "3", "11 条"]
    assert rows["018-pingtan-county-2011-legacy.txt"] == ["018-pingtan-county-2011-legacy.txt", "平潭县人民政府", "2011", "legacy-2008", "旧模板（早于现行格式）", "1", "1", "1", "3 条"]
    assert {v[4] for v in rows.values()} == {"2019年格式", "2021年格式", "旧模板（早于现行格式）", "不明"}


def test_outline_rows_say_where_each_heading_is_what_it_was_assigned_and_the_parts_not_in_the_format(corpus):
    linter, results, reviews = corpus
    # every misnumbered mandated heading is where an S105/S110 finding says the numbering went wrong
    for r in results:
        rv = reviews[Path(r.path).name]
        flagged = {(d.line, d.column) for d in r.diagnostics if d.code == "S105"}
        shifted = any(p.extra == "extra" for p in rv.parts)
        for p in rv.parts:
            if p.misnumbered:
                assert (p.line, p.column) in flagged or shifted, (r.path, p)
        assert {(p.line, p.column) for p in rv.parts if p.extra} == {(d.line, d.column) for d in r.diagnostics if d.code == "S110"}, r.path
    page = review_html.render([next(r for r in results if r.path.endswith("042-pingtan-spp-2023.txt"))], linter)
    rows = [[re.sub(r"<[^>]+>", "", td) for td in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
            for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", page.split('<table class="outline">', 1)[1].split("</table>", 1)[0])]
    assert rows[1:] == [
        ["一、总体情况", "一、总体情况", "10:398", "标题一致"],
        ["二、主动公开政府信息情况", "二、主动公开政府信息情况", "10:1139", "标题一致"],
        ["三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请情况", "10:1294", "标题一致"],
        ["四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议、行政诉讼情况", "10:1985", "标题一致"],
        ["（格式没有的部分）", "五、信息处理费收取情况", "10:2113", "格式没有此部分"],
        ["五、存在的主要问题及改进情况", "六、存在的主要问题和改进情况", "10:2160", "已知变体，编号写作「六」"],
        ["六、其他需要报告的事项", "未找到"],
    ]
