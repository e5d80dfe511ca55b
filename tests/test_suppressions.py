"""Inline suppressions in copies of real reports: each removes exactly the finding it names;
one that suppresses nothing is X901 at its own place."""

import json

from conftest import REAL, run_cli


def _run(path):
    code, out, err = run_cli("check", "--format", "json", "--today", "2026-11-27", str(path))
    assert code in (0, 1), err
    return [(d["code"], d["line"], d["column"]) for d in json.loads(out) if d["severity"] != "info"], json.loads(out)


def _copy(tmp_path, name, target, inserts):
    lines = (REAL / name).read_text(encoding="utf-8").split("\n")
    for index, text in sorted(inserts, reverse=True):
        lines.insert(index, text)
    out = tmp_path / target
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def test_html_next_line_suppression_removes_one_finding_and_an_unused_one_is_x901(tmp_path):
    path = _copy(tmp_path, "010-shuyang-fgj-2023.html", "010.html",
                 [(0, "<!-- disclint-disable-next-line B401 -->"), (1196, "<!-- disclint-disable-next-line S104 -->")])
    found, items = _run(path)
    # every line moved down by one (two from line 1197 on); S104 at 1197:177 is gone
    assert found == [("X901", 1, 1), ("S108", 21, 28), ("T204", 283, 116), ("B406", 421, 7), ("B406", 1034, 7)]
    x901 = items[0]
    assert x901["message"] == "抑制标记「disclint-disable-next-line B401」没有抑制任何问题，应当删除"
    assert (x901["severity"], x901["name"], x901["ruleset"]) == ("warning", "suppression-unused", "suppressions")


def test_markdown_disable_enable_range_removes_only_its_code(tmp_path):
    path = _copy(tmp_path, "011-shanghai-stcsm-2024.md", "011.md",
                 [(84, "<!-- disclint-disable T204 -->"), (89, "<!-- disclint-enable -->")])
    found, _ = _run(path)
    assert ("T204", 90, 3) not in found and not [f for f in found if f[0] in ("T204", "X901")]
    assert found == [("S105", 73, 1), ("S105", 93, 1), ("B406", 180, 40), ("S105", 182, 1), ("S105", 207, 1), ("S109", 207, 1)]


def test_plain_text_marker_line(tmp_path):
    path = _copy(tmp_path, "013-huaian-hongze-district-2023.txt", "013.txt", [(107, "disclint-disable-next-line T203")])
    found, _ = _run(path)
    assert found == [("T209", 131, 6), ("B404", 150, 23), ("B404", 150, 67)]


def test_a_suppression_of_a_deselected_code_is_not_called_unused(tmp_path):
    path = _copy(tmp_path, "010-shuyang-fgj-2023.html", "010.html", [(0, "<!-- disclint-disable-next-line B401 -->")])
    code, out, _ = run_cli("check", "--format", "json", "--today", "2026-11-27", "--ignore", "B4", str(path))
    assert [d["code"] for d in json.loads(out)] == ["S108", "T204", "S104"]


def test_codes_may_follow_a_colon_as_in_ruffs_noqa(tmp_path):
    """`disclint-disable-next-line: S105` is a marker, not leaked markup (C201) that suppresses nothing."""
    path = _copy(tmp_path, "011-shanghai-stcsm-2024.md", "011.md",
                 [(72, "<!--disclint-disable-next-line: s105-->"), (90, "<!-- disclint-disable-next-line: S105 -->")])
    found, _ = _run(path)
    assert found == [("T204", 90, 3), ("B406", 180, 40), ("S105", 182, 1), ("S105", 207, 1), ("S109", 207, 1)]


def test_a_marker_naming_a_code_no_rule_has_is_x904_not_x901(tmp_path):
    path = _copy(tmp_path, "010-shuyang-fgj-2023.html", "010.html",
                 [(0, "<!-- disclint-disable Q99 -->"), (1196, "<!-- disclint-disable-next-line S104,Q9 -->")])
    found, items = _run(path)
    # S104 is still suppressed by the second marker; each marker's unknown code is X904, no X901
    assert found == [("X904", 1, 1), ("S108", 21, 28), ("T204", 283, 116), ("B406", 421, 7), ("B406", 1034, 7), ("X904", 1198, 1)]
    assert [d["message"] for d in items if d["code"] == "X904"] == [
        "抑制标记「disclint-disable Q99」中的 Q99 不是任何规则的代码或代码前缀（是否写错？），不会抑制或豁免任何问题",
        "抑制标记「disclint-disable-next-line S104,Q9」中的 Q9 不是任何规则的代码或代码前缀（是否写错？），不会抑制或豁免任何问题",
    ]
    assert {(d["severity"], d["name"]) for d in items if d["code"] == "X904"} == {("warning", "accepted-code-unknown")}


def test_a_marker_with_a_known_and_an_unknown_code_that_suppresses_nothing_is_both(tmp_path):
    path = _copy(tmp_path, "013-huaian-hongze-district-2023.txt", "013.txt", [(0, "disclint-disable-next-line B401,Q99")])
    found, items = _run(path)
    assert found == [("X901", 1, 1), ("X904", 1, 1), ("T203", 109, 29), ("T209", 131, 6), ("B404", 150, 23), ("B404", 150, 67)]
    assert items[0]["message"] == "抑制标记「disclint-disable-next-line B401,Q99」没有抑制任何问题，应当删除"


def test_markers_are_read_from_the_readers_decoding_not_the_file_again(tmp_path, monkeypatch):
    """The post-check takes a text or HTML report's decoded source from the reader that just
    read it (Linter.decoded_source): no second read and decode of the file, same outcome."""
    import disclint.readers.decode as decode_module
    import disclint.readers.html as html_reader
    import disclint.readers.text  # noqa: F401  (it holds the decode it imported: the reader's own is not counted)

    # each alone in its folder: no other report there to read for last year's (analysis/identity.py)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    html = _copy(tmp_path / "a", "010-shuyang-fgj-2023.html", "010.html",
                 [(0, "<!-- disclint-disable-next-line B401 -->"), (1196, "<!-- disclint-disable-next-line S104 -->")])
    text = _copy(tmp_path / "b", "013-huaian-hongze-district-2023.txt", "013.txt", [(107, "disclint-disable-next-line T203")])
    calls: list[str] = []

    def counted(name, function):
        def call(data):
            calls.append(name)
            return function(data)
        return call

    # what source_lines calls to decode a file again (the HTML reader calls its _decode too)
    monkeypatch.setattr(decode_module, "decode", counted("decode", decode_module.decode))
    monkeypatch.setattr(html_reader, "_decode", counted("html", html_reader._decode))
    assert _run(html)[0] == [("X901", 1, 1), ("S108", 21, 28), ("T204", 283, 116), ("B406", 421, 7), ("B406", 1034, 7)]
    assert calls == ["html"]  # the reader's, not a second one
    assert _run(text)[0] == [("T209", 131, 6), ("B404", 150, 23), ("B404", 150, 67)]
    assert calls == ["html"]
