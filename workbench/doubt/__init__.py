"""Doubt: the flag rules that fire where a rule of the parser did not match.

The other rules check what the parser found. These check what it may have missed, so that a
referat laid out in a way the vocabulary does not know is loud, not silently wrong:
- the document as a whole: no items, items covering a small part of it, no meeting date or body;
- every line accounted for: a non-furniture line read as no value, label or heading;
- values that look wrong for their field: a line shaped like a page header, an attachment row
  or a heading inside a text, a decision far longer than the others, two names in one person,
  a table row without its key cell, tables in a row that are one, an attachment line whose
  number, access or document number could not be read;
- an item that lacks what the document's other items have (decisions, sections);
- order and openings: item numbers that do not go up, a Bilag list that starts again or takes a
  heading, a text that opens with a date alone, a title that opens with a separator;
- what the reading of the source lost: a PDF page, object or font that could not be read (source.py).
Each flag says what was seen and what to check, and names the most precise field it can.
"""
from __future__ import annotations

import statistics
from typing import Callable

from workbench.doubt.document import DocumentRules
from workbench.doubt.items import ItemRules
from workbench.doubt.sequence import SequenceRules
from workbench.doubt.source import SourceRules
from workbench.doubt.tables import TableRules
from workbench.doubt.values import ValueRules
from workbench.model import Referat, SourceLine


class Doubt(DocumentRules, ValueRules, ItemRules, TableRules, SequenceRules, SourceRules):
    def __init__(self, ref: Referat, config, add: Callable[..., None], flagged: list[tuple[int, int]],
                 roster=None):
        self.ref = ref
        self.roster = roster
        self.config = config
        self.add = add
        self.flagged = flagged  # the line spans that earlier flags point at
        self.lines = ref.source.lines
        self.content = [ln for ln in self.lines if ln.text.strip() and not ln.furniture]
        sizes = [ln.size for ln in self.content if ln.size]
        self.body_size = statistics.median(sizes) if sizes else None
        self._marks: list[tuple[int, str]] | None = None


    def run(self) -> None:
        self.source_read()
        self.document()
        self.unread()
        self.misplaced()
        self.outliers()
        self.like_the_others()
        self.merged_items()
        self.split_items()
        self.people()
        self.tables()
        self.attachments()
        self.headers()
        self.recurring_headings()
        self.loose_tables()
        self.tail()
        self.sequences()


    # -- helpers
    def _flagged(self, no: int) -> bool:
        return any(a <= no <= b and b - a < 30 for a, b in self.flagged)


    def _text(self, no: int) -> str:
        return self.lines[no - 1].text.strip() if 1 <= no <= len(self.lines) else ""


    def _larger(self, line: SourceLine) -> bool:
        return bool(self.body_size and line.size and line.size > self.body_size + 0.9)


    @staticmethod
    def _span_of(lines: list[SourceLine]) -> tuple[int, int]:
        return (lines[0].no, lines[-1].no) if lines else (1, 1)
