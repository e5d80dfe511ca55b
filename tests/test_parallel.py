"""Checking in worker processes (parallel.py): results in path order, workers kept busy."""

import threading
from concurrent.futures import Future
from types import SimpleNamespace

from disclint import parallel
from disclint.engine import FileResult


def test_a_slow_first_file_does_not_hold_back_the_others(monkeypatch):
    # the first file (a PDF takes 30 times a text) is still being checked while every other
    # file finishes: they are handed out and kept, and all come back in path order
    files = [f"r{i:02d}.txt" for i in range(40)]
    submitted: list[str] = []
    head = Future()
    released = []

    class Pool:
        def __init__(self, config, jobs, limit):
            pass

        def submit(self, path, context=False):
            submitted.append(path)
            if path == files[0]:
                return head
            if len(submitted) == len(files):  # the last file handed out: the first one ends
                released.append("by the others")
                head.set_result((FileResult(files[0], "r"), []))
            done = Future()
            done.set_result((FileResult(path, "r"), [("code", path, 1, "r", "n")]))
            return done

        def close(self, kill=False):
            pass

    def never_hang():  # the old loop waited for the first file with at most 8 in flight
        if not head.done():
            released.append("by the timer")
            head.set_result((FileResult(files[0], "r"), []))

    timer = threading.Timer(20, never_hang)
    timer.start()
    adopted = []
    linter = SimpleNamespace(config=None, adopt=adopted.extend, aborted=None)
    monkeypatch.setattr(parallel, "_Pool", Pool)
    try:
        out = [r.path for r in parallel.check_in_workers(linter, files, 2)]
    finally:
        timer.cancel()
    assert released == ["by the others"]
    assert out == files and submitted == files
    assert [g[1] for g in adopted] == files[1:]  # what each gathered, taken in path order


def test_in_flight_files_are_bounded(monkeypatch):
    # finished files waiting for an earlier one are kept up to a window, not the whole batch
    files = [f"r{i:03d}.txt" for i in range(200)]
    head = Future()
    most = []

    class Pool:
        def __init__(self, config, jobs, limit):
            self.n = 0

        def submit(self, path, context=False):
            self.n += 1
            if path == files[0]:
                return head
            done = Future()
            done.set_result((FileResult(path, "r"), []))
            if self.n == 2 * parallel._WINDOW:  # the window is full: the first file ends
                most.append(self.n)
                head.set_result((FileResult(files[0], "r"), []))
            return done

        def close(self, kill=False):
            pass

    timer = threading.Timer(20, lambda: head.done() or head.set_result((FileResult(files[0], "r"), [])))
    timer.start()
    monkeypatch.setattr(parallel, "_Pool", Pool)
    try:
        out = [r.path for r in parallel.check_in_workers(SimpleNamespace(config=None, adopt=lambda g: None, aborted=None), files, 2)]
    finally:
        timer.cancel()
    assert out == files and most == [2 * parallel._WINDOW]
