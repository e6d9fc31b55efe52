"""Message catalogs as files: reading a .po, writing one entry, and compiling entries to GNU .mo bytes (msgfmt)."""
from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

# the header's key: the entry whose msgid is "" (its msgstr holds Content-Type, Plural-Forms, …)
HEADER = ""
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$')
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(.*)$")


class PoError(ValueError):
    """A .po file that cannot be read: `str(err)` is one line, `file:line: problem`."""


@dataclass(frozen=True)
class Entry:
    """One message: its id (and plural id, context), its translation(s), and where it stands."""

    msgid: str
    strings: tuple[str, ...]  # msgstr, or msgstr[0], msgstr[1], … for a plural entry
    plural: str | None = None
    context: str | None = None
    fuzzy: bool = False
    line: int = 0

    @property
    def key(self) -> str:
        """The key the .mo looks it up by: context and id joined with EOT, as gettext does."""
        return self.msgid if self.context is None else f"{self.context}\x04{self.msgid}"


def read_po(path: Path) -> list[Entry]:
    return parse_po(path.read_text(encoding="utf-8"), str(path))


def parse_po(text: str, name: str = "<po>") -> list[Entry]:
    """The live entries of a .po text in file order (obsolete `#~` entries left out)."""
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    current: dict = {}
    field: str | None = None  # the keyword the next continuation line belongs to
    fuzzy = False

    def finish() -> None:
        nonlocal current, fuzzy, field
        if not current:
            fuzzy = False
            return
        where = current["line"]
        if "msgid" not in current:
            raise PoError(f"{name}:{where}: an entry without msgid")
        if "plural" in current:
            numbered = current.get("numbered", {})
            if "msgstr" in current or sorted(numbered) != list(range(len(numbered))) or not numbered:
                raise PoError(f"{name}:{where}: a plural entry needs msgstr[0], msgstr[1], … and no plain msgstr")
            strings = tuple(numbered[i] for i in range(len(numbered)))
        else:
            if "numbered" in current or "msgstr" not in current:
                raise PoError(f"{name}:{where}: an entry needs one msgstr")
            strings = (current["msgstr"],)
        entry = Entry(current["msgid"], strings, current.get("plural"), current.get("context"), fuzzy, where)
        if entry.key in seen:
            raise PoError(f"{name}:{where}: msgid {entry.msgid!r} is already at line {seen[entry.key]}")
        seen[entry.key] = where
        entries.append(entry)
        current, fuzzy, field = {}, False, None

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if "msgstr" in current or current.get("numbered"):
                finish()
            if line.startswith("#,") and "fuzzy" in (f.strip() for f in line[2:].split(",")):
                fuzzy = True
            continue
        m = _KEYWORD.match(line)
        if m:
            keyword, index, rest = m.group(1), m.group(2), m.group(3)
            value = _unquote(rest, name, number)
            if keyword in ("msgctxt", "msgid") and ("msgstr" in current or current.get("numbered")):
                finish()
            if keyword == "msgctxt" and "msgid" in current or keyword == "msgid" and "msgid" in current:
                raise PoError(f"{name}:{number}: {keyword} where a msgstr was expected")
            if not current:
                current["line"] = number
            if index is not None:
                numbered = current.setdefault("numbered", {})
                if int(index) in numbered:
                    raise PoError(f"{name}:{number}: msgstr[{index}] twice")
                numbered[int(index)] = value
                field = f"numbered:{index}"
            else:
                target = {"msgctxt": "context", "msgid_plural": "plural"}.get(keyword, keyword)
                if target != "msgid" and "msgid" not in current and target != "context":
                    raise PoError(f"{name}:{number}: {keyword} before msgid")
                current[target] = value
                field = target
            continue
        if line.startswith('"'):
            if field is None:
                raise PoError(f"{name}:{number}: a quoted string belongs to no keyword")
            value = _unquote(line, name, number)
            if field.startswith("numbered:"):
                current["numbered"][int(field[9:])] += value
            else:
                current[field] += value
            continue
        raise PoError(f"{name}:{number}: cannot read {one_quote(line)}")
    finish()
    return entries


def one_quote(line: str) -> str:
    return repr(line[:40] + ("…" if len(line) > 40 else ""))


def _unquote(rest: str, name: str, number: int) -> str:
    m = _QUOTED.match(rest.strip())
    if not m:
        raise PoError(f"{name}:{number}: expected a string in double quotes")
    out, body, i = [], m.group(1), 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            nxt = body[i + 1]
            if nxt not in _ESCAPES:
                raise PoError(f"{name}:{number}: unknown escape \\{nxt}")
            out.append(_ESCAPES[nxt])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def quote(text: str) -> str:
    """`text` as one .po string literal."""
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{body.replace(chr(13), chr(92) + "r")}"'


def format_entry(entry: Entry) -> str:
    """One entry as .po text (a blank line after), as the extractor appends it."""
    lines = ["#, fuzzy"] if entry.fuzzy else []
    if entry.context is not None:
        lines.append(f"msgctxt {quote(entry.context)}")
    lines.append(f"msgid {quote(entry.msgid)}")
    if entry.plural is None:
        lines.append(f"msgstr {quote(entry.strings[0])}")
    else:
        lines.append(f"msgid_plural {quote(entry.plural)}")
        lines += [f"msgstr[{i}] {quote(s)}" for i, s in enumerate(entry.strings)]
    return "\n".join(lines) + "\n\n"


def header_fields(entries: list[Entry]) -> dict[str, str]:
    """The header entry's `Name: value` lines (empty without a header)."""
    out: dict[str, str] = {}
    for e in entries:
        if e.key == HEADER:
            for line in e.strings[0].splitlines():
                name, colon, value = line.partition(":")
                if colon:
                    out[name.strip()] = value.strip()
    return out


def nplurals(entries: list[Entry]) -> int:
    """How many plural forms the header's Plural-Forms declares (0 when it declares none)."""
    m = re.search(r"nplurals\s*=\s*(\d+)", header_fields(entries).get("Plural-Forms", ""))
    return int(m.group(1)) if m else 0


def compile_mo(entries: list[Entry]) -> bytes:
    """GNU .mo bytes for the entries, as msgfmt writes them minus the optional hash table: keys in
    sorted order, fuzzy entries and untranslated ones left out (the header is always kept). The
    same entries give the same bytes, so a committed .mo can be compared with its .po."""
    pairs: dict[bytes, bytes] = {}
    for e in entries:
        if e.key != HEADER and (e.fuzzy or not all(e.strings)):
            continue
        key = e.key if e.plural is None else f"{e.key}\x00{e.plural}"
        pairs[key.encode("utf-8")] = "\x00".join(e.strings).encode("utf-8")
    keys = sorted(pairs)
    n = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + n * 8
    data_at = translations_at + n * 8
    tables, blob = [b"", b""], bytearray()
    for which, texts in enumerate((keys, [pairs[k] for k in keys])):
        for text in texts:
            tables[which] += struct.pack("<II", len(text), data_at + len(blob))
            blob += text + b"\x00"
    head = struct.pack("<7I", 0x950412DE, 0, n, originals_at, translations_at, 0, data_at)
    return head + tables[0] + tables[1] + bytes(blob)
