"""The outline the review tree draws, driven by the schema: the same nodes as before it was (labels,
fields, spans, editors), and flags counted per node from an index made once."""
from __future__ import annotations

import dataclasses
import random

import pytest

import outline_before
from conftest import SEEDS
from workbench.model import Flag
from workbench.pipeline import analyse
from workbench.review import outline
from workbench.schema.referat import ITEM

SOURCES = sorted(p.name for p in SEEDS.glob("*.txt"))


def _tree(nodes):
    return [(n.label, n.field, n.span, n.leaf, n.kind, _tree(n.children)) for n in nodes]


@pytest.fixture(scope="module", params=SOURCES)
def ref(request, config):
    return analyse(SEEDS / request.param, config)


def test_the_outline_is_what_it_was(ref):
    for p in ref.meeting.members[:1]:
        p.vacant = True  # a vacant post is shown as before
    assert _tree(outline.build(ref)) == _tree(outline_before.build(ref))


def test_the_flag_index_finds_what_the_search_found(ref):
    flags = list(ref.flags)
    rnd = random.Random(7)
    for f in flags[::3]:
        f.resolution = rnd.choice(["open", "fixed", "accepted"])
    flags.append(Flag("low_confidence", "warning", "items[1]x", (1, 1), "not under items[1]"))
    flags.append(Flag("low_confidence", "warning", "items[10].title", (1, 1), "not under items[1]"))
    index = outline.FlagIndex(flags)
    fields = [n.field for n in outline.walk(outline.build(ref))] + ["items[1]", "items", "meeting", "nowhere", ""]
    for field in fields:
        for open_only in (True, False):
            want = outline_before.flags_under(flags, field, open_only)
            assert outline.flags_under(index, field, open_only) == want
            assert outline.flags_under(flags, field, open_only) == want
    assert [f.message for f in index.under("items[1]")] == [f.message for f in flags
                                                            if f.field.startswith(("items[1].", "items[1][")) or
                                                            f.field == "items[1]"
                                                            if f.resolution == "open" and f.severity != "info"]


def test_a_field_added_to_the_schema_shows_in_the_outline(ref, monkeypatch):
    from workbench.schema.types import Str

    attrs = dict(ITEM.attrs)
    attrs["journal"] = Str(label="Journalnummer")
    monkeypatch.setattr(ITEM, "attrs", attrs)
    item = outline.build(ref)[2]
    assert any(n.label.startswith("Journalnummer: ") for n in item.children)
