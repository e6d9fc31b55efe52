"""One call from a file to a checked record: ingest → parse → checks. No UI here."""
from __future__ import annotations

from pathlib import Path

from workbench.checks import run_checks
from workbench.config import Config
from workbench.errors import ConfigError
from workbench.ingest import Progress, load_source
from workbench.model import Referat, SourceText
from workbench.roster import Roster, RosterError
from workbench.parse.document import DocumentParser


def load_roster(config: Config) -> Roster:
    if config.roster_path is None:
        return Roster.empty()
    try:
        return Roster.load(config.roster_path)
    except RosterError as exc:
        raise ConfigError(str(exc)) from None


def analyse_source(source: SourceText, config: Config, roster: Roster) -> Referat:
    parser = DocumentParser(source, config, roster)
    ref = parser.run()
    ref.flags = run_checks(ref, parser.notes, roster=roster, config=config)
    return ref


def analyse(path: str | Path, config: Config, roster: Roster | None = None,
            progress: Progress | None = None) -> Referat:
    source = load_source(path, config, progress)
    return analyse_source(source, config, roster if roster is not None else load_roster(config))
