"""The checker kind of the suppression and waiver rules (rules/suppressions.yaml).

Those findings come from comparing findings with suppressions, waivers and baselines
after checking (src/disclint/postcheck.py), so this kind finds nothing in a report.
"""

from __future__ import annotations

from disclint.checking import CheckerKind
from disclint.hookspecs import hookimpl


def _nothing(doc, rule, ctx):
    return ()


@hookimpl
def disclint_checker_kinds():
    return [
        CheckerKind(
            "accepted",
            _nothing,
            placeholders=("kind", "codes", "code", "path", "expires", "reason", "text", "what"),
            doc="Findings about suppressions, waivers and baselines, made after checking.",
        )
    ]
