"""decode(): when bytes are binary, not text."""

from disclint.readers.decode import decode


def test_control_bytes_past_five_percent_are_binary():
    # 100 bytes without a NUL: control bytes (below 9, 14–31) beyond 5% of them make a
    # binary file; tabs, line breaks, form feeds (9–13) are text.
    text = b"a" * 20 + "公开".encode() * 13 + b"aa"  # 100 bytes, the first 20 ASCII
    five = b"\x01\x02\x0e\x1b\x1f" + text[5:]
    six = b"\x01\x02\x0e\x1b\x1f\x08" + text[6:]
    breaks = b"\t\n\x0b\x0c\r" * 4 + text[20:]
    assert (decode(five).problem, decode(five).encoding) == (None, "utf-8")
    assert (decode(six).problem, decode(six).text) == ("binary", None)
    assert (decode(breaks).problem, decode(breaks).encoding) == (None, "utf-8")
