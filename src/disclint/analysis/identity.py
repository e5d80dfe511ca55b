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
    report file there is kept when its title names the same organ and the year before.
    Files named by file name alone are never trusted: two organs often share a folder.

    A neighbour is first read only as far as its title (:func:`read_head`: the first lines
    of a text file, the first part of an HTML page, a PDF's first page), by its own reader;
    only when that title names the organ and year looked for (or no title is in the head)
    is the whole file read, and the whole file's title decides. A folder of fifty other
    organs' reports costs fifty heads, not fifty reports.
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
# _SEEN holds what the whole file's title says; _HEADS what its head's title says (None:
# no title in the head), kept so that another organ's report is not even opened again.
_SEEN: dict[tuple[str, int, int], Identity | None] = {}
_HEADS: dict[tuple[str, int, int], Identity | None] = {}
_SEEN_MAX = 10_000
_MEMORY_FORMAT = 2
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
        for path, mtime, size, organ, year, whole in rows[: 2 * _SEEN_MAX]:
            ok = organ is None or (isinstance(organ, str) and isinstance(year, int))
            if isinstance(path, str) and isinstance(mtime, int) and isinstance(size, int) and isinstance(whole, bool) and ok:
                (_SEEN if whole else _HEADS).setdefault((path, mtime, size), Identity(organ, year) if organ is not None else None)
    except Exception:  # missing, corrupt or of another shape: read the files again
        pass


def save_memory() -> None:
    """Write what this process learnt for the next run (a read-only cache folder costs only speed)."""
    global _memory_dirty
    if not (_memory_dirty and _use_memory()):
        return
    import json

    from ..rules.cache import _store

    rows = [[p, m, n, i.organ if i else None, i.year if i else None, whole]
            for whole, known in ((True, _SEEN), (False, _HEADS)) for (p, m, n), i in list(known.items())[-_SEEN_MAX:]]
    try:
        _store(_memory_file(), json.dumps(rows, ensure_ascii=False))
        _memory_dirty = False
    except Exception:
        pass


def _remember(memory: dict, key, value) -> None:
    global _memory_dirty
    if key is None:
        return
    if len(memory) > _SEEN_MAX:
        memory.clear()
    memory[key] = value
    _memory_dirty = True


# -- the head of a report: as far as its title ------------------------------------------------

_TEXT_HEAD = (".txt", ".md", ".markdown", ".text")
_HTML_HEAD = (".html", ".htm", ".xhtml", ".shtml")
# A title sits in the first dozen blocks (facts.find_title): a text file's first lines
# up to this many bytes, an HTML page's first bytes (menus and styles come before it).
_HEAD_LINES = 80
_HEAD_BYTES = 16 * 1024
# A head's title is taken only with this many blocks after it in the head: what the cut
# changes (a table or paragraph cut short, elements the parser closed) stays at its end.
_AFTER_TITLE = 6


def read_head(path: str, read_data):
    """The start of a report as its own reader reads it, enough for its title; None when a
    report has no cheap start (a DOCX, a small file, UTF-16 text): then it is read whole.

    ``read_data(path, bytes)`` is the run's reader (:meth:`disclint.engine.Linter.read_data`).
    The start of a text file is cut after a line, an HTML page anywhere (the parser closes
    what is open); a PDF's start is its first page, read as the PDF reader reads it.
    """
    ext = os.path.splitext(path)[1].lower()
    if ext in _TEXT_HEAD or ext in _HTML_HEAD:
        limit = _HEAD_BYTES
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
        if b"\x00" in data:  # UTF-16 text has no byte lines
            return None
        if ext in _TEXT_HEAD:
            end = -1
            for _ in range(_HEAD_LINES):
                at = data.find(b"\n", end + 1, limit)
                if at < 0:
                    break
                end = at
            data = data[: end + 1]  # whole lines: a UTF-8 or GB18030 character never spans one
        elif len(data) > limit:
            data = data[:limit]
        else:
            return None  # small enough to read whole
        if not data or len(data) >= os.path.getsize(path):
            return None
        return read_data(path, data)
    if ext == ".pdf":
        return _pdf_head(path)
    return None


def _pdf_head(path: str):
    """A PDF's first page: pypdf's layout text through the text reader's blocks, as read_pdf
    reads every page (the geometry that places table cells is left out: a title is no table)."""
    import io
    import logging

    from pypdf import PdfReader

    from ..model import Document
    from ..normalize import fold_document
    from ..readers.text import blocks_from_lines

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    with open(path, "rb") as fh:
        data = fh.read()
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted or not len(reader.pages):
        return None
    text = reader.pages[0].extract_text(extraction_mode="layout") or ""
    lines = [line.rstrip() for line in text.split("\n")]
    if not any(lines):
        return None
    doc = Document(path=path, reader="pdf", blocks=blocks_from_lines(lines))
    fold_document(doc)
    return doc


def head_identity(doc) -> Identity | None:
    """What a head's title says (None when the head has no title naming an organ and a year
    in it: the whole report may still have one)."""
    if doc is None or not doc.blocks:
        return None
    title = facts.find_title(doc)
    if title is None or not any(b is title.block for b in doc.blocks[: len(doc.blocks) - _AFTER_TITLE]):
        return None
    year = facts.find_report_year(doc)
    if year is None or year.source != "title":
        return None
    organ = organ_of(title.text)
    return Identity(organ, year.year) if organ else None


class Finder:
    """Finds last year's report for the reports of a run; each file is read at most once,
    and a neighbour whose head (``read_head``: path -> Document or None) names another
    organ or year is not read whole."""

    def __init__(self, read, extensions, read_head=None):
        self._read = read  # path -> Document (the run's readers)
        self._read_head = read_head
        self._extensions = extensions
        self._known: dict[str, Identity | None] = {}
        # each folder listed once per run (a batch of 1,000 reports in one folder asked for
        # its listing 1,000 times): its report files with their absolute paths, its year siblings
        self._listed: dict[Path, list[tuple[Path, str]]] = {}
        self._siblings: dict[Path, list[Path]] = {}

    def _files(self, folder: Path) -> list[tuple[Path, str]]:
        if folder not in self._listed:
            self._listed[folder] = [(f, os.path.abspath(f)) for f in _files(folder, self._extensions)]
        return self._listed[folder]

    def _year_siblings(self, folder: Path) -> list[Path]:
        if folder not in self._siblings:
            self._siblings[folder] = _year_siblings(folder)
        return self._siblings[folder]

    @staticmethod
    def _key(a: str):
        if not _memory_loaded:
            _load_memory()
        try:
            st = os.stat(a)
            return (a, st.st_mtime_ns, st.st_size)
        except OSError:
            return None

    def of(self, path: str) -> Identity | None:
        a = os.path.abspath(path)
        if a not in self._known:
            key = self._key(a)
            if key is not None and key in _SEEN:
                self._known[a] = _SEEN[key]
                return _SEEN[key]
            try:
                self._known[a] = identity(self._read(path))
            except Exception:  # an unreadable file is no one's last year; its own check reports it
                self._known[a] = None
            _remember(_SEEN, key, self._known[a])
        return self._known[a]

    def may_be(self, path: str, organ: str, year: int) -> bool:
        """False when the file's head has a title naming another organ or year than ``organ``'s
        report for ``year``; True otherwise (then only the whole file says)."""
        a = os.path.abspath(path)
        if self._read_head is None or a in self._known:
            return True
        key = self._key(a)
        if key is None or key in _SEEN:
            return True
        if key in _HEADS:
            head = _HEADS[key]
        else:
            try:
                head = head_identity(self._read_head(path))
            except Exception:  # a head that cannot be read says nothing; the whole file is read
                head = None
            _remember(_HEADS, key, head)
        return head is None or (head.year == year and same_organ(head.organ, organ))

    def previous(self, paths: list[str], skip: set[str]) -> list[str]:
        """Report files not in ``skip`` (absolute paths) that are the same organ's report for the
        year before one of ``paths``. A report is read only when a folder it could look in holds
        a file not already in the run (``disclint check reports/`` reads nothing more)."""
        found: list[str] = []
        outside: dict[Path, list[tuple[Path, str]]] = {}  # per folder: its files not in skip
        for path in paths:
            a = os.path.abspath(path)
            folder = Path(a).parent
            near = []
            for d in (folder, *self._year_siblings(folder)):
                if d not in outside:
                    outside[d] = [(f, fa) for f, fa in self._files(d) if fa not in skip]
                near.extend(f for f, fa in outside[d] if fa != a)
            me = self.of(path) if near else None
            if me is None:
                continue
            look = {folder, *(s for s in self._year_siblings(folder) if int(_YEAR_FOLDER.match(s.name).group(1)) == me.year - 1)}  # places_to_look
            for f in near:
                if f.parent not in look or not self.may_be(str(f), me.organ, me.year - 1):
                    continue
                other = self.of(str(f))
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
