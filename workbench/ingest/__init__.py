"""File → SourceText: numbered lines, each with its page and (from PDFs) position and font."""
from __future__ import annotations

from workbench.i18n import _

import hashlib
import os
import stat
from pathlib import Path
from typing import Callable

from workbench.config import Config
from workbench.errors import InputError
from workbench.model import SourceText

Progress = Callable[[int, int], None]  # (pages done, pages in all); may raise Cancelled


class Cancelled(InputError):
    """The reader stopped a long extraction."""


def sniff_format(path: Path, head: bytes) -> str:
    if head.startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        return "pdf"
    return "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"


def _kind(mode: int) -> str:
    for test, what in ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return "something other than a file"


def check_input(path: str | Path) -> os.stat_result:
    """A FILE argument must be a regular file (a symbolic link to one is fine): a folder, device,
    FIFO or socket is refused before anything opens it (a FIFO would block, /dev/zero never end)."""
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(_('{name}: no such file').format(name=name)) from None
    except PermissionError:
        raise InputError(_('{name}: cannot be read (permission denied)').format(name=name)) from None
    except (OSError, ValueError) as exc:
        raise InputError(_('{name}: cannot be read ({value})').format(name=name, value=getattr(exc, 'strerror', None) or exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(_('{name}: is a folder, not a file').format(name=name))
    if not stat.S_ISREG(st.st_mode):
        raise InputError(_('{name}: is not a regular file but {value}; give a PDF, text or markdown file').format(name=name, value=_kind(st.st_mode)))
    return st


def _too_big(name: str, size: int, config: Config) -> InputError:
    return InputError(_('{name}: the file is {size:,} bytes, over the limit of {max_bytes:,} (limits.max_bytes)').format(name=name, size=size, max_bytes=config.max_bytes))


def _read_bounded(path: Path, config: Config) -> bytes:
    """The file's bytes, its size checked against `limits.max_bytes` before anything is read; opened
    without blocking, and checked again once open (the path may have been swapped meanwhile)."""
    name = str(path)
    size = check_input(path).st_size
    if size > config.max_bytes:
        raise _too_big(name, size, config)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise InputError(_('{name}: cannot be read (permission denied)').format(name=name)) from None
    except OSError as exc:
        raise InputError(_('{name}: cannot be read ({value})').format(name=name, value=exc.strerror or exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(_('{name}: is not a regular file but {value}; give a PDF, text or markdown file').format(name=name, value=_kind(st.st_mode)))
        if st.st_size > config.max_bytes:
            raise _too_big(name, st.st_size, config)
        chunks, size = [], 0
        while size <= config.max_bytes:  # a file that grows while it is read stops at the limit
            chunk = os.read(fd, min(1 << 20, config.max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > config.max_bytes:
            raise _too_big(name, size, config)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(_('{name}: cannot be read ({value})').format(name=name, value=exc.strerror or exc)) from None
    finally:
        os.close(fd)


def load_source(path: str | Path, config: Config, progress: Progress | None = None, cancel=None) -> SourceText:
    """Read a referat (PDF, text or markdown). Raises InputError with a one-line message. `cancel`
    (a threading.Event or a callable) stops a PDF being read as soon as it is set. Inside a job of
    `workbench.work`, the job's cancel event and progress stand in for those not given. A PDF read
    before (the same bytes, by sha256) comes from the cache (`cache.py`), under the same limits."""
    from workbench import work
    from workbench.ingest import cache

    job = work.current()
    if job is not None:
        cancel = job.cancelled if cancel is None else cancel
        progress = job.report if progress is None else progress
    path = Path(path)
    name = str(path)
    data = _read_bounded(path, config)
    if not data.strip():
        raise InputError(_('{name}: the file is empty').format(name=name))
    digest = hashlib.sha256(data).hexdigest()
    fmt = sniff_format(path, data[:8])
    marks = furniture_key(config)
    if fmt == "pdf":
        key = pdf_key(digest)
        source = _cached_pdf(path, digest, key, marks, config, progress, cancel)
        if source is None:
            from workbench.ingest.pages import read_pdf

            source = read_pdf(path, data, config, progress, cancel)
            source.sha256 = digest
            _mark(source, config)
            cache.write("source", digest, key, cache.source_body(source, marks))
    else:
        from workbench.ingest.text import read_text

        key = {"sha256": digest, "format": fmt, "code": cache.code_hash("ingest/text.py")}
        source = read_text(path, data, fmt)
        source.sha256 = digest
        _mark(source, config)
    cache.remember(source, cache.digest({"source": key, "furniture": marks}))
    return source


def _mark(source: SourceText, config: Config) -> None:
    from workbench.ingest.furniture import mark_furniture

    mark_furniture(source, config)


def pdf_key(digest: str) -> dict:
    """What a PDF's lines are made from: its bytes and the reader (versions and code)."""
    from importlib.metadata import version

    from workbench.ingest import cache
    from workbench.ingest.pdf import EXTRACTOR_VERSION

    return {"sha256": digest, "extractor": EXTRACTOR_VERSION, "pdfplumber": version("pdfplumber"),
            "pdfminer": version("pdfminer.six"),
            "code": cache.code_hash("ingest/pdf.py", "ingest/pages.py", "ingest/damage.py", "ingest/turned.py")}


def furniture_key(config: Config) -> str:
    """The digest of what furniture marks are made from: furniture.py and the config it reads."""
    from workbench.ingest import cache

    return cache.digest({"code": cache.code_hash("ingest/furniture.py"), "patterns": config.patterns,
                         "front": config.front, "kinds": config.kinds})


def _cached_pdf(path: Path, digest: str, key: dict, marks: str, config: Config, progress, cancel) -> SourceText | None:
    """The PDF's source from the cache, checked against the limits as a reading would be; None if not there."""
    import dataclasses

    from workbench.ingest import cache
    from workbench.model import SourceLine

    body = cache.read("source", digest, key)
    if body is None:
        return None
    try:
        source, marked = cache.source_from(body, path.name, digest)
    except (cache.Bad, TypeError):
        return None
    if not source.pages:
        return None
    if source.pages > config.max_pages:
        raise InputError(_('{path}: the PDF has {pages} pages, over the limit of {max_pages} (limits.max_pages)').format(path=path, pages=source.pages, max_pages=config.max_pages))
    stop = getattr(cancel, "is_set", cancel)
    if stop is not None and stop():
        raise Cancelled(f"{path}: opening cancelled")
    if progress is not None:
        progress(source.pages, source.pages)
    if marked != marks:  # the config marks other lines as page furniture: marked again, not read again
        defaults = {f.name: f.default for f in dataclasses.fields(SourceLine) if f.name.startswith("furniture")}
        for line in source.lines:
            for field, value in defaults.items():
                setattr(line, field, value)
        _mark(source, config)
        cache.write("source", digest, key, cache.source_body(source, marks))
    return source
