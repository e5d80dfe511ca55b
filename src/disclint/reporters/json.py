"""A JSON array of findings; the keys of each element are a public contract (see README)."""

from __future__ import annotations

import json as _json


def report(results, stream) -> None:
    items = [d.as_json() for r in results for d in r.diagnostics]
    _json.dump(items, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
