"""--format json against its published contract, docs/findings.schema.json, on the whole corpus;
the places cross-year findings compare with (``related``) in json, SARIF and github output."""

import json
import re
from pathlib import Path

import jsonschema

from conftest import REAL, run_cli

from disclint import __version__

SCHEMA = Path(__file__).parent.parent / "docs" / "findings.schema.json"
TODAY = "2026-11-27"


def _validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _corpus_json() -> list[dict]:
    code, out, _ = run_cli("check", "--format", "json", "--today", TODAY, str(REAL))
    assert code == 1
    return json.loads(out)


def test_json_of_the_whole_corpus_validates_against_the_published_schema():
    items = _corpus_json()
    validator = _validator()
    assert [e.message for e in validator.iter_errors(items)] == []
    pdf = [(d["code"], d["logical"]) for d in items if d["path"].endswith("013-huaian-hongze-district-2023.pdf")]
    assert pdf[0] == ("T203", "page[3]/line[41]")
    # the schema can fail: a key outside the contract, a missing logical, a column 0
    extra = [{**items[0], "hint": "x"}]
    assert any("Unevaluated properties" in e.message for e in validator.iter_errors(extra))
    missing = [{k: v for k, v in items[0].items() if k != "logical"}]
    assert any("'logical' is a required property" in e.message for e in validator.iter_errors(missing))
    # every element names the disclint that wrote it, as --version prints it
    assert {d["version"] for d in items} == {__version__}
    _, printed, _ = run_cli("--version")
    assert printed == f"disclint, version {__version__}\n"
    unversioned = [{k: v for k, v in items[0].items() if k != "version"}]
    assert any("'version' is a required property" in e.message for e in validator.iter_errors(unversioned))
    assert any("minimum of 1" in e.message for e in validator.iter_errors([{**items[0], "column": 0}]))


def test_cross_year_findings_name_last_years_cell():
    items = _corpus_json()
    related = {(Path(d["path"]).name, d["code"]): d["related"] for d in items if d["related"]}
    assert sorted(related) == [
        ("006-pingtan-zhqgwh-2023.txt", "B602"), ("007-pingtan-zhqgwh-2024.txt", "B602"), ("008-pingtan-zhqgwh-2025.txt", "B602"),
        ("023-pingtan-zhqgwh-2012-legacy.txt", "B603"), ("024-pingtan-zhqgwh-2013-legacy.txt", "B603"),
        ("027-pingtan-zhqgwh-2016-legacy.txt", "B603"), ("028-pingtan-zhqgwh-2017-legacy.txt", "B603"),
    ]
    assert related[("006-pingtan-zhqgwh-2023.txt", "B602")] == [{
        "path": str(REAL / "005-pingtan-zhqgwh-2022.txt"), "line": 10, "column": 2368, "end_line": 10, "end_column": 2370,
        "logical": None, "message": "上年报告「行政规范性文件」现行有效698件"}]
    assert related[("023-pingtan-zhqgwh-2012-legacy.txt", "B603")] == [{
        "path": str(REAL / "022-pingtan-zhqgwh-2011-legacy.txt"), "line": 10, "column": 2737, "end_line": 10, "end_column": 2740,
        "logical": None, "message": "上年报告「主动公开信息数」历年累计1516条"}]
    # each related place is last year's figure in last year's file (a run of digits ending in
    # it, when its cells ran together), named in the message
    for d in items:
        for r in d["related"]:
            line = Path(r["path"]).read_text(encoding="utf-8").split("\n")[r["line"] - 1]
            written = line[r["column"] - 1:r["end_column"]]
            number = re.findall(r"(\d+)[件条]$", r["message"])
            assert written.isdigit() and (f"「{written}」" in r["message"] or number and written.endswith(number[0])), (d["path"], r)
    assert all(d["related"] == [] for d in items if not d["code"].startswith("B6"))


def test_sarif_and_github_carry_the_related_place():
    paths = [str(REAL / "005-pingtan-zhqgwh-2022.txt"), str(REAL / "006-pingtan-zhqgwh-2023.txt")]
    _, out, _ = run_cli("check", "--format", "sarif", "--today", TODAY, "--sarif-root", str(REAL), *paths)
    b602 = next(r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "B602")
    assert b602["relatedLocations"] == [{
        "id": 1,
        "physicalLocation": {"artifactLocation": {"uri": "005-pingtan-zhqgwh-2022.txt", "uriBaseId": "%SRCROOT%"},
                             "region": {"startLine": 10, "startColumn": 2368, "endLine": 10, "endColumn": 2371}},
        "message": {"text": "上年报告「行政规范性文件」现行有效698件"}}]
    _, out, _ = run_cli("check", "--format", "github", "--today", TODAY, *paths)
    line = next(x for x in out.splitlines() if "B602" in x)
    assert line.endswith(f"（上年报告「行政规范性文件」现行有效698件：{paths[0]}:10:2368）")
