"""Registers the built-in output formats through the reporters hook."""

from __future__ import annotations

from ..hookspecs import hookimpl
from . import json, review_html, sarif, text


@hookimpl
def disclint_reporters():
    return {"text": text.report, "json": json.report, "sarif": sarif.report, "html": review_html.report}
