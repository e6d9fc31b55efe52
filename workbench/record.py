"""Referat ⇄ the `referat/1` TOML record (SCHEMA.md, declared in workbench/schema/), and writing it safely.

A value the document does not give is left out (TOML has no null); dates and times are
native TOML values; lists keep document order. Files are written atomically: a temp file in
the same folder, flushed and fsynced, then `os.replace`.
"""
from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

import tomli_w

from workbench.errors import UserError
from workbench.i18n import _
from workbench.model import Correction, Person, Referat, Review
from workbench.ownfiles import CLOEXEC, NAME_MAX, NOFOLLOW, fit_name, kind
from workbench.schema import CORRECTION, RECORD, REVIEW, readable_name  # noqa: F401 (readable_name: re-exported)
from workbench.schema.referat import PERSON


def person_dict(p: Person) -> dict:
    """A person as the record writes one: title and name, or title and `vacant`."""
    return PERSON.plain(p)


def to_dict(ref: Referat) -> dict:
    """The record of a Referat, key by key as `schema.RECORD` declares it (values left out that it omits)."""
    return RECORD.plain(ref, ref)


def corrections_from(data: dict) -> list[Correction]:
    """A record's `[[corrections]]` read back."""
    return [CORRECTION.load(c) for c in data.get("corrections", [])]


def review_from(data: dict) -> Review:
    """A record's `[review]` read back (`flags_open` is counted, not kept)."""
    return REVIEW.load(data.get("review", {}))


def resolutions_from(data: dict) -> dict[str, str]:
    """A record's flag resolutions by flag id."""
    return {f["id"]: f["resolution"] for f in data.get("flags", []) if "id" in f and "resolution" in f}


def dumps(record: dict) -> str:
    from workbench.visible import toml_safe

    return toml_safe(tomli_w.dumps(record, multiline_strings=True))


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (where the platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def check_output(path: Path, error: type[UserError] = UserError, links: bool = False) -> None:
    """An output path must be a regular file or not be there yet: a folder, device, FIFO or socket
    is refused (replacing `/dev/null` with a file, as root, breaks the system); so is a symbolic
    link unless `links` (then the link itself is replaced, never the file it points at)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise error(_('{path}: cannot be written ({value})').format(path=path, value=exc.strerror or exc)) from None
    if stat.S_ISREG(st.st_mode) or (links and stat.S_ISLNK(st.st_mode)):
        return
    if stat.S_ISLNK(st.st_mode):
        raise error(_('{path}: is a symbolic link; give the file it points at, not the link').format(path=path))
    raise error(_('{path}: is {kind}, not a regular file; nothing was written').format(path=path, kind=kind(st.st_mode)))


def write_atomic(path: Path, text: str | bytes, error: type[UserError] = UserError, follow_link: bool = False) -> None:
    """Write to path so that a reader sees the old file or the new one, never half of one: a temp
    file in the same folder (created O_EXCL|O_NOFOLLOW, its name within 255 bytes), flushed and
    fsynced, then `os.replace`. A symbolic link at `path` is replaced itself, its target left
    alone, unless `follow_link` (a roster the user linked in); a folder, device, FIFO or socket
    is refused. An existing file keeps its permissions; a new one gets the usual ones (0666 less
    the umask). Failures raise `error` with one line, and leave the old file and no temp file behind."""
    path = Path(path)
    target = Path(os.path.realpath(path)) if follow_link else Path(os.path.realpath(path.parent)) / path.name
    folder = target.parent
    data = text.encode("utf-8") if isinstance(text, str) else text
    check_output(target, error, links=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temp_file(folder, target.name)
    except OSError as exc:
        raise error(_('{folder}: cannot write here ({value})').format(folder=folder, value=exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            try:
                st = os.stat(target, follow_symlinks=False)
                mode = stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else 0o666 & ~_umask()
            except FileNotFoundError:
                mode = 0o666 & ~_umask()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise error(_('{path}: could not be written ({value}); the previous file is unchanged').format(path=path, value=exc.strerror or exc)) from None
    fsync_dir(folder)


def _temp_file(folder: Path, name: str) -> tuple[int, Path]:
    """`.<name>.<random>.tmp` in folder, new (O_EXCL), never through a link, at most 255 bytes."""
    stem = fit_name(name, NAME_MAX - len(".") - len(".12345678.tmp"))
    for _ in range(100):
        tmp = folder / f".{stem}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
