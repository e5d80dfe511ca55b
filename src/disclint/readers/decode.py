"""Turning a file's bytes into text, or saying clearly why that is not possible.

Government files come as UTF-8 (with or without BOM), UTF-16, or GB18030/GBK. The
order: BOM, strict UTF-8, then charset-normalizer's best guess; a file with NUL bytes
or mostly control characters is binary, not text.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass
class Decoded:
    text: str | None
    encoding: str | None
    problem: str | None = None  # "empty", "binary", "undecodable", "truncated", "bad-bytes"
    detail: str = ""
    at: int | None = None  # where in ``text`` the problem is (a character offset), if at one place


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Encodings a Chinese government text file plausibly uses; charset-normalizer's
# guess outside these (cp1252, koi8...) means the bytes are not a Chinese text.
_PLAUSIBLE = {"utf_8", "gb18030", "gbk", "gb2312", "big5", "utf_16", "utf_16_le", "utf_16_be", "hz", "cp950", "big5hkscs", "ascii"}


# Every byte but the control ones (below 9, or 14 to 31): deleting them leaves the controls.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    ctrl = len(sample.translate(None, _NOT_CONTROL))  # counted in C, not byte by byte
    return ctrl > len(sample) * 0.05


def decode(data: bytes) -> Decoded:
    if not data.strip():
        return Decoded(None, None, "empty", "文件为空")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as exc:
                return Decoded(None, enc, "undecodable", f"带 {enc} 字节序标记但无法按 {enc} 解码（第 {exc.start} 字节）")
    wide = _utf16_without_bom(data)
    if wide is not None:
        return wide
    if _looks_binary(data):
        return Decoded(None, None, "binary", "文件含有二进制内容，不是文本")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # A file truncated in the middle of a UTF-8 character decodes up to its end.
    if utf8_error.start >= len(data) - 3 and utf8_error.reason == "unexpected end of data":
        return Decoded(data[: utf8_error.start].decode("utf-8"), "utf-8", "truncated", "文件在一个字符中间结束，可能不完整")
    damaged = _utf8_with_few_bad_bytes(data, utf8_error)
    if damaged is not None:
        return damaged
    try:  # GB18030 is a superset of GBK/GB2312 and the commonest non-UTF-8 encoding here
        text = data.decode("gb18030")
        if _mostly_cjk(text):
            return Decoded(text, "gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # slow to import; most files are UTF-8

    best = from_bytes(data).best()
    if best is not None and best.encoding in _PLAUSIBLE:
        return Decoded(str(best), best.encoding)
    return Decoded(None, None, "undecodable", f"无法识别文件编码（不是 UTF-8，也不是 GB18030/GBK；第 {utf8_error.start + 1} 字节起无法解码）")


# A UTF-8 file with a few damaged bytes is still a UTF-8 file: at most this many invalid
# sequences, each outnumbered this many times by valid multi-byte characters.
_MAX_BAD = 16
_GOOD_PER_BAD = 50


def _utf8_with_few_bad_bytes(data: bytes, first: UnicodeDecodeError) -> Decoded | None:
    """UTF-8 with the few invalid bytes replaced (U+FFFD), or None when the file is not UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad > _MAX_BAD:
        return None
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    if multibyte < bad * _GOOD_PER_BAD:
        return None
    at = len(data[: first.start].decode("utf-8"))
    return Decoded(text, "utf-8", "bad-bytes",
                   f"第 {first.start + 1} 字节起有 {bad} 处不是有效的 UTF-8，已替换为「\ufffd」后检查", at)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a byte-order mark: NUL bytes (the high byte of line breaks and
    digits, the low byte of 一 U+4E00), and read in one byte order it is Chinese text with
    next to no control characters."""
    sample = data[:8192]
    if len(data) % 2 or b"\x00" not in sample:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            head = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in head if c < " " and c not in "\t\n\r\f")
        ideographs = sum(1 for c in head if "\u4e00" <= c <= "\u9fff")
        if controls <= len(head) * 0.01 and ideographs >= len(head) * 0.3 and _mostly_cjk(head):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                return None
    return None


def place(text: str, at: int | None):
    """The Span of character offset ``at`` in ``text`` (None: the start of its last line)."""
    from ..model import Span

    if at is None:
        return Span.at(text.count("\n") + 1, 1)
    line_start = text.rfind("\n", 0, at) + 1
    return Span.at(text.count("\n", 0, at) + 1, at - line_start + 1)


def is_cjk(ch: str) -> bool:
    """A character Chinese text sets with no space beside it (U+2E80..U+9FFF: radicals, CJK
    punctuation, kana, ideographs; compatibility ideographs; full-width forms). Readers
    joining pieces of text put nothing between two such characters, else one space."""
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" or "\u3000" < ch <= "\u303f"


def _mostly_cjk(text: str) -> bool:
    letters = [c for c in text if not c.isspace() and not c.isascii()]
    if not letters:
        return True
    cjk = sum(1 for c in letters if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return cjk >= len(letters) * 0.7
