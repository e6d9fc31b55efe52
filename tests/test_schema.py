"""referat/1 declared once (workbench/schema/): its JSON Schema holds SCHEMA.md's example and the
records the workbench makes; the session's checks and the editor's take typed input alike."""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
import tomllib

import jsonschema
import pytest

from conftest import GOLD, ROOT, SEEDS, SHARED, needs, run_cli
from workbench import schema
from workbench.errors import RecordError
from workbench.pipeline import analyse
from workbench.record import dumps, to_dict
from workbench.review import ReviewSession, store
from workbench.schema.types import ValueProblem
from workbench.tui.screens.editor import validator_for

SCHEMA_MD = SHARED / "SCHEMA.md"
LEGACY = sorted(p for p in (ROOT / "tests" / "legacy").rglob("*.toml") if p.name != "laid-over.toml")  # records


@pytest.fixture(scope="module")
def validator():
    derived = schema.json_schema()
    jsonschema.Draft202012Validator.check_schema(derived)
    return jsonschema.Draft202012Validator(derived)


def _example() -> dict:
    text = SCHEMA_MD.read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S).group(1)
    return tomllib.loads(block)


def _errors(validator, record: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(schema.jsonable(record))]


@needs(SCHEMA_MD)
def test_the_example_of_schema_md_holds(validator):
    example = _example()
    assert example["schema"] == "referat/1" and example["items"][0]["decisions"]
    assert _errors(validator, example) == []
    schema.check(example)  # and the session's checks take it (all but its sha256, "…")


@needs(GOLD)
@pytest.mark.parametrize("gold", sorted(GOLD.glob("*.toml")), ids=lambda p: p.stem)
def test_the_record_of_every_gold_document_holds(validator, gold, config):
    """A gold file is what a record of its seed must hold (not a record: `source` names the seed, items
    carry `section_keys`): the record made of the seed validates, and so do the gold's record-shaped parts."""
    expected = tomllib.loads(gold.read_text(encoding="utf-8"))
    record = tomllib.loads(dumps(to_dict(analyse(SEEDS / expected["source"], config))))
    assert _errors(validator, record) == []
    schema.check(record)
    parts = {k: expected[k] for k in ("meeting", "toc", "attachment_index", "signatures") if k in expected}
    assert parts and _errors(validator, {**record, **parts}) == []


@pytest.mark.parametrize("path", LEGACY, ids=lambda p: p.name)
def test_records_older_versions_wrote_hold(validator, path):
    assert _errors(validator, tomllib.loads(path.read_text(encoding="utf-8"))) == []


BROKEN = [
    ("schema", lambda r: r.update(schema="referat/2"), "schema is 'referat/2'"),
    ("no title", lambda r: r["items"][0].pop("title"), "items[0] has no title"),
    ("a date as text", lambda r: r["meeting"].update(date="29-01-2025"), "meeting.date must be a date"),
    ("access in Danish", lambda r: r["items"][0].update(access="åben"), "items[0].access must be 'open' or 'closed'"),
    ("a number as text", lambda r: r["toc"][0].update(number="1"), "toc[0].number must be a whole number"),
    ("severity", lambda r: r["flags"][0].update(severity="fatal"), "flags[0].severity must be one of"),
    ("a repair without its line", lambda r: r["corrections"][1].pop("line"), "corrections[1] must repair a line"),
    ("no source", lambda r: r.pop("source"), "source must be a table"),
    ("a cell not text", lambda r: r["items"][0]["tables"][0]["rows"][0].__setitem__(0, 9),
     "items[0].tables[0].rows[0][0] must be text"),
]


@needs(SCHEMA_MD)
@pytest.mark.parametrize("what, breaks, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_record_is_refused(validator, what, breaks, message):
    record = copy.deepcopy(_example())
    breaks(record)
    assert _errors(validator, record), f"the JSON Schema takes a record with {what}"
    with pytest.raises(schema.Invalid, match=re.escape(message)):
        schema.check(record)
    with pytest.raises(RecordError, match="breaks the referat/1 schema: " + re.escape(message)):
        store.validate("x.toml", record)


def test_workbench_schema_prints_the_json_schema():
    done = run_cli("schema")
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout) == schema.json_schema()


# -- one parser per value type: the editor refuses what the session refuses, and takes what it takes

TYPED = {
    "meeting.date": ["25/06/2025", "2025-06-25", "25-06-2025", "25.06.2025", "32-13-2025", "29. januar 2025",
                     "tomorrow", " 2025-06-25 ", ""],
    "items[0].decisions[0].date": ["25/06/2025", "2025-13-01", "1-2-2025"],
    "meeting.start": ["9:30", "09.30", "09:30:15", "24:00", "9", "ni", ""],
    "items[0].number": ["12", " 7 ", "-1", "1.5", "1234567890", "x", ""],
    "items[0].access": ["open", "closed", "Åben", "Lukket", "lukket sag", "hemmelig", ""],
    "meeting.kind": ["referat", "Dagsorden", "protokol", ""],
}


def _session_takes(s, field, text) -> bool:
    try:
        s.edit(field, text)
    except Exception as exc:  # a ReviewError: refused, one line
        assert "\n" not in str(exc)
        return " already" in str(exc)  # taken, and the same as the field holds
    s.undo()
    return True


@pytest.fixture
def session(config, roster, tmp_path):
    s = ReviewSession.open(SEEDS / "001_9a154efafadaaa85.txt", config, roster, out_dir=tmp_path / "out")
    yield s
    s.close()


def test_the_editor_and_the_session_take_the_same_input(session, config):
    seen = {True: 0, False: 0}
    for field, inputs in TYPED.items():
        check = validator_for(field, config)
        assert check is not None, field
        for text in inputs:
            editor = check.validate(text).is_valid
            assert editor == _session_takes(session, field, text), (field, text)
            seen[editor] += 1
    assert seen[True] > 10 and seen[False] > 10
    assert validator_for("meeting.date", config).validate("25/06/2025").is_valid  # the disagreement of issue 11
    assert validator_for("meeting.place", config) is None  # free text: the editor lets the session say


def test_a_replaced_parser_serves_the_editor_and_the_session(session, config, monkeypatch):
    """Another language's forms plug in as one function per type (what i18n will do)."""
    months = {"januar": 1, "juni": 6}

    def danish(text, cfg=None):
        m = re.fullmatch(r"(\d{1,2})\. (\w+) (\d{4})", text)
        if not m or m.group(2) not in months:
            raise ValueProblem(f"'{text}' is not a date")
        return dt.date(int(m.group(3)), months[m.group(2)], int(m.group(1)))

    monkeypatch.setitem(schema.PARSERS, "date", danish)
    assert validator_for("meeting.date", config).validate("25. juni 2025").is_valid
    session.edit("meeting.date", "25. juni 2025")
    assert session.get("meeting.date") == dt.date(2025, 6, 25)
    assert not validator_for("meeting.date", config).validate("2025-06-25").is_valid
