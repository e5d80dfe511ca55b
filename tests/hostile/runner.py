"""Running one hostile case in a child process under hard limits.

The bound is enforced, not timed: the child gets an address-space limit (RLIMIT_AS), a
processor-time limit (RLIMIT_CPU, per process, so each worker too) and a wall-clock timeout,
so a case that hangs or grows without bound fails by being killed, and the test needs no
timing assertion. The processor time is the bound that means "10 s per file": it does not
stretch when other jobs share the machine, so the wall clock only has to catch a child that
waits without working (a FIFO, a sleep) and can be generous. On its way out the child also
writes the peak resident memory of itself and of its workers; every run is held to the
issue's 1 GB per file by that measure.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass

MEMORY = 1536 * 2**20  # address space: the interpreter, lxml and pypdf take ~400 MB of it
RESIDENT = 2**30  # peak resident memory of the run and of each worker (the 1 GB per file)
CPU = 30  # processor seconds per process of one case (the largest case takes ~7 s on a quiet machine)
WALL = 300  # seconds for the whole run of one case, however busy the machine
TODAY = "2026-12-02"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def findings(self) -> list[dict]:
        return json.loads(self.out)

    def codes(self) -> list[str]:
        return [d["code"] for d in self.findings()]


def _limits() -> None:
    # a clean start for the child, whatever the test process's own signal state: nothing
    # blocked, Ctrl-C at its default (Python then installs its KeyboardInterrupt handler)
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU, CPU + 5))  # SIGXCPU, then SIGKILL


# Written by the child at exit: its own peak resident memory and its (reaped) workers'.
USAGE = """
import atexit, json, os, resource
def _usage(where=os.environ.get("HOSTILE_USAGE")):
    if where:
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(where, "w") as fh:
            json.dump({"self": me.ru_maxrss * 1024, "workers": kids.ru_maxrss * 1024}, fh)
atexit.register(_usage)
"""


# A reader that misbehaves on marked files, for the worker tests: installed before the
# CLI starts, so the forked workers register it too.
SABOTEUR = """
import os, signal, time
import disclint.engine as _engine
_engine.MIN_PARALLEL_FILES = 2  # workers even for these few files (--jobs 2 cases)
import disclint.readers.builtin as b
_read = b.read_text
def read_text(path, data, reader):
    if b"KILL-WORKER" in data:
        os.kill(os.getpid(), signal.SIGKILL)
    if b"HANG-PYTHON" in data:
        if os.environ.get("HOSTILE_HANGING"):  # tell the test the check is under way
            open(os.environ["HOSTILE_HANGING"], "a").close()
        while True:
            pass
    if b"HANG-DEAF" in data:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        time.sleep(3600)
    return _read(path, data, reader)
b.read_text = read_text
"""


def command(*args: str, prelude: str = "") -> list[str]:
    return [sys.executable, "-c", USAGE + prelude + "\nfrom disclint.cli import main; main()", *args]


def disclint(*args: str, cwd=None, stdin=subprocess.DEVNULL, wall: int = WALL, prelude: str = "") -> Run:
    """``disclint ARGS`` in a child process under the limits; fails the test on timeout or
    when the run or one of its workers held more than RESIDENT bytes at its peak."""
    cmd = command(*args, prelude=prelude)
    with tempfile.NamedTemporaryFile("r", suffix=".json") as usage:
        env = {**os.environ, "PYTHONFAULTHANDLER": "", "COLUMNS": "200", "HOSTILE_USAGE": usage.name}
        proc = subprocess.run(cmd, cwd=cwd, stdin=stdin, capture_output=True, text=True, timeout=wall, preexec_fn=_limits, env=env)
        peak = json.loads(usage.read() or "null")
    assert peak is not None, f"the run ended without its exit handlers (code {proc.returncode}): {proc.stderr[-2000:]}"
    assert max(peak.values()) <= RESIDENT, f"peak resident memory {peak} over {RESIDENT}"
    return Run(proc.returncode, proc.stdout, proc.stderr)


def check(*args: str, **kw) -> Run:
    return disclint("check", "--today", TODAY, *args, **kw)


def assert_no_traceback(run: Run) -> None:
    assert "Traceback" not in run.err, run.err[-2000:]
    assert "Traceback" not in run.out
