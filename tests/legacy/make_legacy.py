"""Make a legacy review fixture: saved records and journals as the code of one commit writes them.

    .venv/bin/python tests/legacy/make_legacy.py [OUT]      (OUT: tests/legacy/main-<today>/)

Opens two bundled samples with the review session (no screen) and does what a secretary
does: edits an item title, a person's name, an attachment's document number; accepts a
flag, fixes one through its suggestion, ticks fields verified; repairs the source (a join,
a split at a column, a furniture mark, one more furniture mark undone). Half of it is saved
into the record, the rest is left in the journal, as by a session that stopped before its
last save. Beside them `laid-over.toml` says, for each repair, the text of the source lines
it was laid over as that code numbered them (the repairs of that time carry a line number
only), for tests/test_legacy_reopen.py to check that they still land on the same text.

tests/legacy/main-2026-11-29/ was made by this script at commit 864c463, before records
carried `source.parser` and repairs the text of their lines. Do not remake it: it stands
for the records reviewed with that code. A newer fixture goes into a folder of its own.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = ROOT / "sample_docs"
LAID_OVER = "laid-over.toml"
REVIEWER = "Fixture Sekretær"

# per sample: the steps saved into the record, then those left in the journal. A repair names
# the start of the line it is laid on (checked, so the numbering is the one read off
# `workbench text FILE`); a split, the text its right half starts with.
STEPS = {
    "001_9a154efafadaaa85.txt": (
        [
            ("edit", "items[4].title", "Prioriterede opgaver 2025"),
            ("edit", "items[0].attachments[0].ref", "21073/25"),
            ("resolve", "broken_table", "items[1].tables[0].rows[7]"),
            ("edit", "items[2].access", "closed"),  # the attachment_mismatch flag's suggestion: fixes it
            ("repair", "join", 251, "Direktionen drøfter direktionens rolle og kobling"),  # with the blank line
            ("tick", "meeting.date"),
        ],
        [
            ("repair", "split", 344, "Jonas Kroustrup / ", "Vivian A. Voldgaard"),
            ("repair", "furniture", 25, "\tSide"),
            ("edit", "items[2].people[3].name", "Vivian A. Voldgaard"),
            ("tick", "items[4].title"),
        ],
    ),
    "002_26687f9090792ef4.pdf": (
        [
            ("resolve", "inferred_value", "meeting.date"),
            ("edit", "items[3].title", "BI-udvalgsmøde"),
            ("repair", "join", 51, "- Politisk styregruppemøde vedr. udviklingsprocessen"),
            ("tick", "meeting.date"),
        ],
        [
            ("repair", "split", 159, "Kommunaldirektør Jonas Kroustrup; ", "Sagsbehandler: Lene Helbo Bachmann."),
            ("edit", "items[0].attachments[1].ref", "45287/25"),
            ("repair", "furniture", 209, "Årsplan med øvrige kommende punkter"),
            ("undo",),
            ("edit", "items[3].attachments[0].title", "01 BI - Governance 26-04-2025.docx"),
        ],
    ),
}


def _lines(source, kind: str, no: int) -> list[str]:
    return [source.line(k).text for k in range(no, no + (2 if kind == "join" else 1))]


def step(s, op: tuple, laid: list[dict], name: str) -> None:
    what = op[0]
    if what == "edit":
        s.edit(op[1], op[2])
    elif what == "tick":
        s.toggle_verified(op[1])
    elif what == "resolve":
        flag = next(f for f in s.record.flags if (f.kind, f.field) == op[1:])
        s.resolve(flag.id, "accepted")
    elif what == "undo":
        c = s.undo()
        undone = int(c.note.split("#")[1].split(":")[0])
        for entry in laid:
            if entry["file"] == name and entry["n"] == undone:
                entry["undone"] = True
    else:
        kind, no, start = op[1], op[2], op[3]
        text = s.source.line(no).text
        if not text.startswith(start):
            sys.exit(f"{name}: line {no} reads {text!r}, not {start!r}…: the numbering is not the one expected")
        column = len(start) if kind == "split" else None
        if kind == "split" and not text[column:].startswith(op[4]):
            sys.exit(f"{name}: line {no} does not go on with {op[4]!r} at column {column}")
        entry = {"file": name, "n": len(s.corrections), "source": kind, "line": no}
        if column is not None:
            entry["column"] = column
        entry["text"] = _lines(s.source, kind, no)
        s.repair(kind, no, column)
        laid.append(entry)


def main(out: Path) -> None:
    from workbench.config import load_config
    from workbench.pipeline import load_roster
    from workbench.review import ReviewSession

    if out.exists() and any(out.iterdir()):
        sys.exit(f"{out}: is not empty; a fixture is made once, into a new folder")
    config = load_config(ROOT / "config.toml")
    roster = load_roster(config)
    laid: list[dict] = []
    for name, (saved, journalled) in STEPS.items():
        with ReviewSession.open(SAMPLES / name, config, roster, out_dir=out, reviewer=REVIEWER) as s:
            for op in saved:
                step(s, op, laid, name)
            path = s.save()
            n = len(s.corrections)
            for op in journalled:
                step(s, op, laid, name)
            print(f"{name}: {n} corrections in {path.name}, {len(s.corrections) - n} in {s.journal_path.name}")
    (out / LAID_OVER).write_text(
        f"# made by tests/legacy/make_legacy.py on {dt.date.today().isoformat()}: the source lines under each\n"
        "# repair (n: its place in the corrections), as the parser of that time numbered them\n\n"
        + tomli_w.dumps({"repairs": laid}), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "legacy" / f"main-{dt.date.today().isoformat()}")
