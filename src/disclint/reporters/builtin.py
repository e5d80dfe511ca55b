"""Registers the built-in output formats through the reporters hook."""

from __future__ import annotations

from ..hookspecs import hookimpl
import importlib


def _lazy(module: str):
    """The module's ``report``, imported only when that format is chosen."""

    def report(*args, **kwargs):
        return importlib.import_module(f"disclint.reporters.{module}").report(*args, **kwargs)

    return report


@hookimpl
def disclint_reporters():
    return {"text": _lazy("text"), "json": _lazy("json"), "sarif": _lazy("sarif")}
