"""A regulator's rule sets are applied with the national one, never instead of it.

Real reports from tests/data/real; the regulator's YAML is written in tmp_path. The
expected numbers were read off the reports' tables (009: 表三 一 705/713, 二 36/36,
（七）总计 710/718, 四 31/31 in the 自然人 / 总计 columns).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from disclint.checking import Options
from disclint.engine import Linter
from disclint.resources import rules_dir
from disclint.rules.loader import RuleSetError

from conftest import REAL, run_cli

GOLDEN = Path(__file__).parent / "data" / "golden" / "real-findings.json"
TODAY = date(2026, 12, 2)

PROVINCE = """\
name: province-2021
title: 某省2021年度报告规则
applies-to: {from: 2021}
extends: [gov-2021]
overrides:
  S103: {severity: error}
schemas:
  table-identities:
    - id: P-1
      table: table3
      per: column
      left: [一, 二]
      right: [三.七]
      at: 三.七
      describe: 新收与结转之和应等于办理总计（本省不允许结转下年）
rules:
  - id: P201
    name: no-carry-over
    check: table-identity
    severity: warning
    message: "表三{column}列：{left}≠{right}"
    params: {identity: P-1}
    basis: 某省政务公开办通知
"""

CITY = """\
name: city-2021
applies-to: {from: 2021}
extends: [gov-2021]
overrides:
  B501: {severity: error}
"""


def _golden(name: str) -> list[tuple]:
    items = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return [(d["code"], d["severity"], d["line"], d["column"], d["message"]) for d in items if d["path"].endswith(name)]


def _found(linter: Linter, name: str) -> list[tuple]:
    result = linter.check_file(str(REAL / name))
    assert not result.internal_errors, result.internal_errors
    return [(d.code, d.severity, d.line, d.column, d.message) for d in result.diagnostics], result


def _linter(tmp_path: Path, **sets: str) -> Linter:
    paths = []
    for name, text in sets.items():
        p = tmp_path / f"{name}.yaml"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return Linter(Options(today=TODAY), extra_rule_paths=paths)


def test_province_set_is_applied_with_the_national_one(tmp_path):
    linter = _linter(tmp_path, province=PROVINCE)
    found, result = _found(linter, "009-shuyang-county-2025.txt")
    assert result.ruleset == "province-2021"
    # Its own rule, on the identity it added to the national ones (705+36≠710, 713+36≠718) ...
    assert [f for f in found if f[0] == "P201"] == [
        ("P201", "warning", 155, 11, "表三自然人列：741≠710"),
        ("P201", "warning", 155, 37, "表三总计列：749≠718"),
    ]
    # ... its override applied, and every national finding still there (schemas merged, not replaced).
    national = [(c, "error" if c == "S103" else s, l, col, m) for c, s, l, col, m in _golden("009-shuyang-county-2025.txt")]
    assert [f for f in found if f[0] != "P201"] == national
    assert any(f[0] == "S103" for f in national)
    assert [i["id"] for i in linter.rulesets["province-2021"].schemas["table-identities"]] == ["T3-1", "T3-2", "T3-3", "T3-4", "T4-1", "P-1"]
    assert result.explanation == [
        "report year 2025",
        f"applied province-2021 ({tmp_path / 'province.yaml'}): applies-to 2021– contains 2025",
        "gov-2021 is applied as part of province-2021, which extends it",
    ]


def test_province_set_stays_out_of_other_years(tmp_path):
    linter = _linter(tmp_path, province=PROVINCE)
    found, result = _found(linter, "001-shanghai-szfbgt-2019.html")
    assert result.ruleset == "gov-2019"
    assert found == _golden("001-shanghai-szfbgt-2019.html")


def test_two_regulator_sets_both_apply(tmp_path):
    linter = _linter(tmp_path, province=PROVINCE, city=CITY)
    found, result = _found(linter, "005-pingtan-zhqgwh-2022.txt")
    assert result.ruleset == "city-2021+province-2021"
    assert found == [(c, "error" if c == "B501" else s, l, col, m) for c, s, l, col, m in _golden("005-pingtan-zhqgwh-2022.txt")]
    found, _ = _found(linter, "009-shuyang-county-2025.txt")
    assert [(f[0], f[1]) for f in found if f[0] in ("P201", "S103")] == [("P201", "warning"), ("P201", "warning"), ("S103", "error")]


def test_a_clash_of_codes_names_both_files(tmp_path):
    # the same code in another set (on a national identity: a rule naming an identity its set
    # lacks is a fault of its own, test_regulators_faults.py)
    other = CITY.replace("overrides:\n  B501: {severity: error}\n", PROVINCE.split("rules:\n")[1].join(["rules:\n", ""])).replace("P-1", "T3-1")
    with pytest.raises(RuleSetError) as exc:
        _linter(tmp_path, province=PROVINCE, city=other)
    [(origin, message)] = exc.value.faults
    assert str(origin) == f"{tmp_path / 'province.yaml'}:17:5"
    assert message == (
        f"rule code `P201` is defined both at {tmp_path / 'city.yaml'}:5:5 (rule set `city-2021`) and at "
        f"{tmp_path / 'province.yaml'}:17:5 (rule set `province-2021`), which both apply to the same report years; give one of them another code"
    )


def test_a_clash_of_overrides_names_both_files(tmp_path):
    with pytest.raises(RuleSetError) as exc:
        _linter(tmp_path, province=PROVINCE, city=CITY.replace("B501: {severity: error}", "S103: {severity: info}"))
    [(origin, message)] = exc.value.faults
    assert message == (
        f"overrides of rule `S103` in rule set `city-2021` ({tmp_path / 'city.yaml'}) and rule set `province-2021` "
        f"({tmp_path / 'province.yaml'}) disagree, and both apply to the same report years"
    )


def test_cli_explain_and_clash_exit_2(tmp_path):
    (tmp_path / "province.yaml").write_text(PROVINCE, encoding="utf-8")
    code, out, err = run_cli("check", "--today", "2026-12-02", "--rules", str(tmp_path / "province.yaml"), "--explain", str(REAL / "009-shuyang-county-2025.txt"))
    assert code == 1
    assert "P201 [warning] 表三自然人列：741≠710" in out
    assert f"{REAL / '009-shuyang-county-2025.txt'}: gov-2021 随 province-2021 一并应用（province-2021 扩展了它）" in err.splitlines()
    code, out, err = run_cli("check", "--lang", "en", "--today", "2026-12-02", "--rules", str(tmp_path / "province.yaml"), "--explain", str(REAL / "009-shuyang-county-2025.txt"))
    assert f"{REAL / '009-shuyang-county-2025.txt'}: gov-2021 is applied as part of province-2021, which extends it" in err.splitlines()
    (tmp_path / "city.yaml").write_text(CITY.replace("B501: {severity: error}", "S103: {severity: info}"), encoding="utf-8")
    code, out, err = run_cli("check", "--rules", str(tmp_path), str(REAL / "009-shuyang-county-2025.txt"))
    assert code == 2 and out == ""
    assert "overrides of rule `S103`" in err


def test_forced_ruleset_is_one_set_for_every_file(tmp_path):
    (tmp_path / "province.yaml").write_text(PROVINCE, encoding="utf-8")
    linter = Linter(Options(today=TODAY), ruleset="province-2021", extra_rule_paths=[tmp_path / "province.yaml"])
    _found_, result = _found(linter, "001-shanghai-szfbgt-2019.html")
    assert result.ruleset == "province-2021"
    assert result.explanation == ["--ruleset province-2021: this one rule set for every file, whatever its report year"]


def test_schema_of_another_shape_is_a_load_error(tmp_path):
    from disclint.resources import rules_dir

    bad = PROVINCE.replace("  table-identities:\n    - id: P-1\n", "  table-identities:\n    - name: P-1\n")
    with pytest.raises(RuleSetError) as exc:
        _linter(tmp_path, province=bad)
    common = (rules_dir() / "tables-common.yaml").read_text(encoding="utf-8").split("\n")
    first = common.index("  table-identities:") + 2  # the first entry's line (1-based)
    assert [(str(o), m) for o, m in exc.value.faults] == [
        (f"{tmp_path / 'province.yaml'}:9:5", f"schema `table-identities` entry 1 lacks `id` (as in {rules_dir() / 'tables-common.yaml'}:{first}:5)"),
    ]
    bad = PROVINCE.replace("  table-identities:\n    - id: P-1\n", "  sections: {number: 七}\n  table-identities:\n    - id: P-1\n")
    with pytest.raises(RuleSetError) as exc:
        _linter(tmp_path, province=bad)
    assert [(str(o), m) for o, m in exc.value.faults] == [
        (f"{tmp_path / 'province.yaml'}:8:13", f"schema `sections` must be a list, not a mapping (as in {rules_dir() / 'sections.yaml'}:13:5)"),
    ]


def test_replace_only_when_asked(tmp_path):
    added = _linter(tmp_path, province=PROVINCE.replace("schemas:\n", "schemas:\n  legacy-markers: [统计项目]\n"))
    assert added.rulesets["province-2021"].schemas["legacy-markers"] == ["指标名称", "计量单位", "统计项目"]
    assert added.rulesets["gov-2021"].schemas["legacy-markers"] == ["指标名称", "计量单位"]
    replaced = _linter(tmp_path, province=PROVINCE.replace("schemas:\n", "schemas:\n  legacy-markers: {replace: true, with: [统计项目]}\n"))
    assert replaced.rulesets["province-2021"].schemas["legacy-markers"] == ["统计项目"]


def test_explain_names_last_years_report_as_read_for_the_cross_year_rules_only(tmp_path):
    # 004 (2021) alone on the command line: its folder's earlier reports are read for the B6xx
    # rules, and --explain says so for them instead of explaining a rule set nobody's findings use.
    code, out, err = run_cli("check", "--today", "2026-12-02", "--explain", str(REAL / "004-pingtan-zhqgwh-2021.txt"))
    lines = err.splitlines()
    assert f"{REAL / '003-pingtan-zhqgwh-2020.txt'}: 作为上一年度报告读取，只用于跨年度核对" in lines
    assert [line for line in lines if line.startswith(str(REAL / "004"))] == [
        f"{REAL / '004-pingtan-zhqgwh-2021.txt'}: 报告年度 2021",
        f"{REAL / '004-pingtan-zhqgwh-2021.txt'}: 应用 gov-2021（{rules_dir() / 'gov-2021.yaml'}）：适用年度 2021– 包含 2021",
    ]
    assert not any("003-pingtan" in line for line in out.splitlines())
