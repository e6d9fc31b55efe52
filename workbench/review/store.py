"""Where review sessions keep their records: found by their source's sha256 and checked before
anything is built on them; and safe output names. (The lock is in lock.py, the journal in journal.py.)

In the output folder:
    <date>-<body>-<kind>.toml   the record (any name: it is found by [source] sha256)
    <sha256>.journal            corrections not yet saved (journal.py)
    <sha256>.lock               who has the source open: pid, host, user, since (lock.py)
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from workbench import SCHEMA, record, schema
from workbench.config import slug
from workbench.errors import RecordError
from workbench.i18n import _
from workbench.model import Correction, Referat, Review
from workbench.ownfiles import NotOurs, fit_name, read_own
from workbench.review import links
from workbench.schema import REPAIRS, RESOLUTIONS  # noqa: F401 (the session reads them from here)


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
            raise RecordError(_("{path}: names this source's sha256 but is not a {schema} record of it; fix or move the file").format(
                path=path, schema=SCHEMA))
        validate(path, data)
        found.append((path.stat().st_mtime, path, data))
    if not found:
        return None
    found.sort(key=lambda t: (t[0], str(t[1])))
    _when, path, data = found[-1]
    return saved_from(path, data)


def _parse(path: Path, raw: bytes) -> dict:
    from workbench.settings import loads_toml

    try:
        return loads_toml(raw.decode("utf-8"), f"{path}", RecordError,
                          _('; the workbench will not overwrite it (fix or move it)'))
    except UnicodeDecodeError:
        raise RecordError(_('{path}: is not UTF-8 text; the workbench will not overwrite it (fix or move it)').format(path=path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise RecordError(_('{path}: is not valid TOML ({value}); the workbench will not overwrite it (fix or move it)').format(
            path=path, value=' '.join(str(exc).split()))) from None


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


def check_own(path: Path, sha: str, known: str | None = None) -> str | None:
    """Before a save replaces the record it was opened from: it must still be a valid record of
    this source (a file broken by hand is not overwritten silently). `known` is the sha256 of the
    bytes this session last wrote there: the same bytes are the record it wrote and checked, and are
    not read as TOML again (a 500-page record takes a second). Returns the sha256 of the bytes found."""
    import hashlib

    try:
        raw = read_own(Path(path))
    except FileNotFoundError:
        return None
    except NotOurs as exc:
        raise RecordError(_('{path}: {value}; not overwritten').format(path=path, value=exc.strerror)) from None
    except OSError as exc:
        raise RecordError(_('{path}: cannot be read ({value}); not overwritten').format(path=path, value=exc.strerror or exc)) from None
    digest = hashlib.sha256(raw).hexdigest()
    if known is not None and digest == known:
        return digest
    data = _parse(path, raw)
    src = data.get("source")
    if not isinstance(src, dict) or src.get("sha256") != sha:
        raise RecordError(_('{path}: is no longer a record of this source; not overwritten (move it away and save again)').format(path=path))
    validate(path, data)
    return digest


_CORRECTION_KEYS = ("at", "field", "before", "after", "source", "line", "column", "text", "note", *links.KEYS)


def saved_from(path: Path, data: dict) -> Saved:
    """A validated record as a session takes it up; its corrections' undo/redo links read in the
    record's form (review.corrections_form; none: from the notes, as the workbench that wrote it did)."""
    form = data.get("review", {}).get("corrections_form")
    if links.newer(form):
        raise RecordError(_('{path}: was saved by a newer workbench (corrections form {form}; this one reads up to {known}); the workbench will not overwrite it').format(
            path=path, form=form, known=links.FORM))
    corrections = []
    for j, c in enumerate(data.get("corrections", [])):
        values = links.linked({k: c[k] for k in _CORRECTION_KEYS if k in c}, form)
        if not links.well_formed(values):
            raise RecordError(_('{path}: breaks the {schema} schema: corrections[{j}] must undo or redo at most one earlier correction, by its place from 0; the workbench will not overwrite it (fix or move it)').format(
                path=path, schema=SCHEMA, j=j))
        corrections.append(Correction(**values))
    return Saved(path, corrections, record.resolutions_from(data), record.review_from(data), data)


# -- validation: what a record must be for a session to build on it (SCHEMA.md, declared in workbench/schema/)

def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def validate(path: Path, data: dict) -> None:
    """Raise RecordError (one line, naming the file) unless data is a usable referat/1 record:
    what the schema declares, and a sha256 of 64 hex digits (records are found by it)."""
    try:
        schema.check(data)
        if not re.fullmatch(r"[0-9a-f]{64}", str(data["source"].get("sha256", ""))):
            raise schema.Invalid("source.sha256 must be 64 hex digits")
    except schema.Invalid as exc:
        raise RecordError(_('{path}: breaks the {schema} schema: {value}; the workbench will not overwrite it (fix or move it)').format(
            path=path, schema=SCHEMA, value=exc)) from None


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
