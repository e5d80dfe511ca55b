"""The format fingerprint against the report year, on real reports whose title year is changed."""

from conftest import REAL, findings


def _retitled(tmp_path, name: str, old: str, new: str):
    text = (REAL / name).read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / name
    p.write_text(text.replace(old, new), encoding="utf-8")
    return p


def test_2019_tables_in_a_2021_report_are_an_error(tmp_path):
    p = _retitled(tmp_path, "030-pingtan-scjg-2019.txt", "2019年度政府信息公开工作年度报告", "2021年度政府信息公开工作年度报告")
    t = [d for d in findings(p) if d["code"].startswith("T")]
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in t] == [("T207", 10, 1337, "error")]
    assert t[0]["message"].startswith("2021年度报告仍使用2019年格式（「本年新制作数量」")


def test_2021_tables_in_a_2020_report_are_a_warning(tmp_path):
    p = _retitled(tmp_path, "015-huaian-city-2024.txt", "2024 年政府信息公开工作年度报告", "2020 年政府信息公开工作年度报告")
    t = [d for d in findings(p) if d["code"].startswith("T")]
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in t] == [("T208", 69, 15, "warning")]
    # The title year and the stated period now disagree: a D error on the period's line.
    assert [(d["code"], d["line"]) for d in findings(p) if d["code"] == "D201"] == [("D201", 7)]
