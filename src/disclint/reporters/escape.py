"""Showing text from files in line-based output without letting it forge lines or drive a terminal."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi overrides
# (which reorder what a terminal shows); TAB is kept (harmless in a line).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _show(m: re.Match) -> str:
    ch = m.group(0)
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def escape(text: str) -> str:
    """``text`` with control characters shown as ``\\n``, ``\\x1b``, ``\\u202e``."""
    return _CONTROL.sub(_show, text)
