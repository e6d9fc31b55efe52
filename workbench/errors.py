"""Errors a user can cause: each carries one line fit to print, never a traceback; and `one_line`, which makes any text so."""
from __future__ import annotations

import re

# control characters (C0, DEL, C1), line and paragraph separators, and the lone surrogates that
# stand for bytes of a file name that are not UTF-8 (os.fsdecode's surrogateescape)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match) -> str:
    c = m.group(0)
    if c in _NAMED:
        return _NAMED[c]
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the byte the surrogate stands for
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """`text` as one printable line of valid Unicode: a newline in a file name shows as `\\n`, a
    byte that is not UTF-8 as `\\xff`, any other control character as `\\xNN`."""
    return _UNSAFE.sub(_escape, str(text))


class UserError(Exception):
    """A problem with the user's input, files or settings. `str(err)` is the whole message, one line."""

    exit_code = 2

    def __init__(self, message: object = "", *rest):
        super().__init__(one_line(str(message)), *rest)


class InputError(UserError):
    """A source file that cannot be read as a referat."""


class ConfigError(UserError):
    """A config.toml (or a file it names) that is not valid."""


class RecordError(UserError):
    """A saved record that cannot be read back."""
