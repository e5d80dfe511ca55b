"""Classes the metamorphic harness found on the held-out reports (benchmarks/heldout/METAMORPHIC.md),
each checked on the real report it was found on, edited as the transformation edits it."""

from __future__ import annotations

from pathlib import Path

from test_sweep_classes import found, linter  # noqa: F401  (linter is a fixture)

REPORTS = Path(__file__).resolve().parent.parent / "benchmarks" / "heldout" / "reports"


def _edited(tmp_path, name, old, new):
    text = (REPORTS / name).read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


D502_311 = [("D502", "warning", 10, 1613, "统计数字前写的年份是2024年，与报告年度2025年不符，应为2025年")]


def test_311_the_year_after_a_numbered_heading_is_read(linter):
    assert found(linter, REPORTS / "311-pingtan-czj-2025.txt", ("D5",)) == D502_311


def test_311_a_note_on_the_heading_before_the_statistics_sentence(linter, tmp_path):
    """heading-note: 「二、主动公开政府信息情况（有关情况附表）(一)主动公开政府信息的数量2024年制作…」 — the
    bracketed note is part of the heading; the sentence still opens with its year (the year's
    column moves by the note's 8 characters)."""
    path = _edited(tmp_path, "311-pingtan-czj-2025.txt", "二、主动公开政府信息情况(一)", "二、主动公开政府信息情况（有关情况附表）(一)")
    assert found(linter, path, ("D5",)) == [(c, s, ln, col + 8, m) for c, s, ln, col, m in D502_311]
