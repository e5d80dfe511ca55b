"""File globs of per-file-ignores and waivers, with the meaning of ``.gitignore`` (pathspec).

``*`` and ``?`` stay inside one path segment, ``**`` spans segments (``2023/**/*.pdf``); a
pattern with no slash but a trailing one matches the file name (or a folder name) at any
depth (``*.pdf``, ``附件*``); a pattern with a slash is relative to its base folder (the
folder of the configuration or waiver file, the working folder for the command line), a
leading ``/`` only anchoring it there. Python's ``fnmatch`` let ``*`` cross ``/``: ``2023/*.pdf``
matched ``2023/a/b.pdf`` too. Ruff's per-file-ignores still do (its globset's default,
astral-sh/ruff#6262, #21425); disclint keeps to what ``.gitignore`` and Ruff's users expect
of ``*`` and ``**``, and to Ruff's rule that a slashless pattern matches the file name.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pathspec


@lru_cache(maxsize=512)
def _spec(pattern: str) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines([pattern])


def matches(pattern: str, path: str, base: Path) -> bool:
    """``path`` (a file) matches ``pattern`` written relative to the folder ``base``. A file
    outside ``base`` matches only a slashless pattern, by its name."""
    absolute = Path(os.path.abspath(path))
    root = Path(os.path.abspath(base))
    try:
        rel = absolute.relative_to(root).as_posix()
    except ValueError:
        try:  # the same folder through a symbolic link
            rel = absolute.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError):
            rel = None
    if rel is None:
        return "/" not in pattern.rstrip("/") and _spec(pattern).match_file(absolute.name)
    return _spec(pattern).match_file(rel)
