"""Where review sessions keep their files: records found by their source's sha256, checked
before anything is built on them; safe output names; and the lock that keeps a second
session on the same source read-only.

In the output folder:
    <date>-<body>-<kind>.toml   the record (any name: it is found by [source] sha256)
    <sha256>.journal            corrections not yet saved (journal.py)
    <sha256>.lock               who has the source open: pid, host, user, since
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
import socket
import tomllib
import unicodedata
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from workbench import SCHEMA
from workbench.config import slug
from workbench.errors import RecordError, UserError
from workbench.model import Correction, Referat, Review
from workbench.ownfiles import NotOurs, create_own, fit_name, open_own, read_own

try:  # POSIX: the lock is held by the open file; a killed process lets go of it at once
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

RESOLUTIONS = ("open", "fixed", "accepted")
REPAIRS = ("join", "split", "furniture")


# --------------------------------------------------------------------------- records


@dataclass
class Saved:
    """What a saved record brings to a new session: its corrections, flag resolutions and review."""

    path: Path
    corrections: list[Correction]
    resolutions: dict[str, str]
    review: Review
    data: dict = field(default_factory=dict)


def _sha_bytes(sha: str) -> bytes:
    return sha.encode("ascii")


def find_record(out_dir: Path, sha: str) -> Saved | None:
    """The record of the source with this sha256 in out_dir, whatever it is called. A file that
    names the sha256 but cannot be read as a valid record raises RecordError naming it."""
    try:
        names = sorted(p for p in Path(out_dir).glob("*.toml") if not p.name.startswith("."))
    except OSError:
        return None
    found: list[tuple[float, Path, dict]] = []
    needle = _sha_bytes(sha)
    for path in names:
        try:
            raw = read_own(path)  # a link or a FIFO named *.toml is not read
        except OSError:
            continue
        if needle not in raw:
            continue
        data = _parse(path, raw)
        src = data.get("source")
        if not isinstance(src, dict) or src.get("sha256") != sha:
            if data.get("schema") == SCHEMA:
                continue  # another source's record that mentions this sha256 somewhere
            raise RecordError(f"{path}: names this source's sha256 but is not a {SCHEMA} record of it; "
                              "fix or move the file")
        validate(path, data)
        found.append((path.stat().st_mtime, path, data))
    if not found:
        return None
    found.sort(key=lambda t: (t[0], str(t[1])))
    _, path, data = found[-1]
    return saved_from(path, data)


def _parse(path: Path, raw: bytes) -> dict:
    from workbench.settings import loads_toml

    try:
        return loads_toml(raw.decode("utf-8"), f"{path}", RecordError,
                          "; the workbench will not overwrite it (fix or move it)")
    except UnicodeDecodeError:
        raise RecordError(f"{path}: is not UTF-8 text; the workbench will not overwrite it (fix or move it)") from None
    except tomllib.TOMLDecodeError as exc:
        raise RecordError(f"{path}: is not valid TOML ({' '.join(str(exc).split())}); the workbench will not overwrite it "
                          "(fix or move it)") from None


def record_sha(path: Path) -> str | None:
    """The sha256 a record file names, or None when it is not a readable record."""
    from workbench.settings import loads_toml

    try:
        data = loads_toml(read_own(Path(path)).decode("utf-8"), str(path), RecordError)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecordError):
        return None
    src = data.get("source")
    sha = src.get("sha256") if isinstance(src, dict) else None
    return sha if isinstance(sha, str) else None


def check_own(path: Path, sha: str) -> None:
    """Before a save replaces the record it was opened from: it must still be a valid record of
    this source (a file broken by hand is not overwritten silently)."""
    try:
        raw = read_own(Path(path))
    except FileNotFoundError:
        return
    except NotOurs as exc:
        raise RecordError(f"{path}: {exc.strerror}; not overwritten") from None
    except OSError as exc:
        raise RecordError(f"{path}: cannot be read ({exc.strerror or exc}); not overwritten") from None
    data = _parse(path, raw)
    src = data.get("source")
    if not isinstance(src, dict) or src.get("sha256") != sha:
        raise RecordError(f"{path}: is no longer a record of this source; not overwritten (move it away and save again)")
    validate(path, data)


def saved_from(path: Path, data: dict) -> Saved:
    corrections = [Correction(**{k: c[k] for k in ("at", "field", "before", "after", "source", "line", "column",
                                                     "text", "note") if k in c}) for c in data.get("corrections", [])]
    resolutions = {f["id"]: f["resolution"] for f in data.get("flags", []) if "id" in f and "resolution" in f}
    r = data.get("review", {})
    review = Review(status=r.get("status", "draft"), reviewer=r.get("reviewer"), verified_at=r.get("verified_at"),
                    verified_fields=list(r.get("verified_fields", [])), seconds=r.get("seconds"),
                    corrections=r.get("corrections"))
    return Saved(path, corrections, resolutions, review, data)


# -- validation: what a record must be for a session to build on it (SCHEMA.md)

def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_date(v) -> bool:
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


_STR, _INT, _DATE, _TIME, _BOOL = "text", "a whole number", "a date", "a time", "true or false"
_CHECK = {
    _STR: lambda v: isinstance(v, str),
    _INT: _is_int,
    _DATE: _is_date,
    _TIME: lambda v: isinstance(v, dt.time),
    _BOOL: lambda v: isinstance(v, bool),
}
_PERSON = {"role": _STR, "title": _STR, "name": _STR, "vacant": _BOOL}
_ATTACHMENT = {"number": _INT, "access": _STR, "title": _STR, "ref": _STR}


class _Bad(Exception):
    pass


def _table(where: str, value, keys: dict | None = None) -> dict:
    if not isinstance(value, dict):
        raise _Bad(f"{where} must be a table")
    for key, kind in (keys or {}).items():
        if key in value and not _CHECK[kind](value[key]):
            raise _Bad(f"{where}.{key} must be {kind}, not {value[key]!r}")
    return value


def _tables(where: str, value, keys: dict | None = None) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad(f"{where} must be a list")
    for j, v in enumerate(value):
        _table(f"{where}[{j}]", v, keys)
    return value


def validate(path: Path, data: dict) -> None:
    """Raise RecordError (one line, naming the file) unless data is a usable referat/1 record."""
    try:
        _validate(data)
    except _Bad as exc:
        raise RecordError(f"{path}: breaks the {SCHEMA} schema: {exc}; the workbench will not overwrite it "
                          "(fix or move it)") from None


def _validate(data: dict) -> None:
    if data.get("schema") != SCHEMA:
        raise _Bad(f"schema is {data.get('schema')!r}, not {SCHEMA!r}")
    src = _table("source", data.get("source"), {"file": _STR, "sha256": _STR, "format": _STR})
    if not re.fullmatch(r"[0-9a-f]{64}", str(src.get("sha256", ""))):
        raise _Bad("source.sha256 must be 64 hex digits")
    review = _table("review", data.get("review", {}), {"status": _STR, "reviewer": _STR, "flags_open": _INT,
                                                          "seconds": _INT, "corrections": _INT})
    if review.get("status", "draft") not in ("draft", "verified"):
        raise _Bad(f"review.status must be 'draft' or 'verified', not {review.get('status')!r}")
    if "verified_at" in review and not isinstance(review["verified_at"], dt.datetime):
        raise _Bad("review.verified_at must be a date and time")
    vf = review.get("verified_fields", [])
    if not isinstance(vf, list) or not all(isinstance(v, str) for v in vf):
        raise _Bad("review.verified_fields must be a list of field paths")
    m = _table("meeting", data.get("meeting", {}), {"body": _STR, "kind": _STR, "place": _STR, "date": _DATE,
                                                     "start": _TIME, "end": _TIME})
    _tables("meeting.members", m.get("members"), _PERSON)
    _tables("meeting.absent", m.get("absent"), _PERSON)
    for j, e in enumerate(_tables("toc", data.get("toc"), {"number": _INT, "title": _STR, "page": _INT})):
        if "title" not in e:
            raise _Bad(f"toc[{j}] has no title")
    for k, it in enumerate(_tables("items", data.get("items"), {"number": _INT, "title": _STR, "access": _STR,
                                                                 "journal": _STR, "case": _STR})):
        where = f"items[{k}]"
        if "title" not in it:
            raise _Bad(f"{where} has no title")
        for key, text in _table(f"{where}.sections", it.get("sections", {})).items():
            if not isinstance(text, str):
                raise _Bad(f"{where}.sections.{key} must be text")
        for j, t in enumerate(_tables(f"{where}.tables", it.get("tables"), {"section": _STR})):
            cols = t.get("columns", [])
            rows = t.get("rows", [])
            if not isinstance(cols, list) or not all(isinstance(c, str) for c in cols):
                raise _Bad(f"{where}.tables[{j}].columns must be a list of text")
            if not isinstance(rows, list) or not all(isinstance(r, list) and all(isinstance(c, str) for c in r)
                                                     for r in rows):
                raise _Bad(f"{where}.tables[{j}].rows must be lists of text")
        _tables(f"{where}.people", it.get("people"), _PERSON)
        _tables(f"{where}.attachments", it.get("attachments"), _ATTACHMENT)
        for j, d in enumerate(_tables(f"{where}.decisions", it.get("decisions"),
                                      {"body": _STR, "date": _DATE, "text": _STR})):
            if "text" not in d:
                raise _Bad(f"{where}.decisions[{j}] has no text")
    _tables("attachment_index", data.get("attachment_index"), {"item": _INT, **_ATTACHMENT})
    _tables("signatures", data.get("signatures"), _PERSON)
    for j, f in enumerate(_tables("flags", data.get("flags"), {"id": _STR, "kind": _STR, "severity": _STR,
                                                               "field": _STR, "message": _STR,
                                                               "resolution": _STR})):
        if f.get("resolution", "open") not in RESOLUTIONS:
            raise _Bad(f"flags[{j}].resolution must be one of {', '.join(RESOLUTIONS)}")
        if f.get("severity") not in (None, "error", "warning", "info"):
            raise _Bad(f"flags[{j}].severity must be error, warning or info")
    for j, c in enumerate(_tables("corrections", data.get("corrections"), {"field": _STR, "source": _STR,
                                                                           "line": _INT, "column": _INT,
                                                                           "note": _STR})):
        if not isinstance(c.get("at"), dt.datetime):
            raise _Bad(f"corrections[{j}].at must be a date and time")
        if "source" in c:
            if c["source"] not in REPAIRS or "line" not in c:
                raise _Bad(f"corrections[{j}] must repair a line by join, split or furniture")
            if "text" in c and not (isinstance(c["text"], list) and all(isinstance(t, str) for t in c["text"])):
                raise _Bad(f"corrections[{j}].text must be a list of text (the lines the repair was laid over)")
        elif "field" not in c:
            raise _Bad(f"corrections[{j}] names no field and no source line")


# --------------------------------------------------------------------------- names

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


STEM_BYTES = 150  # a stem, "-<sha256>" and ".toml" stay within NAME_MAX (255 bytes), temp names too


def safe_name(text: str, fallback: str = "referat", limit: int = 120, max_bytes: int = STEM_BYTES) -> str:
    """A file name from any text: no path separators, '..', control or shell-hostile
    characters, no leading dot, no reserved (Windows) device name; at most `limit` characters
    and `max_bytes` bytes of UTF-8 (a file system counts bytes: 120 'ø' are 240)."""
    text = unicodedata.normalize("NFC", str(text))
    text = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]+", "-", text)
    text = re.sub(r"\s+", "-", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"-{2,}", "-", text).strip(" .-")
    text = fit_name(text[:limit], max_bytes).rstrip(" .-")
    if not text:
        text = fallback
    if text.split(".")[0].casefold() in _RESERVED:
        text = f"{text}-"
    return text


def output_name(ref: Referat) -> str:
    """<date>-<body>-<kind>.toml; the source file's stem where the meeting has no date."""
    m = ref.meeting
    if m.date is not None:
        parts = [m.date.isoformat()]
        if m.body and slug(m.body):
            parts.append(slug(m.body).replace("_", "-")[:80].strip("-"))
        if m.kind and slug(m.kind):
            parts.append(slug(m.kind).replace("_", "-")[:30].strip("-"))
        stem = "-".join(p for p in parts if p)
    else:
        stem = Path(ref.source.file).stem
    return safe_name(stem) + ".toml"


# --------------------------------------------------------------------------- locks

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
        for _ in range(10):
            try:
                fd, _created = create_own(path, os.O_RDWR)
            except NotOurs as exc:  # a link planted as our lock: neither followed nor removed
                raise UserError(f"{path}: {exc.strerror}; the review is not opened") from None
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
