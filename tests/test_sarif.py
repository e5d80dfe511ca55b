"""SARIF output validates against the SARIF 2.1.0 object model and keeps every place."""

import json

from sarif_pydantic import Sarif

from conftest import REAL, run_cli


def test_sarif_output_is_valid_and_complete():
    path = REAL / "005-pingtan-zhqgwh-2022.txt"
    code, out, _ = run_cli("check", "--format", "sarif", "--today", "2026-11-27", str(path))
    assert code == 1
    data = json.loads(out)
    log = Sarif.model_validate(data)
    assert log.version == "2.1.0"
    results = data["runs"][0]["results"]
    _, js, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", str(path))
    plain = json.loads(js)
    assert len(results) == len(plain)
    s104 = next(r for r in results if r["ruleId"] == "S104")
    region = s104["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (10, 3175)
    assert s104["level"] == "error"
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert rules[s104["ruleIndex"]]["id"] == "S104"
