"""Referat ⇄ the `referat/1` TOML record (SCHEMA.md), and writing it safely.

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

from workbench import SCHEMA
from workbench.errors import UserError
from workbench.model import Person, Referat
from workbench.ownfiles import CLOEXEC, NAME_MAX, NOFOLLOW, fit_name, kind
from workbench.parse import PARSER_VERSION


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def person_dict(p: Person) -> dict:
    """A person as the record writes one: title and name, or title and `vacant`."""
    d = {"role": p.role, "title": p.title}
    if p.vacant:
        d["vacant"] = True
    else:
        d["name"] = p.name
    return _clean(d)


def readable_name(name: str) -> str:
    """A file name as valid Unicode: the bytes of a name that are not UTF-8 (which Python keeps as
    lone surrogates) become U+FFFD, so that the record is valid UTF-8 TOML whatever the name."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")


def to_dict(ref: Referat) -> dict:
    src = ref.source
    m = ref.meeting
    flags_open = sum(1 for f in ref.flags if f.severity in ("error", "warning") and f.resolution == "open")
    out: dict = {"schema": SCHEMA}
    out["source"] = _clean({"file": readable_name(src.file), "sha256": src.sha256, "format": src.format,
                            "pages": src.pages, "extractor": src.extractor, "parser": PARSER_VERSION})
    out["review"] = _clean({
        "status": ref.review.status,
        "reviewer": ref.review.reviewer,
        "verified_at": ref.review.verified_at,
        "flags_open": flags_open,
        "verified_fields": list(ref.review.verified_fields),
        "seconds": ref.review.seconds,
        "corrections": ref.review.corrections,
    })
    out["meeting"] = _clean({
        "body": m.body, "kind": m.kind, "place": m.place, "date": m.date, "start": m.start, "end": m.end,
        "members": [person_dict(p) for p in m.members],
        "absent": [person_dict(p) for p in m.absent],
    })
    out["toc"] = [_clean({"number": e.number, "title": e.title, "page": e.page}) for e in ref.toc]
    items = []
    for it in ref.items:
        d = _clean({"number": it.number, "title": it.title, "access": it.access, "journal": it.journal,
                    "case": it.case})
        d["sections"] = {k: s.text for k, s in it.sections.items()}
        d["tables"] = [{"section": t.section, "columns": list(t.columns), "rows": [list(r) for r in t.rows]}
                       for t in it.tables]
        d["people"] = [person_dict(p) for p in it.people]
        d["attachments"] = [_clean({"number": a.number, "access": a.access, "title": a.title, "ref": a.ref})
                            for a in it.attachments]
        d["decisions"] = [_clean({"body": x.body, "date": x.date, "text": x.text}) for x in it.decisions]
        items.append(d)
    out["items"] = items
    out["attachment_index"] = [_clean({"item": e.item, "number": e.number, "access": e.access, "title": e.title,
                                       "ref": e.ref}) for e in ref.attachment_index]
    out["signatures"] = [person_dict(p) for p in ref.signatures]
    out["flags"] = [_clean({"id": f.id, "kind": f.kind, "severity": f.severity, "field": f.field,
                            "lines": list(f.lines), "excerpt": f.excerpt or None, "message": f.message,
                            "suggestion": f.suggestion, "resolution": f.resolution}) for f in ref.flags]
    out["corrections"] = [_clean({"at": c.at, "field": c.field, "before": c.before, "after": c.after,
                                  "source": c.source, "line": c.line, "column": c.column, "text": c.text,
                                  "note": c.note})
                          for c in ref.corrections]
    return out


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
        raise error(f"{path}: cannot be written ({exc.strerror or exc})") from None
    if stat.S_ISREG(st.st_mode) or (links and stat.S_ISLNK(st.st_mode)):
        return
    if stat.S_ISLNK(st.st_mode):
        raise error(f"{path}: is a symbolic link; give the file it points at, not the link")
    raise error(f"{path}: is {kind(st.st_mode)}, not a regular file; nothing was written")


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
        raise error(f"{folder}: cannot write here ({exc.strerror or exc})") from None
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
        raise error(f"{path}: could not be written ({exc.strerror or exc}); the previous file is unchanged") from None
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
