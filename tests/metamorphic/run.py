"""Applying a transformation to a report and judging what disclint then finds."""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field

from .findings import Verdict, check, judge
from .transforms import TRANSFORMS, Env, NotApplicable


@dataclass
class Outcome:
    report: str  # file name
    transform: str
    status: str  # "ok" | "shortfall" | "n/a" | "harness-error"
    reason: str = ""  # why n/a, or the harness error
    cases: list[tuple[str, str, Verdict]] = field(default_factory=list)  # (what changed, expected, verdict)

    @property
    def applicable(self) -> bool:
        return self.status in ("ok", "shortfall")

    def diff(self) -> str:
        lines = []
        for label, expect, v in self.cases:
            if not v.ok:
                lines.append(f"  {label} (expected: {expect})")
                lines.extend("    " + x for x in v.lines)
        return "\n".join(lines) or ("  " + self.reason)


def apply(env: Env, name: str, path: str) -> Outcome:
    fn, _ = TRANSFORMS[name]
    base = os.path.basename(path)
    try:
        rep = env.report(path)
        cases = fn(rep, env)
    except NotApplicable as exc:
        return Outcome(base, name, "n/a", str(exc))
    except Exception:  # a harness bug must show, not pass or vanish
        return Outcome(base, name, "harness-error", traceback.format_exc(limit=4))
    out = Outcome(base, name, "ok")
    stem = os.path.splitext(base)[0]
    for i, case in enumerate(cases):
        new = env.write(stem + case.suffix, case.data, folder=f"{name}-{stem}-{i}")
        before = env.baseline(path, case.baseline)
        verdict = judge(before, check(env.linter, new), case.expect)
        out.cases.append((case.label, str(case.expect), verdict))
        if not verdict.ok:
            out.status = "shortfall"
    return out
