"""Terminal control characters in a document or its file name (ESC, BEL, C1's CSI, a bidi override) never
reach the terminal: `workbench text`, `check` and the errors show them escaped, and so do the screen's tree
and detail pane. The record keeps the values as they are (TOML escapes them)."""
from __future__ import annotations

import re
import tomllib

from conftest import run_cli

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]")
TEXT = ("Direktionen\n\nMødedato: 03-03-2025\n\nEn linje der \x1b[5mblinker\x1b[0m her\n\n1. Punkt \x1b]0;overtaget\x07 med \x1b[31mrødt\x1b[0m\n\nÅben sag\n\nSagsgang\n\nDIR \x9b2J og \u202eslut\n\n"
        "Sagsfremstilling\n\nTekst med en klokke\x07 her.\n")


def _doc(tmp_path, name="referat.txt"):
    path = tmp_path / name
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_workbench_text_shows_control_characters_escaped(tmp_path):
    done = run_cli("text", _doc(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not RAW.search(done.stdout), done.stdout
    assert "1. Punkt \\x1b]0;overtaget\\x07 med \\x1b[31mrødt\\x1b[0m" in done.stdout.splitlines()
    assert "DIR \\x9b2J og \\u202eslut" in done.stdout.splitlines()
    numbered = run_cli("text", "-n", _doc(tmp_path), cwd=tmp_path)
    assert not RAW.search(numbered.stdout)


def test_workbench_check_shows_control_characters_escaped(tmp_path):
    for fmt in ("tsv", "table"):
        done = run_cli("check", _doc(tmp_path), "--format", fmt, cwd=tmp_path)
        assert done.returncode in (0, 1), done.stderr
        assert not RAW.search(done.stdout), fmt
        assert "\\x1b[5mblinker" in done.stdout, done.stdout  # the flag's evidence is shown, escaped


def test_parse_keeps_the_values_and_escapes_them_in_toml(tmp_path):
    done = run_cli("parse", _doc(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not RAW.search(done.stdout)
    record = tomllib.loads(done.stdout)
    assert record["items"][0]["title"] == "Punkt \x1b]0;overtaget\x07 med \x1b[31mrødt\x1b[0m"
    assert record["items"][0]["sections"]["sagsgang"] == "DIR \x9b2J og \u202eslut"


def test_an_error_naming_a_file_with_control_characters_shows_them_escaped(tmp_path):
    done = run_cli("parse", tmp_path / "nope\x1b[2J\x07.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert not RAW.search(done.stderr), done.stderr
    assert done.stderr.strip().splitlines() == [f"workbench: {tmp_path}/nope\\x1b[2J\\x07.txt: no such file"]
    empty = tmp_path / "tom\x1b]2;x\x07.txt"
    empty.write_text("", encoding="utf-8")
    done = run_cli("check", empty, cwd=tmp_path)
    assert done.returncode == 2 and not RAW.search(done.stderr) and "tom\\x1b]2;x\\x07.txt" in done.stderr


async def test_the_tree_and_the_detail_pane_draw_control_characters_escaped(tmp_path, config, roster):
    from tui_helpers import loaded, make_app

    app = make_app(_doc(tmp_path, "ref\x1b[5m.txt"), config, roster, tmp_path / "out")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        tree = app.query_one("#tree")
        labels = []

        def walk(node):
            labels.append(node.label.plain)
            for child in node.children:
                walk(child)
        walk(tree.root)
        assert not any(RAW.search(label) for label in labels), labels
        assert any("Punkt \\x1b]0;overtaget\\x07" in label for label in labels), labels
        app.goto_field("items[0].title")
        await pilot.pause()
        detail = app.query_one("#detail")
        shown = "\n".join("".join(seg.text for seg in strip) for strip in detail._lines)
        assert "\\x1b[31mrødt" in shown and not RAW.search(shown), shown
        rows = ["".join(seg.text for seg in tree.render_line(y)) for y in range(tree.size.height)]
        assert not any(RAW.search(r) for r in rows)
        assert not RAW.search(str(app.sub_title))
        assert app.session.get("items[0].title") == "Punkt \x1b]0;overtaget\x07 med \x1b[31mrødt\x1b[0m"
