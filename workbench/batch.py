"""A whole folder parsed into draft records without the screen (`workbench parse DIR --jobs N`): resumable, on the shared executor.

Each referat of the folder (.pdf, .txt, .md) is read and parsed by `work.Executor` (N files at
once, the cores shared among them); its draft record is written atomically into the records folder,
named as the review names it. A file whose sha256 already has a record there (or a review in
progress: a journal or a lock) is skipped, so a run that was stopped goes on where it was. A file that
cannot be read is refused (counted, its one line kept) and the others go on.
"""
from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from workbench.errors import UserError
from workbench.i18n import _
from workbench.inbox import SUFFIXES
from workbench.inbox_records import RecordIndex


@dataclass
class BatchResult:
    files: int = 0          # in the folder
    parsed: int = 0
    skipped: int = 0        # a record (or a review) of it was there already
    pages: int = 0
    items: int = 0
    flags: int = 0          # open warning and error flags of the drafts written
    refused: list[str] = field(default_factory=list)  # one line each
    seconds: float = 0.0
    written: list[Path] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.files} file(s): {self.parsed} parsed, {self.skipped} skipped (a record was there), "
                f"{len(self.refused)} refused; {self.pages} page(s), {self.items} item(s), {self.flags} open flag(s) "
                f"in {self.seconds:.1f} s")


def sources(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
                      and p.is_file())
    except FileNotFoundError:
        raise UserError(_('{folder}: no such folder').format(folder=folder)) from None
    except OSError as exc:
        raise UserError(_('{folder}: cannot be listed ({value})').format(folder=folder, value=exc.strerror or exc)) from None


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _target(out: Path, ref) -> Path:
    """The record's name as the review gives it; with the sha256 when another source's record has it."""
    from workbench.review.store import output_name, record_sha

    base = out / output_name(ref)
    sha = ref.source.sha256
    for path in (base, base.with_name(f"{base.stem}-{sha[:12]}.toml"), base.with_name(f"{base.stem}-{sha}.toml")):
        if not path.exists() and not path.is_symlink():
            return path
        if path.is_file() and not path.is_symlink() and record_sha(path) == sha:
            return path
    raise UserError(_('{path}: the name is taken by files of other sources; not written').format(path=base))


def parse_folder(folder: str | Path, config, out_dir: str | Path | None = None, jobs: int = 1, roster=None,
                 progress: Callable[[BatchResult, int], None] | None = None) -> BatchResult:
    """Parse every referat of `folder` not yet recorded into a draft record in `out_dir` ([output] dir).
    `progress(result, todo)` is told after each file."""
    from workbench import work
    from workbench.pipeline import load_roster
    from workbench.record import dumps, to_dict, write_atomic

    start = time.monotonic()
    out = Path(out_dir) if out_dir is not None else Path(config.output_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_('{out}: cannot make the output folder ({value})').format(out=out, value=exc.strerror or exc)) from None
    files = sources(Path(folder))
    result = BatchResult(files=len(files))
    index = RecordIndex(out)
    index.scan()
    todo = []
    for path in files:
        sha = _sha(path)
        if sha is not None and (sha in index.by_sha or index.journal(sha) or (out / f"{sha}.lock").exists()):
            result.skipped += 1
        else:
            todo.append(path)
    roster = roster if roster is not None else load_roster(config)
    if progress is not None:
        progress(result, len(todo))
    with work.Executor(config, jobs=max(1, min(jobs, len(todo) or 1))) as executor:
        running = [(path, executor.submit(path, roster)) for path in todo]
        for path, job in running:
            try:
                ref = job.result()
            except UserError as exc:
                result.refused.append(str(exc))
            else:
                target = _target(out, ref)
                write_atomic(target, dumps(to_dict(ref)))
                result.written.append(target)
                result.parsed += 1
                result.pages += ref.source.pages or 0
                result.items += len(ref.items)
                result.flags += sum(1 for f in ref.flags if f.severity in ("error", "warning") and f.resolution == "open")
            result.seconds = time.monotonic() - start
            if progress is not None:
                progress(result, len(todo))
    result.seconds = time.monotonic() - start
    return result


def bar(stream=None) -> Callable[[BatchResult, int], None] | None:
    """A progress bar on standard error, only when it is a terminal."""
    stream = stream or sys.stderr
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None

    def show(result: BatchResult, todo: int) -> None:
        done = result.parsed + len(result.refused)
        width = 30
        filled = width * done // todo if todo else width
        end = "\n" if done >= todo else ""
        try:
            stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{todo} files · {result.pages} pages{end}")
            stream.flush()
        except (OSError, ValueError):
            pass

    return show
