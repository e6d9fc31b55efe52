"""The lock of a review: `<sha256>.lock` beside the records, held while a session has the
source open, so that a second session on it opens read-only and is told who holds it since when.

The lock is an open, flock'ed file (POSIX) whose content says who holds it: pid, host, user,
since (and the process's start time, to tell a reused pid from the holder). A killed process
lets go of the flock at once; a lock whose process is gone (on this host), whose start time is
another's, or whose content cannot be read is stale and taken over. The lock file is never
opened through a symbolic link (one planted there is refused with one line, left as it is).
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import weakref
from pathlib import Path

from workbench.errors import UserError
from workbench.i18n import _
from workbench.ownfiles import NotOurs, create_own, open_own

try:  # POSIX: the lock is held by the open file; a killed process lets go of it at once
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


# sessions of this process holding a lock, by lock path: a dropped session (no close) is stale
_LIVE: dict[str, weakref.ref] = {}


def _host() -> str:
    return socket.gethostname() or "localhost"


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return os.environ.get("USER") or os.environ.get("USERNAME") or "someone"


def pid_alive(pid: int) -> bool:
    if not _is_int(pid) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    try:  # a killed child not yet reaped is a zombie: dead for our purpose
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def holder_text(info: dict | None) -> str:
    if not info:
        return "another session (its lock file cannot be read)"
    since = info.get("since")
    try:
        moment = dt.datetime.fromisoformat(since).astimezone()
        same_day = moment.date() == dt.datetime.now().astimezone().date()
        when = moment.strftime("%H:%M" if same_day else "%d-%m-%Y %H:%M")  # a lock from yesterday says so
    except (TypeError, ValueError):
        when = "?"
    return f"{info.get('user', '?')}@{info.get('host', '?')} (pid {info.get('pid', '?')}) since {when}"


class Lock:
    """`<sha256>.lock`: held by an open, flock'ed file (POSIX) whose content says who holds it."""

    def __init__(self, path: Path, fh, owner):
        self.path = path
        self.fh = fh
        self.key = str(path.resolve())
        _LIVE[self.key] = weakref.ref(owner)

    @classmethod
    def acquire(cls, path: Path, owner) -> tuple["Lock | None", str | None]:
        """(the lock, None), or (None, who holds it)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(10):
            try:
                fd, _created = create_own(path, os.O_RDWR)
            except NotOurs as exc:  # a link planted as our lock: neither followed nor removed
                raise UserError(_('{path}: {value}; the review is not opened').format(path=path, value=exc.strerror)) from None
            except FileNotFoundError:  # removed between the two opens: try again
                continue
            except PermissionError:
                try:  # another user's lock: say whose
                    with os.fdopen(open_own(path, os.O_RDONLY), "rb") as other:
                        info = _read_info(other)
                except OSError:
                    info = None
                if info:
                    return None, holder_text(info)
                raise
            fh = os.fdopen(fd, "r+b")
            if fcntl is not None:
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    info = _read_info(fh)
                    fh.close()
                    return None, holder_text(info)
                try:
                    same = os.fstat(fh.fileno()).st_ino == os.stat(path, follow_symlinks=False).st_ino
                except FileNotFoundError:
                    same = False
                if not same:  # the holder let go and removed the file meanwhile: try the new one
                    fh.close()
                    continue
            info = _read_info(fh)
            if info and not _stale(info, path):
                fh.close()
                return None, holder_text(info)
            mine = {"pid": os.getpid(), "host": _host(), "user": _user(),
                    "since": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}
            started = _start_ticks(os.getpid())
            if started is not None:
                mine["started"] = started  # tells a reused pid from the holder
            fh.seek(0)
            fh.truncate()
            fh.write(json.dumps(mine).encode() + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
            return cls(path, fh, owner), None
        return None, "another session (its lock keeps changing)"

    def release(self) -> None:
        if self.fh is None:
            return
        if _LIVE.get(self.key) is not None:
            _LIVE.pop(self.key, None)
        try:
            os.unlink(self.path)
        except OSError:
            pass
        try:
            self.fh.close()
        finally:
            self.fh = None


def _read_info(fh) -> dict | None:
    try:
        fh.seek(0)
        data = json.loads(fh.read().decode("utf-8") or "null")
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def _stale(info: dict, path: Path) -> bool:
    """A lock whose process is gone (on this host) may be taken over."""
    if info.get("host") != _host():
        return False
    pid = info.get("pid")
    if pid == os.getpid():
        ref = _LIVE.get(str(path.resolve()))
        owner = ref() if ref is not None else None
        return owner is None or getattr(owner, "closed", False)
    if not pid_alive(pid):
        return True
    started = info.get("started")
    return _is_int(started) and _start_ticks(pid) not in (None, started)


def _start_ticks(pid: int) -> int | None:
    """When the process started (Linux: clock ticks after boot), or None where unknown."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None
