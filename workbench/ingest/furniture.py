"""Page headers, footers and page numbers: recognised and marked, never deleted.

In a PDF: a line repeated at the same place (digits aside) on most pages, or a page number
(`Side 3`, `3 af 5`, a lone number) at the top or bottom edge. In text: a header line such as
`Direktionen 07-05-2025` next to a lone page number, and `Side N` lines.
"""
from __future__ import annotations

import re
from collections import defaultdict

from workbench.config import Config
from workbench.model import SourceLine, SourceText

EDGE = 0.12  # the top and bottom share of a page where page numbers stand
REPEAT_EDGE = 0.22  # a repeated header or footer may reach this far in


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def _is_page_number(text: str, config: Config) -> bool:
    return any(rx.match(text) for rx in config.patterns.page_number)


def _is_header(text: str, config: Config) -> bool:
    text = " ".join(text.split())
    if any(rx.match(text) for rx in config.patterns.decision):
        return False
    if any(rx.match(text) for rx in config.patterns.page_header):
        return True
    hit = header_words(text, config)  # "Referat - Direktionen - 7. maj 2025" beside a page number
    return bool(hit and hit[0]) and len(text.split()) <= 10


def _mark(line: SourceLine, reason: str, certain: bool = True) -> None:
    line.furniture = True
    line.furniture_reason = reason
    line.furniture_certain = certain


def mark_furniture(source: SourceText, config: Config) -> None:
    if source.format == "pdf":
        _mark_pdf(source, config)
    else:
        _mark_text(source, config)


def _mark_pdf(source: SourceText, config: Config) -> None:
    pages = source.pages or 1
    by_shape: dict[tuple[str, int], set[int]] = defaultdict(set)
    heights: dict[int, float] = {}
    for line in source.lines:
        if line.page is None or line.top is None:
            continue
        heights[line.page] = max(heights.get(line.page, 0.0), line.bottom or 0.0)
    page_height = max(heights.values(), default=842.0)
    for line in source.lines:
        if line.top is None or not line.text.strip():
            continue
        if _at_edge(line, page_height, REPEAT_EDGE):
            by_shape[(_shape(line.text), round(line.top / 6))].add(line.page)

    def near(key: tuple[str, int]) -> set[int]:  # the pages with this line at this place, give or take a few points
        return by_shape.get((key[0], key[1] - 1), set()) | by_shape.get(key, set()) | by_shape.get((key[0], key[1] + 1), set())

    for line in source.lines:
        if line.top is None or not line.text.strip():
            continue
        edge = _at_edge(line, page_height, EDGE)
        key = (_shape(line.text), round(line.top / 6))
        on = near(key)
        if _at_edge(line, page_height, REPEAT_EDGE) and pages >= 2 and len(on) >= max(2, pages * 0.5):
            _mark(line, f"repeated at the same place on {len(on)} of {pages} pages")
        elif pages == 2 and on == {2} and line.page == 2 and _at_edge(line, page_height, EDGE) \
                and _outermost(source, line) and (header_words(line.text, config) or (None,))[0]:
            _mark(line, "a body and a date at the edge of every page but the first", certain=False)
        elif edge and _is_page_number(line.text, config):
            _mark(line, "a page number at the edge of the page")


def _outermost(source: SourceText, line: SourceLine) -> bool:
    """No other line of its page stands above it (or, at the foot, below it)."""
    tops = [ln.top for ln in source.lines if ln.page == line.page and ln.top is not None and ln.text.strip()]
    return line.top <= min(tops) or line.top >= max(tops)


def _at_edge(line: SourceLine, page_height: float, share: float) -> bool:
    return line.top < page_height * share or (line.bottom or line.top) > page_height * (1 - share * 0.8)


def _mark_text(source: SourceText, config: Config) -> None:
    lines = source.lines
    content = [ln for ln in lines if ln.text.strip()]
    for i, line in enumerate(content):
        text = line.text.strip()
        if _is_header(text, config):
            nxt = content[i + 1] if i + 1 < len(content) else None
            prev = content[i - 1] if i else None
            beside_number = any(n is not None and _is_page_number(n.text, config) for n in (nxt, prev))
            if beside_number:
                _mark(line, "a page header (body and date) beside a page number")
                for n in (nxt, prev):
                    if n is not None and _is_page_number(n.text, config) and not n.furniture:
                        _mark(n, "a page number beside a page header")
        elif re.match(r"^\s*Side\s+\d{1,4}(\s*(af|of|/)\s*\d{1,4})?\s*$", line.text, re.I):
            _mark(line, "a page number ('Side N')")
        elif re.match(r"^\s*\d{1,4}\s+(af|of)\s+\d{1,4}\s*$", line.text, re.I):
            _mark(line, "a page number ('N af M')")


# A date in a running header: `07-05-2025`, `07.05.2025`, `(onsdag) den 7. maj 2025`.
_HEADER_DATE = re.compile(
    r"(?:\b(?:man|tirs|ons|tors|fre|lør|søn)dag\s+)?(?:\b(?:den|d\.)\s+)?"
    r"(?P<date>\d{1,4}[-./]\d{1,2}[-./]\d{2,4}|\d{1,2}\.\s*[a-zæøå]+\.?\s+\d{4})", re.IGNORECASE)
_HEADER_JOIN = " \t-–·•|,:/"


def page_headers(source: SourceText, config: Config):
    """The page headers among the furniture that say a body and a date ("Direktionen 07-05-2025",
    "Referat for Direktionen den 7. maj 2025", "Direktionen · 07.05.2025"):
    (line, body or None, the date as written)."""
    for line in source.lines:
        if not line.furniture:
            continue
        head = line.text.split("\t")[0].strip()
        for rx in config.patterns.page_header:
            m = rx.match(head)
            if m:
                yield line, (m.groupdict().get("body") or "").strip() or None, m.group("date")
                break
        else:
            hit = header_words(line.text, config)
            if hit:
                yield line, hit[0], hit[1]


def _header_word(part: str, kinds: list[str], config: Config) -> bool:
    """A part of a header that names no body: a page number ("Side 3"), the kind ("Referat") or a
    label ("Mødedato:") whose value stood beside it."""
    word = part.strip(" :").casefold()
    labels = [w for key in ("date", "start", "place") for w in config.front.get(key, ())]
    return any(word == w.casefold() for w in kinds + labels)


def header_words(text: str, config: Config) -> tuple[str | None, str] | None:
    """A header or footer of any shape that holds a date: (body, the date as written). The body
    is the words beside the date once the kind ("Referat") and the joining marks are gone; none
    where digits remain ("Side 1 af 9") or the words fall in more than one part."""
    text = " ".join(text.replace("\t", " | ").split())
    m = _HEADER_DATE.search(text)
    if not m:
        return None
    rest = (text[:m.start()] + " | " + text[m.end():]).strip(_HEADER_JOIN)
    rest = re.sub(r"\b(?:kl\.?\s*)?\d{1,2}[.:]\d\d(?:\s*[-–]\s*\d{1,2}[.:]\d\d)?", " | ", rest, flags=re.I).strip(_HEADER_JOIN)
    kinds = sorted((w for words in config.kinds.values() for w in words), key=len, reverse=True)
    for w in kinds:
        if rest.casefold().startswith(w.casefold()) and (len(rest) == len(w) or rest[len(w)] in _HEADER_JOIN):
            rest = rest[len(w):].strip(_HEADER_JOIN)
            break
    rest = re.sub(r"^(?:for|fra|i)\s+", "", rest, flags=re.IGNORECASE).strip(_HEADER_JOIN)
    parts = [p.strip(_HEADER_JOIN) for p in re.split(r"\s+[-–·•|]\s+|\s*\|\s*", rest) if p.strip(_HEADER_JOIN)]
    parts = [p for p in parts if not _is_page_number(p, config) and not _header_word(p, kinds, config)]
    body = parts[0] if len(parts) == 1 else None
    if body and (re.search(r"\d", body) or len(body.split()) > 6):
        body = None
    return body, m.group("date")
