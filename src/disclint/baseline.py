"""Baselines: today's findings recorded, so a run reports only what is new.

A finding is keyed by its path (relative to the baseline file's folder), its code and a
fingerprint of what it is about — the logical place, the message without digits that
count lines, and the normalised source text around it — never its line or column, so
the key survives edits elsewhere in the file. Equal keys are counted.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

from .bounded_read import NotRegular, read_text

VERSION = 1
_WINDOW = 20  # characters of source on each side of the finding
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
MAX_BYTES = 64 * 2**20  # a baseline of ~200,000 findings; a FIFO or /dev/zero is refused, not read


def nearby(line: str | None, column: int) -> str:
    if not line:
        return ""
    i = max(column - 1, 0)
    return _SPACE.sub("", line[max(i - _WINDOW, 0): i + _WINDOW])


def fingerprint(d, source_line: str | None) -> str:
    message = _DIGITS.sub("#", d.message) if source_line else d.message
    key = "\x1f".join((d.code, d.logical or "", message, nearby(source_line, d.column)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def relative(path: str, base: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.abspath(path)).as_posix()


class Baseline:
    def __init__(self, file: Path, entries: list[dict]):
        self.file = file
        self.base = Path(os.path.abspath(file.parent))
        self.remaining = Counter((e["path"], e["code"], e["fingerprint"]) for e in entries)
        self.messages = {(e["path"], e["code"], e["fingerprint"]): e.get("message", "") for e in entries}

    def take(self, path: str, d, source_line: str | None) -> bool:
        """True (and count it off) when ``d`` is in the baseline."""
        key = (relative(path, self.base), d.code, fingerprint(d, source_line))
        if self.remaining[key] > 0:
            self.remaining[key] -= 1
            return True
        return False

    def gone(self, checked: set[str]) -> list[tuple[str, str, str]]:
        """Entries for files checked in this run that no longer occur: (path, code, message)."""
        return [(p, c, self.messages[(p, c, f)]) for (p, c, f), n in self.remaining.items() if n > 0 and p in checked]


class BaselineError(Exception):
    """A baseline file that cannot be used; ``str()`` says so in the run's language (clilang.py)."""

    def __init__(self, template: str, **values):
        self.template, self.values = template, values
        super().__init__(template)

    def __str__(self) -> str:
        from . import clilang

        return clilang.t(self.template, **self.values)


def load(file: Path) -> Baseline:
    try:
        data = json.loads(read_text(file, MAX_BYTES))
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
            raise BaselineError("{file}: not a disclint baseline (version {version})", file=str(file), version=VERSION)
        for e in data["findings"]:
            if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in ("path", "code", "fingerprint")):
                raise BaselineError("{file}: a baseline entry needs path, code and fingerprint", file=str(file))
    except NotRegular as exc:
        raise BaselineError("{file}: cannot read the baseline: not a regular file ({what})", file=str(file), what=exc.what) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BaselineError("{file}: cannot read the baseline: {problem}", file=str(file), problem=str(exc)) from None
    except RecursionError:  # json's decoder recurses once per nesting level
        raise BaselineError("{file}: cannot read the baseline: nested too deeply", file=str(file)) from None
    return Baseline(file, data["findings"])


def write(file: Path, entries: list[tuple[str, object, str | None]]) -> None:
    """``entries``: (path, diagnostic, source line) for every finding to record."""
    base = Path(os.path.abspath(file.parent))
    findings = [
        {"path": relative(p, base), "code": d.code, "fingerprint": fingerprint(d, line), "message": d.message}
        for p, d, line in entries
    ]
    findings.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    file.write_text(json.dumps({"version": VERSION, "findings": findings}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
