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


def _tree(tmp_path, waivers: str):
    """013's PDF at reports/2023/013.pdf and reports/2023/sub/013.pdf, the waiver file in tmp_path."""
    for folder in ("reports/2023", "reports/2023/sub"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(PDF, tmp_path / folder / "013.pdf")
    (tmp_path / "disclint-waivers.yaml").write_text(waivers, encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--today", "2026-11-27", str(tmp_path / "reports"))
    assert code == 1, err
    return sorted({d["path"].replace(str(tmp_path) + "/", "") for d in json.loads(out) if d["code"] == "T203"})


def test_waiver_globs_are_gitignore_globs_star_stays_in_one_folder(tmp_path):
    # `*` does not cross a folder (fnmatch's `*` did: 2023/*.pdf waived 2023/sub/013.pdf too)
    assert _tree(tmp_path, "- {path: 'reports/2023/*.pdf', code: T203, reason: 已核对}\n") == ["reports/2023/sub/013.pdf"]


def test_waiver_globs_double_star_spans_folders_and_a_slashless_glob_matches_the_name(tmp_path):
    assert _tree(tmp_path, "- {path: 'reports/**/*.pdf', code: T203, reason: 已核对}\n") == []
    assert _tree(tmp_path, "- {path: '013.pdf', code: T203, reason: 已核对}\n") == []
    assert _tree(tmp_path, "- {path: 'sub/*.pdf', code: T203, reason: 已核对}\n") == ["reports/2023/013.pdf", "reports/2023/sub/013.pdf"]
    assert _tree(tmp_path, "- {path: '**/sub/*.pdf', code: T203, reason: 已核对}\n") == ["reports/2023/013.pdf"]


def test_a_waiver_naming_a_code_no_rule_has_is_x904_at_its_place(tmp_path):
    _setup(tmp_path, "- path: reports/013.pdf\n  code: T203\n  reason: 已核对\n- path: reports/*.pdf\n  code: q99\n  reason: 拼错的代码\n")
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", str(tmp_path / "reports" / "013.pdf"))
    items = json.loads(out)
    assert code == 1
    assert [(d["code"], d["line"], d["column"]) for d in items if d["path"].endswith("disclint-waivers.yaml")] == [("X904", 4, 3)]
    assert items[0]["message"] == "豁免（Q99，reports/*.pdf）中的 Q99 不是任何规则的代码或代码前缀（是否写错？），不会抑制或豁免任何问题"
    assert [d["code"] for d in items[1:]] == ["T209", "B404", "B404"]  # T203 waived by the first
