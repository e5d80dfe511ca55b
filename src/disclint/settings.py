"""Configuration files: found next to each report, in three formats, with ``extend``.

In each folder from a report's own up to the root, the first of ``.disclint.yaml``,
``disclint.toml`` and ``pyproject.toml`` (only if it has ``[tool.disclint]``) is that
report's configuration; the closest folder wins. ``extend: PATH`` inherits another file:
its values apply unless this file sets them (selection keys stack as layers, see
selection.py). Every value remembers where it was written (file:line:col), so
``disclint config`` can say where each came from and a fault is reported at its place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .bounded_read import NotRegular, TooLarge, present, read_text
from .rules.model import Origin
from .selection import SEVERITIES, Layer, PerFileIgnore, Selection

NAMES = (".disclint.yaml", "disclint.toml", "pyproject.toml")
MAX_BYTES = 64 * 1024  # a handful of settings
MAX_PYPROJECT = 1024 * 1024  # a pyproject.toml holds a project's other tools too; only probed for [tool.disclint]
MAX_EXTEND = 10  # a chain of `extend` longer than this is a loop or a mistake

CHOICES = {"organ-kind": ("department", "government"), "fail-level": SEVERITIES}
RUN_KEYS = ("organ-kind", "fail-level", "ruleset", "rules", "sarif-help-uri")
SELECT_KEYS = ("select", "extend-select", "ignore", "extend-ignore")
KNOWN = (*RUN_KEYS, *SELECT_KEYS, "per-file-ignores", "severity", "extend", "history", "find-history")


class ConfigError(Exception):
    """A fault in a configuration or waiver file at its place. ``template`` is an English message
    with ``{named}`` values; ``message`` gives it in the run's language (clilang.py), so
    ``--lang en`` and the Chinese default both say what is wrong and where."""

    def __init__(self, origin: Origin, template: str, **values):
        self.origin, self.template, self.values = origin, template, values
        super().__init__(origin, template)

    @property
    def message(self) -> str:
        from . import clilang

        return clilang.t(self.template, **self.values)

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


_UNKNOWN = "unknown setting `{key}` (known: {known})"


@dataclass
class Setting:
    value: Any
    origin: Origin
    entries: dict[str, Origin] = field(default_factory=dict)  # where each item or sub-key is written

    def at(self, entry: str) -> Origin:
        """Where one item of a list (a code) or one key of a mapping (a glob, a code) is written."""
        return self.entries.get(entry, self.origin)


@dataclass
class FileSettings:
    """One configuration file's own values, and the file it extends."""

    path: Path
    values: dict[str, Setting] = field(default_factory=dict)
    base: "FileSettings | None" = None

    def chain(self) -> list["FileSettings"]:
        """The extended files first, this file last."""
        out, f = [], self
        while f is not None:
            out.append(f)
            f = f.base
        return out[::-1]

    def get(self, key: str) -> Setting | None:
        """The closest value of a plain key (this file, else what it extends)."""
        for f in reversed(self.chain()):
            if key in f.values:
                return f.values[key]
        return None

    def selection(self) -> Selection:
        sel = Selection()
        for f in self.chain():
            v = f.values
            if any(k in v for k in SELECT_KEYS):
                sel.layers.append(
                    Layer(
                        str(f.path),
                        select=v["select"].value if "select" in v else None,
                        extend_select=v["extend-select"].value if "extend-select" in v else [],
                        ignore=v["ignore"].value if "ignore" in v else [],
                        extend_ignore=v["extend-ignore"].value if "extend-ignore" in v else [],
                    )
                )
            if "per-file-ignores" in v:
                for pattern, codes in v["per-file-ignores"].value.items():
                    sel.per_file_ignores.append(PerFileIgnore(pattern, f.path.parent, codes, str(v["per-file-ignores"].origin)))
            if "severity" in v:
                for code, level in v["severity"].value.items():
                    sel.severity.append((code, level, str(v["severity"].origin)))
        return sel


def find_file(folder: Path) -> Path | None:
    """The configuration file of this folder itself (not its parents), if any."""
    for name in NAMES:
        candidate = folder / name
        # present(), not is_file(): a FIFO or device by that name is refused at load, not skipped
        if present(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
            return candidate
    return None


def find(start: Path) -> Path | None:
    """The closest configuration file in ``start`` (a folder or a file's folder) or above."""
    start = Path(start).absolute()
    if start.is_file() or not start.exists():
        start = start.parent
    for folder in [start, *start.parents]:
        found = find_file(folder)
        if found is not None:
            return found
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "disclint" in tomllib.loads(read_text(path, MAX_PYPROJECT)).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return True  # let load() report the fault at its place


def load(path: Path, _depth: int = 0) -> FileSettings:
    """One configuration file, checked, with the chain of files it extends."""
    path = Path(path)
    raw = _read(path)
    out = FileSettings(path)
    for key, (value, where, entries) in raw.items():
        setting = Setting(value, where, entries)
        setting.value = _check(key, value, setting, path)
        out.values[key] = setting
    ext = out.values.get("extend")
    if ext is not None:
        if _depth >= MAX_EXTEND:
            raise ConfigError(ext.origin, "`extend` chain longer than {most} files (a loop?)", most=MAX_EXTEND)
        target = (path.parent / ext.value).resolve()
        if not target.is_file():
            raise ConfigError(ext.origin, "`extend` names {value!r}, which is not a file", value=ext.value)
        out.base = load(target, _depth + 1)
    return out


# -- reading the three formats, each value with its place -------------------------------


def _read(path: Path) -> dict[str, tuple[Any, Origin, dict[str, Origin]]]:
    # Bounded and regular files only: a FIFO or /dev/zero named as a configuration must not hang the run.
    file = str(path)
    limit = MAX_PYPROJECT if path.name == "pyproject.toml" else MAX_BYTES
    try:
        text = read_text(path, limit)
    except NotRegular as exc:
        raise ConfigError(Origin(file, 1, 1), "cannot read configuration: not a regular file ({what})", what=exc.what) from None
    except TooLarge:
        raise ConfigError(Origin(file, 1, 1), "cannot read configuration: larger than {kb} KB", kb=limit // 1024) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Origin(file, 1, 1), "cannot read configuration: {problem}", problem=str(exc)) from None
    if path.suffix in (".yaml", ".yml"):
        return _read_yaml(text, file)
    return _read_toml(text, file, table=("tool", "disclint") if path.name == "pyproject.toml" else ())


def _read_yaml(text: str, file: str) -> dict[str, tuple[Any, Origin, dict[str, Origin]]]:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # ruamel only when there is a YAML configuration

    from . import safe_yaml

    try:
        data = safe_yaml.load(text, file, "the configuration")  # tags refused, depth and aliases capped
    except safe_yaml.YamlFault as exc:
        raise ConfigError(exc.origin, "{problem}", problem=exc.message) from None
    if data is None:
        return {}
    if not isinstance(data, CommentedMap):
        raise ConfigError(Origin(file, 1, 1), "the configuration must be a mapping of settings")
    out = {}
    for key in data:
        k_line, k_col = data.lc.key(key)
        if key not in KNOWN:
            raise ConfigError(Origin(file, k_line + 1, k_col + 1), _UNKNOWN, key=key, known=", ".join(sorted(KNOWN)))
        v_line, v_col = data.lc.value(key)
        value, entries = data[key], {}
        if isinstance(value, CommentedMap):  # each key of a mapping (a glob, a code) at its place
            entries = {str(k): Origin(file, value.lc.key(k)[0] + 1, value.lc.key(k)[1] + 1) for k in value}
        elif isinstance(value, CommentedSeq):  # each item of a list (a code) at its place
            entries = {str(v).strip().upper(): Origin(file, value.lc.item(i)[0] + 1, value.lc.item(i)[1] + 1) for i, v in reversed(list(enumerate(value)))}
        out[str(key)] = (_plain(value), Origin(file, v_line + 1, v_col + 1), entries)
    return out


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _too_deep(text: str, file: str, most: int) -> Origin:
    """Where brackets first nest deeper than ``most`` (quoted text and comments skipped)."""
    depth, quote = 0, ""
    for number, line in enumerate(text.splitlines(), start=1):
        for col, ch in enumerate(line, start=1):
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'":
                quote = ch
            elif ch == "#":
                break
            elif ch in "[{":
                depth += 1
                if depth > most:
                    return Origin(file, number, col)
            elif ch in "]}":
                depth -= 1
    return Origin(file, 1, 1)


def _read_toml(text: str, file: str, table: tuple[str, ...]) -> dict[str, tuple[Any, Origin, dict[str, Origin]]]:
    try:
        data = tomllib.loads(text)
    except RecursionError:  # tomllib recurses once per nesting level
        from .safe_yaml import MAX_DEPTH  # the YAML configuration's cap (imported only here: it loads ruamel)

        raise ConfigError(_too_deep(text, file, MAX_DEPTH), "nested more than {depth} levels deep", depth=MAX_DEPTH) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+), column (\d+)", str(exc))
        where = Origin(file, int(m.group(1)), int(m.group(2))) if m else Origin(file, 1, 1)
        raise ConfigError(where, "TOML syntax error: {problem}", problem=str(exc).split(" (at ")[0]) from None
    for part in table:
        data = data.get(part, {})
    if not isinstance(data, dict):
        raise ConfigError(Origin(file, 1, 1), "[{table}] must be a table", table=".".join(table))
    places = _toml_places(text.splitlines(), file, table)
    out = {}
    for key, value in data.items():
        where = places.get((key,), Origin(file, 1, 1))
        if key not in KNOWN:
            raise ConfigError(where, _UNKNOWN, key=key, known=", ".join(sorted(KNOWN)))
        entries = {}
        if isinstance(value, dict):
            entries = {str(k): places.get((key, k)) or _token_place(text.splitlines(), where, k) for k in value}
        elif isinstance(value, list):
            entries = {str(v).strip().upper(): _token_place(text.splitlines(), where, v) for v in reversed(value) if isinstance(v, str)}
        out[key] = (value, where, entries)
    return out


_TOML_HEADER = re.compile(r"^\s*\[\[?([^\]]+)\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")
_TOML_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.|$)""")


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _TOML_PART.findall(text))


def _toml_places(lines: list[str], file: str, table: tuple[str, ...]) -> dict[tuple[str, ...], Origin]:
    """Where each key under ``table`` is first written, by its path below the table (``("severity",
    "T206")``): tomllib keeps no positions, so the table headers and ``key =`` lines are followed
    (a ``select`` of ``[tool.ruff]`` in the same pyproject.toml is not disclint's)."""
    places: dict[tuple[str, ...], Origin] = {}
    current: tuple[str, ...] = ()
    n = len(table)
    for i, line in enumerate(lines):
        header = _TOML_HEADER.match(line)
        indent = len(line) - len(line.lstrip()) + 1
        if header:
            current = _dotted(header.group(1))
            if current[:n] == table and len(current) > n:
                places.setdefault(current[n:], Origin(file, i + 1, indent))
            continue
        key = _TOML_KEY.match(line)
        if key:
            path = current + _dotted(key.group(1))
            if path[:n] == table and len(path) > n:
                for depth in range(n + 1, len(path) + 1):
                    places.setdefault(path[n:depth], Origin(file, i + 1, indent))
    return places


def _token_place(lines: list[str], start: Origin, token) -> Origin:
    """Where ``token`` (a list item, an inline table's key) is written from ``start`` on, up to
    the next table header: its line and column, else ``start``."""
    pattern = re.compile(rf"""(?<![\w-])["']?{re.escape(str(token))}["']?(?![\w-])""")
    for i in range(start.line - 1, len(lines)):
        line = lines[i]
        if i >= start.line and _TOML_HEADER.match(line):
            break
        m = pattern.search(line, start.column - 1 if i == start.line - 1 else 0)
        if m:
            return Origin(start.file, i + 1, m.start() + 1)
    return start


# -- checking each value ------------------------------------------------------------------


def _check(key: str, value, setting: Setting, path: Path):
    where = setting.origin
    if key in CHOICES:
        if value not in CHOICES[key]:
            raise ConfigError(where, "`{key}` must be one of {choices}, not {value!r}", key=key, choices=", ".join(CHOICES[key]), value=value)
        return str(value)
    if key == "ruleset":
        if not isinstance(value, str):
            raise ConfigError(where, "`ruleset` must be a rule-set name or path")
        return value if not value.endswith((".yaml", ".yml")) else str(path.parent / value)
    if key in ("rules", "history"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ConfigError(where, "`{key}` must be a path or a list of paths", key=key)
        return [str(path.parent / i) for i in items] if key == "rules" else list(items)
    if key == "sarif-help-uri":
        from .reporters.sarif import HELP_URI_FAULT, help_uri_ok

        if not isinstance(value, str) or not help_uri_ok(value):
            raise ConfigError(where, HELP_URI_FAULT, key=key, value=value)
        return value
    if key == "find-history":
        if not isinstance(value, bool):
            raise ConfigError(where, "`find-history` must be true or false")
        return value
    if key == "extend":
        if not isinstance(value, str):
            raise ConfigError(where, "`extend` must be the path of another configuration file")
        return value
    if key in SELECT_KEYS:
        return _codes(key, value, setting)
    if key == "per-file-ignores":
        if not isinstance(value, dict):
            raise ConfigError(where, "`per-file-ignores` must map a file glob to codes or prefixes")
        return {str(glob): _codes(f"per-file-ignores[{glob}]", codes, setting.at(str(glob))) for glob, codes in value.items()}
    if key == "severity":
        if not isinstance(value, dict):
            raise ConfigError(where, "`severity` must map a code or prefix to error, warning or info")
        out = {}
        for code, level in value.items():
            if level not in SEVERITIES:
                raise ConfigError(setting.at(str(code)), "`severity` of {code}: must be one of {choices}, not {value!r}", code=code, choices=", ".join(SEVERITIES), value=level)
            out[str(code).upper()] = level
        return out
    raise ConfigError(where, _UNKNOWN, key=key, known=", ".join(sorted(KNOWN)))  # pragma: no cover - KNOWN is checked first


def _codes(key: str, value, at) -> list[str]:
    """Codes or prefixes; ``at`` is the Setting (each item at its own place) or one Origin."""
    items = value.replace(",", " ").split() if isinstance(value, str) else value
    where = at.origin if isinstance(at, Setting) else at
    if isinstance(items, list):
        for i in items:
            if not (isinstance(i, str) and re.fullmatch(r"[A-Za-z]+[0-9]*", i.strip())):
                where = at.at(str(i).strip().upper()) if isinstance(at, Setting) else at
                break
        else:
            return [i.strip().upper() for i in items]
    raise ConfigError(where, "`{key}` must list rule codes or prefixes such as S1, T206 or ALL", key=key)


def describe(fs: FileSettings | None) -> list[str]:
    """The effective settings, one ``key: value  (file:line:col)`` line each. Plain keys show the
    value that applies; selection keys show every layer in order (the last one that decides wins)."""
    import json

    from . import clilang

    if fs is None:
        return [clilang.t("(no configuration file: defaults)")]
    chain = fs.chain()
    lines = [clilang.t("configuration: {files}", files=" <- ".join(str(f.path) for f in reversed(chain)))]
    stacked = (*SELECT_KEYS, "per-file-ignores", "severity")
    for key in KNOWN:
        if key == "extend":
            continue
        if key in stacked:
            found = [f.values[key] for f in chain if key in f.values]
        else:
            one = fs.get(key)
            found = [one] if one is not None else []
        for s in found:
            lines.append(f"{key}: {json.dumps(s.value, ensure_ascii=False)}  ({s.origin})")
    return lines
