"""Selection on real reports: select/ignore with Ruff's precedence, per-file-ignores, severities,
and configuration found next to each file (.disclint.yaml, disclint.toml, [tool.disclint], extend)."""

import json
import shutil

from conftest import REAL, run_cli

R010 = REAL / "010-shuyang-fgj-2023.html"
R013 = REAL / "013-huaian-hongze-district-2023.txt"
ALL_010 = [("S108", 20, 28), ("T204", 282, 116), ("B406", 420, 7), ("B406", 1033, 7), ("S104", 1197, 177)]


def _found(*args):
    code, out, err = run_cli("check", "--format", "json", "--today", "2026-11-27", *args)
    assert code in (0, 1), err
    return [(d["code"], d["line"], d["column"]) for d in json.loads(out)], code


def test_command_line_select_ignore_and_prefix_precedence():
    assert _found(str(R010))[0] == ALL_010
    assert _found("--select", "B,S1", str(R010))[0] == [("S108", 20, 28), ("B406", 420, 7), ("B406", 1033, 7), ("S104", 1197, 177)]
    # the more specific selector wins: S1 ignored, S104 selected again
    assert _found("--ignore", "S1", "--extend-select", "S104", str(R010))[0] == [("T204", 282, 116), ("B406", 420, 7), ("B406", 1033, 7), ("S104", 1197, 177)]
    # ignore wins a tie; exit 0 once the one error is gone
    found, code = _found("--select", "S104", "--ignore", "S104", str(R010))
    assert found == [] and code == 0


def test_unknown_selector_is_a_usage_error():
    code, _out, err = run_cli("check", "--select", "Q9", str(R010))
    assert code == 2 and err.splitlines()[-1] == "错误：--select 的取值无效：没有以 Q9 开头的规则代码"
    code, _out, err = run_cli("check", "--lang", "en", "--select", "Q9", str(R010))
    assert code == 2 and err.splitlines()[-1] == "Error: Invalid value for --select: no rule code starts with Q9"


def test_severity_and_per_file_ignores_on_the_command_line(tmp_path, monkeypatch):
    shutil.copy(R010, tmp_path / "a.html")
    shutil.copy(R010, tmp_path / "b.html")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", "--severity", "S104=warning", "--per-file-ignores", "b.*:B4,T", "a.html", "b.html")
    items = json.loads(out)
    assert code == 0  # S104 is now a warning
    assert {d["severity"] for d in items if d["code"] == "S104"} == {"warning"}
    assert [d["code"] for d in items if d["path"] == "b.html"] == ["S108", "S104"]
    assert [d["code"] for d in items if d["path"] == "a.html"] == ["S108", "T204", "B406", "B406", "S104"]


def test_configuration_is_found_per_file_closest_wins_and_extend_inherits(tmp_path, monkeypatch):
    (tmp_path / "base.yaml").write_text("select: [S, T]\nseverity: {T204: error}\n", encoding="utf-8")
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "disclint.toml").write_text('extend = "../base.yaml"\nignore = ["S108"]\n', encoding="utf-8")
    (tmp_path / "two" / "deep").mkdir(parents=True)
    (tmp_path / "two" / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.disclint]\nselect = ["B"]\n', encoding="utf-8")
    (tmp_path / "two" / "deep" / "pyproject.toml").write_text('[project]\nname = "no disclint table"\n', encoding="utf-8")
    shutil.copy(R010, tmp_path / "one" / "r.html")
    shutil.copy(R010, tmp_path / "two" / "deep" / "r.html")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", "one/r.html", "two/deep/r.html")
    items = json.loads(out)
    assert [(d["code"], d["severity"]) for d in items if d["path"] == "one/r.html"] == [("T204", "error"), ("S104", "error")]
    assert [(d["code"], d["line"]) for d in items if d["path"] == "two/deep/r.html"] == [("B406", 420), ("B406", 1033)]
    # the command line is the last layer: its select replaces the files'
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", "--select", "S108", "one/r.html")
    assert [d["code"] for d in json.loads(out)] == ["S108"]


def test_disclint_config_prints_each_value_and_where_it_came_from(tmp_path):
    (tmp_path / "base.yaml").write_text("fail-level: warning\nselect: [S, T]\n", encoding="utf-8")
    sub = tmp_path / "a"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[tool.disclint]\nextend = "../base.yaml"\nignore = ["S104"]\n\n[tool.disclint.severity]\nT206 = "error"\n', encoding="utf-8")
    code, out, _ = run_cli("config", str(sub))
    assert code == 0
    assert out.splitlines() == [
        f"配置文件：{sub / 'pyproject.toml'} <- {tmp_path / 'base.yaml'}",
        f'fail-level: "warning"  ({tmp_path / "base.yaml"}:1:13)',
        f'select: ["S", "T"]  ({tmp_path / "base.yaml"}:2:9)',
        f'ignore: ["S104"]  ({sub / "pyproject.toml"}:3:1)',
        f'severity: {{"T206": "error"}}  ({sub / "pyproject.toml"}:5:1)',
    ]
    code, out, _ = run_cli("config", "--lang", "en", str(sub))
    assert out.splitlines()[0] == f"configuration: {sub / 'pyproject.toml'} <- {tmp_path / 'base.yaml'}"
    assert run_cli("config", str(tmp_path.parent))[1] == "（没有配置文件：使用默认设置）\n"


def test_fail_level_from_the_files_own_configuration(tmp_path, monkeypatch):
    shutil.copy(R010, tmp_path / "r.html")
    (tmp_path / ".disclint.yaml").write_text("ignore: [S104]\n", encoding="utf-8")
    assert run_cli("check", "--today", "2026-11-27", str(tmp_path / "r.html"))[0] == 0
    (tmp_path / ".disclint.yaml").write_text("ignore: [S104]\nfail-level: warning\n", encoding="utf-8")
    assert run_cli("check", "--today", "2026-11-27", str(tmp_path / "r.html"))[0] == 1


def test_faults_in_configuration_name_file_line_and_column(tmp_path):
    shutil.copy(R013, tmp_path / "r.txt")
    (tmp_path / "disclint.toml").write_text('select = ["S"]\ncolour = "red"\n', encoding="utf-8")
    code, _out, err = run_cli("check", str(tmp_path / "r.txt"))
    assert code == 2 and err.startswith(f"{tmp_path / 'disclint.toml'}:2:1: 未知设置项「colour」（可用：")
    (tmp_path / "disclint.toml").unlink()
    (tmp_path / ".disclint.yaml").write_text("select: [S]\nignore: [S9Z]\n", encoding="utf-8")
    code, _out, err = run_cli("check", str(tmp_path / "r.txt"))
    assert code == 2 and err == f"{tmp_path / '.disclint.yaml'}:2:10: 「ignore」应列出规则代码或前缀，如 S1、T206 或 ALL\n"
    (tmp_path / ".disclint.yaml").write_text("select: [S]\nignore: [Q1]\n", encoding="utf-8")
    code, _out, err = run_cli("check", str(tmp_path / "r.txt"))
    assert code == 2 and err == f"{tmp_path / '.disclint.yaml'}:2:10: 「ignore」：没有以 Q1 开头的规则代码\n"
    code, _out, err = run_cli("check", "--lang", "en", str(tmp_path / "r.txt"))
    assert code == 2 and err == f"{tmp_path / '.disclint.yaml'}:2:10: `ignore`: no rule code starts with Q1\n"


def test_a_fault_is_placed_at_its_own_entry_and_never_at_another_tools_key(tmp_path):
    """pyproject.toml holds other tools' tables too: [tool.ruff]'s `select` is not disclint's; a bad
    code inside a list, an inline table or a sub-table is reported at that code, not at the key."""
    shutil.copy(R013, tmp_path / "r.txt")

    def fault(name, text):
        for other in (".disclint.yaml", "disclint.toml", "pyproject.toml"):
            (tmp_path / other).unlink(missing_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
        code, _out, err = run_cli("check", "--lang", "en", str(tmp_path / "r.txt"))
        assert code == 2
        return err.removeprefix(str(tmp_path / name) + ":").rstrip("\n")

    assert fault("pyproject.toml", '[tool.ruff]\nselect = ["E"]\nignore = ["E501"]\n\n[tool.disclint]\nselect = ["S"]\nignore = ["S1", "Q1"]\n') == \
        "7:17: `ignore`: no rule code starts with Q1"
    assert fault("pyproject.toml", '[tool.disclint]\nselect = ["S"]\n\n[tool.disclint.severity]\nS104 = "warning"\nT2 = "fatal"\n') == \
        "6:1: `severity` of T2: must be one of error, warning, info, not 'fatal'"
    assert fault("disclint.toml", 'per-file-ignores = {"*.html" = ["S104"], "*.txt" = ["Q9"]}\n') == "1:42: `per-file-ignores`: no rule code starts with Q9"
    assert fault("disclint.toml", 'ignore = [\n  "S1",\n  "Q1",\n]\n') == "3:3: `ignore`: no rule code starts with Q1"
    assert fault(".disclint.yaml", "select: [S]\nseverity: {S104: warning, T2: fatal}\n") == "2:27: `severity` of T2: must be one of error, warning, info, not 'fatal'"
    assert fault(".disclint.yaml", 'per-file-ignores:\n  "*.html": [S104]\n  "*.txt": [Q9]\n') == "3:3: `per-file-ignores`: no rule code starts with Q9"
    assert fault(".disclint.yaml", "severity:\n  S104: warning\n  Q7: info\n") == "3:3: `severity`: no rule code starts with Q7"


def _per_file(tmp_path, monkeypatch, glob):
    """010 at x/a.html and x/y/a.html; the files that keep T204 with --per-file-ignores GLOB:T204."""
    (tmp_path / "x" / "y").mkdir(parents=True)
    shutil.copy(R010, tmp_path / "x" / "a.html")
    shutil.copy(R010, tmp_path / "x" / "y" / "a.html")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "--format", "json", "--today", "2026-11-27", "--per-file-ignores", f"{glob}:T204", "x")
    assert code == 1, err
    return sorted(d["path"] for d in json.loads(out) if d["code"] == "T204")


def test_per_file_ignores_star_stays_in_one_folder(tmp_path, monkeypatch):
    assert _per_file(tmp_path, monkeypatch, "x/*.html") == ["x/y/a.html"]


def test_per_file_ignores_double_star_spans_folders(tmp_path, monkeypatch):
    assert _per_file(tmp_path, monkeypatch, "x/**/*.html") == []


def test_per_file_ignores_slashless_glob_matches_the_name_at_any_depth(tmp_path, monkeypatch):
    assert _per_file(tmp_path, monkeypatch, "a.*") == []


def test_per_file_ignores_in_configuration_are_relative_to_its_folder(tmp_path, monkeypatch):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / ".disclint.yaml").write_text("per-file-ignores: {'*/a.html': [T204]}\n", encoding="utf-8")
    assert _per_file(tmp_path, monkeypatch, "nothing") == ["x/a.html"]
