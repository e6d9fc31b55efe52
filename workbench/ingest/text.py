"""Text and markdown files: the source lines are the file's own lines, untouched.

The encoding: UTF-8 (with or without BOM); a UTF-8 file with a few bytes that are not UTF-8 is read
as UTF-8 with those bytes replaced (U+FFFD), each a warning on its line; a file with no UTF-8
multi-byte sequence and bytes that are not UTF-8 is Windows-1252.
"""
from __future__ import annotations

from workbench.i18n import _

import re
from pathlib import Path

from workbench.errors import InputError
from workbench.model import ReadProblem, SourceLine, SourceText

_CONTROL = {c for c in range(32)} - {9, 10, 12, 13}
# a well-formed UTF-8 sequence of two to four bytes (no overlong forms, no surrogates)
_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                        rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                        rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")


def decode(name: str, data: bytes) -> tuple[str, dict[int, list[int]]]:
    """(the text, and for each line holding bytes that were not UTF-8 — replaced by U+FFFD in the text —
    those bytes). Binary data is refused."""
    sample = data[:65536]
    controls = sum(1 for b in sample if b in _CONTROL)
    if controls > max(8, len(sample) // 20):
        raise InputError(_('{name}: looks like binary data, not text ({controls} control bytes in the first {n:,})').format(name=name, controls=controls, n=len(sample)))
    try:
        return data.decode("utf-8-sig"), {}
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="surrogateescape")  # each stray byte: a lone surrogate
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    valid = len(_MULTIBYTE.findall(data))
    if valid and stray <= valid:  # UTF-8 with a stray byte or two: the rest stays as written
        bad: dict[int, list[int]] = {}
        for no, line in enumerate(text.split("\n"), 1):
            found = [ord(ch) - 0xDC00 for ch in line if "\udc80" <= ch <= "\udcff"]
            if found:
                bad[no] = found
        return "".join("\ufffd" if "\udc80" <= ch <= "\udcff" else ch for ch in text), bad
    try:
        return data.decode("cp1252"), {}
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 reads every byte.
        return data.decode("latin-1"), {}


def read_text(path: Path, data: bytes, fmt: str) -> SourceText:
    text, bad = decode(str(path), data)
    text = text.replace("\x00", "")
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    lines = [SourceLine(no=i + 1, text=part.rstrip("\r")) for i, part in enumerate(parts)]
    if not any(line.text.strip() for line in lines):
        raise InputError(_('{path}: has no text').format(path=path))
    problems = []
    for no, found in sorted(bad.items()):
        shown = ", ".join(f"0x{b:02x}" for b in found[:3])
        what = f"a byte that is not UTF-8 ({shown})" if len(found) == 1 else f"{len(found)} bytes that are not UTF-8 ({shown})"
        problems.append(ReadProblem(
            f"line {no} holds {what}, read as '\ufffd': the letter written there is lost; the rest of the file "
            "is read as UTF-8", severity="warning", line=no))
    return SourceText(file=path.name, sha256="", format=fmt, extractor="text", lines=lines, problems=problems)
