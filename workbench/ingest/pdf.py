"""PDFs through pdfplumber: visual lines in reading order, with page, position and font.

Words are grouped into lines by their vertical position; within a line, text set apart by a
wide gap (a label and its value, two columns of names, a right-aligned page number) is kept
apart as tab-separated cells. A ruled table (pdfplumber's `find_tables`) gives one line per
row, its cells separated by tabs. Each page is closed as soon as it is read, so memory stays
flat however long the document is.
"""
from __future__ import annotations

import re
import statistics
import time
import unicodedata
from pathlib import Path

from workbench.config import Config
from workbench.errors import InputError
from workbench.model import ReadProblem, SourceLine, SourceText

POLL = 0.1  # seconds between looks at the child, the clock and the cancel event
BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.IGNORECASE)


def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    name = str(path)
    try:
        pdf = pdfplumber.open(path)
        len(pdf.pages)  # reading the page tree finds most damage
        return pdf
    except Exception as exc:  # pdfplumber wraps pdfminer's many kinds of failure
        causes = [exc, *exc.args, exc.__cause__, exc.__context__]
        if any(isinstance(c, MemoryError) for c in causes):
            raise MemoryError from None
        if any(isinstance(c, PDFPasswordIncorrect) for c in causes) or "password" in str(exc).lower():
            raise InputError(f"{name}: the PDF is encrypted and needs a password") from None
        detail = next((str(c) for c in causes if isinstance(c, BaseException) and str(c)), type(exc).__name__)
        raise InputError(f"{name}: the PDF is damaged or cut off ({detail})") from None


def read_pdf(path: Path, data: bytes, config: Config, progress=None, cancel=None) -> SourceText:
    """Extract the PDF in a child process, so that a pathological file can be stopped from
    outside after `limits.max_seconds`, and a long one cancelled: `progress(done, total)` is
    called as pages are read, and may raise `Cancelled`; `cancel` (a threading.Event or a
    callable) is looked at every POLL seconds, and when set the child is killed at once, even
    inside a page. The child runs under `limits.max_memory_mb` (see `_limit_memory`)."""
    import multiprocessing

    import pdfplumber

    from workbench.ingest import Cancelled

    name = str(path)
    if not data.lstrip().startswith(b"%PDF"):
        kind = "HTML" if data.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")) else "something else"
        raise InputError(f"{name}: is not a PDF (the file starts like {kind})")
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_extract_child, args=(str(path), config.max_pages, config.max_memory_mb, send),
                        daemon=True)
    child.start()
    send.close()
    stop = getattr(cancel, "is_set", cancel)
    deadline = time.monotonic() + config.max_seconds
    result = None
    done = total = 0
    try:
        while result is None:
            if stop is not None and stop():
                pages = f" after {done} of {total} pages" if total else ""
                raise Cancelled(f"{name}: opening cancelled{pages}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise InputError(f"{name}: reading the PDF took longer than {config.max_seconds:g} s "
                                 "(limits.max_seconds); it may be damaged or built to hang readers")
            if not receive.poll(min(left, POLL)):
                if not child.is_alive() and not receive.poll(0):
                    child.join(timeout=5)
                    raise InputError(_stopped(name, child.exitcode, config))
                continue
            try:
                message = receive.recv()
            except EOFError:
                child.join(timeout=5)
                raise InputError(_stopped(name, child.exitcode, config)) from None
            if message[0] == "progress":
                done, total = message[1], message[2]
                if progress is not None:
                    progress(done, total)
            else:
                result = message
    finally:
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
        receive.close()
    if result[0] == "error":
        raise InputError(result[1])
    _, lines, count, problems = result
    for i, line in enumerate(lines):
        line.no = i + 1
    return SourceText(file=path.name, sha256="", format="pdf", extractor=f"pdfplumber {pdfplumber.__version__}",
                      lines=lines, pages=count, problems=problems)


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
    """Why the child ended without an answer: killed (by the kernel, out of memory) or crashed."""
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
    """In the child: RLIMIT_AS at what it has mapped already plus `max_memory_mb`. A forked child
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


def _extract_child(path: str, max_pages: int, max_memory_mb: int, send) -> None:
    """In the child process: every page's lines, or one error message, down the pipe. The
    message is sent after the `except` block: inside it the traceback would still hold what
    filled the memory, and sending would fail again."""
    _die_with_parent()
    _limit_memory(max_memory_mb)
    too_large = ("error", _too_large(path, max_memory_mb))
    try:
        lines, count, problems = _extract(Path(path), max_pages, lambda done, total: send.send(("progress", done, total)))
        message = ("lines", lines, count, problems)
    except InputError as exc:
        message = ("error", str(exc))
    except MemoryError:
        message = too_large
    except BaseException as exc:  # never a traceback from the child
        message = ("error", f"{path}: the PDF cannot be read ({type(exc).__name__}: {exc})")
    try:
        try:
            send.send(message)
        except MemoryError:  # the lines themselves are too many to send
            lines = message = None
            send.send(too_large)
    finally:
        send.close()


def _extract(path: Path, max_pages: int, progress) -> tuple[list[SourceLine], int, list[ReadProblem]]:
    """Every page's lines, and what could not be read (`damage.py`): a page that fails is a problem,
    not the end of the document, unless no page at all can be read."""
    from workbench.ingest import damage

    name = str(path)
    with damage.capture_log() as log:
        pdf = _open(path)
        lines: list[SourceLine] = []
        problems: list[ReadProblem] = log.problems(None)
        try:
            count = len(pdf.pages)
            if count == 0:
                raise InputError(f"{name}: the PDF has no pages")
            if count > max_pages:
                raise InputError(f"{name}: the PDF has {count} pages, over the limit of {max_pages} (limits.max_pages)")
            problems += damage.tree_problems(pdf)
            chars: list[int] = []
            images: list[int] = []
            lost: set[int] = set()
            first_failure = None
            for index in range(count):
                number = index + 1
                found: list[ReadProblem] = []
                n_chars = n_images = 0
                try:
                    page = pdf.pages[index]
                    found += damage.page_problems(page.page_obj, number)
                    page_lines, n_chars = read_page(page, number, found)
                    found += damage.text_problems(page.chars, number, [ln.text for ln in page_lines])
                    n_images = len(page.images)
                    lines.extend(page_lines)
                except (InputError, MemoryError):
                    raise
                except Exception as exc:
                    if any(isinstance(c, MemoryError) for c in (exc.__cause__, exc.__context__, *exc.args)):
                        raise MemoryError from None  # pdfplumber wraps it (PdfminerException)
                    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:100]
                    first_failure = first_failure or f"{name}: page {number} of the PDF cannot be read ({detail})"
                    found = [ReadProblem(f"page {number} could not be read ({detail}): {damage.MISSING}",
                                         page=number)]
                finally:
                    try:
                        pdf.pages[index].close()
                    except Exception:
                        pass
                found += log.problems(number)
                if any(p.severity == "error" for p in found):
                    lost.add(number)
                problems += found
                chars.append(n_chars)
                images.append(n_images)
                progress(number, count)
            problems += damage.empty_pages(chars, images, lost)
        finally:
            pdf.close()
    if not any(chars):
        if first_failure:
            raise InputError(first_failure)
        raise InputError(f"{name}: the PDF has no text layer (a scan?): it needs OCR before it can be read")
    return lines, count, problems


def read_page(page, number: int, problems: list | None = None) -> tuple[list[SourceLine], int]:
    """A page's lines in reading order. A page whose text runs sideways or upside down is read with its
    characters turned upright (`turned.py`); text set another way is added to `problems`."""
    from workbench.ingest.turned import turn_upright

    n_chars = len(page.chars)
    if n_chars == 0:
        return [], 0
    turned, found = turn_upright(page.chars, float(page.width), float(page.height), number)
    if problems is not None:
        problems.extend(found)
    options = {"extra_attrs": ["fontname", "size"], "x_tolerance": 2, "y_tolerance": 2}
    if turned is not None:  # ruled tables are not looked for on a turned page: its rules are turned too
        from pdfplumber.utils import extract_words

        words = _typeset_words(extract_words(turned, **options))
        lines = _text_lines(words, number)
        lines.sort(key=lambda ln: (ln.top, ln.x0))
        _mark_gaps(lines)
        return lines, n_chars
    rules = [obj for obj in page.lines + page.rects if _visible(obj)]
    tables = page.find_tables({
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": rules,
        "explicit_horizontal_lines": rules,
    }) if len(rules) >= 4 else []
    boxes = [t.bbox for t in tables]
    words = _typeset_words(page.extract_words(**options))
    loose = [w for w in words if not any(_inside(w, box) for box in boxes)]
    lines = _text_lines(loose, number)
    for table, box in zip(tables, boxes):
        lines.extend(_table_lines(table, [w for w in words if _inside(w, box)], number))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    _mark_gaps(lines)
    return lines, n_chars


# ---------------------------------------------------------------- typesetting undone
_LIGATURES = re.compile("[\ufb00-\ufb06]")          # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
_SPACES = re.compile("[\u00a0\u2007\u202f]")         # no-break, figure and narrow no-break spaces


def _typeset_words(words: list[dict]) -> list[dict]:
    """Undo what typesetting puts into the characters: a ligature glyph back into its letters
    (NFKC on those code points only: "ﬁ" → "fi"), a soft hyphen dropped inside a word and read
    as "-" where it ends the word (a line broken there), no-break spaces read as spaces."""
    out = []
    for w in words:
        text = w["text"]
        if _LIGATURES.search(text):
            text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
        if "\u00ad" in text:
            text = text[:-1].replace("\u00ad", "") + ("-" if text.endswith("\u00ad") else text[-1])
        if _SPACES.search(text):
            text = _SPACES.sub(" ", text).strip()
        if text != w["text"]:
            w = {**w, "text": text}
        if text:
            out.append(w)
    return out


def _touching(prev: dict, word: dict, size: float) -> bool:
    """Two words with no space between them: one word whose letters changed font mid-way (a
    ligature or a letter from a fallback font, a bold prefix), which pdfplumber splits."""
    return word["x0"] - prev["x1"] < 0.12 * size


def _stretched(gaps: list[float], size: float) -> bool:
    """Justified text: the spaces of a line stretched alike, however wide, are spaces, not cell gaps."""
    return len(gaps) >= 3 and max(gaps) - min(gaps) <= max(1.0, 0.1 * size)


def _white(color) -> bool:
    if color is None:
        return False
    values = color if isinstance(color, (tuple, list)) else (color,)
    if len(values) == 4:  # CMYK: white is no ink at all
        return all(v == 0 for v in values)
    return all(isinstance(v, (int, float)) and v >= 0.95 for v in values)


def _visible(obj: dict) -> bool:
    """A rule that a reader sees: a stroked or dark-filled line or rectangle, not a white box."""
    if obj.get("object_type") == "line":
        return not _white(obj.get("stroking_color"))
    stroked = obj.get("stroke") and not _white(obj.get("stroking_color"))
    filled = obj.get("fill") and not _white(obj.get("non_stroking_color"))
    return bool(stroked or filled)


def _inside(word: dict, box: tuple) -> bool:
    x0, top, x1, bottom = box
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _text_lines(words: list[dict], page: int) -> list[SourceLine]:
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    groups: list[list[dict]] = []
    for word in words:
        if groups:
            last = groups[-1]
            ref = last[0]
            tol = max(2.0, 0.35 * ref["size"])
            if abs(word["top"] - ref["top"]) <= tol or abs(word["bottom"] - ref["bottom"]) <= tol:
                last.append(word)
                continue
        groups.append([word])
    return [_line_of(sorted(g, key=lambda w: w["x0"]), page) for g in groups]


def _line_of(words: list[dict], page: int) -> SourceLine:
    size = statistics.median(w["size"] for w in words)
    gap_cell = max(10.0, 1.6 * size)
    gaps = [w["x0"] - p["x1"] for p, w in zip(words, words[1:]) if not _touching(p, w, size)]
    if _stretched(gaps, size):
        gap_cell = float("inf")
    parts: list[str] = []
    starts = [words[0]["x0"]]
    current = [words[0]["text"]]
    for prev, word in zip(words, words[1:]):
        if _touching(prev, word, size):
            current[-1] += word["text"]
            continue
        if word["x0"] - prev["x1"] > gap_cell:
            parts.append(" ".join(current))
            current = []
            starts.append(word["x0"])
        current.append(word["text"])
    parts.append(" ".join(current))
    bold_chars = sum(len(w["text"]) for w in words if BOLD.search(w["fontname"]))
    total = sum(len(w["text"]) for w in words)
    return SourceLine(
        no=0,
        text="\t".join(parts),
        page=page,
        x0=min(w["x0"] for w in words),
        top=min(w["top"] for w in words),
        x1=max(w["x1"] for w in words),
        bottom=max(w["bottom"] for w in words),
        bold=bold_chars * 2 > total,
        size=round(size, 1),
        cell_x=tuple(round(x, 1) for x in starts) if len(starts) > 1 else (),
    )


def _table_lines(table, words: list[dict], number: int) -> list[SourceLine]:
    """One line per table row, its cells' text (from the words already extracted) joined by tabs."""
    out = []
    for row in table.rows:
        texts = []
        inside: list[dict] = []
        for cell in row.cells:
            if cell is None:
                texts.append("")
                continue
            mine = [w for w in words if _inside(w, cell)]
            inside += mine
            mine.sort(key=lambda w: (round(w["top"]), w["x0"]))
            texts.append(" ".join(w["text"] for w in mine))
        if not any(texts):
            continue
        x0, top, x1, bottom = row.bbox
        bold = sum(len(w["text"]) for w in inside if BOLD.search(w["fontname"])) * 2 > sum(len(w["text"]) for w in inside)
        size = statistics.median(w["size"] for w in inside) if inside else None
        starts = tuple(round(cell[0], 1) for cell in row.cells if cell is not None)
        out.append(SourceLine(no=0, text="\t".join(texts), page=number, x0=x0, top=top, x1=x1, bottom=bottom,
                              bold=bold, size=round(size, 1) if size else None, joined=True,
                              cell_x=starts if len(starts) == len(texts) and len(starts) > 1 else ()))
    return out


def _wrapped_gap(lines: list[SourceLine]) -> float | None:
    """The space between the lines of a paragraph, from lines that wrap (a line that fills the
    measure, followed by one of the same size): the page's other spacings may be more common (a
    list set tighter than its paragraphs), but this one says what a paragraph gap is not."""
    right = max((ln.x1 for ln in lines), default=0.0)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])
            if b.top > a.bottom and a.size and a.size == b.size and not a.cell_x and a.x1 >= right - 2.5 * a.size
            and abs(b.x0 - a.x0) < 1.0]
    return statistics.median(gaps) if len(gaps) >= 3 else None


def _mark_gaps(lines: list[SourceLine]) -> None:
    """A paragraph gap: clearly more space above a line than between the lines of a paragraph."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom]
    usual = _wrapped_gap(lines) or (statistics.median(gaps) if gaps else 0.0)
    for prev, line in zip(lines, lines[1:]):
        size = line.size or 10.0
        line.gap_before = (line.top - prev.bottom) > usual + 0.35 * size
    if lines:
        lines[0].gap_before = True
