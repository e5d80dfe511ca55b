"""JSON Lines: one finding per line, with exactly the keys of ``--format json``'s elements."""

from __future__ import annotations

import json as _json

from .json import element


def report(results, stream) -> None:
    for r in results:
        for d in r.diagnostics:
            stream.write(_json.dumps(element(d), ensure_ascii=False) + "\n")
