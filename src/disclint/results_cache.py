"""A results cache, as Ruff has: a run over unchanged reports prints what the last such run
found without reading, checking or even importing the checkers.

Two kinds of JSON file sit in the user cache folder beside the rule-set cache
(rules/cache.py; JSON, never pickle; a missing, corrupt or unreadable file is rebuilt
silently; ``--no-cache`` neither reads nor writes them; ``disclint cache clear`` removes them):

``setup-<key>.json``: what a plain set-up (the shipped rules, ``--rules``, ``--ruleset``)
    resolved to: the rule-set cache key (rules/cache.py: rule files, disclint's version, the
    plugin distributions' versions, the checker kinds), the rule files with their hashes,
    the file endings the readers take, the checker kinds' names and which of them collect.
    Keyed by the state of the code (:func:`code_state`: every file of the disclint package and
    of the shipped plugins by size and modification time, as Python's own byte-code cache
    trusts them, the installed distributions as the entry-point scan sees them, the Python
    version) and the set-up's arguments. It is valid when every rule file still has its
    hash. Then the rule sets come from the rule-set cache by that key and the plugins are
    imported only if a file must really be checked.

``results-<key>.json``: the raw results of one run (engine.Linter.stream: every file's
    findings, then the cross-report ones), BEFORE selection, severities, suppressions,
    waivers and baseline (postcheck.py), which are applied afresh each run, so a change of
    configuration never needs a new entry. Keyed by the set-up (code state and rule-set key),
    the effective date (``--today`` or today: date rules depend on it), ``--organ-kind``,
    ``--ruleset``, the working folder, and every file of the run — reports checked and last
    year's reports read for the cross-year rules (B6xx) — by its path as given, its bytes'
    SHA-256 and whether it is only there for the cross-report rules. The cross-report
    rules compare every report of a run with every other, so the run is the unit: a run
    whose files all hash as before is answered whole; any change reruns the whole check.
    A run with an internal error or a time limit reached (X009, X014) is never stored, nor
    one during which a file changed (the files are hashed again after the check).

``history-<key>.json``: last year's reports the search beside the reports found
    (analysis/identity.py), with what the search looked at: each folder it listed (every
    entry by name, size and change time — what the search's own memory of titles trusts)
    and each parent folder it looked in for year-named siblings. While none of them changed,
    the same reports are taken without importing the search. Keyed by the set-up, the
    working folder and the run's files as given.

At most ``KEEP`` results files and ``MAX_BYTES`` bytes of them are kept (the oldest go).
Files are written to a temporary file and moved into place (``os.replace``), so parallel
runs never read half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from . import __version__

FORMAT = 1
KEEP = 256  # results files kept
MAX_BYTES = 64 * 2**20  # and at most this much of them
SETUP_KEEP = 16
_RESULTS = "results-"
_SETUP = "setup-"
_HISTORY = "history-"


def enabled() -> bool:
    """``--no-cache`` (DISCLINT_NO_CACHE) turns off every cache; DISCLINT_NO_RESULTS_CACHE this one alone."""
    return not os.environ.get("DISCLINT_NO_CACHE") and not os.environ.get("DISCLINT_NO_RESULTS_CACHE")


def _folder() -> Path:
    from .rules.cache import cache_dir

    return cache_dir()


def _h(*parts) -> "hashlib._Hash":
    h = hashlib.sha256()
    for p in parts:
        h.update(json.dumps(p, ensure_ascii=False, default=str).encode("utf-8"))
        h.update(b"\0")
    return h


_CODE_STATE: str | None = None


def code_state() -> str:
    """The code the findings come from: every file of the disclint package and of the shipped
    plugins folder (path, size, modification time), the installed distributions as the
    entry-point scan keys them (a plugin or library installed, upgraded or removed), the
    Python version and interpreter."""
    global _CODE_STATE
    if _CODE_STATE is None:
        from . import entrypoints
        from .resources import plugins_dir

        rows: list = [FORMAT, __version__, sys.version, sys.executable, entrypoints._key("disclint")]
        for top in (Path(__file__).resolve().parent, plugins_dir()):
            for root, dirs, files in os.walk(top):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for f in sorted(files):
                    p = os.path.join(root, f)
                    try:
                        st = os.stat(p)
                    except OSError:
                        continue
                    rows.append([p, st.st_size, st.st_mtime_ns])
        _CODE_STATE = _h(*rows).hexdigest()[:32]
    return _CODE_STATE


def _file_hash(path: Path) -> str | None:
    from .bounded_read import read_regular
    from .rules.model import MAX_RULESET_BYTES

    try:
        return hashlib.sha256(read_regular(path, MAX_RULESET_BYTES)).hexdigest()
    except Exception:
        return None


class Setup:
    """What a plain set-up resolved to (see the module doc), found by the set-up's arguments."""

    def __init__(self, path: Path, data: dict | None):
        self.path, self.data = path, data
        self.valid = data is not None and self._still_valid()

    @classmethod
    def find(cls, ruleset: str | None, extra_rule_paths: Iterable) -> "Setup | None":
        if not enabled():
            return None
        try:
            forced = os.path.abspath(ruleset) if ruleset is not None and os.path.isfile(ruleset) else None
            key = _h("setup", code_state(), os.getcwd(), ruleset, forced, [os.path.abspath(str(p)) for p in extra_rule_paths]).hexdigest()[:32]
            path = _folder() / f"{_SETUP}{key}.json"
        except Exception:
            return None
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
            if not (isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("ruleset_key"), str)
                    and all(isinstance(data.get(k), list) for k in ("paths", "files", "extensions", "collecting", "kinds"))):
                data = None
        except Exception:  # missing or corrupt: resolved afresh
            data = None
        return cls(path, data)

    def _still_valid(self) -> bool:
        from .rules.cache import rule_files

        try:
            files = rule_files([Path(p) for p in self.data["paths"]])
            if files is None or [str(f) for f in files] != [f for f, _ in self.data["files"]]:
                return False
            return all(_file_hash(f) == h for f, (_, h) in zip(files, self.data["files"]))
        except Exception:
            return False

    def rulesets(self):
        from .rules.cache import read_key

        return read_key(self.data["ruleset_key"])

    @property
    def token(self) -> str:
        return f"{code_state()}:{self.data['ruleset_key']}" if self.data else ""

    def record(self, paths: list[Path], ruleset_key: str | None, linter) -> None:
        from .rules.cache import _store, rule_files

        files = rule_files(paths) if ruleset_key else None
        if files is None:
            return
        hashes = [(str(f), _file_hash(f)) for f in files]
        if any(h is None for _, h in hashes):
            return
        self.data = {"format": FORMAT, "ruleset_key": ruleset_key, "paths": [str(p) for p in paths], "files": hashes,
                     "extensions": sorted(linter.extensions), "collecting": sorted(linter.collecting), "kinds": list(linter.kind_names)}
        self.valid = True
        try:
            _store(self.path, json.dumps(self.data, ensure_ascii=False))
            _prune(_SETUP, SETUP_KEEP, None)
        except Exception:  # a read-only cache folder only costs speed
            pass


# -- last year's reports found beside the reports ---------------------------------------------


def _listing(folder: str) -> list | None:
    """Every entry of a folder with its size and change time (None: it cannot be listed)."""
    try:
        with os.scandir(folder) as it:
            return sorted([e.name, e.is_dir(), *((st.st_size, st.st_mtime_ns) if (st := e.stat()) else ())] for e in it)
    except OSError:
        return None


def _subfolders(folder: str) -> list | None:
    try:
        with os.scandir(folder) as it:
            return sorted(e.name for e in it if e.is_dir())
    except OSError:
        return None


def found_history(linter, looking: list[str], known: list[str]) -> list[str]:
    """analysis.identity.history_for(...) for ``looking`` (``known``: the files already in the
    run), remembered with what the search looked at: every folder it listed (each entry by
    name, size and change time, as the search's own memory of titles trusts them) and the
    parent folders it looked in for year-named siblings. While none of them changed, the
    same reports are found again without importing the search (or anything it reads with)."""
    setup = linter.setup
    path = None
    if setup is not None and setup.valid and enabled():
        key = _h("history", setup.token, os.getcwd(), looking, known, [os.path.abspath(p) for p in known]).hexdigest()[:32]
        path = _folder() / f"{_HISTORY}{key}.json"
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
            if (data["format"] == FORMAT and all(_listing(f) == sig for f, sig in data["listed"])
                    and all(_subfolders(f) == sig for f, sig in data["parents"])):
                found = data["found"]
                if isinstance(found, list) and all(isinstance(f, str) for f in found):
                    return found
        except Exception:  # missing, corrupt, stale: searched afresh
            pass
    from .analysis.identity import Finder, history_for

    finder = Finder(linter.read, linter.extensions, linter.read_head)
    found = history_for(finder, looking, known)
    if path is not None:
        listed = [[str(f), _listing(str(f))] for f in sorted(finder._listed)]
        parents = [[str(f.parent), _subfolders(str(f.parent))] for f in sorted(finder._siblings)]
        if all(sig is not None for _, sig in listed + parents):
            try:
                from .rules.cache import _store

                _store(path, json.dumps({"format": FORMAT, "found": found, "listed": listed, "parents": parents}, ensure_ascii=False))
                _prune(_HISTORY, KEEP, None)
            except Exception:
                pass
    return found


# -- the results of a run -------------------------------------------------------------------


def _run_key(linter, files: list[str], context: set[str]) -> str | None:
    """The key of a run over ``files`` (None when one cannot be hashed: missing, a folder, a FIFO)."""
    from .bounded_read import read_regular
    from .engine import MAX_BYTES as FILE_MAX

    setup = linter.setup
    if setup is None or not setup.valid or not enabled() or not linter.as_loaded():
        return None
    opts = linter.options
    parts = ["results", setup.token, (opts.today or date.today()).isoformat(), opts.organ_kind,
             linter.config[1] if linter.config else None, os.getcwd()]
    for p in files:
        try:
            digest = hashlib.sha256(read_regular(p, FILE_MAX)).hexdigest()
        except Exception:
            return None
        parts.append([p, digest, os.path.abspath(p) in context])
    return _h(*parts).hexdigest()[:40]


def _span_out(s) -> list:
    return [s.start.line, s.start.column, s.end.line, s.end.column, s.logical]


def _span_in(v):
    from .model import Pos, Span

    return Span(Pos(int(v[0]), int(v[1])), Pos(int(v[2]), int(v[3])), v[4])


def encode(r) -> dict:
    return {
        "path": r.path, "ruleset": r.ruleset, "cross": r.cross, "internal_errors": list(r.internal_errors),
        "explained": [[t, v] for t, v in r.explained],
        "diagnostics": [[d.path, d.line, d.column, d.end_line, d.end_column, d.code, d.name, d.severity, d.message, d.ruleset, d.logical,
                         [[x.path, _span_out(x.span), x.message] for x in d.related]] for d in r.diagnostics],
    }


def decode(v: dict):
    from .checking import Related
    from .engine import Diagnostic, FileResult

    diags = [Diagnostic(*d[:10], logical=d[10], related=tuple(Related(x[0], _span_in(x[1]), x[2]) for x in d[11])) for d in v["diagnostics"]]
    return FileResult(v["path"], v["ruleset"], diags, list(v["internal_errors"]), [(t, vals) for t, vals in v["explained"]], cross=bool(v["cross"]))


def stream(linter, paths: Iterable[str], jobs: int = 1, progress=None, context: Iterable[str] = ()) -> Iterator:
    """``linter.stream(...)`` answered from the results cache when the same run was stored,
    else checked and stored (see the module doc)."""
    paths, context = list(paths), {os.path.abspath(p) for p in context}
    key, files = None, []
    try:
        files = sorted(linter.collect(paths))
        key = _run_key(linter, files, context)
    except Exception:
        key = None
    path = _folder() / f"{_RESULTS}{key}.json" if key else None
    if path is not None:
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
            if data.get("format") != FORMAT or data.get("key") != key:
                raise ValueError("other entry")
            results = [decode(v) for v in data["results"]]
        except Exception:  # missing, corrupt, unreadable: checked afresh
            results = None
        if results is not None:
            try:
                os.utime(path)  # recently used: pruned last
            except OSError:
                pass
            yield from (progress(iter(results), len(files)) if progress is not None else results)
            return
    stored: list | None = [] if path is not None else None
    for r in linter.stream(paths, jobs, progress, context):
        if stored is not None:  # encoded now: the caller applies the selection to the result after
            v = encode(r)
            if r.internal_errors or not getattr(r, "cacheable", True) or decode(json.loads(json.dumps(v, ensure_ascii=False))) != r:
                stored = None
            else:
                stored.append(v)
        yield r
    if stored is not None and _run_key(linter, files, context) == key:  # no file changed while it was checked
        try:
            from .rules.cache import _store

            _store(path, json.dumps({"format": FORMAT, "key": key, "results": stored}, ensure_ascii=False, separators=(",", ":")))
            _prune(_RESULTS, KEEP, MAX_BYTES)
        except Exception:  # a read-only or full disk only costs speed
            pass


def _prune(prefix: str, keep: int, max_bytes: int | None) -> None:
    """The newest ``keep`` files of ``prefix`` (and at most ``max_bytes`` of them) stay."""
    rows = []
    for p in _folder().glob(f"{prefix}*.json"):
        try:
            st = p.stat()
        except OSError:
            continue
        rows.append((st.st_mtime_ns, st.st_size, p))
    rows.sort(key=lambda r: r[0], reverse=True)
    total = 0
    for i, (_, size, p) in enumerate(rows):
        total += size
        if i >= keep or (max_bytes is not None and total > max_bytes and i > 0):
            try:
                p.unlink()
            except OSError:
                pass
