"""One executor for long work: reading and parsing referater off the caller's thread, under one set
of limits, one budget of cores and one way to cancel.

    with Executor(config, jobs=1) as work:
        job = work.submit(path, progress=lambda done, total: ...)   # read and parse one file
        job.cancel()                                                # or work.cancel(): every job
        record = job.result()                                       # a Referat, or raises its InputError
    job = work.call(lambda: ReviewSession.open(path, config))       # any task that reads a file

Limits come from the config's `[limits]` (`max_seconds`, `max_pages`, `max_memory_mb`, `max_bytes`),
applied by `ingest` to every file whoever reads it. The budget is `limits.cores` (0: every core this
process may run on): the executor runs `jobs` files at once and gives each `cores // jobs` page
readers (at least one). A task runs with its job as the thread's current job (`current()`):
`load_source` called inside it takes the job's cancel event, progress and share of the cores when
it is given none of its own, so `job.cancel()` stops the PDF readers of any task at once (the
children are killed, even inside a page), and the task ends with `Cancelled`.
No UI here; the screen's workers call this, and post what it returns.
"""
from __future__ import annotations

import os
import threading
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from workbench.config import Config

_here = threading.local()


def all_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def budget(config: Config) -> int:
    """`limits.cores`, or every core when it is 0."""
    return config.cores if config.cores > 0 else all_cores()


def current() -> "Job | None":
    """The job this thread is running, if any."""
    return getattr(_here, "job", None)


def cores_here(config: Config) -> int:
    """The page readers a reading on this thread may start: its job's share, else the whole budget."""
    job = current()
    return job.cores if job is not None else budget(config)


class Job:
    """One piece of long work: `result()`, `cancel()`, `done()`, and the latest `progress` (done, total)."""

    def __init__(self, name: str, cores: int, progress: Callable[[int, int], None] | None):
        self.name = name
        self.cores = cores
        self.cancelled = threading.Event()
        self.progress: tuple[int, int] = (0, 0)
        self._report = progress
        self._future: Future | None = None

    def cancel(self) -> None:
        """Stop it at once: a waiting job never starts, a running one's readers are killed."""
        self.cancelled.set()
        if self._future is not None:
            self._future.cancel()

    def done(self) -> bool:
        return self._future is not None and self._future.done()

    def result(self, timeout: float | None = None):
        """What the task returned; raises what it raised (`Cancelled` if it was cancelled first)."""
        from workbench.ingest import Cancelled

        try:
            return self._future.result(timeout)
        except CancelledError:
            raise Cancelled(f"{self.name}: opening cancelled") from None

    def report(self, done: int, total: int) -> None:
        """Progress from the reader (on the job's thread): kept, passed on; raises `Cancelled` once cancelled."""
        from workbench.ingest import Cancelled

        self.progress = (done, total)
        if self.cancelled.is_set():
            raise Cancelled(f"{self.name}: opening cancelled after {done} of {total} pages")
        if self._report is not None:
            self._report(done, total)

    def _run(self, task: Callable[[], object]):
        from workbench.ingest import Cancelled

        if self.cancelled.is_set():
            raise Cancelled(f"{self.name}: opening cancelled")
        _here.job = self
        try:
            return task()
        finally:
            _here.job = None


class Executor:
    """Runs jobs on `jobs` threads; each job's PDF readers share `limits.cores` with the others."""

    def __init__(self, config: Config, jobs: int = 1):
        self.config = config
        self.jobs = max(1, jobs)
        self.cores = max(1, budget(config) // self.jobs)
        self._pool = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="workbench-work")
        self._jobs: list[Job] = []
        self._lock = threading.Lock()

    def submit(self, path: str | Path, roster=None, progress: Callable[[int, int], None] | None = None) -> Job:
        """Read and parse one file (ingest → parse → checks, cached): the job's result is the draft Referat."""
        def task():
            from workbench.pipeline import analyse

            return analyse(path, self.config, roster)

        return self.call(task, name=str(path), progress=progress)

    def call(self, task: Callable[[], object], name: str = "", progress: Callable[[int, int], None] | None = None) -> Job:
        """Run `task()` as a job: a file it reads takes the job's cancel event, progress and cores."""
        job = Job(name, self.cores, progress)
        with self._lock:
            self._jobs = [j for j in self._jobs if not j.done()] + [job]
            job._future = self._pool.submit(job._run, task)
        return job

    def cancel(self) -> None:
        """Cancel every job not yet done."""
        with self._lock:
            jobs = list(self._jobs)
        for job in jobs:
            job.cancel()

    def shutdown(self, cancel: bool = True, wait: bool = True) -> None:
        """No more jobs; with `cancel`, the ones still running or waiting stop at once."""
        if cancel:
            self.cancel()
        self._pool.shutdown(wait=wait, cancel_futures=cancel)

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown(cancel=exc[0] is not None)


_shared: Executor | None = None
_shared_lock = threading.Lock()


def shared(config: Config) -> Executor:
    """The process's executor for the screen's background work (one job at a time: all the cores);
    made again when the config is another."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared.config is not config:
            old, _shared = _shared, Executor(config)
            if old is not None:
                old.shutdown(cancel=False, wait=False)
        return _shared
