"""Opening the files the workbench keeps (records, journals, locks) without following a symbolic
link, refusing what is not a regular file, and names that fit the file system's byte limits.

A symbolic link planted where one of these files belongs (`<sha256>.lock` → someone's file) must
never make the workbench read, lock, truncate or append to the file it points at.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from workbench.i18n import N_, _

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
NAME_MAX = 255  # bytes in one path component (Linux, macOS)


class NotOurs(OSError):
    """Where our file belongs there is a symbolic link, folder, device, FIFO or socket."""


_KINDS = ((stat.S_ISLNK, N_('a symbolic link')), (stat.S_ISDIR, N_('a folder')),
          (stat.S_ISCHR, N_('a character device')), (stat.S_ISBLK, N_('a block device')),
          (stat.S_ISFIFO, N_('a FIFO (named pipe)')), (stat.S_ISSOCK, N_('a socket')))


def kind(mode: int) -> str:
    """What the file is, in the language spoken (it goes inside a sentence of that language)."""
    for test, what in _KINDS:
        if test(mode):
            return _(what)
    return _('not a regular file')


def not_ours(path: Path, mode: int) -> NotOurs:
    if stat.S_ISLNK(mode):
        text = _('is a symbolic link, not a regular file; the workbench follows no links for its own files (move it away)')
    else:
        text = _('is {kind}, not a regular file (move it away)').format(kind=kind(mode))
    return NotOurs(errno.EINVAL, text, str(path))


def open_own(path: Path, flags: int, mode: int = 0o644) -> int:
    """os.open with O_NOFOLLOW (and O_NONBLOCK, so that a FIFO does not block); the result must be a
    regular file. Raises NotOurs for a link or any other kind of file, OSError otherwise."""
    try:  # a device is not even opened (opening one may act: a tape rewinds)
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise not_ours(path, st.st_mode)
    try:
        fd = os.open(path, flags | NOFOLLOW | NONBLOCK | CLOEXEC, mode)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK, errno.ENXIO, errno.EISDIR, errno.EOPNOTSUPP):
            try:
                st = os.lstat(path)
            except OSError:
                raise exc from None
            if not stat.S_ISREG(st.st_mode):
                raise not_ours(path, st.st_mode) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise not_ours(path, st.st_mode)
        if NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def create_own(path: Path, flags: int, mode: int = 0o644) -> tuple[int, bool]:
    """(fd, created): a new file made with O_CREAT|O_EXCL, else the existing one opened (never a
    link, never another kind of file)."""
    try:
        return open_own(path, flags | os.O_CREAT | os.O_EXCL, mode), True
    except FileExistsError:
        return open_own(path, flags), False


def read_own(path: Path) -> bytes:
    """The bytes of one of our files. FileNotFoundError when it is not there, NotOurs when it is
    a link or not a regular file."""
    fd = open_own(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def message(path: Path, exc: OSError) -> str:
    """`<path>: <what is wrong>` for an OSError met on one of our files."""
    return f"{path}: {exc.strerror or exc}"


def fit_name(name: str, room: int = NAME_MAX) -> str:
    """`name` cut (at a character, never inside one) to at most `room` bytes of UTF-8."""
    data = name.encode("utf-8")
    if len(data) <= room:
        return name
    return data[:room].decode("utf-8", errors="ignore")
