"""SARIF 2.1.0 for GitHub code scanning and other dashboards.

Rules carry their documentation (what/why/fail/pass) as descriptions and help; results
carry a partial fingerprint (the baseline's, which survives line moves) and URIs relative
to a source root (``%SRCROOT%``: ``--sarif-root``, else the git top level, else the working
folder), percent-encoded so Chinese names with spaces stay valid. DOCX/PDF places are a
physical location (the file) plus a logical one (page[4]/line[12], table[2]/row[5]/cell[3]).
The project publishes no rule pages, so a rule has a ``helpUri`` only when the run gives a
template (``--sarif-help-uri``, config ``sarif-help-uri``) such as ``https://example.org/rules/{code}.html``.
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


HELP_URI_FAULT = "`{key}` must be an absolute http(s) URI with {{code}}, such as https://example.org/rules/{{code}}.html, not {value!r}"
_URI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def help_uri_ok(template: str) -> bool:
    """A ``helpUri`` template: ``{code}`` its one placeholder (at least once), and what it gives
    for a code an absolute http(s) URI of URI characters only (no space, no raw non-ASCII)."""
    import string
    from urllib.parse import urlsplit

    try:
        fields = [f for _text, f, _spec, _conv in string.Formatter().parse(template) if f is not None]
        filled = template.format(code="S104")
    except (ValueError, KeyError, IndexError, AttributeError):
        return False
    if not fields or set(fields) != {"code"} or not _URI_CHARS.fullmatch(filled):
        return False
    parts = urlsplit(filled)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


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


def _rule(d, rule, help_uri: str | None = None) -> dict:
    out: dict = {"id": d.code, "name": d.name, "defaultConfiguration": {"level": _LEVEL[rule.severity if rule else d.severity]},
                 "properties": {"ruleset": d.ruleset, "tags": ["disclint", d.ruleset, d.code[:1]]}}
    if help_uri:
        out["helpUri"] = help_uri.format(code=quote(d.code, safe=""))
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


def build(results, rules_of=None, root: Path | None = None, source=None, notifications=(), help_uri: str | None = None) -> dict:
    """``rules_of(d)`` gives a finding's Rule (for its docs), ``source(path)`` the file's lines
    (for fingerprints), ``notifications`` the run's internal errors, ``help_uri`` the template of
    each rule's helpUri (checked by :func:`help_uri_ok`; None: no helpUri)."""
    from ..baseline import fingerprint

    root = root or default_root()
    rules: dict[str, dict] = {}
    out = []
    cache: dict = {}
    for result in results:
        accepted = {id(d): (kind, why) for d, kind, why in getattr(result, "accepted", ())}
        for d in [*result.diagnostics, *(d for d, _k, _w in getattr(result, "accepted", ()))]:
            if d.code not in rules:
                rules[d.code] = _rule(d, rules_of(d) if rules_of else None, help_uri)
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


def report(results, stream, rules_of=None, root: Path | None = None, source=None, help_uri: str | None = None) -> None:
    notes = [m for r in results for m in r.internal_errors]
    json.dump(build(results, rules_of, root, source, notes, help_uri), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
