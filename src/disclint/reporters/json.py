"""A JSON array of findings; the keys of each element are a public contract (README,
docs/findings.schema.json). Keys are only ever added, never renamed or dropped."""

from __future__ import annotations

import json as _json

from .. import __version__


def place(r) -> dict:
    """A related place (checking.Related) with the finding's own place keys and its message."""
    s = r.span
    end_column = s.end.column if s.end.line > s.start.line else max(s.end.column, s.start.column)
    return {"path": r.path, "line": s.start.line, "column": s.start.column, "end_line": max(s.end.line, s.start.line),
            "end_column": end_column, "logical": s.logical, "message": r.message}


def element(d) -> dict:
    """One finding as the contract gives it: the plain keys, then ``logical`` (the DOCX/PDF
    place such as ``page[4]/line[12]``, or null), ``related`` (the other places it compares
    with, such as last year's cell for a B6xx finding; [] for most) and ``version`` (the
    disclint that found it: the top level is an array, which cannot gain a key without
    breaking its readers, and a jsonl line has no top level but itself)."""
    return {**d.as_json(), "logical": d.logical, "related": [place(r) for r in d.related], "version": __version__}


def report(results, stream) -> None:
    items = [element(d) for r in results for d in r.diagnostics]
    _json.dump(items, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
