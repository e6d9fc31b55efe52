"""Flag kinds are one enumeration (model.FlagKind): SCHEMA.md's list, each with a severity and a meaning,
and no flag made or tested anywhere under workbench/ by a string literal of a kind."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT, SHARED
from workbench import model
from workbench.model import SEVERITIES, Flag, FlagKind

SCHEMA = SHARED / "SCHEMA.md"
KINDS = {k.value for k in FlagKind}
# the callables that take a flag kind as their first argument (or as kind=)
FLAG_MAKERS = {"Flag", "note", "Note", "make_flag", "flag_id", "add"}


def schema_kinds() -> list[str]:
    text = SCHEMA.read_text(encoding="utf-8")
    table = text[text.index("## Flag kinds"):]
    table = table[: table.find("\n## ", 1)] if "\n## " in table[1:] else table
    return re.findall(r"^\|\s*`([a-z_]+)`\s*\|", table, re.MULTILINE)


@pytest.mark.skipif(not SCHEMA.exists(), reason="../shared/SCHEMA.md is not here")
def test_the_enumeration_holds_the_kinds_schema_lists():
    listed = schema_kinds()
    assert len(listed) >= 15, listed  # the table was read
    assert [k for k in listed if k not in KINDS] == []
    assert [k for k in KINDS if k not in listed] == []  # the vocabulary is closed: a new kind is documented there


def test_every_kind_has_a_severity_and_a_meaning():
    for kind in FlagKind:
        assert kind.severity in SEVERITIES, kind
        assert len(kind.meaning.split()) >= 4, kind
        assert kind == kind.value and str(kind) == kind.value and f"{kind}" == kind.value  # the record's string


def test_a_flag_holds_a_known_kind_as_its_member_and_keeps_an_unknown_one():
    known = Flag("low_confidence", "warning", "items", (1, 1), "m")
    assert known.kind is FlagKind.LOW_CONFIDENCE
    later = Flag("some_later_kind", "info", "items", (1, 1), "m")  # a record from a newer version
    assert type(later.kind) is str and later.kind == "some_later_kind"


def test_a_note_takes_its_kinds_severity_unless_given():
    assert Flag.note(FlagKind.HYPHENATION, (3, 4), "m").severity == "info"
    assert Flag.note(FlagKind.TOC_MISMATCH, (3, 4), "m").severity == "error"
    note = Flag.note(FlagKind.BROKEN_TABLE, (3, 4), "m", severity="info", field="rows[2]", excerpt="x")
    assert (note.kind, note.severity, note.field, note.lines, note.excerpt, note.id) == \
        ("broken_table", "info", "rows[2]", (3, 4), "x", "")


def _callee(node: ast.Call) -> str | None:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _kind_literals(node: ast.AST) -> list[str]:
    """String constants equal to a kind: the node itself, or the members of a tuple, list or set."""
    items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
    return [n.value for n in items if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in KINDS]


def kind_literals_in(source: str) -> list[tuple[int, str]]:
    """Where a string literal of a kind is passed as a flag kind (to Flag, Flag.note, make_flag, a Note,
    flag_id, a rule's add, or as kind=) or compared with a `.kind`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            args = list(node.args[:1]) if _callee(node) in FLAG_MAKERS else []
            args += [kw.value for kw in node.keywords if kw.arg == "kind"]
            found += [(node.lineno, v) for a in args for v in _kind_literals(a)]
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr == "kind" for s in sides):
                found += [(node.lineno, v) for s in sides for v in _kind_literals(s)]
    return found


def test_the_scan_finds_a_kind_given_as_a_string():
    planted = '''
make_flag("low_confidence", "warning", "items", (1, 1), "m")
self.add("broken_table", "warning", "items", (1, 1), "m")
Flag.note("hyphenation", (1, 1), "m")
Flag(kind="toc_mismatch", severity="error", field="toc", lines=(1, 1), message="m")
if flag.kind != "name_unknown" or f.kind in ("page_furniture", "missing_section"):
    pass
make_flag(FlagKind.LOW_CONFIDENCE, "warning", "items", (1, 1), "m")
read.add(3)
node.kind == "person"
'''
    assert [v for _, v in kind_literals_in(planted)] == [
        "low_confidence", "broken_table", "hyphenation", "toc_mismatch", "name_unknown", "page_furniture",
        "missing_section"]


def test_no_flag_kind_is_a_string_literal_under_workbench():
    files = sorted((ROOT / "workbench").rglob("*.py"))
    assert Path(model.__file__).resolve() in [f.resolve() for f in files]
    hits = [f"{f.relative_to(ROOT)}:{line}: {value!r}" for f in files
            for line, value in kind_literals_in(f.read_text(encoding="utf-8"))]
    assert hits == [], "use the FlagKind member:\n" + "\n".join(hits)
