"""Text made safe to show on a terminal: control characters (C0, DEL, C1 and the bidirectional
overrides) shown as escapes (`\\x1b`, `\\u202e`), so that a document or a file name can never move
the cursor, ring the bell, retitle the window or reorder what is shown. Values are kept as they are;
only what is printed or drawn goes through here."""
from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TOML_RAW = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069]")  # what tomli-w leaves unescaped


def _escape(m: re.Match) -> str:
    o = ord(m.group())
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with every control character except those in `keep` (e.g. a tab) escaped."""
    if text.isprintable() and not keep:
        return text
    return _CONTROLS.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)


def toml_safe(text: str) -> str:
    """TOML from tomli-w with the C1 controls and bidi overrides (which TOML allows raw) escaped as
    `\\u009b`…: the same values, read back, and nothing a terminal takes for a command or reorders.
    tomli-w writes basic strings only, where such escapes are valid."""
    return _TOML_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
