"""Checking many files in worker processes (``disclint check --jobs N``).

Each worker builds its own Linter once (plugins and rule sets load per process) and
returns, per file, its findings and what the collection kinds gathered; the parent
runs the cross-report rules over everything, exactly as in a single process.

A worker that dies (killed, out of memory) or hangs must not lose the run: files are
handed out a few per worker ahead and taken back in order; a file finished before the
one waited for is kept (up to a window of files) while the workers go on with the next,
so a slow file (a PDF takes 30 times a text) never leaves the other workers idle; a file whose worker does not answer within the time limit of its
turn at the head of the line gets an X009 finding and the pool is replaced; when the pool
breaks, the files that were in flight are checked again one at a time, so only the file
that breaks a worker again gets X009. Workers ignore Ctrl-C: the parent handles it.
"""

from __future__ import annotations

import os
import signal
import time
from collections import deque
from typing import Iterator

_worker = None

# Beyond the per-file limit a worker enforces itself (Python-level work), the parent
# waits this much longer before it treats the worker as hung (stuck in C code).
_GRACE = 30.0

# Files queued per worker beyond the one it checks (so a worker never waits for work), and
# files in flight per worker, finished or not, while an earlier file is waited for: enough
# that a slow file at the head of the line does not leave the other workers idle, few
# enough to keep the results held back small.
_AHEAD = 4
_WINDOW = 32


def cpu_count() -> int:
    """The CPUs this process may run on (a container's share, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _start(config, limit) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from .engine import Linter, settle

    options, ruleset, extra = config
    _worker = Linter(options, ruleset=ruleset, extra_rule_paths=extra)
    settle()
    _worker.time_limit = limit


def _check(path: str, context: bool = False):
    result = _worker.check_file(path, context)
    return result, _worker.gathered()


class _Pool:
    def __init__(self, config, jobs: int, limit: float | None):
        from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only when workers start

        self.executor = ProcessPoolExecutor(max_workers=jobs, initializer=_start, initargs=(config, limit))

    def submit(self, path: str, context: bool = False):
        return self.executor.submit(_check, path, context)

    def close(self, kill: bool = False) -> None:
        if kill:
            # A hung task cannot be cancelled; its process must be ended (the executor
            # keeps its processes in a private map, the only handle there is).
            for proc in list((getattr(self.executor, "_processes", None) or {}).values()):
                try:
                    proc.kill()
                except Exception:
                    pass
        self.executor.shutdown(wait=not kill, cancel_futures=True)


def check_in_workers(linter, files: list[str], jobs: int, limit: float | None = None, context: set[str] = frozenset()) -> Iterator:
    """Yield each file's FileResult (in the order given) while feeding the parent's collection.
    ``context``: absolute paths checked for the rules across reports only (Linter.check_document)."""
    from concurrent.futures import FIRST_COMPLETED
    from concurrent.futures import TimeoutError as FutureTimeout
    from concurrent.futures import wait as first_done
    from concurrent.futures.process import BrokenProcessPool

    wait = (limit + _GRACE) if limit else None
    pending = deque(files)
    suspects: set[str] = set()  # in flight when a worker died: checked again one at a time
    inflight: deque = deque()  # (path, future)
    head_since: tuple | None = None  # (future, deadline) of the file waited for
    pool = _Pool(linter.config, jobs, limit)
    try:
        while pending or inflight:
            width = 1 if suspects else jobs * _AHEAD
            while (pending and len(inflight) < jobs * _WINDOW and sum(1 for _p, f in inflight if not f.done()) < width
                   and not (inflight and pending[0] in suspects)):
                path = pending.popleft()
                inflight.append((path, pool.submit(path, os.path.abspath(path) in context)))
            path, future = inflight[0]
            # the time limit runs from when a file is the one waited for: by then every file
            # before it is done, so it is being checked, not queued behind them
            if head_since is None or head_since[0] is not future:
                head_since = (future, time.monotonic() + wait if wait else None)
            deadline = head_since[1]
            if not future.done():  # wait for it or for any other: a finished file frees a worker
                first_done([f for _p, f in inflight if not f.done()], timeout=None if deadline is None else max(0.0, deadline - time.monotonic()), return_when=FIRST_COMPLETED)
                if not future.done() and (deadline is None or time.monotonic() < deadline):
                    continue  # another file finished: hand out the next one
            try:
                result, gathered = future.result(timeout=0)
            except FutureTimeout:
                inflight.popleft()
                suspects.discard(path)
                pool.close(kill=True)
                pending.extendleft(reversed([p for p, _f in inflight]))  # innocent: checked again
                inflight.clear()
                pool = _Pool(linter.config, jobs, limit)
                yield linter.aborted(path, f"检查超过时间上限（{wait:g} 秒），工作进程已终止")
                continue
            except BrokenProcessPool:
                pool.close(kill=True)
                if path in suspects:  # it broke a worker when checked alone: it is the cause
                    inflight.popleft()
                    suspects.discard(path)
                    yield linter.aborted(path, "检查这个文件的工作进程意外退出（可能被终止或内存不足）")
                else:  # the files a worker finished are innocent (checked again, not alone)
                    suspects.update(p for p, f in inflight if not (f.done() and not f.cancelled() and f.exception() is None))
                pending.extendleft(reversed([p for p, _f in inflight]))
                inflight.clear()
                pool = _Pool(linter.config, jobs, limit)
                continue
            inflight.popleft()
            suspects.discard(path)
            linter.adopt(gathered)
            yield result
    finally:
        pool.close(kill=bool(inflight))
