"""The extraction cache: a referat is read (and parsed) once; opened again, its lines and draft come from here.

Where: `platformdirs.user_cache_dir("referat-workbench")/extract/` (`~/.cache/referat-workbench/extract`
on Linux), or the folder in the environment variable WORKBENCH_CACHE_DIR (set but empty: no cache).
Nothing is put where records are looked up. Two entries per source, named by the source's sha256:

    <sha256>.source.json   the source lines of a PDF: text, page, position, font, furniture marks,
                           and what could not be read (`SourceText.problems`)
    <sha256>.draft.json    the draft record parsed from them (`pipeline.analyse_source`): a Referat
                           as plain JSON, without its source

Format (version 1): UTF-8 JSON, two lines. The first is the header
`{"format": "referat-workbench-cache", "version": 1, "kind": "source"|"draft", "key": {...},
"body_sha256": "<hex>", "body_bytes": N}`, the second the body. A source body is
`{"format", "extractor", "pages", "line_fields": [SourceLine's fields], "lines": [[values in that
order], ...], "problems": [{message, severity, page, line}], "furniture_key": "<hex>"}`; a draft
body is the Referat's fields (dates `YYYY-MM-DD`, times and datetimes ISO 8601, tuples and sets
as lists). The key says what the entry was made from: the source's sha256, the extractor's version
(EXTRACTOR_VERSION, the pdfplumber and pdfminer versions, a hash of the reader's code) and, for a
draft, the parser's version, a hash of the parser's code, of the config sections that shape a parse
(not `[keys]`, `[output]` or `[limits]`) and of the roster. Furniture marks carry the hash of the
config they were marked with; only they are made again when it differs.

An entry is never trusted: one that is truncated, of another format, version or kind, made from
another key, whose body does not match its hash or length, or whose values are not of their
fields' types is ignored (and made again). Entries are written atomically (a temp file in the
same folder, fsync, `os.replace`); one that cannot be written is left out, never an error.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import os
import secrets
import stat
import types
import typing
from functools import lru_cache
from pathlib import Path

FORMAT = "referat-workbench-cache"
VERSION = 1
APP = "referat-workbench"
MAX_ENTRY = 1 << 30  # a larger file is no entry of ours
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class Bad(ValueError):
    """An entry whose values are not what their fields hold."""


def cache_dir() -> Path | None:
    env = os.environ.get("WORKBENCH_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    from platformdirs import user_cache_path

    return user_cache_path(APP, appauthor=False) / "extract"


def digest(value) -> str:
    """The sha256 of a value's canonical JSON (`plain`)."""
    return hashlib.sha256(json.dumps(plain(value), sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode()).hexdigest()


@lru_cache(maxsize=None)
def code_hash(*files: str) -> str:
    """The sha256 of the named files of the package (relative to workbench/; a folder: its .py files)."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for name in files:
        path = root / name
        for f in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            h.update(str(f.relative_to(root)).encode() + b"\0")
            try:
                h.update(f.read_bytes())
            except OSError:
                h.update(b"?")
    return h.hexdigest()


# ---------------------------------------------------------------- entries on disk
def read(kind: str, sha: str, key: dict):
    """The body of the entry, or None when there is none to trust."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        fd = os.open(folder / f"{sha}.{kind}.json", os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(MAX_ENTRY + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    head, sep, body = raw.partition(b"\n")
    try:
        header = json.loads(head)
        if (not sep or not isinstance(header, dict) or header.get("format") != FORMAT
                or header.get("version") != VERSION or header.get("kind") != kind or header.get("key") != plain(key)
                or header.get("body_bytes") != len(body) or header.get("body_sha256") != hashlib.sha256(body).hexdigest()):
            return None
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def write(kind: str, sha: str, key: dict, body) -> None:
    """Write the entry atomically; a cache that cannot be written is no error."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    except (ValueError, TypeError, RecursionError):
        return
    header = {"format": FORMAT, "version": VERSION, "kind": kind, "key": plain(key),
              "body_sha256": hashlib.sha256(text).hexdigest(), "body_bytes": len(text)}
    data = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" + text
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = folder / f".{sha}.{kind}.{secrets.token_hex(6)}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, folder / f"{sha}.{kind}.json")
        temp = None
        dirfd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(dirfd)
        finally:
            os.close(dirfd)
    except OSError:
        pass
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass


# ---------------------------------------------------------------- values ⇄ JSON
def plain(value):
    """A value as plain JSON data: dataclasses as objects of their fields, dates ISO, tuples and sets
    as lists (sets sorted), config patterns as their text and flags, paths as text."""
    if isinstance(value, enum.Enum):  # before str: a StrEnum member is written as its plain value
        return plain(value.value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (dt.date, dt.time)):  # datetime too
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if hasattr(value, "pattern") and hasattr(value, "rx"):  # a ConfigPattern
        return {"pattern": value.pattern, "flags": getattr(value.rx, "flags", 0)}
    raise TypeError(f"no plain form for {type(value).__name__}")


def _scalar(tp):
    def convert(v):
        if tp is float and isinstance(v, int) and not isinstance(v, bool):
            return float(v)
        if type(v) is not tp:
            raise Bad(f"{v!r} is not {tp.__name__}")
        return v
    return convert


@lru_cache(maxsize=None)
def converter(tp):
    """A function from plain JSON data to a value of type `tp`, raising Bad for anything else."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp in (str, int, float, bool):
        return _scalar(tp)
    if tp is object or tp is typing.Any:
        return lambda v: v
    if tp is type(None):
        return _scalar(type(None))
    if origin in (typing.Union, types.UnionType):
        inner = [converter(a) for a in args if a is not type(None)]
        optional = type(None) in args

        def union(v):
            if v is None and optional:
                return None
            for c in inner:
                try:
                    return c(v)
                except Bad:
                    pass
            raise Bad(f"{v!r} fits none of {tp}")
        return union
    if tp in (dt.date, dt.time, dt.datetime):
        def when(v):
            if not isinstance(v, str):
                raise Bad(f"{v!r} is not a {tp.__name__}")
            try:
                return tp.fromisoformat(v)
            except ValueError:
                raise Bad(f"{v!r} is not a {tp.__name__}") from None
        return when
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        def member(v):
            try:
                return tp(v)
            except ValueError:
                raise Bad(f"{v!r} is no {tp.__name__}") from None
        return member
    if origin in (list, set, frozenset) or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
        each = converter(args[0])
        make = tuple if origin is tuple else origin

        def many(v):
            if not isinstance(v, list):
                raise Bad(f"{v!r} is not a list")
            return make(each(x) for x in v)
        return many
    if origin is tuple:
        parts = [converter(a) for a in args]

        def fixed(v):
            if not isinstance(v, list) or len(v) != len(parts):
                raise Bad(f"{v!r} is not {len(parts)} values")
            return tuple(c(x) for c, x in zip(parts, v))
        return fixed
    if origin is dict:
        keys, values = converter(args[0]), converter(args[1])

        def table(v):
            if not isinstance(v, dict):
                raise Bad(f"{v!r} is not an object")
            return {keys(k): values(x) for k, x in v.items()}
        return table
    if dataclasses.is_dataclass(tp):
        return _record(tp, ())
    raise TypeError(f"no converter for {tp!r}")


def _record(cls, leave_out: tuple[str, ...]):
    hints = typing.get_type_hints(cls)
    fields = [(f.name, converter(hints[f.name])) for f in dataclasses.fields(cls) if f.name not in leave_out]
    names = {n for n, _ in fields}
    required = {f.name: None for f in dataclasses.fields(cls) if f.name in leave_out
                and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}

    def build(v):
        if not isinstance(v, dict) or set(v) != names:
            raise Bad(f"not the fields of {cls.__name__}")
        return cls(**required, **{n: c(v[n]) for n, c in fields})
    return build


@lru_cache(maxsize=None)
def record_of(cls, leave_out: tuple[str, ...] = ()):
    """The converter for dataclass `cls` without the fields `leave_out` (their defaults, else None)."""
    return _record(cls, leave_out)


# ---------------------------------------------------------------- sources
def source_body(source, furniture_key: str) -> dict:
    from workbench.model import SourceLine

    names = [f.name for f in dataclasses.fields(SourceLine)]
    return {"format": source.format, "extractor": source.extractor, "pages": source.pages, "line_fields": names,
            "lines": [[plain(getattr(line, n)) for n in names] for line in source.lines],
            "problems": [plain(p) for p in source.problems], "furniture_key": furniture_key}


def source_from(body, file: str, sha: str):
    """(SourceText, the furniture key it was marked with) from a source body; raises Bad."""
    from workbench.model import ReadProblem, SourceLine, SourceText

    if not isinstance(body, dict) or set(body) != {"format", "extractor", "pages", "line_fields", "lines",
                                                   "problems", "furniture_key"}:
        raise Bad("not a source")
    hints = typing.get_type_hints(SourceLine)
    names = [f.name for f in dataclasses.fields(SourceLine)]
    if body["line_fields"] != names or not isinstance(body["lines"], list) or not isinstance(body["problems"], list):
        raise Bad("not the fields of SourceLine")
    convert = [converter(hints[n]) for n in names]
    lines = []
    for row in body["lines"]:
        if not isinstance(row, list) or len(row) != len(convert):
            raise Bad("a line of another shape")
        lines.append(SourceLine(*[c(v) for c, v in zip(convert, row)]))
    if [ln.no for ln in lines] != list(range(1, len(lines) + 1)):
        raise Bad("lines out of order")
    problems = [record_of(ReadProblem)(p) for p in body["problems"]]
    source = SourceText(file=file, sha256=sha, format=converter(str)(body["format"]),
                        extractor=converter(str)(body["extractor"]), lines=lines,
                        pages=converter(int | None)(body["pages"]), problems=problems)
    return source, converter(str)(body["furniture_key"])


# ---------------------------------------------------------------- what a source is, in this process
_PRISTINE: dict[str, tuple[tuple, str]] = {}  # sha256 -> (the source's signature, its key's digest)


def signature(source) -> tuple:
    from workbench.model import SourceLine

    names = [f.name for f in dataclasses.fields(SourceLine)]
    get = __import__("operator").attrgetter(*names)
    return (source.format, source.extractor, source.pages, tuple(get(ln) for ln in source.lines),
            tuple((p.message, p.severity, p.page, p.line) for p in source.problems))


def remember(source, key_digest: str) -> None:
    """`source` is what reading its file gives, under this key (for `pristine_key`)."""
    if len(_PRISTINE) >= 16:
        _PRISTINE.pop(next(iter(_PRISTINE)))
    _PRISTINE[source.sha256] = (signature(source), key_digest)


def pristine_key(source) -> str | None:
    """The key digest of the reading `source` is the same as (a copy, not repaired), or None."""
    known = _PRISTINE.get(source.sha256)
    if known is None or signature(source) != known[0]:
        return None
    return known[1]
