"""What the review screen needs from the domain around a session: opening one (cancellable), the next file in the folder, learning a name.

Domain code (no Textual). The screen imports these instead of ingest, the roster or the file
system: it only shows what they return and hands back what the secretary chose.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SOURCE_SUFFIXES = (".pdf", ".txt", ".md")


def open_review(path, config, roster, out_dir=None, reviewer=None, progress=None, cancel=None):
    """Open a ReviewSession on `path` as a job of the one executor (workbench/work.py: its limits, its
    cores, its cancel). `progress(done, total)` is told of each page read, and a `progress.page(number,
    total, texts)` each page's lines in order as it is read; once `cancel` (a threading.Event) is set
    the job is cancelled: its PDF readers are killed and this raises a UserError saying after how
    many pages. The session factory the app hands to its review screens."""
    from workbench import work
    from workbench.review.session import ReviewSession

    def task():
        job = work.current()

        def told(done: int, total: int) -> None:
            job.report(done, total)  # kept on the job, passed on; raises Cancelled once it is cancelled

        if getattr(progress, "page", None) is not None:
            told.page = progress.page  # each page's lines as they are read (ingest/pages.py)
        return ReviewSession.open(path, config, roster, out_dir=out_dir, reviewer=reviewer, progress=told)

    job = work.shared(config).call(task, name=str(path), progress=progress)
    while True:  # the caller's thread waits, passing its cancel on to the job
        try:
            return job.result(timeout=0.05)
        except TimeoutError:
            if cancel is not None and cancel.is_set():
                job.cancel()


def next_file(path: Path) -> Path | None:
    """The referat after `path` in its folder (PDF, text or Markdown, by name), or None."""
    path = Path(path)
    try:
        files = sorted(p for p in path.parent.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file())
    except OSError:
        return None
    return next((p for p in files if p.name > path.name), None)


@dataclass(frozen=True)
class Candidate:
    """A roster person an unknown name may be another name of."""

    person: str
    titles: tuple[str, ...]


def name_candidates(roster, name: str, limit: int = 5) -> list[Candidate]:
    """The roster people `name` may be another name of, best first."""
    return [Candidate(m.person.name, tuple(m.person.titles)) for m in roster.match(name, limit=limit)]


def as_alias(name: str, person: str) -> dict:
    """What `ReviewSession.learn_name` takes to learn `name` as another name of `person`."""
    return {"as": "alias", "name": name, "person": person}


def as_person(name: str, title: str | None) -> dict:
    """… to learn `name` as a new person with a title (or none)."""
    return {"as": "person", "name": name, "title": (title or "").strip() or None}


def roster_file(config) -> Path:
    """The roster file a learned name is written to: the config's, or the user's copy of the
    packaged roster (made now, so that a learned name never goes into the installed package)."""
    from workbench.userdata import writable_roster

    return writable_roster(config.roster_path)


def person_value(text: str, roster) -> dict:
    """A person typed as one line ('Økonomichef Bettina Andersen'): {"title", "name"}."""
    from workbench.parse.mentions import split_title

    title, name = split_title(text, roster)
    return {"title": title, "name": name}
