"""`date-window`: a regulator's window for a named date, in YAML alone, with its bounds
checked at load. Publication dates of the real reports (MANIFEST.tsv): 004 2022-02-08,
005 2023-02-20, 006 2024-03-08, all 平潭综合实验区 (a 县级以上地方人民政府)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REAL, findings, run_cli

WINDOW = """\
name: dw-2021
applies-to: {from: 2021}
extends: [gov-2021]
rules:
  - id: DW101
    name: published-early-in-year
    check: date-window
    severity: warning
    message: "发布日期{found}{side}{bound}（{organ}）"
    params: {date: publication, after: "{year}-12-31", before: BEFORE}
"""
BY_ORGAN = '{department: "{year+1}-02-01", government: "{year+1}-02-15"}'


def _rules(tmp_path: Path, before: str, params: str | None = None) -> Path:
    text = WINDOW.replace("BEFORE", before)
    if params is not None:
        text = text.replace('{date: publication, after: "{year}-12-31", before: ' + before + "}", params)
    path = tmp_path / "dw.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _window(path: Path, rules: Path) -> list[tuple]:
    return [(d["code"], d["line"], d["column"], d["message"]) for d in findings(path, "--rules", str(rules)) if d["code"] == "DW101"]


def test_window_by_organ_kind_on_real_reports(tmp_path):
    rules = _rules(tmp_path, BY_ORGAN)
    assert _window(REAL / "004-pingtan-zhqgwh-2021.txt", rules) == []
    assert _window(REAL / "005-pingtan-zhqgwh-2022.txt", rules) == [("DW101", 2, 7, "发布日期2023年2月20日不早于2023年2月15日（县级以上地方人民政府）")]
    assert _window(REAL / "006-pingtan-zhqgwh-2023.txt", rules) == [("DW101", 2, 7, "发布日期2024年3月8日不早于2024年2月15日（县级以上地方人民政府）")]


def test_one_bound_for_every_organ(tmp_path):
    rules = _rules(tmp_path, '"{year+1}-02-01"')
    assert _window(REAL / "004-pingtan-zhqgwh-2021.txt", rules) == [("DW101", 2, 7, "发布日期2022年2月8日不早于2022年2月1日（）")]


def test_after_bound(tmp_path):
    # Published after 2022-01-31 is "too early" for a window that opens on 2022-02-10.
    rules = _rules(tmp_path, BY_ORGAN, '{date: publication, after: "{year+1}-02-10"}')
    assert _window(REAL / "004-pingtan-zhqgwh-2021.txt", rules) == [("DW101", 2, 7, "发布日期2022年2月8日不晚于2022年2月10日（）")]


@pytest.mark.parametrize("params, where, fault", [
    ('{date: publication, after: "{year}-13-01"}', "10:40", "parameter `after` of checker `date-window`: '{year}-13-01': no such month and day"),
    ('{date: publication, before: "next year"}', "10:41", "parameter `before` of checker `date-window`: 'next year' is not a date relative to the report year such as \"{year+1}-01-31\""),
    ('{date: publication, before: {government: "{year+1}-02-29"}}', "10:41", "parameter `before` of checker `date-window`: '{year+1}-02-29': no such month and day"),
    ("{date: publication}", "10:5", "checker `date-window`: needs `after` or `before` (or both)"),
    ('{date: pubication, before: "{year+1}-02-01"}', "10:20", "parameter `date` of checker `date-window` must be one of: publication, signature, period-start, period-end (not 'pubication')"),
])
def test_bad_window_is_a_load_fault(tmp_path, params, where, fault):
    rules = _rules(tmp_path, BY_ORGAN, params)
    code, _out, err = run_cli("check", "--rules", str(rules), str(REAL / "004-pingtan-zhqgwh-2021.txt"))
    assert code == 2
    assert f"{rules}:{where}: {fault}" in err


def test_kinds_lists_it():
    code, out, _err = run_cli("--lang", "en", "kinds")
    assert code == 0
    block = out.split("date-window: ", 1)[1].split("\n\n", 1)[0]
    assert "param date (str, required) choices: publication, signature, period-start, period-end" in block
    assert "placeholders: {found}, {bound}, {side}, {organ}, {year}" in block
