"""Registers the built-in output formats through the reporters hook."""

from __future__ import annotations

from ..hookspecs import hookimpl
import importlib


class _Lazy:
    """A format's ``report``, imported only when that format is chosen (its attributes too:
    ``streams``, ``wants_linter`` are read only for the chosen reporter)."""

    def __init__(self, module: str):
        self.module = module

    def _report(self):
        return importlib.import_module(f"disclint.reporters.{self.module}").report

    def __call__(self, *args, **kwargs):
        return self._report()(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._report(), name)


@hookimpl
def disclint_reporters():
    names = ("text", "json", "sarif", "github", "junit", "jsonl")
    return {name: _Lazy(name) for name in names} | {"html": _Lazy("review_html")}
