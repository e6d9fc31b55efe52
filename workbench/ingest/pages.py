"""The page pool: a PDF's pages read by a few child processes over ranges of pages, under the limits.

Every reader is a child process (forked), so that a pathological file can be stopped from outside:
past `limits.max_seconds` all of them are killed, and so they are at once when the reading is
cancelled, even inside a page; `limits.max_pages` refuses what is too long; each child runs under
`limits.max_memory_mb` of address space beyond what it starts with (RLIMIT_AS, `_limit_memory`)
and dies with its parent, however the parent dies (PR_SET_PDEATHSIG).

The first child opens the PDF, counts its pages and looks at its page tree. A short PDF (up to
SERIAL_PAGES) or a budget of one core is read whole by that child. A longer one is cut into
ranges of consecutive pages, which up to `cores` children (each with the PDF open) take one after
another as they finish the last; the parent puts the pages back in order. Each page is read on its
own (`pdf.read_one`), so its lines are the same whichever child read it. What is not on its own is
pdfminer's log (a font complains once in each process that loads it): a pooled reading in which
any page was logged or could not be read is done again by one child, page after page, exactly as
a single reader does it.
"""
from __future__ import annotations

from workbench.i18n import _

import math
import time
from pathlib import Path

from workbench.config import Config
from workbench.errors import InputError
from workbench.model import ReadProblem, SourceText

POLL = 0.1  # seconds between looks at the children, the clock and the cancel event
SERIAL_PAGES = 8  # a PDF this short is read by one child: a second would cost more than it saves
STATS = {"workers": 0, "pooled": False, "again": False}  # the last reading in this process (tests, benchmarks)


def read_pdf(path: Path, data: bytes, config: Config, progress=None, cancel=None, cores: int | None = None) -> SourceText:
    """Extract the PDF in child processes (at most `cores`; None: the share `workbench.work` gives
    this thread). `progress(done, total)` is called as pages are read, and may raise `Cancelled`
(and `progress.page(number, total, texts)`, if it has one, with each page's lines in page order);
    `cancel` (a threading.Event or a callable) is looked at every POLL seconds, and when set every
    child is killed at once."""
    import pdfplumber

    from workbench.ingest import damage

    name = str(path)
    if not data.lstrip().startswith(b"%PDF"):
        kind = "HTML" if data.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")) else "something else"
        raise InputError(_('{name}: is not a PDF (the file starts like {kind})').format(name=name, kind=kind))
    if cores is None:
        from workbench.work import cores_here

        cores = cores_here(config)
    reading = _Reading(path, config, progress, cancel)
    found = reading.run(max(1, cores))
    STATS["again"] = found is None
    if found is None:  # pooled, and pdfminer complained: read again as one reader does
        found = reading.run(1)
    count, problems, pages = found
    lines = []
    chars: list[int] = []
    images: list[int] = []
    lost: set[int] = set()
    first_failure = None
    for index in range(count):
        page_lines, n_chars, n_images, page_found, logged, failure = pages[index]
        lines.extend(page_lines)
        first_failure = first_failure or failure
        page_found = page_found + logged
        if any(p.severity == "error" for p in page_found):
            lost.add(index + 1)
        problems += page_found
        chars.append(n_chars)
        images.append(n_images)
    problems += damage.empty_pages(chars, images, lost)
    if not any(chars):
        if first_failure:
            raise InputError(first_failure)
        raise InputError(_('{name}: the PDF has no text layer (a scan?): it needs OCR before it can be read').format(name=name))
    for i, line in enumerate(lines):
        line.no = i + 1
    return SourceText(file=path.name, sha256="", format="pdf", extractor=f"pdfplumber {pdfplumber.__version__}",
                      lines=lines, pages=count, problems=problems)


def chunks(count: int, cores: int) -> list[tuple[int, int]]:
    """The ranges of pages (start, end: 0-based, end excluded) the children take in turn."""
    if cores <= 1 or count <= SERIAL_PAGES:
        return [(0, count)]
    size = max(2, math.ceil(count / (cores * 6)))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


class _Child:
    def __init__(self, process, conn):
        self.process, self.conn = process, conn
        self.next: int | None = None  # the next page it reads; None: it has no range
        self.end = 0


class _Reading:
    """One reading of one PDF by one or more children, under one deadline."""

    def __init__(self, path: Path, config: Config, progress, cancel):
        import multiprocessing

        self.path, self.name, self.config, self.progress = path, str(path), config, progress
        self.stop = getattr(cancel, "is_set", cancel)
        self.deadline = time.monotonic() + config.max_seconds
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.ctx = multiprocessing.get_context(method)
        self.passed = 0  # pages given to `progress.page`, from the first

    def _pass_on(self, pages: dict, count: int) -> None:
        """The pages read so far without a gap, each once (a reading done again passes on only the
        rest), to `progress.page(number, count, texts)` when the progress has one (the screen fills
        its raw pane with them as they come)."""
        page = getattr(self.progress, "page", None)
        while page is not None and self.passed in pages:
            page(self.passed + 1, count, [line.text for line in pages[self.passed][0]])
            self.passed += 1

    def _start(self, first: bool) -> _Child:
        mine, theirs = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(target=_child, args=(str(self.path), self.config.max_pages,
                                                        self.config.max_memory_mb, theirs, first), daemon=True)
        process.start()
        theirs.close()
        return _Child(process, mine)

    def run(self, cores: int):
        """(pages, the document's problems, each page's reading by index), or None for a pooled
        reading that pdfminer complained about. Raises InputError (Cancelled) for the rest."""
        from multiprocessing.connection import wait

        from workbench.ingest import Cancelled

        children = [self._start(first=True)]
        live = {children[0].conn: children[0]}
        plan: list[tuple[int, int]] = []
        handed = 0  # ranges of `plan` given out
        pages: dict[int, tuple] = {}
        fatal: list[tuple[int, str]] = []
        count = 0
        doc: list[ReadProblem] = []

        def give(child: _Child) -> None:
            """The next range to a child that has none, or `stop` when there is none left."""
            nonlocal handed
            order: tuple = ("stop",)
            child.next = None
            if handed < len(plan) and (not fatal or plan[handed][0] < min(fatal)[0]):
                child.next, child.end = plan[handed]
                handed += 1
                order = ("read", child.next, child.end)
            else:
                live.pop(child.conn, None)
            try:
                child.conn.send(order)
            except OSError:  # it has died meanwhile: the next look finds out why
                pass

        def ended(child: _Child, message: str | None = None) -> None:
            """A child that stopped without finishing its range: the pages from there cannot be read."""
            live.pop(child.conn, None)
            if message is None:
                child.process.join(timeout=5)
                message = _stopped(self.name, child.process.exitcode, self.config)
            if child is children[0] and not plan:
                fatal.append((-1, message))  # the PDF could not even be opened
            elif child.next is not None:
                fatal.append((child.next, message))
            child.next = None  # a child that failed before it had a range leaves the ranges to the others

        try:
            while True:
                if self.stop is not None and self.stop():
                    where = f" after {len(pages)} of {count} pages" if count else ""
                    raise Cancelled(f"{self.name}: opening cancelled{where}")
                left = self.deadline - time.monotonic()
                if left <= 0:
                    raise InputError(_('{name}: reading the PDF took longer than {max_seconds:g} s (limits.max_seconds); it may be damaged or built to hang readers').format(name=self.name, max_seconds=self.config.max_seconds))
                if plan and len(pages) == count:
                    break
                if fatal and all(i in pages for i in range(max(0, min(fatal)[0]))):
                    raise InputError(min(fatal)[1])
                if not live:  # every child gone, pages missing: cannot happen without a fatal
                    raise InputError(_stopped(self.name, None, self.config))
                ready = wait(list(live), timeout=min(left, POLL))
                if not ready:
                    for child in list(live.values()):
                        if not child.process.is_alive() and not child.conn.poll(0):
                            ended(child)
                    continue
                for conn in ready:
                    child = live.get(conn)
                    if child is None:
                        continue
                    try:
                        message = conn.recv()
                    except (EOFError, OSError):
                        ended(child)
                        continue
                    if message[0] == "open":
                        if child is children[0]:
                            count, doc = message[1], message[2]
                            plan = chunks(count, cores)
                            for _extra in range(min(cores, len(plan)) - 1):
                                extra = self._start(first=False)
                                children.append(extra)
                                live[extra.conn] = extra
                        give(child)
                    elif message[0] == "page":
                        index = message[1]
                        pages[index] = message[2:]
                        child.next = index + 1
                        if self.progress is not None:
                            self.progress(len(pages), count)
                        self._pass_on(pages, count)
                        if child.next >= child.end:
                            give(child)
                    else:  # ("error", message)
                        ended(child, message[1])
        finally:
            for child in children:
                if child.process.is_alive():
                    child.process.kill()
            for child in children:
                child.process.join(timeout=5)
                child.conn.close()
        STATS["workers"], STATS["pooled"] = len(children), len(children) > 1
        if len(children) > 1 and any(page[4] or page[5] for page in pages.values()):
            return None
        return count, list(doc), pages


def _child(path: str, max_pages: int, max_memory_mb: int, conn, first: bool) -> None:
    """In a child process: open the PDF, say how many pages it has (the first child: and what its
    page tree lacks), then read the ranges of pages it is given, each page down the pipe as it is
    read, until told to stop; or one error message. The message is sent after the `except` block:
    inside it the traceback would still hold what filled the memory, and sending would fail again."""
    from workbench.ingest import damage
    from workbench.ingest.pdf import open_pdf, read_one

    _die_with_parent()
    _limit_memory(max_memory_mb)
    message = None
    try:
        with damage.capture_log() as log:
            pdf = open_pdf(Path(path))
            try:
                count = len(pdf.pages)
                doc: list[ReadProblem] = log.problems(None)
                if first:
                    if count == 0:
                        raise InputError(_('{path}: the PDF has no pages').format(path=path))
                    if count > max_pages:
                        raise InputError(_('{path}: the PDF has {count} pages, over the limit of {max_pages} (limits.max_pages)').format(path=path, count=count, max_pages=max_pages))
                    doc += damage.tree_problems(pdf)
                conn.send(("open", count, doc if first else []))
                while True:
                    order = conn.recv()
                    if order[0] != "read":
                        break
                    for index in range(order[1], order[2]):
                        conn.send(("page", index, *read_one(pdf, index, log, str(Path(path)))))
            finally:
                pdf.close()
    except InputError as exc:
        message = ("error", str(exc))
    except MemoryError:
        message = ("error", _too_large(path, max_memory_mb))
    except (EOFError, BrokenPipeError):  # the parent has gone
        message = None
    except BaseException as exc:  # never a traceback from the child
        message = ("error", f"{path}: the PDF cannot be read ({type(exc).__name__}: {exc})")
    try:
        if message is not None:
            try:
                conn.send(message)
            except MemoryError:
                message = None
                conn.send(("error", _too_large(path, max_memory_mb)))
    except OSError:
        pass
    finally:
        conn.close()


def _die_with_parent() -> None:
    """Linux: the kernel ends this child when its parent dies, however it dies (kill -9 too)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _too_large(name: str, max_memory_mb: int) -> str:
    return (f"{name}: the PDF is too large to read (over limits.max_memory_mb = {max_memory_mb} MB for the "
            "reader); it may be built to exhaust memory")


def _stopped(name: str, exitcode: int | None, config: Config) -> str:
    """Why a child ended without an answer: killed (by the kernel, out of memory) or crashed."""
    import signal

    if exitcode == -signal.SIGKILL:
        return _too_large(name, config.max_memory_mb) + " (the system stopped the reader)"
    return f"{name}: the PDF reader stopped unexpectedly (exit code {exitcode})"


def _address_space() -> int:
    """Bytes of address space this process has mapped now (Linux), else 0."""
    try:
        import resource

        return int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError, ImportError):
        return 0


def _limit_memory(max_memory_mb: int) -> None:
    """In a child: RLIMIT_AS at what it has mapped already plus `max_memory_mb`. A forked child
    starts with its parent's mappings (the screen's thread stacks and arenas: hundreds of MB that
    are not memory it uses), so the limit is what reading may add on top of them."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + max_memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # pragma: no cover - a system that will not lower it
        pass
