"""textstream.streams: the digit-space rule looks past every run of spaces, on lines of any length."""

from disclint.readers.text import read_text
from disclint.textstream import streams


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
