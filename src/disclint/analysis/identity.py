"""Which report is which: the organ and report year a report's title names, and where the
same organ's report for the year before lies when it was not given (for the cross-year
checks, B6xx).

The organ
    comes from the title (:func:`disclint.facts.find_title`) with the year
    (2023年 / 2023年度 / 二〇二三年) and the words 政府信息公开(工作)(年度)报告 taken out,
    normalised (:func:`disclint.normalize.normalize`); a trailing 管委会/管理委员会 after
    …区 is dropped (平潭综合实验区管委会 is the zone's government). Two names are the same
    organ when equal, or when the longer one is the shorter one with higher-level
    places in front (淮安市 + 洪泽区人民政府).

Last year's report
    is looked for beside the report (its folder) and in a sibling folder named for the year
    before (``reports/2024/x.pdf`` → ``reports/2023/``, also ``2023年``/``2023年度``): each
    report file there is read and kept when its title names the same organ and the year
    before. Files named by file name alone are never trusted: two organs often share a folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .. import facts
from ..normalize import normalize

_YEAR = re.compile(r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年度?")
_REPORT_WORDS = re.compile(r"(?:政府)?信息公开(?:工作)?(?:年度)?报告$")
_ZONE_COMMITTEE = re.compile(r"(区)(?:管委会|管理委员会)$")
# higher-level places written in front of an organ's name: 淮安市, 江苏省淮安市, 某某自治州
_PLACES = re.compile(r"^(?:[^省市县区]{1,8}?(?:省|自治区|市|自治州|州|盟|地区))+$")
# an organ name that is itself a place's organ (洪泽区人民政府, 沭阳县发展和改革局)
_LOCAL = re.compile(r"^.{1,10}?(?:区|县|市|旗|镇|乡)")
# a folder named for a year: 2023, 2023年, 2023年度
_YEAR_FOLDER = re.compile(r"^((?:19|20)\d{2})(?:年度?)?$")


def organ_of(title: str) -> str:
    """The organ named in a report title, normalised ('' when the title names none)."""
    t = normalize(title)
    t = _YEAR.sub("", t, count=1)
    t = _REPORT_WORDS.sub("", t)
    t = t.strip("的")
    t = _ZONE_COMMITTEE.sub(r"\1", t)
    return t


def same_organ(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4 or not long_.endswith(short) or not _LOCAL.match(short):
        return False
    return bool(_PLACES.match(long_[: -len(short)]))


@dataclass(frozen=True)
class Identity:
    organ: str
    year: int


def identity(doc) -> Identity | None:
    """The organ and report year of a read report; None when its title names no organ or year."""
    title = facts.find_title(doc)
    year = facts.find_report_year(doc)
    if title is None or year is None:
        return None
    organ = organ_of(title.text)
    return Identity(organ, year.year) if organ else None


def places_to_look(path: str, year: int) -> list[Path]:
    """The report's folder, then its sibling folders named for ``year - 1``."""
    folder = Path(os.path.abspath(path)).parent
    return [folder, *(s for s in _year_siblings(folder) if int(_YEAR_FOLDER.match(s.name).group(1)) == year - 1)]


# Identities already read, by file and its change time and size: in this process (a test
# session, a server) and, through a JSON file in the user cache folder, across runs — a
# pre-commit hook checking one report in a folder of hundreds reads each neighbour once, not
# on every commit. A changed file has another key; a corrupt memory file is started afresh.
_SEEN: dict[tuple[str, int, int], Identity | None] = {}
_SEEN_MAX = 10_000
_MEMORY_FORMAT = 1
_memory_loaded = False
_memory_dirty = False


def _memory_file():
    from .. import __version__
    from ..rules.cache import cache_dir

    return cache_dir() / f"identities-{_MEMORY_FORMAT}-{__version__}.json"


def _use_memory() -> bool:
    return not os.environ.get("DISCLINT_NO_CACHE")


def _load_memory() -> None:
    global _memory_loaded
    _memory_loaded = True
    if not _use_memory():
        return
    import json

    try:
        with open(_memory_file(), encoding="utf-8") as fh:
            rows = json.load(fh)
        for path, mtime, size, organ, year in rows[:_SEEN_MAX]:
            ok = organ is None or (isinstance(organ, str) and isinstance(year, int))
            if isinstance(path, str) and isinstance(mtime, int) and isinstance(size, int) and ok:
                _SEEN.setdefault((path, mtime, size), Identity(organ, year) if organ is not None else None)
    except Exception:  # missing, corrupt or of another shape: read the files again
        pass


def save_memory() -> None:
    """Write what this process learnt for the next run (a read-only cache folder costs only speed)."""
    global _memory_dirty
    if not (_memory_dirty and _use_memory()):
        return
    import json

    from ..rules.cache import _store

    rows = [[p, m, n, i.organ if i else None, i.year if i else None] for (p, m, n), i in list(_SEEN.items())[-_SEEN_MAX:]]
    try:
        _store(_memory_file(), json.dumps(rows, ensure_ascii=False))
        _memory_dirty = False
    except Exception:
        pass


class Finder:
    """Finds last year's report for the reports of a run; each file is read at most once."""

    def __init__(self, read, extensions):
        self._read = read  # path -> Document (the run's readers)
        self._extensions = extensions
        self._known: dict[str, Identity | None] = {}

    def of(self, path: str) -> Identity | None:
        global _memory_dirty
        a = os.path.abspath(path)
        if a not in self._known:
            try:
                st = os.stat(a)
                key = (a, st.st_mtime_ns, st.st_size)
            except OSError:
                key = None
            if not _memory_loaded:
                _load_memory()
            if key is not None and key in _SEEN:
                self._known[a] = _SEEN[key]
                return _SEEN[key]
            try:
                self._known[a] = identity(self._read(path))
            except Exception:  # an unreadable file is no one's last year; its own check reports it
                self._known[a] = None
            if key is not None:
                if len(_SEEN) > _SEEN_MAX:
                    _SEEN.clear()
                _SEEN[key] = self._known[a]
                _memory_dirty = True
        return self._known[a]

    def previous(self, paths: list[str], skip: set[str]) -> list[str]:
        """Report files not in ``skip`` (absolute paths) that are the same organ's report for the
        year before one of ``paths``. A report is read only when a folder it could look in holds
        a file not already in the run (``disclint check reports/`` reads nothing more)."""
        found: list[str] = []
        for path in paths:
            folder = Path(os.path.abspath(path)).parent
            near = [f for d in (folder, *_year_siblings(folder)) for f in _files(d, self._extensions)
                    if os.path.abspath(f) not in skip and os.path.abspath(f) != os.path.abspath(path)]
            me = self.of(path) if near else None
            if me is None:
                continue
            look = set(places_to_look(path, me.year))
            for f in near:
                other = self.of(str(f)) if f.parent in look else None
                shown = str(f) if os.path.isabs(path) else _relative(f)  # named as the report was
                if other is not None and other.year == me.year - 1 and same_organ(other.organ, me.organ) and shown not in found:
                    found.append(shown)
        return found


def history_for(finder: Finder, files: list[str], known: list[str]) -> list[str]:
    """Last year's reports of ``files``, and the year before theirs, back as long as one is found
    (the cross-year checks narrow last year's run-together digits by the year before it), so a
    report checked alone is compared as in a run over the whole folder. ``known``: files already
    in the run, never returned."""
    seen = {os.path.abspath(p) for p in [*files, *known]}
    out: list[str] = []
    frontier = list(files)
    while frontier:
        frontier = finder.previous(frontier, seen)
        seen.update(os.path.abspath(p) for p in frontier)
        out.extend(frontier)
    save_memory()
    return out


def _relative(f: Path) -> str:
    try:
        return os.path.relpath(f)
    except ValueError:  # another drive
        return str(f)


def _year_siblings(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.parent.iterdir() if p.is_dir() and p != folder and _YEAR_FOLDER.match(p.name))
    except OSError:
        return []


def _files(folder: Path, extensions) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in extensions)
    except OSError:
        return []
