"""Reading settings files (config.toml, the roster) safely, and their values by type, with one-line errors.

A settings file must be a regular file of a sane size: a FIFO, a device (`/dev/zero`) or a
folder is refused before a byte is read, so nothing waits or reads without end. Its TOML must
not nest deeper than a settings file ever does (tomllib is slow on very long dotted keys and
recurses on nested arrays). The typed getters read one value each and say, when it is wrong,
which key holds what: `config.toml: 'front.date' must be a list of strings, not an integer`.
"""
from __future__ import annotations

from workbench.i18n import N_, _

import datetime as dt
import os
import re
import stat
import tomllib
from pathlib import Path

from workbench.errors import UserError

MAX_DOTS = 32  # a key of more parts than this is not a setting (tomllib is quadratic in them)
_KEY_PART = re.compile(r"^\s*(?:(\[\[?)([^=\]\n]*)|([^=\[\n]*)=)")  # a table's header, or a key before its =: not a line of text


def read_settings_file(path: Path, what: str, error: type[UserError], limit: int, label: str | None = None,
                       missing: str | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; `error` with one line otherwise."""
    label = label or str(path)
    what = _(what)  # `what` and `missing` are English sources (N_), shown in the language spoken
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise error(_('{label}: {value}').format(label=label, value=_(missing) if missing else _("no such {what}").format(what=_(what)))) from None
    except PermissionError:
        raise error(_('{label}: permission denied').format(label=label)) from None
    except (OSError, ValueError) as exc:
        raise error(_('{label}: cannot be read ({value})').format(label=label, value=getattr(exc, 'strerror', None) or exc)) from None
    _regular(st, label, what, error)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise error(_('{label}: permission denied').format(label=label)) from None
    except OSError as exc:
        raise error(_('{label}: cannot be read ({value})').format(label=label, value=exc.strerror or exc)) from None
    try:
        st = os.fstat(fd)
        _regular(st, label, what, error)  # replaced between the two looks: look again at what was opened
        if st.st_size > limit:
            raise error(_('{label}: is {st_size:,} bytes, more than a {what} can be ({limit:,})').format(label=label, st_size=st.st_size, what=what, limit=limit))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise error(_('{label}: is more than a {what} can be ({limit:,} bytes)').format(label=label, what=what, limit=limit))
        return b"".join(chunks)
    except OSError as exc:
        raise error(_('{label}: cannot be read ({value})').format(label=label, value=exc.strerror or exc)) from None
    finally:
        os.close(fd)


def _regular(st: os.stat_result, label: str, what: str, error: type[UserError]) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise error(_('{label}: is a folder, not a {what}').format(label=label, what=what))
    if not stat.S_ISREG(st.st_mode):
        kind = (_("a FIFO") if stat.S_ISFIFO(st.st_mode) else _("a device") if stat.S_ISCHR(st.st_mode) or
                stat.S_ISBLK(st.st_mode) else _("a socket") if stat.S_ISSOCK(st.st_mode) else _("not a regular file"))
        raise error(_('{label}: is {kind}, not a {what} (give a regular file)').format(label=label, kind=kind, what=what))


def loads_toml(text: str, label: str, error: type[UserError], tail: str = "") -> dict:
    """tomllib.loads, refusing what nests deeper than a settings file or a record does (`tail` ends
    the message); TOMLDecodeError is left to the caller (each names the place in its own words)."""
    for no, line in enumerate(text.splitlines(), 1):
        if line.count(".") > MAX_DOTS:
            m = _KEY_PART.match(line)
            if m and (m.group(2) or m.group(3) or "").count(".") > MAX_DOTS:
                raise error(_('{label}: line {no}: a key of more than {MAX_DOTS} parts, deeper than any setting or record nests{tail}').format(label=label, no=no, MAX_DOTS=MAX_DOTS, tail=tail))
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise error(_('{label}: values nested too deeply (lists or tables inside one another){tail}').format(label=label, tail=tail)) from None


def kind_of(value) -> str:
    """What a TOML value is, for a message: 'a string', 'an integer', 'a table', …"""
    for kind, name in ((bool, N_("a boolean")), (int, N_("an integer")), (float, N_("a float")), (str, N_("a string")),
                       (dict, N_("a table")), (list, N_("a list")), (dt.datetime, N_("a date and time")),
                       (dt.date, N_("a date")), (dt.time, N_("a time"))):
        if isinstance(value, kind):
            return _(name)
    return type(value).__name__


def strings(label: str, value, key: str, error: type[UserError], one_is_many: bool = True) -> tuple[str, ...]:
    """A list of strings (a single string is a list of one)."""
    if isinstance(value, str) and one_is_many:
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise error(_("{label}: '{key}' must be a list of strings, not {value}").format(label=label, key=key, value=kind_of(value)))
    for i, v in enumerate(value):
        if not isinstance(v, str):
            raise error(_("{label}: '{key}[{i}]' must be a string, not {value}").format(label=label, key=key, i=i, value=kind_of(v)))
    return tuple(value)


def text(label: str, value, key: str, error: type[UserError], path: bool = False) -> str:
    """A string of one line (a path: without NUL either)."""
    if not isinstance(value, str):
        raise error(_("{label}: '{key}' must be a string, not {value}").format(label=label, key=key, value=kind_of(value)))
    if path and "\0" in value:
        raise error(_("{label}: '{key}' holds a NUL character, which no file name can").format(label=label, key=key))
    if any(c in value for c in "\n\r\0"):
        raise error(_("{label}: '{key}' must be one line").format(label=label, key=key))
    return value


def table(label: str, value, key: str, error: type[UserError]) -> dict:
    if not isinstance(value, dict):
        raise error(_("{label}: '{key}' must be a table, not {value}").format(label=label, key=key, value=kind_of(value)))
    return value
