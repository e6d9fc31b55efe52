"""The journal: every correction of a review session, one JSON line each, on disk at once.

`<sha256>.journal` beside the records. A line is written, flushed and fsynced before the
operation returns, so a crash (kill -9, power) loses nothing the reviewer was told was done.
Each line carries `n`, the correction's place in the record's `[[corrections]]`: after a save
the journal is emptied, and should a crash fall between writing the record and emptying the
journal, the lines the record already holds are known by their `n` and skipped.

Each line also carries `"v": 2`, its form (links.py): an undo or redo says what it takes back or
makes again in the fields `undoes` / `redoes`. A line without "v" was written by an older
workbench, which put that link only into the note; it is read as that workbench read it. A
line of a newer form than this workbench knows refuses the journal (it is kept as it is).
An older workbench reads a line of form 2 as one of its own: it skips the keys it does not know
and finds the link in the note, which still says "undo of #k" / "redo of #k".

Dates, times and datetimes are tagged (`{"$date": "2025-01-29"}`) so that they come back as
what they were. A line that cannot be read (the last one, torn by a crash mid-write) is
ignored, never fatal.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from workbench.errors import UserError
from workbench.i18n import _
from workbench.model import Correction
from workbench.ownfiles import NotOurs, create_own, read_own
from workbench.record import fsync_dir
from workbench.review import links
from workbench.review.repairs import KINDS

FIELDS = ("at", "field", "before", "after", "source", "line", "column", "text", "note", *links.KEYS)


def encode(value):
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    return value


def decode(value):
    if isinstance(value, dict):
        if len(value) == 1:
            (tag, text), = value.items()
            if tag == "$datetime":
                return dt.datetime.fromisoformat(text)
            if tag == "$date":
                return dt.date.fromisoformat(text)
            if tag == "$time":
                return dt.time.fromisoformat(text)
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def dumps_line(n: int, c: Correction) -> str:
    data = {"v": links.FORM, "n": n}
    for key in FIELDS:
        value = getattr(c, key)
        if value is not None:
            data[key] = encode(value)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


class Unreadable(Exception):
    """A journal line no crash makes: nested too deeply, or text that is not Unicode."""


def loads_line(line: str) -> tuple[int, Correction] | None:
    """One journal line, or None when it is torn or not a correction; `Unreadable` when it is
    hostile (no torn write makes JSON nested thousands deep, or a lone surrogate)."""
    try:
        data = json.loads(line)
    except RecursionError:
        raise Unreadable("is nested too deeply to be a correction") from None
    except ValueError:
        return None
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise Unreadable("holds text that is not valid Unicode (a lone surrogate)") from None
    except RecursionError:
        raise Unreadable("is nested too deeply to be a correction") from None
    try:
        if not isinstance(data, dict) or not isinstance(data.get("n"), int) or isinstance(data["n"], bool):
            return None
        form = data.get("v")
        if links.newer(form):
            raise Unreadable(f"was written by a newer workbench (journal form {form}; this one reads up to "
                             f"{links.FORM})")
        if form is not None and form != links.FORM:
            return None
        values = links.linked({k: decode(data[k]) for k in FIELDS if k in data}, form)
        at = values.get("at")
        if not isinstance(at, dt.datetime):
            return None
        if not isinstance(values.get("field"), str) and values.get("source") not in KINDS:
            return None
        if not links.well_formed(values):
            return None
        for key in ("line", "column"):
            if key in values and (not isinstance(values[key], int) or isinstance(values[key], bool)):
                return None
        text = values.get("text", [])
        if not isinstance(text, list) or not all(isinstance(t, str) for t in text):
            return None
        return data["n"], Correction(**values)
    except (ValueError, TypeError, KeyError):
        return None
    except RecursionError:
        raise Unreadable("is nested too deeply to be a correction") from None


class Journal:
    def __init__(self, path: Path):
        self.path = Path(path)

    def read(self) -> tuple[list[tuple[int, Correction]], bool]:
        """The entries that can be read, and whether anything could not (a torn line)."""
        try:
            raw = read_own(self.path)  # never through a link planted as the journal
        except FileNotFoundError:
            return [], False
        except NotOurs as exc:
            raise UserError(_('{path}: {value}; the review is not opened').format(path=self.path, value=exc.strerror)) from None
        except OSError as exc:
            raise UserError(_('{path}: cannot be read ({value})').format(path=self.path, value=exc.strerror or exc)) from None
        entries = []
        damaged = bool(raw) and not raw.endswith(b"\n")
        for no, chunk in enumerate(raw.split(b"\n"), 1):
            if not chunk.strip():
                continue
            try:
                entry = loads_line(chunk.decode("utf-8"))
            except UnicodeDecodeError:
                entry = None
            except Unreadable as exc:  # refused whole, and the journal left as it is for a person to look at
                raise UserError(_('{path}: line {no} {value}; the journal is kept as it is (move it away to review the source afresh)').format(
                    path=self.path, no=no, value=exc)) from None
            if entry is None:
                damaged = True
            else:
                entries.append(entry)
        return entries, damaged

    def append(self, n: int, c: Correction) -> None:
        line = dumps_line(n, c).encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, new = create_own(self.path, os.O_RDWR | os.O_APPEND)  # O_EXCL when new, never a link
            size = os.fstat(fd).st_size
            try:
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    line = b"\n" + line  # after a torn line: never glue this one to it
                while line:
                    line = line[os.write(fd, line):]
                os.fsync(fd)
            except OSError:
                try:  # the change is refused: it must not come back from a half-written line
                    os.ftruncate(fd, size)
                except OSError:
                    pass
                raise
            finally:
                os.close(fd)
        except NotOurs as exc:
            raise UserError(_('{path}: {value}; the change was not made').format(path=self.path, value=exc.strerror)) from None
        except OSError as exc:
            raise UserError(_('{path}: the journal cannot be written ({value}); the change was not made').format(
                path=self.path, value=exc.strerror or exc)) from None
        if new:
            fsync_dir(self.path.parent)

    def rewrite(self, entries: list[tuple[int, Correction]]) -> None:
        """Replace the journal, atomically, by these entries (none: remove it)."""
        from workbench.record import write_atomic

        if entries:
            write_atomic(self.path, "".join(dumps_line(n, c) for n, c in entries))
            return
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise UserError(_('{path}: the journal cannot be emptied ({value})').format(path=self.path, value=exc.strerror or exc)) from None
        fsync_dir(self.path.parent)


