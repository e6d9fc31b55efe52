"""File → SourceText: numbered lines, each with its page and (from PDFs) position and font."""
from __future__ import annotations

import hashlib
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


def load_source(path: str | Path, config: Config, progress: Progress | None = None) -> SourceText:
    """Read a referat (PDF, text or markdown). Raises InputError with a one-line message."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a folder, not a file")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if len(data) > config.max_bytes:
        raise InputError(f"{name}: the file is {len(data):,} bytes, over the limit of {config.max_bytes:,} (limits.max_bytes)")
    digest = hashlib.sha256(data).hexdigest()
    fmt = sniff_format(path, data[:8])
    if fmt == "pdf":
        from workbench.ingest.pdf import read_pdf

        source = read_pdf(path, data, config, progress)
    else:
        from workbench.ingest.text import read_text

        source = read_text(path, data, fmt)
    source.sha256 = digest
    from workbench.ingest.furniture import mark_furniture

    mark_furniture(source, config)
    return source
