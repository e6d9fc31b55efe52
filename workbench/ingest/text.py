"""Text and markdown files: the source lines are the file's own lines, untouched."""
from __future__ import annotations

from pathlib import Path

from workbench.errors import InputError
from workbench.model import SourceLine, SourceText

_CONTROL = {c for c in range(32)} - {9, 10, 12, 13}


def decode(name: str, data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252. Binary data is refused."""
    sample = data[:65536]
    controls = sum(1 for b in sample if b in _CONTROL)
    if controls > max(8, len(sample) // 20):
        raise InputError(f"{name}: looks like binary data, not text ({controls} control bytes in the first {len(sample):,})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 reads every byte.
        return data.decode("latin-1")


def read_text(path: Path, data: bytes, fmt: str) -> SourceText:
    text = decode(str(path), data).replace("\x00", "")
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    lines = [SourceLine(no=i + 1, text=part.rstrip("\r")) for i, part in enumerate(parts)]
    if not any(line.text.strip() for line in lines):
        raise InputError(f"{path}: has no text")
    return SourceText(file=path.name, sha256="", format=fmt, extractor="text", lines=lines)
