"""A regulator removes a national row, column or block label: `{remove: KEY}` in a schema list (issue #9).

The report is the complete clean 2021-format report the doc examples are set into
(rules/examples/report-2021.txt), with the removed part left out: the national sets
miss it, the regulator's set does not; a key that is not there is a load fault.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import findings, run_cli

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "rules" / "examples" / "report-2021.txt"
# the removals docs/writing-rules.md shows (its one ```schemas block)
[DOC] = re.findall(r"^```schemas\nschemas:\n(.*?)^```", (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8"), re.S | re.M)

HEAD = """\
name: fj-2021
title: 某省补充要求：删去的栏目
basis: 某省政务公开办关于年度报告的补充通知（示例）
applies-to: {from: 2021}
extends: [gov-2021]
schemas:
"""


def _files(tmp_path: Path, schemas: str, drop: tuple[str, ...]) -> tuple[Path, Path]:
    rules = tmp_path / "fj-2021.yaml"
    rules.write_text(HEAD + schemas, encoding="utf-8")
    report = tmp_path / "report.txt"
    lines = REPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    report.write_text("".join(line for line in lines if not any(d in line for d in drop)), encoding="utf-8")
    return rules, report


def _found(report: Path, *extra: str) -> list[tuple]:
    return [(d["code"], d["line"], d["message"]) for d in findings(report, "--show-info", *extra)]


def test_a_removed_table3_row_is_not_missing(tmp_path):
    rules, report = _files(tmp_path, "  table3:\n    rows:\n      - {remove: 三.五.5}\n", ("5.要求行政机关确认或重新出具已获取信息",))
    assert _found(report) == [("T202", 30, "表三缺少行「5.要求行政机关确认或重新出具已获取信息」")]
    assert _found(report, "--rules", str(rules)) == []


def test_a_removed_table2_block_is_not_missing(tmp_path):
    rules, report = _files(tmp_path, "  table2:\n    blocks:\n      - {remove: [（八）]}\n",
                           ("第二十条第（八）项", "本年收费金额（单位：万元）", "行政事业性收费"))
    assert _found(report) == [("T201", 8, "缺少表二：未找到第二十条第（八）项")]
    assert _found(report, "--rules", str(rules)) == []


def test_the_documented_removals(tmp_path):
    rules, report = _files(tmp_path, DOC, ("5.要求行政机关确认或重新出具已获取信息", "第二十条第（八）项", "本年收费金额（单位：万元）", "行政事业性收费"))
    assert [f[0] for f in _found(report)] == ["T201", "T202"]
    assert _found(report, "--rules", str(rules)) == []


def test_a_plain_value_is_removed_by_value(tmp_path):
    from datetime import date

    from disclint.checking import Options
    from disclint.engine import Linter

    rules, _ = _files(tmp_path, "  table-cell-values:\n    decimal-columns: [{remove: 采购总金额}]\n", ())
    linter = Linter(Options(today=date(2026, 12, 2)), extra_rule_paths=[rules])
    assert linter.rulesets["gov-2021"].schemas["table-cell-values"]["decimal-columns"] == ["本年收费金额（单位：万元）", "采购总金额"]
    assert linter.rulesets["fj-2021"].schemas["table-cell-values"]["decimal-columns"] == ["本年收费金额（单位：万元）"]


def test_removing_what_is_not_there_is_a_load_fault(tmp_path):
    rules, report = _files(tmp_path, "  table3:\n    rows:\n      - {remove: 三.五.9}\n      - {remove: 三.五.4, label: 4.无正当理由大量反复申请}\n", ())
    code, _out, err = run_cli("check", "--rules", str(rules), str(report))
    assert code == 2
    assert err.splitlines()[:2] == [
        f"{rules}:9:18: schema `table3/rows` has no entry `三.五.9` to remove (it has: 一, 二, 三, 三.一, 三.二, 三.三, 三.三.1, 三.三.2, 三.三.3, 三.三.4, 三.三.5, 三.三.6, 三.三.7, 三.三.8, 三.四, 三.四.1, 三.四.2, 三.四.3, 三.五, 三.五.1, 三.五.2, 三.五.3, 三.五.4, 三.五.5, 三.七, 四)",
        f"{rules}:10:9: entry 2 of schema `table3/rows`: write `{{remove: KEY}}` or `{{remove: [KEY, …]}}` alone, KEY being an inherited entry's `key`",
    ]


def test_removing_from_a_list_of_lists_is_a_fault_not_a_crash(tmp_path):
    # short-forms holds pairs: an entry is removed by the whole pair, and a bare word names none
    rules, report = _files(tmp_path, "  term-typos:\n    short-forms: [{remove: 需要}]\n", ())
    code, _out, err = run_cli("check", "--rules", str(rules), str(report))
    assert code == 2
    assert err.splitlines()[0].startswith(f"{rules}:8:28: schema `term-typos/short-forms` has no entry `需要` to remove (it has: ['需要', '需'], ")
