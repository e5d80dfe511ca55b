"""The command line: output shapes, exit codes, and bad input that never stops the run."""

import json
import re

from conftest import REAL, SEED, findings, run_cli

JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "ruleset", "logical", "related", "version"}


def test_json_elements_have_exactly_the_contract_keys():
    items = findings(REAL / "005-pingtan-zhqgwh-2022.txt")
    assert items, "005 has a real defect"
    for d in items:
        assert set(d) == JSON_KEYS
        assert d["line"] >= 1 and d["column"] >= 1
        assert d["severity"] in ("error", "warning", "info")
        assert d["ruleset"] == "gov-2021"


def test_text_output_is_lint_style_and_sorted():
    code, out, _ = run_cli("check", "--today", "2026-11-27", str(REAL / "005-pingtan-zhqgwh-2022.txt"),
                           str(REAL / "004-pingtan-zhqgwh-2021.txt"))
    assert code == 1
    lines = out.splitlines()
    expected = f"{REAL / '005-pingtan-zhqgwh-2022.txt'}:10:3175: S104 [error] 标题「四、政府信息公开行政法复议、行政诉讼情况」与格式规定的「四、政府信息公开行政复议、行政诉讼情况」不一致 (section-title-wrong)"
    assert expected in lines
    # info findings (004's X010) are hidden by default and counted in the last line
    assert not any("X010" in line for line in lines)
    assert lines[-2:] == ["发现2条问题（错误1条，警告1条），共2个文件。", "另有1条提示，用 --show-info 查看"]


def test_exit_codes_follow_fail_level():
    # The seed has warnings (「增 1」 in 表二, 16 cells in 表四) and no error.
    assert run_cli("check", "--today", "2026-11-27", str(SEED))[0] == 0
    assert run_cli("check", "--today", "2026-11-27", "--fail-level", "warning", str(SEED))[0] == 1
    assert run_cli("check", "--today", "2026-11-27", "--fail-level", "warning", "--exit-zero", str(SEED))[0] == 0
    assert run_cli("check", "--format", "nope", str(SEED))[0] == 2


def test_bad_inputs_get_their_own_codes_and_the_run_goes_on(tmp_path):
    binary = tmp_path / "a-binary.txt"
    binary.write_bytes(b"\x7fELF\x00\x00\x01\x02" * 64)
    empty = tmp_path / "b-empty.txt"
    empty.write_bytes(b"")
    latin = tmp_path / "c-undecodable.txt"
    latin.write_bytes(bytes(range(0x80, 0x100)) * 8)
    truncated = tmp_path / "d-truncated.txt"
    truncated.write_bytes("某局2021年政府信息公开工作年度报告".encode("utf-8")[:-1])
    nothing = tmp_path / "e-empty-dir"
    nothing.mkdir()
    code, out, err = run_cli("check", "--format", "json", str(binary), str(empty), str(latin), str(truncated), str(nothing), str(tmp_path / "missing.txt"), str(SEED))
    assert code == 1 and "Traceback" not in err
    items = json.loads(out)
    by_file = {}
    for d in items:
        by_file.setdefault(d["path"].rsplit("/", 1)[-1], []).append(d["code"])
    assert by_file["a-binary.txt"] == ["X002"]
    assert by_file["b-empty.txt"] == ["X004"]
    assert by_file["c-undecodable.txt"] == ["X003"]
    assert "X005" in by_file["d-truncated.txt"]
    assert by_file["e-empty-dir"] == ["X001"]
    assert by_file["missing.txt"] == ["X001"]
    # The run went on to the good report after the bad ones: it was checked, and is clean.
    seed = [d for d in items if d["path"] == str(SEED)]
    assert all(d["severity"] != "error" for d in seed)


def test_gbk_and_utf16_reports_read_like_utf8(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    want = [(d["code"], d["line"], d["column"]) for d in findings(SEED)]
    for enc in ("gb18030", "utf-16", "utf-8-sig"):
        p = tmp_path / f"seed-{enc}.txt"
        p.write_bytes(text.encode(enc))
        assert [(d["code"], d["line"], d["column"]) for d in findings(p)] == want, enc


def test_directories_are_walked_for_reports(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "r.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", str(tmp_path))
    paths = {d["path"] for d in json.loads(out)}
    assert all(p.endswith("r.txt") for p in paths)


def test_version_rules_and_rule_docs():
    code, out, _ = run_cli("--version")
    assert code == 0 and out.startswith("disclint, version ")
    code, out, _ = run_cli("rules")
    assert code == 0 and "gov-2021" in out and "S101" in out
    code, out, _ = run_cli("rule", "S101")
    assert code == 0
    assert "S101 (section-missing)" in out and "What it checks:" in out and "Fails:" in out and "Passes:" in out
    assert run_cli("rule", "Z999")[0] == 2


def test_forced_ruleset_by_name():
    items = findings(SEED, "--ruleset", "gov-2021")
    assert {d["ruleset"] for d in items} <= {"gov-2021"}
    assert run_cli("check", "--ruleset", "nope", str(SEED))[0] == 2


def test_forced_ruleset_by_path(tmp_path):
    own = tmp_path / "own.yaml"
    own.write_text("name: own\ntitle: 自定\napplies-to: {from: 1900}\nextends: [sections]\n", encoding="utf-8")
    items = findings(SEED, "--ruleset", str(own))
    assert {d["ruleset"] for d in items} <= {"own"}
    code, out, err = run_cli("check", "--ruleset", str(tmp_path / "absent.yaml"), str(SEED))
    assert code == 2 and "unknown rule set" in err


def test_oversized_file_is_refused_not_read(tmp_path, monkeypatch):
    import disclint.engine as engine

    monkeypatch.setattr(engine, "MAX_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    items = findings(big)
    assert [(d["code"], d["line"]) for d in items] == [("X002", 1)]
    assert "文件过大" in items[0]["message"]


def test_jobs_give_the_same_report_as_one_process(monkeypatch):
    # Includes consecutive years of one organ, so the cross-report rules run on what workers gathered.
    import disclint.engine

    monkeypatch.setattr(disclint.engine, "MIN_PARALLEL_FILES", 2)  # workers even for a few files
    files = [str(REAL / f"00{i}-pingtan-zhqgwh-{2017 + i}.txt") for i in range(4, 9)] + [str(SEED)]
    one = run_cli("check", "--format", "json", "--today", "2026-11-27", *files)
    two = run_cli("check", "--format", "json", "--today", "2026-11-27", "--jobs", "2", *files)
    assert one == two
    assert any(d["code"].startswith("B6") for d in json.loads(one[1]))


def test_progress_bar_goes_to_stderr_only():
    code, out, err = run_cli("check", "--format", "json", "--progress", str(SEED), str(REAL / "004-pingtan-zhqgwh-2021.txt"))
    assert re.search(r"/\d+ \[", err) and "file" in err  # the bar (tqdm may clear its last state); last year's reports found count too
    json.loads(out)  # stdout stays a clean report


def test_a_closed_pipe_is_not_an_error():
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "disclint.cli", "check", "--format", "json", str(REAL)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    proc.stdout.read(10)  # like `| head -c 10`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() in (0, 1)
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_few_files_are_checked_in_one_process_whatever_jobs_says(monkeypatch):
    import disclint.parallel

    def no_workers(*args, **kwargs):
        raise AssertionError("workers started for two files")

    monkeypatch.setattr(disclint.parallel, "check_in_workers", no_workers)
    files = [str(REAL / "004-pingtan-zhqgwh-2021.txt"), str(SEED)]
    assert run_cli("check", "--format", "json", "--today", "2026-11-27", "--jobs", "2", *files) == run_cli("check", "--format", "json", "--today", "2026-11-27", *files)
