"""Text output controls on real reports: info hidden by default, --show-info, --quiet,
--statistics, --show-source (a window around the column of a flattened line)."""

import unicodedata

from conftest import REAL, run_cli

R005 = REAL / "005-pingtan-zhqgwh-2022.txt"
R011 = REAL / "011-shanghai-stcsm-2024.md"


def test_info_hidden_by_default_and_shown_with_show_info():
    _, out, _ = run_cli("check", "--today", "2026-11-27", str(R011))
    assert "[info]" not in out
    assert out.splitlines()[-2:] == ["Found 7 findings (4 error, 3 warning) in 1 file.", "另有6条提示，用 --show-info 查看"]
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--show-info", str(R011))
    assert sum("[info]" in line for line in out.splitlines()) == 6
    assert out.splitlines()[-1] == "Found 13 findings (4 error, 3 warning, 6 info) in 1 file."


def test_quiet_prints_only_finding_lines():
    _, out, _ = run_cli("check", "--today", "2026-11-27", "-q", "--select", "S105", str(R011))
    assert [line.split(": ")[0] for line in out.splitlines()] == [f"{R011}:{n}:1" for n in (73, 91, 180, 205)]


def test_statistics_counts_per_code():
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--statistics", str(R011))
    assert out.splitlines() == [
        "    4  S105   [error] section-number-wrong",
        "    1  B406   [warning] table-cell-blank",
        "    1  S109   [warning] section-heading-missing",
        "    1  T204   [warning] table-row-foreign",
    ]


def test_show_source_clips_a_flattened_line_around_the_column():
    _, out, _ = run_cli("check", "--today", "2026-11-27", "--show-source", "--select", "S104", str(R005))
    lines = out.splitlines()
    assert lines[0].startswith(f"{R005}:10:3175: S104 [error]")
    source, caret = lines[1], lines[2]
    assert source.startswith("    …") and source.endswith("…")
    assert len(source) == 4 + 1 + 80 + 1  # 40 characters each side of column 3175
    assert "四、政府信息公开行政法复议、行政诉讼情况" in source
    # the caret starts under the title's first character (display width: CJK is two columns)
    before = source[4: source.index("四、政府信息公开行政法复议")]
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in before)
    assert caret == "    " + " " * width + "^" * 40
