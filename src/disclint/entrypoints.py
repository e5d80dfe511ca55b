"""The ``disclint`` entry points of the installed distributions, scanned once per set of them.

``importlib.metadata`` costs more to import and scan than a small check takes, and its
answer changes only when a distribution is installed, removed, upgraded or re-installed
in editable mode. So the scan is stored in the user cache folder, keyed by what changes
then: every ``sys.path`` folder, the name (with its version) and modification time of each
``*.dist-info`` / ``*.egg-info`` in it, and the modification time of its
``entry_points.txt``. Listing those names is a directory read, not a metadata parse.
JSON, never pickle; a missing, corrupt or stale file is rebuilt silently.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
import sys

FORMAT = 1
_KEEP = 4  # scans kept (one per environment in use)
_MEMO: dict[str, list[dict]] = {}  # key -> scan, within one process


def _key(group: str) -> str:
    parts: list = [FORMAT, group, sys.version_info[:2]]
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as it:
                dists = sorted((e.name, e.path) for e in it if e.name.endswith((".dist-info", ".egg-info")))
        except OSError:  # not a folder (a zip, a missing path): part of the key as such
            parts.append([entry])
            continue
        found = [entry]
        for name, path in dists:
            found.append([name, _mtime(path), _mtime(os.path.join(path, "entry_points.txt"))])
        parts.append(found)
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _scan(group: str) -> list[dict]:
    from importlib.metadata import entry_points

    out = []
    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        dist = ep.dist
        out.append({"name": ep.name, "value": ep.value, "dist": getattr(dist, "name", None) or "?",
                    "version": getattr(dist, "version", None) or "?"})
    return out


def _cache_file(key: str):
    from .rules.cache import cache_dir

    return cache_dir() / f"entrypoints-{key}.json"


def scan(group: str, use_cache: bool | None = None) -> list[dict]:
    """``[{name, value, dist, version}]`` of the entry points in ``group``, sorted by name."""
    if use_cache is None:
        use_cache = not os.environ.get("DISCLINT_NO_CACHE")
    if not use_cache:
        return _scan(group)
    key = _key(group)
    if key in _MEMO:
        return _MEMO[key]
    path = _cache_file(key)
    try:
        with open(path, encoding="utf-8") as fh:
            found = json.load(fh)
        if not (isinstance(found, list) and all(isinstance(e, dict) and set(e) == {"name", "value", "dist", "version"} for e in found)):
            raise ValueError("not a scan")
    except Exception:  # missing, corrupt or of another shape: scan again
        found = _scan(group)
        try:
            from .rules.cache import _store

            _store(path, json.dumps(found, ensure_ascii=False))
            _prune(path)
        except Exception:
            pass  # a read-only cache folder only costs the scan
    _MEMO[key] = found
    return found


def _prune(keep) -> None:
    """Older scans go (one per environment in use is plenty)."""
    old = sorted((p for p in keep.parent.glob("entrypoints-*.json") if p != keep), key=lambda p: p.stat().st_mtime, reverse=True)
    for p in old[_KEEP - 1:]:
        try:
            p.unlink()
        except OSError:
            pass


# importlib.metadata.EntryPoint's own reading of a value: ``module[:attr.attr][ [extras]]``.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


def load(value: str):
    """The object an entry point's value names, as ``EntryPoint.load`` finds it."""
    m = _VALUE.match(value)
    if m is None:
        raise ValueError(f"not an entry point: {value!r}")
    obj = importlib.import_module(m.group("module"))
    for part in filter(None, (m.group("attr") or "").split(".")):
        obj = getattr(obj, part)
    return obj
