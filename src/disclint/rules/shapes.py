"""The schemas checkers read by fixed name, checked at load against their JSON Schema.

A checker reads ``table2``, ``crossyear``… by name and indexes into them; a regulator's
set that gives one the wrong type or leaves out a key would otherwise load and then
fail on every file. Each such schema's shape is a JSON Schema file in ``shapes/``
(named after the schema); a resolved rule set's schema that does not match is a load
fault at the place the schema was written, naming the path inside it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

SHAPES = Path(__file__).resolve().parent / "shapes"


@lru_cache(maxsize=None)
def _validator(name: str) -> Draft202012Validator | None:
    file = SHAPES / f"{name}.json"
    if not file.is_file():
        return None
    return Draft202012Validator(json.loads(file.read_text(encoding="utf-8")))


def shape_fault(name: str, value: Any) -> str | None:
    """Why schema ``name``'s ``value`` does not have the shape its checkers read (None: it does, or no shape is known)."""
    validator = _validator(name)
    if validator is None or value is None:
        return None
    error = best_match(validator.iter_errors(value))
    if error is None:
        return None
    where = "".join(f"[{p}]" if isinstance(p, int) else f"/{p}" for p in error.absolute_path)
    return f"schema `{name}{where}`: {error.message} (its shape: {SHAPES.name}/{name}.json)"
