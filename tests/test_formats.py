"""GitHub annotations, JUnit XML and several formats in one run, on real reports."""

import json
import shutil
import xml.etree.ElementTree as ET

from conftest import REAL, run_cli

R005 = REAL / "005-pingtan-zhqgwh-2022.txt"
R004 = REAL / "004-pingtan-zhqgwh-2021.txt"  # one info finding (X010: 693665 splits several ways)
PDF = REAL / "013-huaian-hongze-district-2023.pdf"


def test_github_annotations_have_places_titles_and_escaping(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(R005, "a,b:c.txt")  # a file name with the characters properties must escape
    shutil.copy(R004, "d.txt")
    shutil.copy(PDF, "r.pdf")
    code, out, _ = run_cli("check", "--today", "2026-11-27", "--format", "github", "a,b:c.txt", "d.txt", "r.pdf")
    assert code == 1
    lines = out.splitlines()
    assert lines[1] == (
        "::error file=a%2Cb%3Ac.txt,line=10,col=3175,endLine=10,endColumn=3194,title=S104 section-title-wrong::"
        "标题「四、政府信息公开行政法复议、行政诉讼情况」与格式规定的「四、政府信息公开行政复议、行政诉讼情况」不一致"
    )
    assert lines[2].startswith("::notice file=d.txt,line=10,col=2119,") and "title=X010 table-uncertain::" in lines[2]
    # PDF places have no line in the file: the logical place leads the message
    assert lines[3] == "::error file=r.pdf,title=T203 table-row-misspelt::page[3]/line[41]: 表三行标签「2.其他法律行政止公开」有误，应为「2.其他法律行政法规禁止公开」"


def test_github_escapes_newlines_and_percent_in_messages():
    from disclint.engine import Diagnostic
    from disclint.reporters.github import line

    d = Diagnostic("r.txt", 1, 2, 1, 3, "C201", "leaked-markup", "error", "50%\n::error::x", "prose")
    assert line(d) == "::error file=r.txt,line=1,col=2,endLine=1,endColumn=3,title=C201 leaked-markup::50%25%0A::error::x"


def test_junit_one_testcase_per_file_parsed():
    code, out, _ = run_cli("check", "--today", "2026-11-27", "--format", "junit", str(R005), str(R004),
                           str(REAL / "seed-missing.txt"), str(PDF))
    root = ET.fromstring(out)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [str(R004), str(R005), str(PDF), str(REAL / "seed-missing.txt")]
    assert (suite.get("tests"), suite.get("failures")) == ("4", "3")
    first = cases[1].find("failure")
    assert (first.get("message"), first.get("type")) == ("2 finding(s): B501, S104", "error")
    assert first.text.splitlines()[1].startswith(f"{R005}:10:3175: S104 [error]")
    assert cases[0].find("failure") is None
    assert cases[0].find("system-out").text.startswith(f"{R004}:10:2119: X010 [info]")
    assert cases[3].find("failure").text.startswith(f"{REAL / 'seed-missing.txt'}:1:1: X001 [error] 无法检查：文件不存在")


def test_several_formats_in_one_run(tmp_path):
    sarif, junit = tmp_path / "x.sarif", tmp_path / "j.xml"
    code, out, _ = run_cli("check", "--today", "2026-11-27", "--output-format", "text", "--output-format", f"sarif:{sarif}",
                           "--output-format", f"junit:{junit}", str(R005))
    assert code == 1
    assert out.splitlines()[-1] == "发现2条问题（错误1条，警告1条），共1个文件。"  # and no info to count
    assert [r["ruleId"] for r in json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]] == ["B501", "S104"]
    assert ET.parse(junit).getroot().find("testsuite").get("failures") == "1"
    code, _, err = run_cli("check", "--output-format", "json", "--output-format", "text", str(R005))
    assert code == 2 and err.splitlines()[-1] == "错误：--output-format 的取值无效：只能有一种格式写到标准输出（或 --output），其他格式请写明 :FILE"


def test_jsonl_has_the_json_elements_with_the_logical_place():
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--format", "jsonl", str(PDF), str(R005))
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["code"], r["logical"]) for r in rows if r["path"] == str(PDF)] == [
        ("T203", "page[3]/line[41]"), ("T209", "page[4]/line[10]"), ("B404", "page[4]/line[28]"), ("B404", "page[4]/line[28]")]
    assert [(r["code"], r["line"], r["column"], r["logical"]) for r in rows if r["path"] == str(R005)][-1] == ("S104", 10, 3175, None)
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--format", "json", str(PDF), str(R005))
    assert json.loads(out) == rows
