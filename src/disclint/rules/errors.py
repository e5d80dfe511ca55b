"""The error rule-set loading raises, importable without the YAML parser."""

from __future__ import annotations

from .model import Origin

__all__ = ["Origin", "RuleSetError"]


class RuleSetError(Exception):
    """One or more faults in rule-set files; each names its file, line and column."""

    def __init__(self, faults: list[tuple[Origin, str]]):
        self.faults = faults
        super().__init__("\n".join(f"{o}: {m}" for o, m in faults))
