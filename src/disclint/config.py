"""Project configuration: ``.disclint.yaml`` (or disclint.toml, [tool.disclint]) here or above.

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

from . import settings
from .rules.model import Origin

FILE_NAME = ".disclint.yaml"


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
    sarif_help_uri: str | None = None  # the template of SARIF rules' helpUri (reporters/sarif.py)
    settings: "settings.FileSettings | None" = None  # the whole file, for per-file selection


def find(start: Path) -> Path | None:
    """The nearest configuration file (.disclint.yaml, disclint.toml, pyproject.toml) here or above."""
    return settings.find(start)


def load(path: Path) -> Config:
    """The run-wide settings of one configuration file (and the files it extends); see settings.py."""
    try:
        loaded = settings.load(Path(path))
    except settings.ConfigError as exc:
        raise ConfigError(exc.origin, exc.message) from None
    config = Config(path=Path(path), settings=loaded)
    for key in settings.RUN_KEYS:
        found = loaded.get(key)
        if found is not None:
            setattr(config, key.replace("-", "_"), found.value)
    return config
