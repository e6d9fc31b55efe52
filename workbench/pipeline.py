"""One call from a file to a checked record: ingest → parse → checks, the draft cached. No UI here."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
from pathlib import Path

from workbench.checks import run_checks
from workbench.config import Config
from workbench.errors import ConfigError
from workbench.ingest import Progress, cache, load_source
from workbench.model import Referat, SourceText
from workbench.roster import Roster, RosterError
from workbench.parse import PARSER_VERSION
from workbench.parse.document import DocumentParser

# Config fields that shape no parse: a change to them keeps every cached draft
NOT_PARSE = frozenset({"path", "roster_path", "output_dir", "reviewer", "keys",
                       "max_pages", "max_seconds", "max_bytes", "max_memory_mb", "cores", "inbox_dir"})
_DRAFTS: dict[str, dict] = {}  # key digest -> draft body, the last few read or made in this process


def load_roster(config: Config) -> Roster:
    if config.roster_path is None:
        return Roster.empty()
    try:
        return Roster.load(config.roster_path)
    except RosterError as exc:
        raise ConfigError(str(exc)) from None


def analyse_source(source: SourceText, config: Config, roster: Roster) -> Referat:
    """The checked draft record of `source`. A source as its file reads (not repaired) is parsed once:
    its draft is then taken from the cache (`ingest/cache.py`) while the parser, the config sections
    that shape a parse and the roster stay the same."""
    key = draft_key(source, config, roster)
    if key is not None:
        ref = _cached(source, key)
        if ref is not None:
            return ref
    parser = DocumentParser(source, config, roster)
    ref = parser.run()
    ref.flags = run_checks(ref, parser.notes, roster=roster, config=config)
    if key is not None:
        _keep(ref, key)
    return ref


def analyse(path: str | Path, config: Config, roster: Roster | None = None,
            progress: Progress | None = None) -> Referat:
    source = load_source(path, config, progress)
    return analyse_source(source, config, roster if roster is not None else load_roster(config))


def draft_key(source: SourceText, config: Config, roster: Roster) -> dict | None:
    """What a draft is made from, or None when it is not to be cached (a repaired source, one made in code)."""
    read_as = cache.pristine_key(source)
    if read_as is None or cache.cache_dir() is None:
        return None
    try:
        shape = {f.name: getattr(config, f.name) for f in dataclasses.fields(config) if f.name not in NOT_PARSE}
        people = {"people": roster.people, "bodies": roster.bodies}
        return {"sha256": source.sha256, "source": read_as, "parser": PARSER_VERSION, "code": cache.code_hash("."),
                "config": cache.digest(shape), "roster": cache.digest(people),
                "language": _language_key()}  # the flags' messages are in the language spoken
    except (AttributeError, TypeError):
        return None


def _language_key() -> str:
    """The language spoken and its catalog as compiled: a draft cached in one is not read back in another."""
    from workbench import i18n

    code = i18n.language()
    return f"{code}:{_catalog_digest(code)}"


@functools.lru_cache(maxsize=None)
def _catalog_digest(code: str) -> str:
    from workbench import i18n

    return hashlib.sha256(i18n.catalog(code, ".mo").read_bytes()).hexdigest()[:16]


def _memo(key: dict) -> str:
    return f"{cache.cache_dir()}/{cache.digest(key)}"


def _cached(source: SourceText, key: dict) -> Referat | None:
    name = _memo(key)
    body = _DRAFTS.get(name)
    if body is None:
        body = cache.read("draft", source.sha256, key)
    if body is None:
        return None
    try:
        ref = cache.record_of(Referat, ("source",))(body)
    except (cache.Bad, TypeError, ValueError):
        return None
    ref.source = source
    _remember(name, body)
    return ref


def _keep(ref: Referat, key: dict) -> None:
    """Cache the draft, if it reads back the same."""
    try:
        body = {k: v for k, v in cache.plain(ref).items() if k != "source"}
        again = cache.record_of(Referat, ("source",))(body)
    except (cache.Bad, TypeError, ValueError):
        return
    again.source = ref.source
    if again != ref:
        return
    _remember(_memo(key), body)
    cache.write("draft", ref.source.sha256, key, body)


def _remember(name: str, body: dict) -> None:
    _DRAFTS.pop(name, None)
    if len(_DRAFTS) >= 4:
        _DRAFTS.pop(next(iter(_DRAFTS)))
    _DRAFTS[name] = body
