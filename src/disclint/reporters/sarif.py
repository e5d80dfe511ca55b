"""SARIF 2.1.0, for code-scanning dashboards and CI annotations."""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def build(results) -> dict:
    rules: dict[str, dict] = {}
    out = []
    for result in results:
        for d in result.diagnostics:
            rules.setdefault(d.code, {"id": d.code, "name": d.name, "properties": {"ruleset": d.ruleset}})
            location: dict = {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path)},
                    "region": {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column + 1},
                }
            }
            if d.logical:
                # DOCX and PDF places (table[2]/row[5]/cell[3], page[4]/line[12]).
                location["logicalLocations"] = [{"fullyQualifiedName": d.logical}]
            out.append(
                {
                    "ruleId": d.code,
                    "ruleIndex": list(rules).index(d.code),
                    "level": _LEVEL[d.severity],
                    "message": {"text": d.message},
                    "locations": [location],
                }
            )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "disclint", "version": __version__, "informationUri": "https://pypi.org/project/disclint/", "rules": list(rules.values())}},
                "results": out,
            }
        ],
    }


def report(results, stream) -> None:
    json.dump(build(results), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
