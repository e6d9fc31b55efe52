"""Shapes the doubt rules look for: regular expressions for dates, numbers and lines, and small helpers."""
from __future__ import annotations

import re

RUN = 25  # lines: a longer run of unread lines is flagged in pieces, so each flag points somewhere
_DATE = re.compile(r"\b\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d\d)\b|\b\d{1,2}\.\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zæøå]*\.?\s+\d{4}\b",
                   re.IGNORECASE)
_TIME = re.compile(r"\bkl\.?\s*\d{1,2}(?:[.:]\d\d)?\b|\b\d{1,2}[:.]\d\d\s*[-–]\s*\d{1,2}[:.]\d\d\b", re.IGNORECASE)
_REF_LIKE = re.compile(r"(?:^|\s)\(?(?:\d{3,7}[/-]\d{2,4}|\d{4}-\d{5,7})\)?\s*$")
# a short line standing alone that names a decision: a decision heading no pattern of config.toml knew
_DECISION_LIKE = re.compile(r"^(?:\w+\s){0,4}(?:beslutning|besluttede|afgørelse)\b", re.IGNORECASE)
# a numbered line that ends in a document number: a line of a Bilag list or of the Bilagsoversigt
_NUMBERED_REF = re.compile(r"^\(?\d{1,3}[.):]?\s+\S.*\(?(?:\d{3,7}/\d\d|\d{4}-\d{5,7})\)?\s*$")
_CODE = re.compile(r"^(?:[A-ZÆØÅa-zæøå.]+\s*:?\s*)?[A-Z]{0,4}[-\d][\w./-]*\d$")  # "24/7615", "EMN-2025-1", "00.30.10.S00"
_KLE = re.compile(r"\b\d\d\.\d\d\.\d\d\b")
_KLE_NUMBER = re.compile(r"\b\d\d\.\d\d\.\d\d(?:\.[A-ZÆØÅ0-9]\d\d)?\b")
_CASE_NUMBER = re.compile(r"\b(?:\d\d/\d{3,6}|\d{4}-\d{3,6}|[A-Z]{2,5}-\d{4}-\d{3,7})\b")
_KEY_START = re.compile(r"^(?:\d{1,2}[.:]\d\d|\d{1,2}\.\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec))\b",
                        re.IGNORECASE)
_KEY_ANY = re.compile(r"(?<![\d.])(?:\d{1,2}[.:]\d\d|\d{1,2}\.\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec))\b",
                      re.IGNORECASE)
_TOC_LINE = re.compile(r"^.*\D(?:\.{2,}|\s)\s*\d{1,4}$")
_NUMBER_FIRST = re.compile(r"^\(?\d{1,3}[.):]?\s+\S")


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def _attachment_row(row: list[str], config) -> bool:
    """Table cells shaped like a Bilag line: an access word, or a number first and a document number."""
    words = [c.split()[0] for c in row[:3] if c.split()]
    access = any(config.access_of(c.strip()) or config.access_of(w) for c, w in zip(row, words))
    numbered = bool(row) and row[0].strip().rstrip(".").isdigit() and any(_REF_LIKE.search(c) for c in row[1:])
    return access or numbered


def _norm(text: str) -> str:
    return " ".join(text.strip(" :").split()).casefold()


def _page_number(text: str, config) -> bool:
    return bool(config) and any(rx.match(text) for rx in config.patterns.page_number)


def _cut(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
