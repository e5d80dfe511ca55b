"""safe_regex: a regulator's pattern on RE2 (linear time, regex's meaning), a shipped one on regex."""

from __future__ import annotations

import random

import pytest
import regex

from disclint import safe_regex
from disclint.resources import rules_dir

MB = 2**20


def _spans(rx, text):
    return [m.span() for m in rx.finditer(text, safe_regex.Budget())]


def test_a_catastrophic_pattern_runs_in_linear_time_on_a_1_mb_line():
    """`(a|aa)+$` backtracks exponentially on regex; on RE2 a 1 MB hostile line is one quick
    pass: no match, no timeout; the line of a's alone is one match, all of it."""
    rx = safe_regex.compile("(a|aa)+$", shipped=False)
    assert rx.engine == "re2"
    assert _spans(rx, "a" * MB + "!") == []
    assert rx.search("a" * MB + "!", safe_regex.Budget()) is None
    assert _spans(rx, "a" * MB) == [(0, MB)]
    assert rx.may_match_in(["a" * MB + "!", "x"], safe_regex.Budget()) is True  # `$`: not context-free, never prefiltered


def test_offsets_are_code_points_on_cjk_text():
    """RE2 works on UTF-8 bytes; the offsets a checker gets are str (code-point) offsets, as regex's."""
    text = "一、总体情况：本机关收取信息处理费０元，𠀀𠀁处理费（扩展B区）"
    for pattern in ("处理费", "信息(?:公开)?处理费", "[（(][^（）()]{0,20}[）)]", r"\d+元", "𠀁处"):
        rx = safe_regex.compile(pattern, shipped=False)
        assert rx.engine == "re2"
        expected = [m.span() for m in regex.finditer(pattern, text, flags=regex.VERSION0)]
        assert expected and _spans(rx, text) == expected, pattern
    m = next(safe_regex.compile("处理费", shipped=False).finditer(text, safe_regex.Budget()))
    assert (m.start(), m.end(), m.group(0)) == (14, 17, "处理费")
    assert text[m.start():m.end()] == "处理费"


# The documented and tested regulators' patterns (docs/writing-rules.md, examples/province-plugin),
# and the re syntax RE2 spells differently, on text with CJK, fullwidth digits and U+3000.
SAME = [
    "信息(?:公开)?处理费", "[（(]此处[^（()）]{0,20}[）)]", r"\d+", r"\D{2}", r"\w+", r"\W+", r"[\w-]+", r"\s+", r"\S+",
    r"[^\s]+", r"[\d，]+", r"第\d{1,3}号", r"件\Z", r"\u3000", r"共\d{,2}件", r"(?i)GB", r"^一、", r"元$", r"[]）]",
    r"[[:a]", r"(?:收取|收费)[^。]{0,10}?元", r"(?P<n>\d+)件", r"(?<n>\d+)件", r"a{2}?", r"\x41",
]
TEXTS = [
    "一、总体情况\u3000本机关共收到申请１２件，办结12件。收取信息处理费0元",
    "信息公开处理费 GB/T 7714-2015 gb abc_12 (此处填写名称) 共7件",
    "[:a] 中文 ]） aaAA \t\u00a0\u2003尾件",
]


@pytest.mark.parametrize("pattern", SAME)
def test_re2_matches_what_regex_matches(pattern):
    rx = safe_regex.compile(pattern, shipped=False)
    assert rx.engine == "re2"
    rnd = random.Random(pattern)
    texts = TEXTS + ["".join(rnd.choice("一二１2 a_A\u3000件元（)）]-\n") for _ in range(40)) for _ in range(50)]
    for text in texts:
        assert _spans(rx, text) == [m.span() for m in regex.finditer(pattern, text, flags=regex.VERSION0)], (pattern, text)


@pytest.mark.parametrize("pattern, construct, at", [
    (r"(?<=信息)公开", "lookbehind (?<=…)", 1),
    (r"(?<!不)收取", "negative lookbehind (?<!…)", 1),
    (r"公开(?=年报)", "lookahead (?=…)", 3),
    (r"公开(?!年报)", "negative lookahead (?!…)", 3),
    (r"(公开)\1", r"backreference \1", 5),
    (r"(?P<x>公开)(?P=x)", "backreference (?P=name)", 10),
    (r"公开*+", "possessive quantifier *+", 4),
    (r"公开{2}+", "possessive quantifier }+", 6),
    (r"(?>公开)", "atomic group (?>…)", 1),
    (r"(公开)?(?(1)年报|报告)", "conditional (?(…)…|…)", 6),
    (r"(?x)公 开", "inline flag (?x)", 1),
    (r"(?#注释)公开", "comment (?#…)", 1),
    (r"\b公开", r"word boundary \b (RE2's is ASCII-only: on Chinese text it is not regex's)", 1),
    (r"[^\W\d]", r"\W inside a character class (RE2's is ASCII-only; list what the class holds instead)", 3),
])
def test_a_construct_re2_does_not_run_is_refused_by_name(pattern, construct, at):
    with pytest.raises(safe_regex.PatternError) as exc:
        safe_regex.compile(pattern, shipped=False)
    assert str(exc.value) == (f"pattern uses a construct the linear-time engine (RE2) does not run: {construct}; "
                              f"rewrite it without it (character {at} of the pattern)")
    assert safe_regex.compile(pattern, shipped=True).engine == "regex"  # the same in a shipped file: regex runs it


def test_what_re2_itself_refuses_is_refused_in_its_words():
    with pytest.raises(safe_regex.PatternError) as exc:
        safe_regex.compile("公{1001}", shipped=False)
    assert str(exc.value) == ("pattern uses a construct the linear-time engine (RE2) does not run: "
                              "invalid repetition size: {1001}; rewrite it without it")


def test_a_syntax_fault_keeps_re_s_words():
    with pytest.raises(safe_regex.PatternError) as exc:
        safe_regex.compile("[a-", shipped=False)
    assert str(exc.value) == "bad regular expression: unterminated character set"


def test_shipped_is_decided_by_the_file_and_by_the_shipped_files_patterns(tmp_path):
    assert safe_regex.is_shipped(rules_dir() / "prose.yaml")
    assert not safe_regex.is_shipped(tmp_path / "prose.yaml")
    assert not safe_regex.is_shipped(rules_dir() / "examples" / "x.yaml")
    placeholder = "(?<![A-Za-z0-9])(?:[XＸ]{2,}|[×]{2,})(?![A-Za-z0-9])"  # rules/prose.yaml: lookaround
    assert placeholder in safe_regex.shipped_patterns()
    rx = safe_regex.compile(placeholder)  # a checker compiling it: the shipped pattern, on regex
    assert rx.engine == "regex"
    assert _spans(rx, "本机关XX局，型号ABXX12") == [(3, 5)]
    assert safe_regex.compile("信息(?:公开)?处理费").engine == "re2"  # not in a shipped file
    with pytest.raises(safe_regex.PatternError):
        safe_regex.compile("(?<=信息)处理费")


def test_the_budget_still_guards_re2():
    """A second guard: RE2 is linear, but 300 000 characters times many patterns is still time."""
    rx = safe_regex.compile("a", shipped=False)
    spent = safe_regex.Budget(0.0)
    with pytest.raises(safe_regex.PatternTimeout):
        list(rx.finditer("a" * 1000, spent))
    with pytest.raises(safe_regex.PatternTimeout):
        rx.search("a", spent)


def test_without_re2_the_same_patterns_load_and_run_on_regex_said_once(monkeypatch, capsys):
    monkeypatch.setattr(safe_regex, "_re2", None)
    monkeypatch.setattr(safe_regex, "_SAID_NO_RE2", False)
    with pytest.raises(safe_regex.PatternError):  # a rule set loads, or fails, the same everywhere
        safe_regex.compile("(?<=信息)处理费", shipped=False)
    first = safe_regex.compile("信息(?:公开)?处理费", shipped=False)
    safe_regex.compile(r"\d+", shipped=False)
    assert first.engine == "regex"
    assert _spans(first, "收取信息公开处理费") == [(2, 9)]
    assert capsys.readouterr().err == (
        "disclint: google-re2 is not installed: the rule sets' own patterns run on the regex module "
        "under its time budget instead of the linear-time engine (pip install google-re2)\n")


def test_writing_rules_shows_the_fault_as_it_is_and_its_rewrite_runs():
    from pathlib import Path

    doc = " ".join((Path(__file__).resolve().parent.parent / "docs" / "writing-rules.md").read_text(encoding="utf-8").split())
    with pytest.raises(safe_regex.PatternError) as exc:
        safe_regex.compile("(?<=信息)公开", shipped=False)
    assert f"``t.yaml:8:16: `pattern`: {exc.value}``" in doc
    assert "(`(?:^|[^不])收取` for `(?<!不)收取`)" in doc
    rewrite, original = safe_regex.compile("(?:^|[^不])收取", shipped=False), safe_regex.compile("(?<!不)收取", shipped=True)
    for text in ("收取费用", "不收取费用", "依法收取，不收取"):
        assert bool(rewrite.search(text, safe_regex.Budget())) == bool(original.search(text, safe_regex.Budget())), text
