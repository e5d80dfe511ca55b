"""Where the shipped rule sets and built-in plugins live.

In an installed wheel they sit inside the package (``disclint/_shipped``); in a
source checkout (editable install, tests) they are the top-level ``rules/`` and
``plugins/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    shipped = _PKG / "_shipped" / name
    if shipped.is_dir():
        return shipped
    return _PKG.parent.parent / name


def rules_dir() -> Path:
    return _find("rules")


def plugins_dir() -> Path:
    return _find("plugins")
