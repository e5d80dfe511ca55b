"""Broken rule sets are reported with file:line:col and exit 2; rule text is never code."""

from pathlib import Path

import pytest

from conftest import SEED, run_cli
from disclint.engine import Linter
from disclint.rules.loader import RuleSetError

GOOD_RULE = """\
  - id: R901
    name: regulator-rule
    check: section-missing
    severity: warning
    message: "缺少{title}"
    params: {schema: sections}
"""


def write(tmp_path: Path, text: str, name: str = "regulator.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def faults_for(path: Path) -> list[str]:
    with pytest.raises(RuleSetError) as exc:
        Linter(extra_rule_paths=[path])
    return [f"{o.line}:{o.column}: {m}" for o, m in exc.value.faults if o.file == str(path)]


def test_yaml_syntax_error_names_file_line_and_column(tmp_path):
    p = write(tmp_path, "name: broken\nrules:\n  - id: R901\n    name: [unclosed\n")
    code, out, err = run_cli("check", "--rules", str(p), str(SEED))
    assert code == 2
    assert f"{p}:5:1: YAML syntax error" in err
    assert out == ""


def test_unknown_checker_kind(tmp_path):
    p = write(tmp_path, "name: reg\nextends: [gov-2021]\napplies-to: {from: 2030}\nrules:\n" + GOOD_RULE.replace("check: section-missing", "check: no-such-kind"))
    faults = faults_for(p)
    assert faults[0].startswith("7:12: unknown checker kind `no-such-kind`")


def test_duplicate_code_within_a_file_and_across_extends(tmp_path):
    p = write(tmp_path, "name: reg\nextends: [sections]\nrules:\n" + GOOD_RULE + GOOD_RULE.replace("R901", "S101"))
    assert faults_for(p) == [
        "10:5: duplicate rule code `S101`: already defined in rule set `sections` (use `overrides` to change it)"
    ]
    p2 = write(tmp_path, "name: reg2\nrules:\n" + GOOD_RULE + GOOD_RULE, "dup.yaml")
    assert faults_for(p2) == ["9:9: duplicate rule code `R901` (first defined at %s:3:5)" % p2]


def test_bad_severity_unknown_key_and_unknown_placeholder(tmp_path):
    rule = GOOD_RULE.replace("severity: warning", "severity: fatal").replace("{title}", "{nope}") + "    colour: red\n"
    p = write(tmp_path, "name: reg\nrules:\n" + rule)
    faults = faults_for(p)
    assert "9:5: unknown key `colour` in rule (allowed: basis, check, doc, enabled, examples, id, message, name, params, severity)" in faults
    assert "6:15: bad severity `fatal` (use error, warning or info)" in faults
    assert any(f.startswith("7:14: unknown placeholder `{nope}` for checker `section-missing`") for f in faults)


def test_placeholder_cannot_reach_attributes(tmp_path):
    p = write(tmp_path, "name: reg\nrules:\n" + GOOD_RULE.replace("{title}", "{title.__class__}"))
    assert faults_for(p) == ["7:14: placeholder `{title.__class__}` must be a plain name like {found}"]


def test_python_tags_are_refused_not_constructed(tmp_path):
    p = write(tmp_path, "name: reg\nschemas:\n  x: !!python/object/apply:os.system ['echo pwned']\nrules: []\n")
    faults = faults_for(p)
    assert faults == ["3:6: tagged value tag:yaml.org,2002:python/object/apply:os.system is not allowed in a rule set"]


def test_unknown_parent_and_override(tmp_path):
    p = write(tmp_path, "name: reg\nextends: [nowhere]\noverrides:\n  Q999: {severity: info}\n")
    assert faults_for(p) == [
        "2:10: rule set `reg` extends unknown rule set `nowhere`",
        "4:3: override of unknown rule code `Q999`",
    ]


def test_regulator_rule_set_extends_and_overrides(tmp_path):
    """A province tightens the national format: one line changes a severity."""
    p = write(
        tmp_path,
        "name: province-2021\ntitle: 某省2021\napplies-to: {from: 2021}\nextends: [gov-2021]\n"
        "overrides:\n  S103: {severity: error}\n  S107: {enabled: false}\n",
    )
    linter = Linter(extra_rule_paths=[p])
    rs = linter.rulesets["province-2021"]
    assert rs.rules["S103"].severity == "error"
    assert not rs.rules["S107"].enabled
    assert linter.rulesets["gov-2021"].rules["S103"].severity == "warning"  # the national set is untouched


def test_shipped_rule_sets_load_and_every_rule_is_documented():
    linter = Linter()
    for name in ("gov-2019", "gov-2021", "legacy-2008"):
        assert name in linter.rulesets
    for rs in linter.rulesets.values():
        for rule in rs.rules.values():
            assert rule.description, f"{rule.id} has no doc.what"
