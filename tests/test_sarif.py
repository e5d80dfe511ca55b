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


def test_sarif_for_github_code_scanning(tmp_path):
    import shutil
    from urllib.parse import unquote

    folder = tmp_path / "报告 2023"
    folder.mkdir()
    shutil.copy(REAL / "013-huaian-hongze-district-2023.pdf", folder / "洪泽区 2023.pdf")
    shutil.copy(REAL / "005-pingtan-zhqgwh-2022.txt", folder / "平潭 2022.txt")
    code, out, _ = run_cli("check", "--format", "sarif", "--today", "2026-11-27", "--sarif-root", str(tmp_path), str(folder))
    data = json.loads(out)
    Sarif.model_validate(data)
    run = data["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert "informationUri" not in run["tool"]["driver"]  # no page that does not exist
    by_code = {}
    for r in run["results"]:
        by_code.setdefault(r["ruleId"], []).append(r)
    # the PDF: a relative, percent-encoded URI, no region, the page and line as a logical place
    t203 = by_code["T203"][0]["locations"][0]
    assert t203["physicalLocation"] == {"artifactLocation": {"uri": "%E6%8A%A5%E5%91%8A%202023/%E6%B4%AA%E6%B3%BD%E5%8C%BA%202023.pdf", "uriBaseId": "%SRCROOT%"}}
    assert unquote(t203["physicalLocation"]["artifactLocation"]["uri"]) == "报告 2023/洪泽区 2023.pdf"
    assert t203["logicalLocations"] == [{"fullyQualifiedName": "page[3]/line[41]", "kind": "element"}]
    s104 = by_code["S104"][0]
    assert s104["locations"][0]["physicalLocation"]["region"] == {"startLine": 10, "startColumn": 3175, "endLine": 10, "endColumn": 3195}
    # fingerprints: one per result, the two B404 of one table row told apart
    assert all(len(r["partialFingerprints"]["disclintFingerprint/v1"]) == 20 for r in run["results"])
    assert len({r["partialFingerprints"]["disclintFingerprint/v1"] for r in by_code["B404"]}) == 2
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "S104")
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"].startswith(rule["shortDescription"]["text"])
    assert "**Why**" in rule["help"]["markdown"] and "Fails:" in rule["help"]["text"]
    assert rule["properties"]["tags"] == ["disclint", "gov-2021", "S"]


def test_sarif_fingerprint_survives_a_line_move(tmp_path):
    text = (REAL / "005-pingtan-zhqgwh-2022.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n\n" + text, encoding="utf-8")

    def prints(name):
        out = run_cli("check", "--format", "sarif", "--today", "2026-11-27", "--sarif-root", str(tmp_path), str(tmp_path / name))[1]
        return [(r["ruleId"], r["partialFingerprints"]["disclintFingerprint/v1"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in json.loads(out)["runs"][0]["results"]]

    a, b = prints("a.txt"), prints("b.txt")
    assert [(c, f) for c, f, _ in a] == [(c, f) for c, f, _ in b]
    assert [line for *_, line in a] == [10, 10] and [line for *_, line in b] == [12, 12]


def test_sarif_lists_suppressed_and_waived_findings_as_suppressed(tmp_path):
    lines = (REAL / "010-shuyang-fgj-2023.html").read_text(encoding="utf-8").split("\n")
    lines.insert(1196, "<!-- disclint-disable-next-line S104 -->")
    (tmp_path / "010.html").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "disclint-waivers.yaml").write_text("- {path: 010.html, code: T204, reason: 沿用上级口径}\n", encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "sarif", "--today", "2026-11-27", "--sarif-root", str(tmp_path), str(tmp_path / "010.html"))
    assert code == 0  # the one error is suppressed
    data = json.loads(out)
    Sarif.model_validate(data)
    marked = {r["ruleId"]: r.get("suppressions") for r in data["runs"][0]["results"]}
    assert marked["S104"] == [{"kind": "inSource", "status": "accepted", "justification": f"disclint-disable-next-line S104 ({tmp_path / '010.html'}:1197:1)"}]
    assert marked["T204"] == [{"kind": "external", "status": "accepted", "justification": f"沿用上级口径 ({tmp_path / 'disclint-waivers.yaml'}:1:3)"}]
    assert marked["S108"] is None and marked["B406"] is None


SCHEMA = REAL.parent / "sarif" / "sarif-schema-2.1.0.json"


def _official_validator():
    """The official OASIS SARIF 2.1.0 schema (tests/data/sarif/ORIGIN.md), every format checked
    (uri, uri-reference, date-time: jsonschema[format-nongpl])."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=jsonschema.FormatChecker())


def test_sarif_of_the_whole_corpus_validates_against_the_official_schema():
    code, out, _ = run_cli("check", "--format", "sarif", "--today", "2026-11-27", "--sarif-root", str(REAL.parent), str(REAL))
    assert code == 1
    data = json.loads(out)
    validator = _official_validator()
    assert [e.message for e in validator.iter_errors(data)] == []
    _, js, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", str(REAL))
    results = data["runs"][0]["results"]
    assert len(results) == len(json.loads(js))
    files = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "real/013-huaian-hongze-district-2023.pdf" in files and all(u.startswith("real/") for u in files)
    # the check can fail: a URI with a raw space, or a region starting at column 0, is refused
    bad = json.loads(out)
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "real/a b.txt"
    assert any("uri-reference" in e.message for e in validator.iter_errors(bad))
    region = next(r for r in bad["runs"][0]["results"] if "region" in r["locations"][0]["physicalLocation"])
    region["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    assert any("minimum of 1" in e.message for e in validator.iter_errors(bad))


def test_an_internal_error_makes_execution_unsuccessful_with_a_notification(monkeypatch):
    """A checker that crashes is no finding: SARIF says the run did not succeed and why
    (invocations[0].toolExecutionNotifications), the other checkers' findings are kept, exit 2."""
    from dataclasses import replace

    from disclint import engine

    made = engine.Linter.__init__

    def crashing(self, *args, **kw):
        made(self, *args, **kw)
        def boom(doc, rule, ctx):
            raise RuntimeError("boom")
        self.kinds["section-title-wrong"] = replace(self.kinds["section-title-wrong"], check=boom)

    monkeypatch.setattr(engine.Linter, "__init__", crashing)
    path = REAL / "005-pingtan-zhqgwh-2022.txt"
    code, out, err = run_cli("check", "--format", "sarif", "--today", "2026-11-27", "--no-find-history", "--sarif-root", str(REAL), str(path))
    assert code == 2
    run = json.loads(out)["runs"][0]
    assert [e.message for e in _official_validator().iter_errors(json.loads(out))] == []
    assert [r["ruleId"] for r in run["results"]] == ["B501"]  # S104 came from the crashed checker
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error"] and len(notes) == len([line for line in err.splitlines() if "internal error" in line]) >= 1
    assert notes[0]["message"]["text"].startswith(f"{path}: internal error in checker `section-title-wrong` (rule S104, ")
    assert notes[0]["message"]["text"].endswith("RuntimeError: boom")


def test_sarif_help_uri_from_a_template_fills_each_rule_and_validates(tmp_path, monkeypatch):
    path = REAL / "005-pingtan-zhqgwh-2022.txt"
    args = ("check", "--format", "sarif", "--today", "2026-11-27", "--no-find-history", "--sarif-root", str(REAL))
    code, out, _ = run_cli(*args, "--sarif-help-uri", "https://example.org/rules/{code}.html", str(path))
    assert code == 1
    data = json.loads(out)
    assert [e.message for e in _official_validator().iter_errors(data)] == []
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert [(r["id"], r["helpUri"]) for r in rules] == [("B501", "https://example.org/rules/B501.html"), ("S104", "https://example.org/rules/S104.html")]
    # without a template no rule has one (the project publishes no rule pages)
    _, plain, _ = run_cli(*args, str(path))
    assert [r for r in json.loads(plain)["runs"][0]["tool"]["driver"]["rules"] if "helpUri" in r] == []
    # the check can fail: a helpUri that is no URI is refused by the schema
    data["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "rules/S 104.html"
    assert any("'uri'" in e.message for e in _official_validator().iter_errors(data))
    # the same key in the configuration found from the working folder; the command line wins
    (tmp_path / ".disclint.yaml").write_text("sarif-help-uri: http://intranet.example/disclint/{code}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli(*args, str(path))
    assert [r["helpUri"] for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]] == ["http://intranet.example/disclint/B501", "http://intranet.example/disclint/S104"]
    _, out, _ = run_cli(*args, "--sarif-help-uri", "https://x.example/{code}", str(path))
    assert [r["helpUri"] for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]] == ["https://x.example/B501", "https://x.example/S104"]


def test_sarif_help_uri_without_code_or_not_absolute_http_is_refused(tmp_path, monkeypatch):
    path = REAL / "005-pingtan-zhqgwh-2022.txt"
    for bad in ("https://example.org/rules/", "rules/{code}.html", "ftp://example.org/{code}", "https://example.org/{code} x", "https://example.org/{name}/{code}"):
        code, out, err = run_cli("check", "--format", "sarif", "--sarif-help-uri", bad, str(path))
        assert (code, out) == (2, "")
        assert err.splitlines()[-1] == f"错误：--sarif-help-uri 的取值无效：「--sarif-help-uri」应为含 {{code}} 的 http(s) 绝对地址，如 https://example.org/rules/{{code}}.html，而不是 {bad!r}"
    code, _, err = run_cli("check", "--lang", "en", "--sarif-help-uri", "rules/{code}.html", str(path))
    assert code == 2 and err.splitlines()[-1] == ("Error: Invalid value for --sarif-help-uri: `--sarif-help-uri` must be an absolute http(s) URI with {code},"
                                                  " such as https://example.org/rules/{code}.html, not 'rules/{code}.html'")
    # in the configuration: at the value's file:line:col, in the run's language
    (tmp_path / ".disclint.yaml").write_text("fail-level: error\nsarif-help-uri: example.org/{code}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "--format", "sarif", str(path))
    assert (code, out) == (2, "")
    assert err == f"{tmp_path / '.disclint.yaml'}:2:17: 「sarif-help-uri」应为含 {{code}} 的 http(s) 绝对地址，如 https://example.org/rules/{{code}}.html，而不是 'example.org/{{code}}'\n"
    (tmp_path / ".disclint.yaml").unlink()
    (tmp_path / "disclint.toml").write_text('sarif-help-uri = "https://example.org/rules/"\n', encoding="utf-8")
    code, out, err = run_cli("check", "--lang", "en", "--format", "sarif", str(path))
    assert err == (f"{tmp_path / 'disclint.toml'}:1:1: `sarif-help-uri` must be an absolute http(s) URI with {{code}},"
                   " such as https://example.org/rules/{code}.html, not 'https://example.org/rules/'\n")
