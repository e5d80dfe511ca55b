"""analysis.text.streams: the digit-space rule looks past every run of spaces, on lines of any length."""

from disclint.readers.text import read_text
from disclint.analysis.text import streams


def _stream_text(text: str) -> str:
    doc = read_text("x.txt", text.encode("utf-8"), reader="text")
    return "\n".join(s.text for s in streams(doc))


def test_space_between_digits_kept_once_whatever_the_run_of_spaces():
    assert _stream_text("共 12 \u3000 34 件，答复 5 件") == "共12 34件,答复5件"


def test_space_before_a_non_digit_after_spaces_dropped():
    assert _stream_text("收到 12   件 ， 3 项") == "收到12件,3项"


def test_long_line_keeps_every_digit_pair_apart():
    line = "第 1 2 项 " * 6000  # 48,000 characters: within the reader's bound for one line
    text = _stream_text(line)
    assert text == "第1 2项" * 6000


def test_one_paragraph_streams_as_fold_text_folds_it_and_each_character_points_at_its_source():
    """Random paragraphs of digits, spaces of every width and full-width forms: the stream
    is what fold_text makes of the paragraph, and every character maps back to a source
    character that folds to it (a kept space to the first space between two digits)."""
    import random

    from disclint.model import Block, Document, TextMap
    from disclint.analysis.text import fold_text, fold_width, streams

    rnd = random.Random(3)
    alphabet = "12３４ \u3000\t\xa0。，年ａB"
    for _ in range(2000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        block = Block("paragraph", text, TextMap.single(1, 1))
        out = streams(Document(path="x", blocks=[block]))
        if not fold_text(text):
            assert out == []
            continue
        (s,) = out
        assert s.text == fold_text(text)
        for ch, (b, i) in zip(s.text, s.where):
            assert b is block
            assert ch == (" " if text[i].isspace() else fold_width(text[i]))
            if ch == " ":
                assert i > 0 and fold_width(text[i - 1]).isdigit()  # the run's first space, after a digit


def test_a_real_reports_streams_keep_their_sources_by_runs():
    """Over a whole real report (many paragraphs, line breaks between sentences), every
    character of every stream points at a source character that folds to it, a kept
    space at a space after a digit and a break at the character before it; the sources
    are kept by word, far fewer than the characters."""
    from pathlib import Path

    from disclint.analysis.text import fold_width

    path = Path(__file__).parent / "data" / "real" / "009-shuyang-county-2025.txt"
    doc = read_text(str(path), path.read_bytes(), reader="text")
    got = streams(doc)
    chars = sum(len(s.text) for s in got)
    assert chars > 3000 and sum(len(s.runs) for s in got) * 10 < chars
    breaks = 0
    for s in got:
        for i, ch in enumerate(s.text):
            b, o = s.source(i)
            if ch == "\n":
                breaks += 1
                assert s.source(i - 1) == (b, o)
            elif ch == " ":
                assert b.text[o].isspace() and fold_width(b.text[o - 1]).isdigit()
            else:
                assert fold_width(b.text[o]) == ch
        assert s.where == [s.source(i) for i in range(len(s.text))]
    assert breaks == 10
