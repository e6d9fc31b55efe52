"""config.toml → a frozen Config, with one-line errors for every mistake a user can make."""
from __future__ import annotations

from workbench.i18n import N_, _

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from workbench import settings
from workbench.errors import ConfigError
from workbench.patterns import ConfigPattern, compile_pattern

PACKAGED = Path(__file__).parent / "data" / "config.toml"

# The keys a config file may hold: a nested dict of allowed names; `None` means any value.
_ALLOWED: dict = {
    "roster": None,
    "output": {"dir": None, "reviewer": None},
    "inbox": {"dir": None},
    "limits": {"max_pages": None, "max_seconds": None, "max_bytes": None, "max_memory_mb": None, "cores": None},
    "parse": {
        "confidence_threshold": None,
        "heading_score": None,
        "date_formats": None,
        "hyphen_keep_before": None,
        "hyphen_keep_prefixes": None,
    },
    "headings": {"toc": None, "attachment_index": None, "signatures": None, "attachments": None, "kinds": None},
    "front": {"place": None, "date": None, "start": None, "end": None, "members": None, "absent": None,
              "other": None, "vacant": None},
    "access": {"open": None, "closed": None},
    "sections": {"required": None, "headings": None},
    "patterns": {"item": None, "decision": None, "journal": None, "case": None, "attachment": None,
                 "attachment_detail": None, "document_number": None, "page_number": None, "page_header": None},
    "tables": {"loose": None},
    "keys": None,
    "ui": {"language": None},
}


def slug(text: str) -> str:
    """The lower-case ASCII key of a heading: æ→ae, ø→oe, å→aa, é→e, other runs → _."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


@dataclass(frozen=True)
class Patterns:
    """Each a `ConfigPattern` (workbench/patterns.py): every match under a time limit."""
    item: tuple[ConfigPattern, ...]
    decision: tuple[ConfigPattern, ...]
    journal: tuple[ConfigPattern, ...]
    case: tuple[ConfigPattern, ...]
    attachment: tuple[ConfigPattern, ...]
    document_number: ConfigPattern
    page_number: tuple[ConfigPattern, ...]
    page_header: tuple[ConfigPattern, ...]
    attachment_detail: tuple[ConfigPattern, ...] = ()


@dataclass(frozen=True)
class LooseTable:
    columns: tuple[str, ...]
    key: ConfigPattern


@dataclass(frozen=True)
class Config:
    path: Path | None
    roster_path: Path | None
    output_dir: Path
    reviewer: str
    max_pages: int
    max_seconds: float
    max_bytes: int
    confidence_threshold: float
    heading_score: float
    date_formats: tuple[str, ...]
    hyphen_keep_before: frozenset[str]
    hyphen_keep_prefixes: frozenset[str]
    region_headings: dict[str, tuple[str, ...]]  # toc, attachment_index, signatures, attachments
    kinds: dict[str, tuple[str, ...]]
    front: dict[str, tuple[str, ...]]
    access_open: tuple[str, ...]
    access_closed: tuple[str, ...]
    section_headings: dict[str, tuple[str, ...]]  # canonical key -> headings
    required_sections: tuple[str, ...]
    patterns: Patterns
    loose_tables: tuple[LooseTable, ...] = ()
    keys: dict[str, str] = field(default_factory=dict)
    max_memory_mb: int = 2048
    language: str = "da"  # [ui] language: the code of a catalog in workbench/i18n/locale
    cores: int = 0  # processes long work may use at once (limits.cores); 0: every core
    inbox_dir: Path | None = None  # [inbox] dir: the folder plain `workbench` opens; None: the bundled samples

    def access_of(self, marker: str) -> str | None:
        m = " ".join(marker.split()).casefold()
        for words, value in ((self.access_open, "open"), (self.access_closed, "closed")):
            if any(m == w.casefold() for w in words):
                return value
        return None


def find_config(explicit: str | Path | None) -> Path:
    """--config PATH, else ./config.toml, else the packaged default."""
    if explicit is not None:
        return Path(explicit)
    local = Path.cwd() / "config.toml"
    return local if local.is_file() else PACKAGED


MAX_BYTES = 1_000_000  # a config file is a few kilobytes
# the named groups the parser reads from each pattern list: a pattern without one is refused
REQUIRED_GROUPS = {"item": ("title",), "page_header": ("date",), "document_number": ("ref",)}


def load_config(explicit: str | Path | None = None) -> Config:
    path = find_config(explicit)
    name = shown(path)
    raw = settings.read_settings_file(path, N_("config file"), ConfigError, MAX_BYTES, name)
    try:
        data = settings.loads_toml(raw.decode("utf-8-sig"), name, ConfigError)
    except UnicodeDecodeError:
        raise ConfigError(_('{name}: is not UTF-8 text').format(name=name)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: {exc}") from None
    _check_keys(name, data, _ALLOWED, "")
    if "keys" in data:
        from workbench.keys import check_keymap

        data["keys"] = check_keymap(name, settings.table(name, data["keys"], "keys", ConfigError))
    if path.resolve() != PACKAGED.resolve():
        # a user's file says only what differs: the rest comes from the packaged defaults
        defaults = tomllib.loads(PACKAGED.read_text(encoding="utf-8"))
        roster_base = path.parent if "roster" in data else PACKAGED.parent
        data = _merge(defaults, data)
        return _build(path, data, roster_base)
    return _build(path, data, path.parent)


def shown(path) -> str:
    """A path as messages show it: one line, undecodable bytes as \\xNN."""
    from workbench.errors import one_line

    return one_line(str(path))


def _merge(base: dict, over: dict) -> dict:
    """Tables merge key by key; any other value (a list too) replaces the default."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _check_keys(name: str, data: dict, allowed: dict, where: str) -> None:
    for key, value in data.items():
        here = f"{where}.{key}" if where else key
        if key not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise ConfigError(_("{name}: unknown key '{here}' (known here: {known})").format(name=name, here=here, known=known))
        sub = allowed[key]
        if isinstance(sub, dict):
            if not isinstance(value, dict):
                raise ConfigError(_("{name}: '{here}' must be a table, not {value}").format(name=name, here=here, value=settings.kind_of(value)))
            _check_keys(name, value, sub, here)


def _get(data: dict, dotted: str, default):
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def _strings(name: str, data: dict, dotted: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
    return settings.strings(name, _get(data, dotted, default), dotted, ConfigError)


def _number(name: str, data: dict, dotted: str, default: float, lo: float, hi: float) -> float:
    value = _get(data, dotted, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
        got = f", not {settings.kind_of(value)}" if isinstance(value, bool) or not isinstance(value, (int, float)) \
            else f", not {value:g}"
        raise ConfigError(_("{name}: '{dotted}' must be a number from {lo:g} to {hi:g}{got}").format(name=name, dotted=dotted, lo=lo, hi=hi, got=got))
    return value


def _language(name: str, data: dict) -> str:
    """`[ui] language`: one the workbench has a catalog for ("da" without the key)."""
    from workbench import i18n

    value = _get(data, "ui.language", i18n.DEFAULT)
    try:
        return i18n.check_language(settings.text(name, value, "ui.language", ConfigError))
    except i18n.LanguageError as err:
        raise ConfigError(f"{name}: 'ui.language': {err}") from None  # i18n: ok (the key, then the translated text)


def _regexes(name: str, data: dict, dotted: str) -> tuple[ConfigPattern, ...]:
    groups = REQUIRED_GROUPS.get(dotted.rsplit(".", 1)[-1], ())
    value = _get(data, dotted, ())
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(_("{name}: '{dotted}' must be a list of regular expressions (strings), not {value}").format(name=name, dotted=dotted, value=settings.kind_of(value)))
    return tuple(compile_pattern(name, f"{dotted}[{i}]", source, groups) for i, source in enumerate(value))


def _string_lists(name: str, data: dict, dotted: str, default: dict) -> dict[str, tuple[str, ...]]:
    """A table whose every value is a list of strings (sections.headings, headings.kinds)."""
    table = settings.table(name, _get(data, dotted, default), dotted, ConfigError)
    return {key: settings.strings(name, words, f"{dotted}.{key}", ConfigError) for key, words in table.items()}


def _build(path: Path, data: dict, roster_base: Path) -> Config:
    name = shown(path)
    base = path.parent
    roster = _get(data, "roster", None)
    if roster is not None:
        settings.text(name, roster, "roster", ConfigError, path=True)
    headings: dict[str, tuple[str, ...]] = {}
    for key, words in _string_lists(name, data, "sections.headings", {}).items():
        canon = key if re.fullmatch(r"[a-z0-9_]+", key) else slug(key)
        if not canon:
            raise ConfigError(_("{name}: 'sections.headings.{key}' has no letters or digits to make a key of").format(name=name, key=key))
        headings[canon] = words
    kinds = _string_lists(name, data, "headings.kinds", {"referat": ["Referat"], "dagsorden": ["Dagsorden"]})
    doc_number = _regexes(name, data, "patterns.document_number") or (
        compile_pattern(name, "patterns.document_number", r"(?P<ref>\d{3,6}/\d\d)"),)
    patterns = Patterns(
        item=_regexes(name, data, "patterns.item"),
        decision=_regexes(name, data, "patterns.decision"),
        journal=_regexes(name, data, "patterns.journal"),
        case=_regexes(name, data, "patterns.case"),
        attachment=_regexes(name, data, "patterns.attachment"),
        attachment_detail=_regexes(name, data, "patterns.attachment_detail"),
        document_number=doc_number[0],
        page_number=_regexes(name, data, "patterns.page_number"),
        page_header=_regexes(name, data, "patterns.page_header"),
    )
    if not patterns.item:
        raise ConfigError(_("{name}: 'patterns.item' needs at least one pattern").format(name=name))
    keys = _get(data, "keys", {})
    language = _language(name, data)
    output_dir = settings.text(name, _get(data, "output.dir", "out"), "output.dir", ConfigError, path=True)
    reviewer = settings.text(name, _get(data, "output.reviewer", ""), "output.reviewer", ConfigError)
    inbox = settings.text(name, _get(data, "inbox.dir", ""), "inbox.dir", ConfigError, path=True).strip()
    inbox_dir = None if not inbox else Path(inbox).expanduser() if Path(inbox).expanduser().is_absolute() \
        else base / inbox
    required = _strings(name, data, "sections.required")
    for key in required:
        if key not in headings:
            raise ConfigError(_("{name}: 'sections.required' names '{key}', which no section heading opens").format(name=name, key=key))
    loose = []
    entries = _get(data, "tables.loose", [])
    if not isinstance(entries, list):
        raise ConfigError(_("{name}: 'tables.loose' must be a list of {{ columns = [...], key = '...' }}, not {value}").format(name=name, value=settings.kind_of(entries)))
    for i, entry in enumerate(entries):
        where = f"tables.loose[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"columns", "key"}:
            raise ConfigError(_("{name}: '{where}' must have exactly 'columns' and 'key'").format(name=name, where=where))
        columns = settings.strings(name, entry["columns"], f"{where}.columns", ConfigError, one_is_many=False)
        loose.append(LooseTable(columns, compile_pattern(name, f"{where}.key", entry["key"])))
    roster_file = (roster_base / roster) if roster else None
    if path.resolve() == PACKAGED.resolve():
        # the packaged config writes nothing into the package: records and learned names live in
        # the user's data folder (workbench/userdata.py)
        from workbench import userdata

        out = userdata.records_dir()
        if roster_file is not None and userdata.roster_path().exists():
            roster_file = userdata.roster_path()
    else:
        out = base / output_dir if not Path(output_dir).is_absolute() else Path(output_dir)
    return Config(
        path=path,
        roster_path=roster_file,
        output_dir=out,
        reviewer=reviewer,
        max_pages=int(_number(name, data, "limits.max_pages", 1000, 1, 10**6)),
        max_seconds=float(_number(name, data, "limits.max_seconds", 300, 0.1, 86400)),
        max_bytes=int(_number(name, data, "limits.max_bytes", 200_000_000, 1, 10**12)),
        max_memory_mb=int(_number(name, data, "limits.max_memory_mb", 2048, 64, 10**7)),
        cores=int(_number(name, data, "limits.cores", 0, 0, 1024)),
        confidence_threshold=float(_number(name, data, "parse.confidence_threshold", 0.6, 0, 1)),
        heading_score=float(_number(name, data, "parse.heading_score", 88, 50, 100)),
        date_formats=_strings(name, data, "parse.date_formats", ("%d-%m-%Y", "%d.%m.%Y")),
        hyphen_keep_before=frozenset(w.casefold() for w in _strings(name, data, "parse.hyphen_keep_before")),
        hyphen_keep_prefixes=frozenset(w.casefold() for w in _strings(name, data, "parse.hyphen_keep_prefixes")),
        region_headings={k: _strings(name, data, f"headings.{k}") for k in
                         ("toc", "attachment_index", "signatures", "attachments")},
        kinds=kinds,
        front={k: _strings(name, data, f"front.{k}") for k in
               ("place", "date", "start", "end", "members", "absent", "other", "vacant")},
        access_open=_strings(name, data, "access.open"),
        access_closed=_strings(name, data, "access.closed"),
        section_headings=headings,
        required_sections=required,
        patterns=patterns,
        loose_tables=tuple(loose),
        keys=dict(keys),
        language=language,
        inbox_dir=inbox_dir,
    )
