"""Rule authors test their rules in YAML: `examples` on a rule, run by `disclint test-rules`.

The province set is written in tmp_path; its snippets are parts 五/六 of a report, so the
section-text rule sees a real part 六 (the outline analysis finds its heading).
"""

from __future__ import annotations

import json
from pathlib import Path

from test_rule_docs import EXCERPTS

from conftest import run_cli

RULES = Path(__file__).resolve().parent.parent / "rules"

PART_SIX_WITH_FEE = "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"
PART_SIX_WITHOUT = "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"

PROVINCE = f"""\
name: province-2021
applies-to: {{from: 2021}}
extends: [gov-2021]
rules:
  - id: P601
    name: fee-stated
    check: section-text
    severity: warning
    message: "「{{section}}」应说明{{expected}}"
    params: {{section: 六, require: [信息处理费]}}
    examples:
      - text: {json.dumps(PART_SIX_WITHOUT, ensure_ascii=False)}
        expect: [P601]
      - text: {json.dumps(PART_SIX_WITH_FEE, ensure_ascii=False)}
        expect: []
      - file: six.txt
        expect: []
"""


def _province(tmp_path: Path, text: str = PROVINCE) -> Path:
    (tmp_path / "six.txt").write_text(PART_SIX_WITH_FEE, encoding="utf-8")
    path = tmp_path / "province.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_examples_that_hold_pass(tmp_path):
    code, out, err = run_cli("--lang", "en", "test-rules", str(_province(tmp_path)))
    assert (code, err) == (0, "")
    assert out.splitlines() == ["ok   P601 (3/3 examples)", "disclint: 3 example(s) of 1 rule(s): 3 passed, 0 failed"]


def test_a_wrong_expectation_fails_with_its_line(tmp_path):
    # The snippet and the file with the fee sentence said to give P601.
    text = PROVINCE.replace("expect: []", "expect: [P601]")
    path = _province(tmp_path, text)
    code, out, _err = run_cli("--lang", "en", "test-rules", str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "FAIL P601 (1/3 examples)"
    # The snippet lacks parts 一 to 四 and the tables, so those findings come too.
    assert lines[1] == f"  {path}:14: example 2: expected P601, found S101, T201, X011"
    assert lines[2] == f"  {path}:16: example 3: expected P601, found S101, T201, X011"
    assert lines[-1] == "disclint: 3 example(s) of 1 rule(s): 1 passed, 2 failed"


def test_bad_examples_are_load_faults(tmp_path):
    text = PROVINCE.replace("expect: [P601]", "expect: [p601]").replace("      - file: six.txt\n", "      - file: six.txt\n        text: 两者之一\n")
    code, _out, err = run_cli("--lang", "en", "test-rules", str(_province(tmp_path, text)))
    path = tmp_path / "province.yaml"
    assert code == 2
    assert f"{path}:13:17: `expect` must be a list of rule codes such as [S101] ([] for a passing example)" in err
    assert f"{path}:16:9: an example needs exactly one of `text` (the snippet) or `file` (a path beside the rule set)" in err


def test_national_doc_examples_run_and_only_excerpts_fail():
    code, out, _err = run_cli("--lang", "en", "test-rules", str(RULES), "--docs")
    failed = {line.split()[1] for line in out.splitlines() if line.startswith("FAIL ")}
    # Only excerpts fail: none now (the `accepted` kind's examples run through the
    # post-check, B603's in a pair of 2008-era reports, B506's 表二 as a flattened line).
    assert failed == set(EXCERPTS)
    assert code == (1 if failed else 0)
    ran = [line for line in out.splitlines() if line.startswith(("ok ", "FAIL "))]
    assert len(ran) == 103  # every rule with a documented pair or examples
    # the input faults a file can show have file examples (rules/examples/input/: binary,
    # undecodable, empty, truncated, an overlong line, a bad byte, a broken DOCX numbering,
    # a PDF page without text, one in the fonts' codes; a path naming no file), X010 a doc
    # pair; the 3 without are about no file's bytes: a FIFO (X007), a killed worker (X009),
    # a regulator's runaway pattern (X014) — tested in tests/hostile
    assert out.splitlines()[-1] == "disclint: 113 example(s) of 103 rule(s): 113 passed, 0 failed; 3 rule(s) have no examples"
    from disclint.engine import Linter
    from disclint.rules.examples import defined_under

    linter = Linter()
    without = [r.id for r, _rs in defined_under(linter.rulesets, RULES) if not r.examples and not (r.example_fail or r.example_pass)]
    assert without == ["X007", "X009", "X014"]


def test_rule_shows_its_examples(tmp_path):
    path = _province(tmp_path)
    code, out, _err = run_cli("--lang", "en", "rule", "P601", "--rules", str(path))
    assert code == 0
    tail = out.split("\nExample 1", 1)[1].splitlines()
    assert tail[:6] == [" (gives P601):", "    五、存在的主要问题及改进情况", "    无。", "    六、其他需要报告的事项", "    无。", ""]
    assert f"Example 3 (gives no P601): {tmp_path / 'six.txt'}" in out


def test_within_sets_each_part_into_the_report():
    from disclint.rules.examples import within

    report = "某县2023年年度报告\n引言\n一、总体情况\n甲\n二、主动公开政府信息情况\n乙\n三、收到和处理政府信息公开申请情况\n| 一、本年新收 | 1 |\n"
    # part 二 replaced, the others kept; a table row 「一、…」 inside a part is no part heading
    assert within(report, "二、主动公开政府信息情况\n丙\n") == report.replace("乙", "丙")
    # lines before any part heading replace the title and introduction
    assert within(report, "某县2020年年度报告\n") == report.replace("某县2023年年度报告\n引言\n", "某县2020年年度报告\n")
    # a part the report lacks is added at the end
    assert within(report, "六、其他需要报告的事项\n无。\n").endswith("| 一、本年新收 | 1 |\n六、其他需要报告的事项\n无。\n")


def test_within_sets_a_table_row_in_place_of_the_row_of_its_label():
    from disclint.rules.examples import within

    report = "某县2023年年度报告\n一、总体情况\n甲\n三、收到和处理政府信息公开申请情况\n| 一、本年新收 | 1 |\n| 二、上年结转 | 0 |\n"
    # a row printed before any part heading replaces the report's row of its label; the
    # title and introduction stay (the example prints no other line there)
    assert within(report, "| 二、上年结转 | 5 |\n") == report.replace("| 二、上年结转 | 0 |", "| 二、上年结转 | 5 |")
    # with a part: the row, then the part
    both = within(report, "| 一、本年新收 | 7 |\n一、总体情况\n乙\n")
    assert both == report.replace("| 一、本年新收 | 1 |", "| 一、本年新收 | 7 |").replace("甲", "乙")


def test_a_cross_year_doc_example_runs_with_last_years_report():
    # B601/B602 compare two years' reports: their doc examples name last year's with `previous`
    code, out, _err = run_cli("--lang", "en", "test-rules", str(RULES / "crossyear.yaml"), "--docs")
    assert [line for line in out.splitlines() if line.startswith(("ok ", "FAIL "))] == [
        "ok   B601 (1/1 examples)", "ok   B602 (1/1 examples)", "ok   B603 (1/1 examples)"]
    code, out, _err = run_cli("--lang", "en", "rule", "B601")
    assert f"(Last year's report, checked with them: {RULES.resolve() / 'examples' / 'report-2021-previous.txt'}.)" in out


def test_the_reference_report_is_clean():
    # the complete report the national doc examples are set into gives no finding at all,
    # so what an example gives is what its own part changes
    code, out, _err = run_cli("check", "--format", "json", "--show-info", "--today", "2026-11-27", str(RULES / "examples" / "report-2021.txt"))
    assert (code, json.loads(out)) == (0, [])
    # and with last year's (the cross-year examples' `previous`): the two years agree
    code, out, _err = run_cli("check", "--format", "json", "--show-info", "--today", "2026-11-27",
                              str(RULES / "examples" / "report-2021.txt"), str(RULES / "examples" / "report-2021-previous.txt"))
    assert (code, json.loads(out)) == (0, [])
    # the two 2008-era reports B603's examples use: only the note that they are of that era
    code, out, _err = run_cli("check", "--format", "json", "--show-info", "--today", "2026-11-27",
                              str(RULES / "examples" / "legacy-2017.txt"), str(RULES / "examples" / "legacy-2016.txt"))
    assert (code, [(d["path"].rsplit("/", 1)[1], d["code"], d["line"]) for d in json.loads(out)]) == (
        0, [("legacy-2016.txt", "X012", 1), ("legacy-2017.txt", "X012", 1)])


def test_a_doc_within_that_is_not_there_is_a_load_fault(tmp_path):
    text = PROVINCE.replace("    examples:\n", "    doc:\n      fail: |\n        六、其他需要报告的事项\n      within: missing.txt\n    examples:\n", 1)
    code, _out, err = run_cli("--lang", "en", "test-rules", str(_province(tmp_path, text)), "--docs")
    assert code == 2
    assert f"{tmp_path / 'province.yaml'}:14:15: doc `within`: no such file {tmp_path / 'missing.txt'}" in err
    text = text.replace("within: missing.txt", "previous: [last.txt]")
    code, _out, err = run_cli("--lang", "en", "test-rules", str(_province(tmp_path, text)), "--docs")
    assert code == 2
    assert f"{tmp_path / 'province.yaml'}:14:17: doc `previous` must be the path of a complete report beside the rule set" in err


def test_accepted_doc_examples_run_through_the_post_check():
    # X901/X902 are made after checking: the examples are written to a folder and checked
    # as the command line checks them, with suppression marks and waiver files applied
    code, out, _err = run_cli("--lang", "en", "test-rules", str(RULES / "suppressions.yaml"), "--docs")
    assert (code, out.splitlines()) == (0, [
        "ok   X901 (1/1 examples)", "ok   X902 (1/1 examples)", "ok   X903 (1/1 examples)", "ok   X904 (1/1 examples)",
        "disclint: 4 example(s) of 4 rule(s): 4 passed, 0 failed"])
    code, out, _err = run_cli("--lang", "en", "rule", "X902")
    assert f"(The examples are the file disclint-waivers.yaml written beside {RULES.resolve() / 'examples' / 'report-2021.txt'}, which is checked with it.)" in out


def test_found_after_checking_applies_marks_and_waivers():
    from datetime import date

    from disclint.checking import Options
    from disclint.engine import Linter
    from disclint.rules.examples import found_after_checking, within

    linter = Linter(Options(today=date(2026, 11, 27)))
    report = (RULES / "examples" / "report-2021.txt").read_text(encoding="utf-8")
    wrong = "一、总体情况\n2023年，我县共收到政府信息公开申请14件，其中自然人申请13件、法人申请1件。\n"
    assert found_after_checking(linter, "example.txt", within(report, wrong)) == {"B508": 1}
    marked = wrong.replace("\n2023", "\ndisclint-disable-next-line B508\n2023")
    assert found_after_checking(linter, "example.txt", within(report, marked)) == {}
    # a waiver beside the report hides the finding until it expires; then both are reported
    text = within(report, wrong)
    live = '- {path: "r.txt", code: B508, reason: 已核对, expires: 2026-12-31}\n'
    assert found_after_checking(linter, "disclint-waivers.yaml", live, ("r.txt", text)) == {}
    gone = live.replace("2026-12-31", "2026-11-26")
    assert found_after_checking(linter, "disclint-waivers.yaml", gone, ("r.txt", text)) == {"B508": 1, "X902": 1}
    # a baseline (X903's doc `as`) is given to the run: an entry that no longer occurs is named
    entry = '{"path": "r.txt", "code": "B508", "fingerprint": "0123456789abcdef0123", "message": "旧问题"}'
    assert found_after_checking(linter, "disclint-baseline.json", '{"version": 1, "findings": [' + entry + "]}", ("r.txt", report)) == {"X903": 1}
    assert found_after_checking(linter, "disclint-baseline.json", '{"version": 1, "findings": []}', ("r.txt", text)) == {"B508": 1}
    assert linter.forced is None


def test_a_doc_as_with_a_folder_or_without_within_is_a_load_fault(tmp_path):
    text = PROVINCE.replace("    examples:\n", "    doc:\n      fail: x\n      as: a/disclint-waivers.yaml\n    examples:\n", 1)
    code, _out, err = run_cli("--lang", "en", "test-rules", str(_province(tmp_path, text)), "--docs")
    assert code == 2
    assert f"{tmp_path / 'province.yaml'}:13:11: doc `as` must be a file name (such as disclint-waivers.yaml), without a folder" in err
    text = text.replace("as: a/disclint-waivers.yaml", "as: disclint-waivers.yaml")
    code, _out, err = run_cli("--lang", "en", "test-rules", str(_province(tmp_path, text)), "--docs")
    assert code == 2
    assert f"{tmp_path / 'province.yaml'}:13:11: doc `as` needs doc `within`: the report the file is written beside" in err


def test_a_flattened_table_line_set_into_the_report_is_read_as_a_flattened_page():
    # B506's example prints part 二 with 表二 on one line, its cells run together as on a
    # page flattened onto one line: the inline table finder reads it, 「77132470」 has
    # several splits (X010, left out of arithmetic) and none gives 393 现行有效
    from datetime import date

    from disclint.checking import Options
    from disclint.engine import Linter
    from disclint.rules.examples import within

    linter = Linter(Options(today=date(2026, 11, 27)))
    rule = linter.rulesets["gov-2021"].rules["B506"]
    report = (RULES / "examples" / "report-2021.txt").read_text(encoding="utf-8")
    linter.forced = linter.rulesets["gov-2021"]
    try:
        found = [(d.code, d.line) for d in linter.check_document(linter.read_data("example.txt", within(report, rule.example_fail).encode())).diagnostics]
        assert found == [("B506", 9), ("X010", 10)]
        found = [(d.code, d.line) for d in linter.check_document(linter.read_data("example.txt", within(report, rule.example_pass).encode())).diagnostics]
        assert found == [("X010", 10)]
    finally:
        linter.forced = None
