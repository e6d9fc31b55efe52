"""The corpus of hard inputs (tests/corpus): each file answered as expected.toml says, with one
line and exit 2 when refused, never a traceback, and no existing record or journal touched."""
from __future__ import annotations

import hashlib
import shutil
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_cli

CORPUS = Path(__file__).parent / "corpus"
# expected.toml, and one expected-<area>.toml beside each cases_<area>.py that make_corpus runs
CASES = [case for path in sorted(CORPUS.glob("expected*.toml"))
         for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    sys.path.insert(0, str(CORPUS))
    try:
        import make_corpus
    finally:
        sys.path.pop(0)
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus.make(folder)
    return folder


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory, config, roster):
    """An output folder holding a saved record and a journal of another referat."""
    from workbench.review import ReviewSession

    folder = tmp_path_factory.mktemp("reviewed")
    src = folder / "001.txt"
    shutil.copy(SEEDS / "001_9a154efafadaaa85.txt", src)
    out = folder / "out"
    session = ReviewSession.open(src, config, roster, out_dir=out)
    session.edit("meeting.place", "Byrådssalen")
    session.save()
    session.edit("meeting.place", "Mødelokale 1")  # journalled, not saved
    session.close()
    return out


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def config_for(case: dict, corpus: Path, tmp_path: Path) -> Path:
    if "config" in case:
        return corpus / case["config"]
    text = "".join(f"{k} = {v}\n" for k, v in case.get("limits", {}).items())
    path = tmp_path / "config.toml"
    path.write_text(f'roster = "{ROOT / "roster.toml"}"\n[limits]\n{text}', encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}{'+' + c['config'] if 'config' in c else ''}" for c in CASES])
def test_each_hard_input_gets_its_expected_answer(case, corpus, reviewed, tmp_path):
    before = fingerprint(reviewed)
    path = corpus / case["file"]
    done = run_cli("parse", path, "--config", config_for(case, corpus, tmp_path), cwd=tmp_path)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert done.returncode == case["exit"], done.stderr
    if case["exit"] == 2:
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        named = case.get("names", case.get("config", case["file"]))
        assert named in lines[0] and case["says"] in lines[0], lines[0]
    else:
        record = tomllib.loads(done.stdout)
        assert len(record["items"]) == case["items"]
        if "flag" in case:  # a file read with a flag that says what is wrong with it
            said = [f["message"] for f in record.get("flags", [])
                    if f["kind"] == case["flag"] and f["severity"] == case.get("severity", f["severity"])]
            assert any(case["says"] in m for m in said), said
    assert fingerprint(reviewed) == before


def test_the_corpus_is_the_same_on_every_run(tmp_path):
    sys.path.insert(0, str(CORPUS))
    try:
        import make_corpus
    finally:
        sys.path.pop(0)
    a, b = tmp_path / "a", tmp_path / "b"
    make_corpus.make(a)
    make_corpus.make(b)
    assert fingerprint(a) == fingerprint(b) and len(fingerprint(a)) >= 25


async def test_the_review_screen_answers_every_refused_file_with_a_notification(corpus, reviewed, config, roster, tmp_path):
    import dataclasses

    from tui_helpers import loaded, make_app

    before = fingerprint(reviewed)
    refused = [c for c in CASES if c["exit"] == 2 and "config" not in c and c["file"] not in ("slow.pdf", "stall.pdf")]
    for case in refused:
        cfg = dataclasses.replace(config, **case.get("limits", {}))  # the [limits] keys are Config's fields
        app = make_app(corpus / case["file"], cfg, roster, reviewed)
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot)
            assert app.session is None and case["says"] in app.load_error, (case, app.load_error)
            await pilot.press("n", "e", "ctrl+s", "V", "J")
            assert app.is_running
    assert fingerprint(reviewed) == before
