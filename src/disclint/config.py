"""Project configuration: ``.disclint.yaml`` in the working folder or one above it.

A repository of reports sets its defaults once instead of on every command line
(the pre-commit hook passes no options)::

    organ-kind: department      # department | government (default: inferred from the title)
    ruleset: gov-2021           # force a rule set (default: chosen by report year)
    rules: [rules/province.yaml]  # extra rule sets, relative to this file
    fail-level: warning         # error | warning | info

Command-line options win over the file. A fault in the file is reported with its
file:line:col and the run stops (exit 2), like a fault in a rule set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .bounded_read import NotRegular, TooLarge, read_text
from .rules.model import Origin

FILE_NAME = ".disclint.yaml"
MAX_BYTES = 64 * 1024  # a handful of settings
_CHOICES = {"organ-kind": ("department", "government"), "fail-level": ("error", "warning", "info")}


class ConfigError(Exception):
    def __init__(self, origin: Origin, message: str):
        self.origin, self.message = origin, message
        super().__init__(f"{origin}: {message}")


@dataclass
class Config:
    path: Path | None = None
    organ_kind: str | None = None
    ruleset: str | None = None
    rules: list[str] = field(default_factory=list)
    fail_level: str | None = None


def find(start: Path) -> Path | None:
    """The nearest .disclint.yaml in ``start`` or a folder above it."""
    for folder in [start, *start.parents]:
        candidate = folder / FILE_NAME
        if candidate.is_file():
            return candidate
    return None


def load(path: Path) -> Config:
    from ruamel.yaml.comments import CommentedMap  # only when there is a configuration file to read

    from . import safe_yaml

    file = str(path)
    try:
        data = safe_yaml.load(read_text(path, MAX_BYTES), file, "the configuration")
    except safe_yaml.YamlFault as exc:
        raise ConfigError(exc.origin, exc.message) from None
    except NotRegular as exc:
        raise ConfigError(Origin(file, 1, 1), f"cannot read configuration: not a regular file ({exc.what})") from None
    except TooLarge:
        raise ConfigError(Origin(file, 1, 1), f"cannot read configuration: larger than {MAX_BYTES // 1024} KB") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Origin(file, 1, 1), f"cannot read configuration: {exc}") from None
    config = Config(path=path)
    if data is None:
        return config
    if not isinstance(data, CommentedMap):
        raise ConfigError(Origin(file, 1, 1), "the configuration must be a mapping of settings")
    for key, value in data.items():
        line, col = data.lc.value(key)
        where = Origin(file, line + 1, col + 1)
        if key in _CHOICES:
            if value not in _CHOICES[key]:
                raise ConfigError(where, f"`{key}` must be one of {', '.join(_CHOICES[key])}, not {value!r}")
            setattr(config, key.replace("-", "_"), str(value))
        elif key == "ruleset":
            if not isinstance(value, str):
                raise ConfigError(where, "`ruleset` must be a rule-set name or path")
            config.ruleset = str(value) if not value.endswith((".yaml", ".yml")) else str(path.parent / value)
        elif key == "rules":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise ConfigError(where, "`rules` must be a path or a list of paths")
            config.rules = [str(path.parent / i) for i in items]
        else:
            key_line, key_col = data.lc.key(key)
            raise ConfigError(Origin(file, key_line + 1, key_col + 1), f"unknown setting `{key}` (known: fail-level, organ-kind, rules, ruleset)")
    return config
