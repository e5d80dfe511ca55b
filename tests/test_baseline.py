"""Baselines: fingerprints that survive edits above the finding; entries gone are X903."""

import json
import shutil

from conftest import REAL, run_cli

R010 = REAL / "010-shuyang-fgj-2023.html"


def _codes(out):
    return [(d["code"], d["line"]) for d in json.loads(out)]


def test_baseline_hides_recorded_findings_after_an_edit_above_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(R010, "r.html")
    code, _out, err = run_cli("check", "--today", "2026-11-27", "--write-baseline", "base.json", "r.html")
    assert code == 1 and err == "disclint: 已将5条发现记入基线 base.json\n"
    data = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and sorted(e["code"] for e in data["findings"]) == ["B406", "B406", "S104", "S108", "T204"]
    assert all(e["path"] == "r.html" and "line" not in e for e in data["findings"])
    # an author adds a paragraph near the top: every finding moves down three lines
    lines = R010.read_text(encoding="utf-8").split("\n")
    lines[30:30] = ["<p>补充说明：", "本报告数据截至2023年12月31日。", "</p>"]
    (tmp_path / "r.html").write_text("\n".join(lines), encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", "--baseline", "base.json", "r.html")
    assert code == 0 and _codes(out) == []
    # the report title is corrected: S108 no longer occurs and the baseline says so
    lines[19] = lines[19].replace("政府信息公开年度报告", "政府信息公开工作年度报告")
    (tmp_path / "r.html").write_text("\n".join(lines), encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", "--baseline", "base.json", "r.html")
    assert _codes(out) == [("X903", 1)]
    assert json.loads(out)[0]["message"].startswith("基线中记录的问题已不再出现（S108：报告标题「沭阳县发展和改革局2023年政府信息公开年度报告」")


def test_a_new_finding_is_not_hidden_by_the_baseline(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(R010, "r.html")
    run_cli("check", "--today", "2026-11-27", "--write-baseline", "base.json", "r.html")
    lines = R010.read_text(encoding="utf-8").split("\n")
    lines[19] = lines[19].replace("政府信息公开年度报告", "政府信息公开工作报告")  # another nonstandard title
    (tmp_path / "r.html").write_text("\n".join(lines), encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", "--baseline", "base.json", "r.html")
    items = json.loads(out)
    assert code == 0 and [(d["code"], d["line"], d["column"]) for d in items] == [("X903", 1, 1), ("S108", 20, 28)]
    assert "「沭阳县发展和改革局2023年政府信息公开工作报告」" in items[1]["message"]


def test_baseline_messages_are_chinese_by_default_and_english_with_lang_en(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(R010, "r.html")
    code, _out, err = run_cli("check", "--lang", "en", "--today", "2026-11-27", "--write-baseline", "base.json", "r.html")
    assert code == 1 and err == "disclint: 5 finding(s) recorded in base.json\n"
    (tmp_path / "old.json").write_text('{"version": 0, "findings": []}\n', encoding="utf-8")
    code, out, err = run_cli("check", "--today", "2026-11-27", "--baseline", "old.json", "r.html")
    assert (code, out, err) == (2, "", "disclint: old.json：不是 disclint 基线文件（版本1）\n")
    code, out, err = run_cli("check", "--lang", "en", "--today", "2026-11-27", "--baseline", "old.json", "r.html")
    assert (code, out, err) == (2, "", "disclint: old.json: not a disclint baseline (version 1)\n")
