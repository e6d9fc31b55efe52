"""What the reading of a PDF lost: pdfminer's complaints, pages the page tree promises that are not
there, content streams and fonts that are missing or broken, text with no Unicode map, pages with
no text. Each is a `ReadProblem` on the `SourceText`; the flag rules (doubt/source.py) make flags.

pdfminer reads a damaged file as far as it can and is silent about most of what it leaves out (an
object that is not found reads as nothing, a stream that does not decode as empty): the checks here
look at the same objects again, strictly, so that a page read half is never taken for a whole one.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from contextlib import contextmanager

from workbench.model import ReadProblem

_LOGGERS = ("pdfminer", "pdfplumber")
MISSING = "its text is missing from the record"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class PdfLog:
    """pdfminer's and pdfplumber's warnings while the PDF is read: kept here, never printed to stderr."""

    def __init__(self, handler: _Collect):
        self._handler = handler
        self._seen = 0

    def problems(self, page: int | None) -> list[ReadProblem]:
        """The warnings logged since the last call, as problems of `page` (one per kind, with a count)."""
        records = self._handler.records[self._seen:]
        self._seen = len(self._handler.records)
        kinds: Counter[str] = Counter()
        level: dict[str, int] = {}
        for r in records:
            try:
                text = r.getMessage()
            except Exception:
                text = str(r.msg)
            text = " ".join(text.split())[:120]
            kinds[text] += 1
            level[text] = max(level.get(text, 0), r.levelno)
        where = f"page {page}" if page else "the PDF"
        out = []
        for text, n in kinds.items():
            times = f" ({n} times)" if n > 1 else ""
            out.append(ReadProblem(
                f"the PDF reader reported a fault while reading {where}: '{text}'{times}; some of its text may be "
                "missing or wrong: compare it with the PDF", severity="error" if level[text] >= logging.ERROR else "warning",
                page=page))
        return out


@contextmanager
def capture_log():
    """Route pdfminer's log to a collector for the duration (and nowhere else)."""
    handler = _Collect()
    saved = []
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate, logger.level, list(logger.handlers)))
        logger.handlers = [handler]
        logger.propagate = False
        logger.setLevel(logging.WARNING)
    try:
        yield PdfLog(handler)
    finally:
        for logger, propagate, level, handlers in saved:
            logger.handlers = handlers
            logger.propagate = propagate
            logger.setLevel(level)


# -- the page tree
def tree_problems(pdf) -> list[ReadProblem]:
    """Pages the page tree lists (or counts) that are not among the pages read."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    try:
        root = resolve1(pdf.doc.catalog.get("Pages"))
    except Exception:
        root = None
    read = len(pdf.pages)
    if not isinstance(root, dict):
        return [ReadProblem(f"the PDF's page tree is missing or broken: {read} pages were found by searching the "
                            "file, in an order that may be wrong; pages may be missing", page=1)]
    out: list[ReadProblem] = []
    leaves = 0
    seen: set[int] = set()

    def walk(node, depth: int) -> None:
        nonlocal leaves
        if depth > 64:
            return
        for kid in resolve1(node.get("Kids")) or []:
            ident = kid.objid if isinstance(kid, PDFObjRef) else None
            if ident in seen:
                continue
            seen.add(ident)
            obj = resolve1(kid)
            if not isinstance(obj, dict):
                leaves += 1
                near = min(leaves, max(read, 1))
                out.append(ReadProblem(
                    f"page {leaves} of the page tree (object {ident}) is missing from the file: {MISSING}", page=near))
            elif "Kids" in obj:
                walk(obj, depth + 1)
            else:
                leaves += 1

    try:
        walk(root, 0)
        count = resolve1(root.get("Count"))
    except Exception as exc:
        return [ReadProblem(f"the PDF's page tree could not be read whole ({type(exc).__name__}); "
                            "pages may be missing", page=1)]
    if isinstance(count, int) and count != read and not out:
        out.append(ReadProblem(f"the PDF's page tree says it has {count} pages, but {read} could be read: "
                               + ("the text of the others is missing from the record" if count > read
                                  else "the page tree is damaged"), page=max(read, 1)))
    return out


# -- one page's objects
def page_problems(page_obj, number: int) -> list[ReadProblem]:
    """A page's content streams and fonts, looked at strictly before the page is read."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

    out: list[ReadProblem] = []
    contents = page_obj.attrs.get("Contents")
    refs = resolve1(contents) if not isinstance(contents, PDFObjRef) else contents
    refs = refs if isinstance(refs, list) else [contents]
    for ref in refs:
        if ref is None:
            continue
        stream = resolve1(ref)
        ident = f" (object {ref.objid})" if isinstance(ref, PDFObjRef) else ""
        if not isinstance(stream, PDFStream):
            out.append(ReadProblem(f"page {number}: its content stream{ident} is missing from the file: {MISSING}",
                                   page=number))
            continue
        fault = _decode_fault(stream)
        if fault is None:
            fault = unfinished(stream.get_data())
        if fault:
            out.append(ReadProblem(f"page {number} could not be read whole: its content stream{ident} {fault}; "
                                   "some of its text is missing from the record", page=number))
    resources = resolve1(page_obj.attrs.get("Resources"))
    fonts = resolve1(resources.get("Font")) if isinstance(resources, dict) else None
    if isinstance(fonts, dict):
        for name, ref in fonts.items():
            font = resolve1(ref)
            if not isinstance(font, dict) or not font:
                ident = f" (object {ref.objid})" if isinstance(ref, PDFObjRef) else ""
                out.append(ReadProblem(f"page {number}: its font {name}{ident} is missing from the file: the text set "
                                       "in it may be wrong or missing", page=number))
    return out


def _decode_fault(stream) -> str | None:
    """Decode a copy of the stream strictly: pdfminer itself reads a stream that does not decode as empty."""
    from pdfminer import settings
    from pdfminer.pdftypes import PDFStream

    if stream.rawdata is None:  # decoded already
        return None
    probe = PDFStream(stream.attrs, stream.rawdata, stream.decipher)
    probe.objid, probe.genno = stream.objid, stream.genno
    strict = settings.STRICT
    settings.STRICT = True
    try:
        probe.decode()
    except Exception as exc:
        detail = " ".join(str(exc).split())[:60] or type(exc).__name__
        return f"does not decode ({detail})"
    finally:
        settings.STRICT = strict
    return None


_OUTSIDE = re.compile(rb"[()%]|(?<![^\s\]\[)>])(?:BT|ET|ID)(?![^\s\[(/<])")
_INSIDE = re.compile(rb"\\.|[()]", re.DOTALL)


def unfinished(data: bytes) -> str | None:
    """A content stream that ends inside a string or a text object was cut off (or broken) on the way."""
    depth = bt = pos = 0
    n = len(data)
    while pos < n:
        m = (_INSIDE if depth else _OUTSIDE).search(data, pos)
        if m is None:
            break
        tok = m.group()
        pos = m.end()
        if depth:
            depth += 1 if tok == b"(" else -1 if tok == b")" else 0
        elif tok == b"(":
            depth = 1
        elif tok == b"%":
            end = data.find(b"\n", pos)
            pos = n if end < 0 else end
        elif tok == b"BT":
            bt += 1
        elif tok == b"ET":
            bt = max(0, bt - 1)
        elif tok == b"ID":  # an inline image: binary data follows; do not judge the rest
            return None
    if depth:
        return "ends inside a string (cut off, or a string never closed)"
    if bt:
        return "ends inside a text object (cut off)"
    return None


# -- the text a page gave
_CID = re.compile(r"\(cid:\d+\)")


def _garbage(ch: str) -> bool:
    """A character that no Danish referat's text is made of: a code without a Unicode map comes out so."""
    o = ord(ch)
    if o < 0x20 or 0x7F <= o < 0xA0 or o == 0xFFFD:
        return True
    if 0xE000 <= o <= 0xF8FF or o >= 0xF0000:  # private use
        return True
    return 0x0370 <= o <= 0x03FF or 0x2700 <= o <= 0x27BF  # Greek and Dingbats: a symbol font read as text


def text_problems(chars: list[dict], number: int, texts: list[str] = ()) -> list[ReadProblem]:
    """Text without a Unicode map: `(cid:N)`, private-use codes or symbols where letters should be, and
    letters that a wrong encoding put where æ, ø and å stand."""
    total = 0
    bad: Counter[str] = Counter()
    cid: Counter[str] = Counter()
    sample: dict[str, str] = {}
    for c in chars:
        text = c.get("text", "")
        if text.isspace():
            continue
        total += 1
        font = str(c.get("fontname", "?"))
        if _CID.fullmatch(text):
            cid[font] += 1
            bad[font] += 1
        elif len(text) == 1 and _garbage(text):
            bad[font] += 1
        else:
            continue
        if len(sample.get(font, "")) < 12:
            sample[font] = sample.get(font, "") + (text if len(text) == 1 and unicodedata.category(text)[0] != "C"
                                                   else ("\\x%02x" % ord(text) if len(text) == 1 else text))
    n_bad = sum(bad.values())
    if not n_bad:
        return _misencoded(texts, number)
    fonts = ", ".join(f"{f} ({n})" for f, n in bad.most_common(3))
    seen = "; ".join(f"'{sample[f]}'" for f, _ in bad.most_common(2))
    if n_bad >= 5 and n_bad * 20 >= total:
        return [ReadProblem(f"page {number}: {n_bad} of its {total} characters have no readable Unicode mapping "
                            f"(font {fonts}; read as {seen}): that text is garbled or missing in the record",
                            page=number)]
    out = _misencoded(texts, number)
    if sum(cid.values()):
        out.append(ReadProblem(f"page {number}: {sum(cid.values())} characters have no Unicode mapping and read as "
                               f"(cid:N) (font {fonts}): a letter or sign may be missing there", severity="warning",
                               page=number))
    return out


def _odd(text: str, i: int) -> bool:
    o = ord(text[i])
    if 0x100 <= o <= 0x2FF:  # Latin Extended and spacing modifiers: ł, ˛, ˙ where ø or å stood
        return True
    if 0xA1 <= o <= 0xBF:  # a Latin-1 sign (¯, ¸, ¿) inside a word
        return any(0 <= j < len(text) and text[j].isalpha() for j in (i - 1, i + 1))
    return False


def _misencoded(texts: list[str], number: int) -> list[ReadProblem]:
    odd = Counter(t[i] for t in texts for i in range(len(t)) if ord(t[i]) > 0xA0 and _odd(t, i))
    danish = sum(t.count(c) for t in texts for c in "æøåÆØÅ")
    n = sum(odd.values())
    if n < 3 or n <= danish:
        return []
    signs = " ".join(c for c, _ in odd.most_common(5))
    return [ReadProblem(f"page {number}: {n} letters look wrongly encoded ({signs} where æ, ø and å would stand; the "
                        "font's encoding is missing or wrong): that text is garbled in the record", page=number)]


def empty_pages(chars: list[int], images: list[int], lost: set[int]) -> list[ReadProblem]:
    """Pages without text in a document with text: a scanned page, most likely, whose text is not in the record."""
    out = []
    with_text = [i for i, n in enumerate(chars) if n]
    if not with_text:
        return out
    for i, n in enumerate(chars):
        number = i + 1
        if n or number in lost:
            continue
        inside = with_text[0] < i < with_text[-1]
        if inside or images[i]:
            what = "an image and no text" if images[i] else "no text"
            out.append(ReadProblem(f"page {number} has {what} (a scanned page?): if it holds text, that text is not "
                                   "in the record", severity="warning", page=number))
    return out
