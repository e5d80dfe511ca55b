"""Waivers: accepted findings written down next to the reports, for any format.

DOCX and PDF cannot carry comments, so ``disclint-waivers.yaml`` (the closest one in a
report's folder or above) lists them::

    - path: "2023/*.pdf"          # glob as in .gitignore (``*`` in one folder, ``**`` across), relative to this file's folder
      code: X006                  # a code or a prefix
      place: page[3]              # optional: the logical place (DOCX/PDF) starts with this
      text: 扫描页                 # optional: the finding's message or source line contains this
      reason: 第3页为盖章扫描件，已人工核对   # required
      expires: 2027-03-31         # optional: after this day the waiver no longer holds

An expired waiver waives nothing and is a finding itself (at its place in the file).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .bounded_read import NotRegular, TooLarge, present, read_text
from .rules.model import Origin
from .settings import ConfigError

FILE_NAME = "disclint-waivers.yaml"
MAX_BYTES = 256 * 1024
_KEYS = {"path", "code", "place", "text", "reason", "expires"}


@dataclass
class Waiver:
    path: str
    code: str
    reason: str
    origin: Origin
    base: Path
    place: str | None = None
    text: str | None = None
    expires: date | None = None

    def expired(self, today: date) -> bool:
        return self.expires is not None and today > self.expires

    def applies_to_file(self, path: str) -> bool:
        """``path`` glob as .gitignore reads it (pathglob.py), relative to the waiver file's folder;
        a file outside that folder is never waived by it."""
        from .pathglob import matches

        try:
            Path(os.path.abspath(path)).relative_to(self.base)
        except ValueError:
            return False
        return matches(self.path, path, self.base)

    def waives(self, d, source_line: str | None) -> bool:
        if not d.code.startswith(self.code):
            return False
        if self.place is not None and not (d.logical or "").startswith(self.place):
            return False
        if self.text is not None and self.text not in d.message and (source_line is None or self.text not in source_line):
            return False
        return True


def find(start: Path) -> Path | None:
    folder = Path(os.path.abspath(start))
    folder = folder if folder.is_dir() else folder.parent
    for f in [folder, *folder.parents]:
        if present(f / FILE_NAME):  # a FIFO or a device by that name is refused at load, not skipped
            return f / FILE_NAME
    return None


def load(path: Path) -> list[Waiver]:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # ruamel only when there is a waiver file

    from . import safe_yaml

    file = str(path)
    try:
        # Bounded, regular files only; tags refused, depth and aliases capped (safe_yaml).
        tree = safe_yaml.load(read_text(path, MAX_BYTES), file, "the waivers")
    except safe_yaml.YamlFault as exc:
        raise ConfigError(exc.origin, "{problem}", problem=exc.message) from None
    except NotRegular as exc:
        raise ConfigError(Origin(file, 1, 1), "cannot read waivers: not a regular file ({what})", what=exc.what) from None
    except TooLarge:
        raise ConfigError(Origin(file, 1, 1), "waiver file larger than {kb} KB", kb=MAX_BYTES // 1024) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Origin(file, 1, 1), "cannot read waivers: {problem}", problem=str(exc)) from None
    if tree is None:
        return []
    if not isinstance(tree, CommentedSeq):
        raise ConfigError(Origin(file, 1, 1), "the waiver file must be a list of waivers (- path: … code: … reason: …)")
    out = []
    base = Path(os.path.abspath(path.parent))
    for i, item in enumerate(tree):
        line, col = tree.lc.item(i)
        where = Origin(file, line + 1, col + 1)
        if not isinstance(item, CommentedMap):
            raise ConfigError(where, "a waiver must be a mapping with path, code and reason")
        for key in item:
            if key not in _KEYS:
                k_line, k_col = item.lc.key(key)
                raise ConfigError(Origin(file, k_line + 1, k_col + 1), "unknown waiver key `{key}` (known: {known})", key=key, known=", ".join(sorted(_KEYS)))
        for key in ("path", "code", "reason"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise ConfigError(where, "a waiver needs `reason` (why the finding is accepted)" if key == "reason" else "a waiver needs `{key}`", key=key)
        expires = item.get("expires")
        if expires is not None and not isinstance(expires, date):
            try:
                expires = date.fromisoformat(str(expires))
            except ValueError:
                raise ConfigError(where, "`expires` must be a date YYYY-MM-DD, not {value!r}", value=expires) from None
        for key in ("place", "text"):
            if key in item and not isinstance(item[key], str):
                raise ConfigError(where, "`{key}` must be text", key=key)
        out.append(Waiver(str(item["path"]), str(item["code"]).upper(), str(item["reason"]), where, base, item.get("place"), item.get("text"), expires))
    return out
