"""The configured vocabulary, matched against rows: headings, markers and patterns.

A heading matches exactly (after case, spacing, markup and a trailing colon are set aside) or
tolerantly (rapidfuzz, for a typo or a variant), and only when the row stands apart as a
heading: a sentence that begins with a heading's word is text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from workbench.config import Config
from workbench.parse.rows import Row


_FIELD_SEP = re.compile(r"\s*[·|;,–]\s*|\s+-\s+|\s+")
_PART_SEP = re.compile(r"\s*[·|;,–]\s*|\s+-\s+")
_DOC_NO = re.compile(r"^Dok(?:ument)?\.?\s*nr\.?:?\s*\S*\d\S*$", re.IGNORECASE)


def norm(text: str) -> str:
    text = re.sub(r"[\s:.*_#]+$", "", text.strip())
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class HeadingMatch:
    key: str
    heading: str
    score: float  # 100 for an exact match
    exact: bool


class Vocabulary:
    def __init__(self, config: Config):
        self.config = config
        self.sections: list[tuple[str, str, str, bool]] = []  # (key, heading, normalized, prefix)
        for key, headings in config.section_headings.items():
            for heading in headings:
                prefix = heading.endswith(" *")
                self.sections.append((key, heading.rstrip(" *"), norm(heading.rstrip(" *")), prefix))
        self.regions = {k: [norm(h) for h in v] for k, v in config.region_headings.items()}
        self.access = [(norm(w), "open") for w in config.access_open] + [(norm(w), "closed") for w in config.access_closed]
        self.access_rx = re.compile(
            r"(?P<marker>" + "|".join(re.escape(w) for w in sorted(
                config.access_open + config.access_closed, key=len, reverse=True) if " " in w) + r")",
            re.IGNORECASE) if any(" " in w for w in config.access_open + config.access_closed) else None

    # -- sections
    def section(self, row: Row, tolerant: bool = True) -> HeadingMatch | None:
        text = row.text
        if len(text) > 90 or row.cells:
            return None
        n = norm(text)
        for key, heading, hn, prefix in self.sections:
            if prefix:
                if n.startswith(hn + " ") and len(n) < len(hn) + 45 and not n.endswith((".", ",")):
                    return HeadingMatch(key, text.strip(), 100.0, True)
            elif n == hn:
                return HeadingMatch(key, heading, 100.0, True)
        if not tolerant:
            return None
        best: HeadingMatch | None = None
        for key, heading, hn, prefix in self.sections:
            if prefix or abs(len(n) - len(hn)) > 3 or len(hn) < 5:
                continue
            score = fuzz.ratio(n, hn)
            if score >= self.config.heading_score and (best is None or score > best.score):
                best = HeadingMatch(key, heading, score, False)
        return best

    def near_section(self, row: Row) -> HeadingMatch | None:
        """A heading-like row that comes close to a heading without matching it well enough."""
        if len(row.text) > 60 or row.cells:
            return None
        n = norm(row.text)
        best = None
        for key, heading, hn, prefix in self.sections:
            if prefix or len(hn) < 5:
                continue
            score = fuzz.ratio(n, hn)
            if 70 <= score < self.config.heading_score and (best is None or score > best.score):
                best = HeadingMatch(key, heading, score, False)
        return best

    # -- regions (TOC, Bilagsoversigt, Underskriftsside, an item's Bilag list)
    def region(self, row: Row, name: str) -> bool:
        if row.cells and any(c for c in row.cells[1:]):
            return False
        n = norm(row.text)
        return any(n == h or (len(h) >= 8 and fuzz.ratio(n, h) >= self.config.heading_score) for h in self.regions.get(name, ()))

    # -- markers
    def access_marker(self, text: str) -> str | None:
        n = norm(text)
        for word, value in self.access:
            if n == word:
                return value
        return None

    def journal(self, text: str) -> str | None:
        return self._group(self.config.patterns.journal, text, "journal")

    def case(self, text: str) -> str | None:
        return self._group(self.config.patterns.case, text, "case")

    def header_fields(self, text: str) -> dict[str, str] | None:
        """A line of an item's header that holds nothing but its fields: access marker, journal,
        case and document number, one or several ("00.30.10.S00 · Sagsnr.: 24/7615 · Åben sag",
        "Sag: 24/7615 Åben sag 00.30.10.S00"). None when any part of the line is not one."""
        text = " ".join(text.split())
        if any(rx.match(text) for rx in self.config.patterns.attachment_detail):
            return None  # "Åbent bilag, dok.nr. 40064/24": an attachment's, not an item's
        tokens = [t for t in _FIELD_SEP.split(text) if t]
        if not tokens or len(tokens) > 12:
            return None
        return self._fields(tokens, 0, {})

    def some_header_fields(self, text: str) -> tuple[dict[str, str], list[str]] | None:
        """A line cut into parts by separators ("·", ",", "–", " - "), some of them header fields
        and some not ("Sagsnr.: 24/7615 · Åben sag · Ansvarlig: KBN"): the fields and the rest.
        None unless at least one part is fields and one is not."""
        parts = [p for p in _PART_SEP.split(" ".join(text.split())) if p]
        if len(parts) < 2 or len(parts) > 8:
            return None
        fields: dict[str, str] = {}
        rest: list[str] = []
        for part in parts:
            found = self.header_fields(part)
            if found and not set(found) & set(fields):
                fields.update(found)
            else:
                rest.append(part)
        return (fields, rest) if fields and rest and set(fields) - {"document"} else None

    def _fields(self, tokens: list[str], i: int, found: dict[str, str]) -> dict[str, str] | None:
        """tokens[i:] read as fields not yet found, the longest field first."""
        if i == len(tokens):
            return found
        for j in range(min(len(tokens), i + 4), i, -1):
            kind, value = self._field(" ".join(tokens[i:j]))
            if kind and kind not in found:
                done = self._fields(tokens, j, {**found, kind: value})
                if done is not None:
                    return done
        return None

    def _field(self, text: str) -> tuple[str | None, str]:
        acc = self.access_marker(text)
        if acc:
            return "access", acc
        for kind, found in (("journal", self.journal(text)), ("case", self.case(text))):
            if found:
                return kind, found
        if _DOC_NO.match(text):
            return "document", text
        return None, ""

    def decision(self, text: str) -> re.Match | None:
        text = " ".join(text.split())
        for rx in self.config.patterns.decision:
            m = rx.match(text)
            if m:
                return m
        return None

    def item(self, text: str) -> tuple[re.Match, int] | None:
        text = " ".join(text.split())
        for i, rx in enumerate(self.config.patterns.item):
            m = rx.match(text)
            if m:
                return m, i
        return None

    @staticmethod
    def _group(patterns, text: str, group: str) -> str | None:
        text = text.strip()
        for rx in patterns:
            m = rx.match(text)
            if m:
                return m.groupdict().get(group) or m.group(0)
        return None
