"""The generic checker kinds a regulator writes rules with (YAML only), on real reports,
and what the loader checks against what a kind declares.

Expected values read off the reports (MANIFEST.tsv notes): 013 表四 行政复议 总计 0 beside
结果维持 10, 复议后起诉 总计 0 beside 5; 047 表三 （七）总计 0 beside 新收 4, 六 「无。」;
031 表三 新收 1 + 上年结转 0 against （七）总计 1 + 结转下年度 1.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from disclint.checking import Options
from disclint.engine import Linter
from disclint.rules.loader import RuleSetError

from conftest import REAL, run_cli

HEAD = """\
name: kinds-2021
applies-to: {from: 2021}
extends: [gov-2021]
rules:
"""


def _rule(code: str, check: str, message: str, params: str) -> str:
    return f"""  - id: {code}
    name: rule-{code.lower()}
    check: {check}
    severity: warning
    message: "{message}"
    params: {params}
"""


def _run(tmp_path: Path, rules: str, name: str) -> list[tuple]:
    p = tmp_path / "kinds.yaml"
    p.write_text(HEAD + rules, encoding="utf-8")
    linter = Linter(Options(today=date(2026, 12, 2)), extra_rule_paths=[p])
    result = linter.check_file(str(name if isinstance(name, Path) else REAL / name))
    assert not result.internal_errors, result.internal_errors
    return [(d.code, d.line, d.column, d.message) for d in result.diagnostics if d.code.startswith("K")]


def test_table_relation_on_table4_groups(tmp_path):
    rule = _rule("K101", "table-relation", "表四{group}：总计{left}{broken}结果维持{right}（{right_terms}）", "{table: table4, relation: ≥, left: [总计], right: [维持]}")
    assert _run(tmp_path, rule, "013-huaian-hongze-district-2023.txt") == [
        ("K101", 149, 23, "表四行政复议：总计0<结果维持10（结果维持10）"),
        ("K101", 149, 67, "表四复议后起诉：总计0<结果维持5（结果维持5）"),
    ]
    only = _rule("K101", "table-relation", "{group}", "{table: table4, relation: ≥, left: [总计], right: [维持], groups: [复议后起诉]}")
    assert _run(tmp_path, only, "013-huaian-hongze-district-2023.txt") == [("K101", 149, 67, "复议后起诉")]


def test_table_relation_on_table3_columns_with_tolerance(tmp_path):
    rule = _rule("K102", "table-relation", "{column}：{left_terms}={left}，{right_terms}={right}", "{table: table3, relation: '=', left: [一, 二], right: [三.七, 四], columns: [总计]}")
    assert _run(tmp_path, rule, "031-pingtan-gaj-2021.txt") == [
        ("K102", 10, 1535, "总计：一、本年新收政府信息公开申请数量1＋二、上年结转政府信息公开申请数量0=1，（七）总计1＋四、结转下年度继续办理1=2"),
    ]
    loose = rule.replace("columns: [总计]}", "columns: [总计], tolerance: 1}")
    assert _run(tmp_path, loose, "031-pingtan-gaj-2021.txt") == []
    every = _rule("K103", "table-relation", "{column}", "{table: table3, relation: ≤, left: [一], right: [三.七], columns: ['*']}")
    assert _run(tmp_path, every, "047-pingtan-jjf-2025.txt") == [("K103", 10, 1482, "自然人"), ("K103", 10, 1488, "总计")]


def test_section_text_require_by_number_and_by_heading(tmp_path):
    by_number = _rule("K201", "section-text", "「{section}」未说明{expected}", "{section: 六, require: [{pattern: '信息(?:公开)?处理费', what: 信息处理费}]}")
    assert _run(tmp_path, by_number, "047-pingtan-jjf-2025.txt") == [("K201", 10, 2484, "「六、其他需要报告的事项」未说明信息处理费")]
    assert _run(tmp_path, by_number, "036-pingtan-shs-2022.txt") == []  # 「未产生信息公开处理费」
    by_heading = _rule("K202", "section-text", "「{section}」后未说明{expected}", "{heading-pattern: '其他需要报告的事项', require: [处理费]}")
    assert _run(tmp_path, by_heading, "047-pingtan-jjf-2025.txt") == [("K202", 10, 2484, "「六、其他需要报告的事项」后未说明处理费")]


def test_section_text_forbid_in_a_changed_copy(tmp_path):
    src = (REAL / "009-shuyang-county-2025.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    src[176] = "XX单位" + src[176]
    copy = tmp_path / "009-copy.txt"
    copy.write_text("".join(src), encoding="utf-8")
    rule = _rule("K203", "section-text", "{section}：「{found}」", "{section: 五, forbid: [XX单位]}")
    assert _run(tmp_path, rule, copy) == [("K203", 177, 1, "五、存在的主要问题及改进情况：「XX单位」")]
    elsewhere = _rule("K203", "section-text", "{found}", "{section: 六, forbid: [XX单位]}")
    assert _run(tmp_path, elsewhere, copy) == []


@pytest.mark.parametrize(
    "check, params, col, fault",
    [
        ("table-cell", "{problem: blnak}", 23, "unknown observation 'blnak' for checker 'table-cell' (it offers: blank, non-numeric, negative, fraction)"),
        ("table-relation", "{table: table3, relation: ≈, left: [一], right: [三.七]}", 39, "parameter `relation` of checker `table-relation` must be one of: =, ≤, ≥, <, > (not '≈')"),
    ],
)
def test_choices_are_load_errors(tmp_path, check, params, col, fault):
    p = tmp_path / "kinds.yaml"
    p.write_text(HEAD + _rule("K301", check, "x", params), encoding="utf-8")
    with pytest.raises(RuleSetError) as exc:
        Linter(extra_rule_paths=[p])
    assert [(str(o), m) for o, m in exc.value.faults] == [(f"{p}:10:{col}", fault)]


def test_kinds_command_lists_parameters_and_placeholders():
    code, out, _ = run_cli("--lang", "en", "kinds")
    assert code == 0
    block = out.split("section-text: ", 1)[1].split("\n\n", 1)[0]
    assert block.splitlines()[1:] == [
        "  param section (str): the section's number in schema `schema` (e.g. 六)",
        "  param heading-pattern (str): or: a regular expression for the title of the numbered heading (一、…) the part follows",
        "  param schema (str): the sections schema (default: sections)",
        "  param require (list): text that must appear: literals or {pattern: REGEX, what: 说明}",
        "  param forbid (list): text that must not appear: literals or {pattern: REGEX, what: 说明}",
        "  placeholders: {section}, {expected}, {found}",
    ]
    assert "  param relation (str) choices: =, ≤, ≥, <, >: = | ≤ | ≥ | < | > (needed without identity)" in out
    assert "  param identity (str): or: the id of an identity of schema table-identities (T3-1 …), checked as the schema states it" in out


def test_table_relation_with_an_identity_is_the_national_identity_check(tmp_path, monkeypatch):
    # B401–B405 are table-relation rules with identity: T3-1 … T4-1; a regulator's rules
    # written the same way with their own codes give, on every real report, exactly the
    # national findings (the same check, not a second implementation of it).
    import json
    import os

    from disclint.resources import rules_dir

    national = {r.id: r for r in Linter().rulesets["gov-2021"].rules.values()}
    codes = ("B401", "B402", "B403", "B404", "B405")
    rules = "".join(
        f"  - id: Q{c[1:]}\n    name: q-{c.lower()}\n    check: table-relation\n    severity: {national[c].severity}\n"
        f"    message: {json.dumps(national[c].message, ensure_ascii=False)}\n    params: {{identity: {national[c].params['identity']}}}\n"
        for c in codes)
    p = tmp_path / "q.yaml"
    p.write_text("name: q\nrules:\n" + rules, encoding="utf-8")
    for name in ("q-2019", "q-2021"):
        (tmp_path / f"{name}.yaml").write_text(
            f"name: {name}\napplies-to: {{from: {2019 if name == 'q-2019' else 2021}{', to: 2020' if name == 'q-2019' else ''}}}\n"
            f"extends: [gov-{name[2:]}, q]\n", encoding="utf-8")
    monkeypatch.chdir(rules_dir().parent)
    results = Linter(Options(today=date(2026, 12, 2)), extra_rule_paths=[tmp_path]).check_paths([os.path.join("tests", "data", "real")])
    got = [(r.path, d.line, d.column, d.severity, d.message) for r in results for d in r.diagnostics]
    by_code = {c: [x for x, d in zip(got, (d for r in results for d in r.diagnostics)) if d.code == c] for c in codes + tuple(f"Q{c[1:]}" for c in codes)}
    assert sum(len(by_code[c]) for c in codes) >= 20
    for c in codes:
        assert by_code[f"Q{c[1:]}"] == by_code[c], c


def test_cell_value_range(tmp_path):
    rule = _rule("K401", "cell-value", "{where}为{found}，应{expected}", "{table: table3, rows: [一], columns: [总计], type: integer, min: 0, max: 500}")
    assert _run(tmp_path, rule, "009-shuyang-county-2025.txt") == [("K401", 99, 46, "表三「一、本年新收政府信息公开申请数量」行「总计」列为713，应不大于500")]
    assert _run(tmp_path, rule.replace("max: 500", "max: 713"), "009-shuyang-county-2025.txt") == []


def test_an_observation_is_declared_once_beside_the_analysis_that_makes_it():
    """A kind that picks an observation takes its choices from the module that produces it
    (table-structure: the table analysis's OBSERVATIONS; narrative-number / text-arithmetic:
    their analyses' TOPICS; reader-problem: READER_PROBLEMS beside ReaderProblem in the model), so a new
    observation is one entry there, a YAML rule and a test — no list in a second file."""
    import sys

    from disclint import model
    from disclint.analysis import tables

    def module(kind):  # the plugin module the kind's checker lives in
        return sys.modules[kinds[kind].check.__module__]

    kinds = Linter().kinds
    choices = {name: next(p.choices for p in kinds[name].params if p.choices) for name in ("table-structure", "narrative-number", "text-arithmetic")}
    assert choices["table-structure"] == tables.OBSERVATIONS and kinds["table-structure"].placeholders == tables.PLACEHOLDERS
    assert choices["narrative-number"] == module("narrative-number").TOPICS
    assert choices["text-arithmetic"] == module("text-arithmetic").TOPICS
    assert kinds["reader-problem"].validate is not None and "garbled" in model.READER_PROBLEMS
    assert module("reader-problem").READER_PROBLEMS is model.READER_PROBLEMS
    assert "row-numbering" in tables.OBSERVATIONS  # T214's, the most recent one added
