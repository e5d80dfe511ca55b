"""Checking many files in worker processes (``disclint check --jobs N``).

Each worker builds its own Linter once (plugins and rule sets load per process) and
returns, per file, its findings and what the collection kinds gathered; the parent
runs the cross-report rules over everything, exactly as in a single process.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

_worker = None


def _start(config) -> None:
    global _worker
    from .engine import Linter

    options, ruleset, extra = config
    _worker = Linter(options, ruleset=ruleset, extra_rule_paths=extra)


def _check(path: str):
    result = _worker.check_file(path)
    return result, _worker.gathered()


def check_in_workers(linter, files: list[str], jobs: int) -> Iterator:
    """Yield each file's FileResult (in the order given) while feeding the parent's collection."""
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start, initargs=(linter.config,)) as pool:
        for result, gathered in pool.map(_check, files, chunksize=max(1, min(16, len(files) // (jobs * 4) or 1))):
            linter.adopt(gathered)
            yield result
