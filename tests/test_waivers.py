"""Waivers in disclint-waivers.yaml: accepted findings of any format (013's PDF has no comments)."""

import json
import shutil

from conftest import REAL, run_cli

PDF = REAL / "013-huaian-hongze-district-2023.pdf"


def _run(tmp_path, *extra):
    code, out, err = run_cli("check", "--format", "json", "--today", "2026-11-27", *extra, str(tmp_path / "reports" / "013.pdf"))
    return code, [(d["path"].replace(str(tmp_path) + "/", ""), d["code"], d.get("line"), d["message"][:12]) for d in json.loads(out)] if out else [], err


def _setup(tmp_path, waivers: str):
    (tmp_path / "reports").mkdir()
    shutil.copy(PDF, tmp_path / "reports" / "013.pdf")
    (tmp_path / "disclint-waivers.yaml").write_text(waivers, encoding="utf-8")


def test_a_waiver_on_a_pdf_place_hides_exactly_that_finding(tmp_path):
    _setup(tmp_path, "- path: reports/013.pdf\n  code: T203\n  place: page[3]\n  reason: 表三行标签已在原件上核对\n  expires: 2027-03-31\n"
                     "- path: '*.pdf'\n  code: B404\n  text: 复议后起诉\n  reason: 复议后起诉数字另行说明\n")
    code, found, _ = _run(tmp_path)
    assert code == 1
    assert [f[1] for f in found] == ["T209", "B404"]
    assert found[1][3] == "表四「行政复议」总计为0"


def test_an_expired_waiver_waives_nothing_and_is_x902_at_its_place(tmp_path):
    _setup(tmp_path, "# accepted\n- path: reports/*.pdf\n  code: T2\n  reason: 表格格式问题已上报\n  expires: 2026-06-30\n")
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", str(tmp_path / "reports" / "013.pdf"))
    items = json.loads(out)
    # sorted by path: the waiver file comes before reports/
    assert [d["code"] for d in items] == ["X902", "T203", "T209", "B404", "B404"]
    x902 = items[0]
    assert (x902["path"], x902["line"], x902["column"]) == (str(tmp_path / "disclint-waivers.yaml"), 2, 3)
    assert x902["message"] == "豁免（T2，reports/*.pdf）已于2026-06-30到期，不再生效：表格格式问题已上报"


def test_a_waiver_without_reason_is_a_fault_at_its_place(tmp_path):
    _setup(tmp_path, "- path: reports/013.pdf\n  code: T203\n")
    code, _found, err = _run(tmp_path)
    assert code == 2 and err == f"{tmp_path / 'disclint-waivers.yaml'}:1:3: 豁免须写明「reason」（为何接受该发现）\n"
    code, _found, err = _run(tmp_path, "--lang", "en")
    assert code == 2 and err == f"{tmp_path / 'disclint-waivers.yaml'}:1:3: a waiver needs `reason` (why the finding is accepted)\n"
    (tmp_path / "disclint-waivers.yaml").write_text("- path: x\n  code: T203\n  reason: r\n  until: 2027-01-01\n", encoding="utf-8")
    code, _found, err = _run(tmp_path)
    assert code == 2 and err == f"{tmp_path / 'disclint-waivers.yaml'}:4:3: 未知豁免键「until」（可用：code, expires, path, place, reason, text）\n"
