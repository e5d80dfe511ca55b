"""After checking, in one place: selection, severities, inline suppressions, waivers, baseline.

Checkers report everything they find; what a project has chosen not to see is decided
here, per file, from that file's own configuration (found next to it) and the command
line. Order: the selection drops and re-grades findings, then inline suppressions, then
waivers, then the baseline hide what is accepted. A suppression that hides nothing
(X901), an expired waiver (X902), a baseline entry that no longer occurs (X903) and a
marker or waiver naming a code no rule has (X904) are findings of their own
(rules/suppressions.yaml).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import baseline as baseline_mod
from . import settings, suppressions, waivers
from .engine import MAX_BYTES, FileResult, _diagnostic
from .model import Span
from .rules.model import SEVERITY_RANK
from .selection import Layer, Selection

_HTML = (".html", ".htm", ".xhtml", ".shtml")
_TEXT = (".txt", ".text", ".md", ".markdown")


@dataclass
class CommandLine:
    """The selection the command line gave: its layer comes last, so it wins."""

    layer: Layer | None = None
    severity: list[tuple[str, str, str]] = field(default_factory=list)


# The built-in readers whose source_text is the file decoded as below, by file ending.
_READERS = {**{ext: ("html",) for ext in _HTML}, **{ext: ("text", "markdown") for ext in _TEXT}}


def source_lines(path: str, decoded: tuple[str, str] | None = None) -> list[str] | None:
    """The decoded source of a text or HTML report, as the readers decode it (None for DOCX/PDF).

    ``decoded``: (reader, text) the reader already decoded (Linter.decoded_source); used
    when that reader is the built-in one for the file's ending, else the file is read."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in _HTML + _TEXT:
        return None
    if decoded is not None and decoded[0] in _READERS[ext]:
        from .readers.bounds import source_prefix

        return source_prefix(decoded[1].lstrip("\ufeff"))
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > MAX_BYTES:
            return None
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES)
    except OSError:
        return None
    if ext in _HTML:
        from .readers.html import _decode

        text = _decode(data)[0]
    else:
        from .readers.decode import decode

        text = decode(data).text
    if text is None:
        return None
    from .readers.bounds import source_prefix

    return source_prefix(text.lstrip("\ufeff"))


class Policy:
    def __init__(self, linter, today: date | None = None, command_line: CommandLine | None = None,
                 config_file: settings.FileSettings | None = None, baseline: baseline_mod.Baseline | None = None,
                 record_baseline: bool = False):
        self.linter = linter
        self.today = today or date.today()
        self.cli = command_line or CommandLine()
        self.forced = config_file  # --config: one file for every report
        self.extra_per_file: list = []  # --per-file-ignores
        self.baseline = baseline
        self.recorded: list[tuple[str, object, str | None]] | None = [] if record_baseline else None
        self._settings: dict[Path, settings.FileSettings | None] = {}
        self._waivers: dict[Path, list[waivers.Waiver]] = {}
        self._waivers_seen: dict[int, tuple[waivers.Waiver, Path]] = {}
        self._sources: dict[str, list[str] | None] = {}
        self._checked: set[str] = set()
        rs = linter.rulesets.get("suppressions")
        self._rules = (rs, rs.rules) if rs is not None else (None, {})
        self._known = known_codes(linter)
        self._collected_codes = {
            r.id for s in linter.rulesets.values() for r in s.rules.values() if linter.kinds.get(r.check) and linter.kinds[r.check].collect
        }

    # -- what applies to one file -----------------------------------------------------

    def file_settings(self, path: str) -> settings.FileSettings | None:
        if self.forced is not None:
            return self.forced
        folder = Path(os.path.abspath(path)).parent
        if folder not in self._settings:
            found = settings.find(folder)
            self._settings[folder] = settings.load(found) if found else None
        return self._settings[folder]

    def selection(self, path: str) -> Selection:
        fs = self.file_settings(path)
        sel = fs.selection() if fs is not None else Selection()
        if self.cli.layer is not None:
            sel.layers.append(self.cli.layer)
        sel.severity.extend(self.cli.severity)
        sel.per_file_ignores.extend(self.extra_per_file)
        return sel

    def waivers_for(self, path: str) -> tuple[list[waivers.Waiver], Path | None]:
        found = waivers.find(Path(path))
        if found is None:
            return [], None
        if found not in self._waivers:
            self._waivers[found] = waivers.load(found)
        return [w for w in self._waivers[found] if w.applies_to_file(path)], found

    def _source(self, path: str) -> list[str] | None:
        if path not in self._sources:
            self._sources[path] = source_lines(path, self.linter.decoded_source(path))
        return self._sources[path]

    # -- applying -------------------------------------------------------------------------

    def apply(self, result: FileResult) -> FileResult:
        path = result.path
        self._checked.add(path)
        sel = self.selection(path)
        lines = self._source(path)
        plain = os.path.splitext(path)[1].lower() in suppressions.PLAIN_SUFFIXES
        marks = suppressions.parse("\n".join(lines), plain) if lines else suppressions.Suppressions()
        own_waivers, waiver_file = self.waivers_for(path)
        for w in own_waivers:
            self._waivers_seen[id(w)] = (w, waiver_file)
        kept = []
        accepted = []  # (finding, SARIF suppression kind, justification): shown as suppressed in SARIF
        for d in sel.apply(path, result.diagnostics):
            line = lines[d.line - 1] if lines and 0 < d.line <= len(lines) and not d.logical else None
            if marks.inside_marker(d):
                continue
            marker = marks.suppressing(d)
            if marker is not None:
                accepted.append((d, "inSource", f"disclint-{marker.kind} {','.join(marker.codes) or 'ALL'} ({path}:{marker.line}:{marker.column})"))
                continue
            waiver = next((w for w in own_waivers if w.waives(d, line) and not w.expired(self.today)), None)
            if waiver is not None:
                accepted.append((d, "external", f"{waiver.reason} ({waiver.origin})"))
                continue
            if self.recorded is not None:
                self.recorded.append((path, d, line))
            if self.baseline is not None and self.baseline.take(path, d, line):
                continue
            kept.append(d)
        if not getattr(result, "cross", False):
            for m in marks.markers:  # a code no rule has: X904, and not X901 for it
                unknown = self._unknown(m.codes)
                if unknown:
                    what = f"抑制标记「disclint-{m.kind} {','.join(m.codes)}」"
                    kept.extend(self._made(path, "X904", Span.at(m.line, m.column), {"what": what, "codes": "、".join(unknown)}, sel))
            for m in marks.unused():
                if self._judged(m, sel, path):
                    kept.extend(self._made(path, "X901", Span.at(m.line, m.column), {"kind": m.kind, "codes": ",".join(m.codes) or "ALL"}, sel))
        kept.sort(key=lambda d: (d.line, d.column, d.code, d.message))
        result.diagnostics = kept
        result.accepted = accepted
        return result

    def _judged(self, marker, sel: Selection, path: str) -> bool:
        """An unused marker is reported unless its codes are not checked in this run (deselected,
        or cross-report codes whose findings are known only at the end)."""
        if not marker.codes:
            return True
        unknown = self._unknown(marker.codes)
        live = [c for c in marker.codes if c not in unknown and sel.keeps(path, c) and not any(k.startswith(c) for k in self._collected_codes)]
        return bool(live)

    def _unknown(self, codes: list[str]) -> list[str]:
        """The codes that no rule's code starts with (X904)."""
        from .selection import check_selectors

        return check_selectors(codes, self._known)

    def _made(self, path: str, code: str, span: Span, values: dict, sel: Selection | None = None) -> list:
        rs, rules = self._rules
        rule = rules.get(code)
        if rule is None:
            return []
        sel = sel or self.selection(path)
        if not sel.keeps(path, code):
            return []
        d = _diagnostic(path, rule, rs, span, values)
        return sel.apply(path, [d])

    def finish(self) -> list[FileResult]:
        """What is known only at the end of a run: expired waivers, baseline entries that are gone."""
        out: dict[str, FileResult] = {}
        for file, listed in self._waivers.items():  # every waiver file read, whichever reports its waivers apply to
            for w in listed:
                if self._unknown([w.code]):
                    values = {"what": f"豁免（{w.code}，{w.path}）", "codes": w.code}
                    for d in self._made(str(file), "X904", Span.at(w.origin.line, w.origin.column), values):
                        out.setdefault(str(file), FileResult(str(file), "suppressions")).diagnostics.append(d)
        for w, file in self._waivers_seen.values():
            if w.expired(self.today):
                values = {"code": w.code, "path": w.path, "expires": w.expires.isoformat(), "reason": w.reason}
                for d in self._made(str(file), "X902", Span.at(w.origin.line, w.origin.column), values):
                    out.setdefault(str(file), FileResult(str(file), "suppressions")).diagnostics.append(d)
        if self.baseline is not None:
            by_rel = {baseline_mod.relative(p, self.baseline.base): p for p in self._checked}
            for rel, code, message in self.baseline.gone(set(by_rel)):
                path = by_rel[rel]
                for d in self._made(path, "X903", Span.at(1, 1), {"code": code, "text": message}):
                    out.setdefault(path, FileResult(path, "suppressions")).diagnostics.append(d)
        for r in out.values():
            r.diagnostics.sort(key=lambda d: (d.line, d.column, d.code))
        return [out[k] for k in sorted(out)]

    fail_level: str | None = None  # --fail-level: for every file
    default_fail_level: str = "error"

    def fails(self, results) -> bool:
        """Some file has a finding at or above its fail level (the command line's, else its own configuration's)."""
        for r in results:
            fs = self.file_settings(r.path) if self.fail_level is None else None
            own = fs.get("fail-level") if fs is not None else None
            level = self.fail_level or (own.value if own else self.default_fail_level)
            if any(SEVERITY_RANK[d.severity] >= SEVERITY_RANK[level] for d in r.diagnostics):
                return True
        return False

    def write_baseline(self, file: Path) -> int:
        entries = self.recorded or []
        baseline_mod.write(file, entries)
        return len(entries)


def known_codes(linter) -> set[str]:
    return {code for rs in linter.rulesets.values() for code in rs.rules}


def check_settings(fs: settings.FileSettings, known: set[str]) -> None:
    """Selectors in a configuration that match no rule are faults at their place (a typo selects nothing)."""
    from .selection import check_selectors

    for f in fs.chain():
        for key in (*settings.SELECT_KEYS, "per-file-ignores", "severity"):
            s = f.values.get(key)
            if s is None:
                continue
            if key == "per-file-ignores":  # each glob's codes, at the glob's place
                groups = [(s.at(glob), codes) for glob, codes in s.value.items()]
            elif key == "severity":  # each code at its own place
                groups = [(s.at(code), [code]) for code in s.value]
            else:
                groups = [(s.at(bad[0]), bad) for bad in [check_selectors(s.value, known)] if bad]
            for where, values in groups:
                bad = check_selectors(values, known)
                if bad:
                    raise settings.ConfigError(where, "`{key}`: no rule code starts with {codes}", key=key, codes=", ".join(bad))


def prepare(policy: Policy, files: list[str]) -> None:
    """Load and check every configuration and waiver file the run will use, before checking."""
    known = known_codes(policy.linter)
    for path in files:
        fs = policy.file_settings(path)
        if fs is not None:
            check_settings(fs, known)
        policy.waivers_for(path)


def history_files(policy: Policy, files: list[str], given: tuple[str, ...]) -> list[str]:
    """Reports read only as last year's material for the cross-year rules (B6xx): ``--history``
    paths, and the ``history:`` globs of each file's configuration (relative to that file).
    Files also given to check are not history."""
    import glob

    found: list[str] = list(policy.linter.collect(given)) if given else []
    for path in files:
        fs = policy.file_settings(path)
        setting = fs.get("history") if fs is not None else None
        if setting is None:
            continue
        base = Path(setting.origin.file).parent
        for pattern in setting.value:
            for hit in sorted(glob.glob(str(base / pattern), recursive=True)):
                if os.path.isfile(hit) and os.path.splitext(hit)[1].lower() in policy.linter.extensions:
                    found.append(hit)
    checked = {os.path.abspath(p) for p in files}
    out, seen = [], set()
    for p in found:
        a = os.path.abspath(p)
        if a not in checked and a not in seen:
            seen.add(a)
            out.append(p)
    return out
