"""JSON Lines: one finding per line, the JSON contract's keys plus ``logical`` (the DOCX/PDF
place, or null). A new format, so ``--format json`` keeps exactly its documented keys."""

from __future__ import annotations

import json as _json


def report(results, stream) -> None:
    for r in results:
        for d in r.diagnostics:
            stream.write(_json.dumps({**d.as_json(), "logical": d.logical}, ensure_ascii=False) + "\n")
