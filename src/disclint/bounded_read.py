"""Reading a file of bounded size that is really a file.

The size a file reports is not a bound: ``/dev/zero`` and a FIFO report 0 bytes and
then never end, and opening a FIFO blocks until someone writes to it. So the file is
opened without blocking, refused unless it is a regular file, and read only up to the
limit by the bytes actually read. Used for reports, rule sets and configuration files.
"""

from __future__ import annotations

import os
import stat

_KINDS = (
    (stat.S_ISCHR, "字符设备"),
    (stat.S_ISBLK, "块设备"),
    (stat.S_ISFIFO, "命名管道（FIFO）"),
    (stat.S_ISSOCK, "套接字"),
    (stat.S_ISDIR, "目录"),
)


class NotRegular(OSError):
    """The path is a device, a FIFO, a socket or a directory (``what`` says which, in Chinese)."""

    def __init__(self, what: str):
        super().__init__(f"not a regular file: {what}")
        self.what = what


class TooLarge(OSError):
    """More than ``limit`` bytes (``size`` is what was seen: at least limit + 1)."""

    def __init__(self, size: int, limit: int):
        super().__init__(f"file larger than {limit} bytes")
        self.size, self.limit = size, limit


def present(path: str | os.PathLike) -> bool:
    """Something by that name is there and is not a folder: a file to read, or a FIFO, device
    or dangling link that ``read_regular`` refuses with its reason. Looking files up with
    ``is_file()`` would skip those silently."""
    return os.path.lexists(path) and not os.path.isdir(path)


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of the regular file ``path``; NotRegular or TooLarge otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(next((what for test, what in _KINDS if test(mode)), "特殊文件"))
        size = os.fstat(fd).st_size
        if size > limit:
            raise TooLarge(size, limit)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooLarge(total, limit)  # the file grew while being read
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike, limit: int) -> str:
    """A bounded UTF-8 text file (rule sets, configuration); UnicodeDecodeError if not UTF-8."""
    return read_regular(path, limit).decode("utf-8-sig")
