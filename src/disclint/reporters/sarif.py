"""SARIF 2.1.0 for GitHub code scanning and other dashboards.

Rules carry their documentation (what/why/fail/pass) as descriptions and help; results
carry a partial fingerprint (the baseline's, which survives line moves) and URIs relative
to a source root (``%SRCROOT%``: ``--sarif-root``, else the git top level, else the working
folder), percent-encoded so Chinese names with spaces stay valid. DOCX/PDF places are a
physical location (the file) plus a logical one (page[4]/line[12], table[2]/row[5]/cell[3]).
"""

from __future__ import annotations

import json
import re
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from .json import place

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "%SRCROOT%"


def default_root() -> Path:
    """The git top level of the working folder, else the working folder."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=10)
        if top.returncode == 0 and top.stdout.strip():
            return Path(top.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return Path.cwd()


def artifact(path: str, root: Path) -> dict:
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(Path(os.path.abspath(root)))
    except ValueError:
        return {"uri": absolute.as_uri()}  # outside the root: an absolute file URI (already encoded)
    return {"uri": quote(rel.as_posix()), "uriBaseId": ROOT_ID}


def _location(at: dict, root: Path) -> dict:
    """A SARIF location from a place's contract keys (reporters/json.py): a region in the
    file, or for DOCX/PDF the file plus the logical place."""
    physical: dict = {"artifactLocation": artifact(at["path"], root)}
    if not at["logical"]:
        physical["region"] = {"startLine": at["line"], "startColumn": at["column"], "endLine": at["end_line"], "endColumn": at["end_column"] + 1}
    location: dict = {"physicalLocation": physical}
    if at["logical"]:
        location["logicalLocations"] = [{"fullyQualifiedName": at["logical"], "kind": "element"}]
    return location


def _rule(d, rule) -> dict:
    out: dict = {"id": d.code, "name": d.name, "defaultConfiguration": {"level": _LEVEL[rule.severity if rule else d.severity]},
                 "properties": {"ruleset": d.ruleset, "tags": ["disclint", d.ruleset, d.code[:1]]}}
    if rule is None:
        return out
    what = (rule.description or "").strip()
    first = re.split(r"(?<=[。；])", what, maxsplit=1)[0].strip() if what else ""
    out["shortDescription"] = {"text": first or d.name}
    out["fullDescription"] = {"text": what or d.name}
    parts = [("What it checks", rule.description), ("Why", rule.why), ("Fails", rule.example_fail), ("Passes", rule.example_pass)]
    text = "\n\n".join(f"{title}:\n{body.strip()}" for title, body in parts if body)
    markdown = "\n\n".join(
        f"**{title}**\n\n```\n{body.strip()}\n```" if title in ("Fails", "Passes") else f"**{title}**\n\n{body.strip()}"
        for title, body in parts if body
    )
    if rule.basis:
        text += f"\n\nBasis: {rule.basis}"
        markdown += f"\n\n**Basis**: {rule.basis}"
    if text:
        out["help"] = {"text": text, "markdown": markdown}
    return out


def build(results, rules_of=None, root: Path | None = None, source=None, notifications=()) -> dict:
    """``rules_of(d)`` gives a finding's Rule (for its docs), ``source(path)`` the file's lines
    (for fingerprints), ``notifications`` the run's internal errors."""
    from ..baseline import fingerprint

    root = root or default_root()
    rules: dict[str, dict] = {}
    out = []
    cache: dict = {}
    for result in results:
        accepted = {id(d): (kind, why) for d, kind, why in getattr(result, "accepted", ())}
        for d in [*result.diagnostics, *(d for d, _k, _w in getattr(result, "accepted", ()))]:
            if d.code not in rules:
                rules[d.code] = _rule(d, rules_of(d) if rules_of else None)
            location = _location(d.as_json() | {"logical": d.logical}, root)
            if source is not None and d.path not in cache:
                cache[d.path] = source(d.path)
            lines = cache.get(d.path)
            line = lines[d.line - 1] if lines and not d.logical and 0 < d.line <= len(lines) else None
            entry = {
                    "ruleId": d.code,
                    "ruleIndex": list(rules).index(d.code),
                    "level": _LEVEL[d.severity],
                    "message": {"text": d.message},
                    "locations": [location],
                    "partialFingerprints": {"disclintFingerprint/v1": fingerprint(d, line)},
            }
            if d.related:  # a cross-year finding: last year's cell, in last year's report
                entry["relatedLocations"] = [
                    {"id": i, **_location(place(r), root), "message": {"text": r.message}} for i, r in enumerate(d.related, 1)
                ]
            if id(d) in accepted:  # suppressed inline or waived: listed, marked as such
                kind, why = accepted[id(d)]
                entry["suppressions"] = [{"kind": kind, "status": "accepted", "justification": why}]
            out.append(entry)
    invocation = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = [{"level": "error", "message": {"text": n}} for n in notifications]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "disclint", "version": __version__, "rules": list(rules.values())}},
                "originalUriBaseIds": {ROOT_ID: {"uri": Path(os.path.abspath(root)).as_uri() + "/"}},
                "invocations": [invocation],
                "results": out,
            }
        ],
    }


def report(results, stream, rules_of=None, root: Path | None = None, source=None) -> None:
    notes = [m for r in results for m in r.internal_errors]
    json.dump(build(results, rules_of, root, source, notes), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
