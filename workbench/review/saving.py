"""Saving a review: the record written whole and atomically under its output name (same state,
same bytes), the journal emptied after it, and changes set aside by "Discard" (the journal kept,
renamed, for DISCARD_KEEP_DAYS days)."""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from workbench.model import Referat
from workbench.i18n import _
from workbench.ownfiles import read_own
from workbench.record import dumps, to_dict, write_atomic
from workbench.review import store
from workbench.review.journal import Journal
from workbench.review.wording import now

DISCARD_KEEP_DAYS = 30  # a journal set aside by "Discard" is kept this long, then removed


class Files:
    """The files of one review in out_dir: its record (`record_path`: the one it was restored
    from or last saved to) and its journal; `saved_n`, how many corrections the record holds."""

    def __init__(self, out_dir: Path, sha: str):
        self.out_dir = Path(out_dir)
        self.sha = sha
        self.journal = Journal(self.out_dir / f"{sha}.journal")
        self.record_path: Path | None = None
        self.saved_n = 0
        self._written: str | None = None  # the sha256 of the bytes last saved at record_path

    def output_path(self, record: Referat) -> Path:
        """<date>-<body-slug>-<kind>.toml in out_dir (the source's stem where there is no date),
        made safe: whatever the record says, the file stays inside out_dir."""
        path = self.out_dir / store.output_name(record)
        if path.parent.resolve() != self.out_dir.resolve():  # pragma: no cover - safe_name forbids it
            path = self.out_dir / f"{self.sha}.toml"
        return path

    def target(self, record: Referat) -> Path:
        """Where to save: the output name, unless a record of another source (or a file that is
        not a record) has it; then the name with this source's sha256."""
        base = self.output_path(record)
        for path in (base, base.with_name(f"{base.stem}-{self.sha[:12]}.toml"),
                     base.with_name(f"{base.stem}-{self.sha}.toml")):
            if not path.exists() and not path.is_symlink():
                return path
            if path.is_file() and not path.is_symlink() and (path == self.record_path or store.record_sha(path) == self.sha):
                return path  # the record opened or saved last: save has just checked it (check_own)
        raise store.RecordError(_('{path}: the name is taken by files of other sources; not saved').format(path=base))

    def save(self, record: Referat) -> Path:
        """Write the whole record atomically (unchanged bytes are not rewritten), then empty the journal."""
        found = store.check_own(self.record_path, self.sha, self._written) if self.record_path is not None else None
        target = self.target(record)
        text = dumps(to_dict(record))
        written = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if found is not None and target == self.record_path:
            unchanged = found == written  # the bytes check_own has just read there
        else:
            try:
                unchanged = read_own(target).decode("utf-8") == text  # a link there is replaced, not read
            except (OSError, UnicodeDecodeError):
                unchanged = False
        if not unchanged:
            write_atomic(target, text)
        old = self.record_path
        if old is not None and old != target and old.exists() and store.record_sha(old) == self.sha:
            try:
                old.unlink()  # the record moved to its new name (its date or body was corrected)
            except OSError:
                pass
        self.record_path = target
        self._written = written
        n = len(record.corrections)
        if self.saved_n != n or self.journal.path.exists():
            self.journal.rewrite([])
        self.saved_n = n
        return target

    def discard(self) -> Path | None:
        """Set the journal aside (`<sha256>.journal.discarded-<time>`); where it went, or None."""
        path = self.journal.path
        if not path.exists():
            return None
        stamp = now().strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.name}.discarded-{stamp}")
        os.replace(path, target)
        self._prune_discarded()
        return target

    def _prune_discarded(self) -> None:
        """Journals set aside more than DISCARD_KEEP_DAYS days ago are removed."""
        limit = time.time() - DISCARD_KEEP_DAYS * 86400
        for old in self.out_dir.glob("*.journal.discarded-*"):
            try:
                if old.stat().st_mtime < limit:
                    old.unlink()
            except OSError:
                pass
