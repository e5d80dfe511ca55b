"""Resolved rule sets cached as JSON in the user cache folder, so a run parses no YAML.

Parsing the rule files with ruamel's round-trip loader is most of a one-file run. The
loaded and validated rule sets are stored once, keyed by everything they depend on:
the path and content hash of every rule file, disclint's version, the rule-loading
code itself (an editable install changes it without a new version), the installed
plugin distributions and the checker kinds they declare (validation depends on them).
A changed key is a new cache file; a corrupt or unreadable one is rebuilt silently.

JSON, never pickle: loading the cache cannot run code. Every Rule and RuleSet field is
stored, with the origins (file:line:col) that rule docs point at. A rule set that
does not survive the JSON round trip unchanged is simply not cached. Faulty rule sets
are never cached: loading them again reports every fault with its position.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from .. import __version__
from ..checking import CheckerKind
from ..bounded_read import read_regular
from .model import MAX_RULESET_BYTES, Origin, Rule, RuleSet

FORMAT = 3  # bump when the stored shape changes
_PREFIX = "rulesets-"
_KEEP = 16  # cache files kept (one per distinct set of rule paths in use)
# The code whose output is cached: a change to it must not reuse an old cache.
_CODE = ("loader.py", "model.py", "errors.py", "cache.py", "compose.py", "schemas.py", "kinds.py", "shapes.py", "../safe_yaml.py", "../safe_regex.py", "../bounded_read.py",
         *(f"shapes/{p.name}" for p in sorted((Path(__file__).resolve().parent / "shapes").glob("*.json"))))


def cache_dir() -> Path:
    """The user cache folder: the XDG rule on Linux and the BSDs (what platformdirs does
    there, without importing it), platformdirs elsewhere when installed."""
    if sys.platform in ("win32", "darwin"):
        try:
            import platformdirs

            return Path(platformdirs.user_cache_dir("disclint", appauthor=False))
        except ImportError:
            pass
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "disclint"


def clear() -> int:
    """Remove every cached file (rule sets, the entry-point scan, remembered report titles, the
    results cache of results_cache.py); the number removed."""
    n = 0
    folder = cache_dir()
    for p in folder.glob("*.json") if folder.is_dir() else []:
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n


def load(paths: list[Path], kinds: dict[str, CheckerKind], use_cache: bool = True, plugin_versions: Iterable[str] = ()) -> dict[str, RuleSet]:
    """The rule sets in ``paths`` as ``loader.load_files`` gives them, from the cache when it holds them."""
    key = _key(paths, kinds, plugin_versions) if use_cache else None
    if key is not None:
        cached = _read(key)
        if cached is not None:
            return cached
    from . import loader  # imports ruamel.yaml: only when rule files must be parsed

    rulesets = loader.load_files(paths, kinds)
    if key is not None:
        _write(key, rulesets)
    return rulesets


def key_for(paths: list[Path], kinds: dict[str, CheckerKind], plugin_versions: Iterable[str] = ()) -> str | None:
    """The key the rule sets of ``paths`` are cached under (None: not cacheable); the results
    cache (results_cache.py) keys findings by it."""
    return _key(paths, kinds, plugin_versions)


def read_key(key: str) -> dict[str, RuleSet] | None:
    """The rule sets cached under ``key`` (None when that file is missing or corrupt)."""
    return _read(key)


def rule_files(paths: list[Path]) -> list[Path] | None:
    """The rule files the rule sets of ``paths`` are read from (None: one is missing)."""
    return _rule_files(paths)


T = TypeVar("T")


def memo(name: str, files: Iterable[Path], build: Callable[[], T]) -> T:
    """``build()``, a plain JSON value derived from ``files`` (rule files and the code that
    reads them), stored beside the rule sets and rebuilt when one of them changes."""
    if os.environ.get("DISCLINT_NO_CACHE"):
        return build()
    h = hashlib.sha256(json.dumps([name, FORMAT, __version__]).encode())
    try:
        for f in files:
            h.update(str(f).encode("utf-8") + b"\0" + hashlib.sha256(Path(f).read_bytes()).digest())
    except OSError:
        return build()
    path = cache_dir() / f"{name}-{h.hexdigest()[:32]}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except Exception:
        pass
    value = build()
    try:
        text = json.dumps(value, ensure_ascii=False)
        if json.loads(text) == value:
            _store(path, text)
    except Exception:
        pass
    return value


# -- the key -------------------------------------------------------------------------


def _rule_files(paths: list[Path]) -> list[Path] | None:
    """The files ``load_files`` reads, in its order; None when one is missing (not cached)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml"))))
        elif p.is_file():
            files.append(p)
        else:
            return None
    return files


def _key(paths: list[Path], kinds: dict[str, CheckerKind], plugin_versions: Iterable[str]) -> str | None:
    files = _rule_files(paths)
    if files is None:
        return None
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent

    def add(*parts: Any) -> None:
        h.update(json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8"))
        h.update(b"\0")

    add("format", FORMAT, __version__, sorted(plugin_versions))
    try:
        for name in _CODE:
            add(name, hashlib.sha256((here / name).read_bytes()).hexdigest())
        for f in files:  # bounded: a FIFO or device among them is not waited on (the loader reports it)
            add(str(f), hashlib.sha256(read_regular(f, MAX_RULESET_BYTES)).hexdigest())
    except OSError:
        return None
    for name in sorted(kinds):
        k = kinds[name]
        add(name, list(k.placeholders), [(p.name, getattr(p.type, "__qualname__", str(p.type)), p.required) for p in k.params])
    return h.hexdigest()[:32]


# -- storing -------------------------------------------------------------------------


def _origin_out(o: Origin | None) -> list | None:
    return None if o is None else [o.file, o.line, o.column]


def _origin_in(v: Any) -> Origin | None:
    return None if v is None else Origin(str(v[0]), int(v[1]), int(v[2]))


def _encode(rulesets: dict[str, RuleSet]) -> dict:
    """Rules shared by several sets (through ``extends``) are stored once and shared again."""
    rules: list[dict] = []
    index: dict[int, int] = {}
    sets = []
    for rs in rulesets.values():
        out: dict[str, Any] = {}
        for f in dataclasses.fields(RuleSet):
            v = getattr(rs, f.name)
            if f.name == "rules":
                refs = []
                for code, rule in v.items():
                    if id(rule) not in index:
                        index[id(rule)] = len(rules)
                        rules.append({g.name: (_origin_out(rule.origin) if g.name == "origin" else getattr(rule, g.name)) for g in dataclasses.fields(Rule)})
                    refs.append([code, index[id(rule)]])
                v = refs
            elif f.name == "origin":
                v = _origin_out(v)
            out[f.name] = v
        sets.append(out)
    return {"format": FORMAT, "rules": rules, "sets": sets}


def _default(value: Any) -> Any:
    """Origins anywhere else in a rule set (e.g. where each schema was written)."""
    if isinstance(value, Origin):
        return {"$origin": _origin_out(value)}
    raise TypeError(f"{type(value).__name__} is not plain data")


def _hook(d: dict) -> Any:
    return _origin_in(d["$origin"]) if len(d) == 1 and "$origin" in d else d


def _decode(data: dict) -> dict[str, RuleSet]:
    if data.get("format") != FORMAT:
        raise ValueError("other format")
    rules = [Rule(**{k: (_origin_in(v) if k == "origin" else v) for k, v in r.items()}) for r in data["rules"]]
    out: dict[str, RuleSet] = {}
    for s in data["sets"]:
        fields = dict(s)
        fields["rules"] = {code: rules[i] for code, i in s["rules"]}
        fields["origin"] = _origin_in(s.get("origin"))
        rs = RuleSet(**fields)
        out[rs.name] = rs
    return out


def _path(key: str) -> Path:
    return cache_dir() / f"{_PREFIX}{key}.json"


def _read(key: str) -> dict[str, RuleSet] | None:
    try:
        with open(_path(key), encoding="utf-8") as fh:
            return _decode(json.load(fh, object_hook=_hook))
    except Exception:  # missing, corrupt or from another version: rebuilt silently
        return None


def _write(key: str, rulesets: dict[str, RuleSet]) -> None:
    try:
        data = _encode(rulesets)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_default)
        if _decode(json.loads(text, object_hook=_hook)) != rulesets:
            return  # something in it is not plain JSON data: do not cache what would come back different
        _store(_path(key), text)
        _prune(_path(key).parent)
    except Exception:  # a read-only or full disk only costs speed
        return


def _store(path: Path, text: str) -> None:
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)  # atomic: a parallel run never reads half a file


def _prune(folder: Path) -> None:
    files = sorted(folder.glob(f"{_PREFIX}*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for p in files[_KEEP:]:
        try:
            p.unlink()
        except OSError:
            pass
