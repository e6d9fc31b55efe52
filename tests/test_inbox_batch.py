"""`workbench parse DIR --jobs N` (workbench/batch.py): a folder into draft records, resumable, with a summary; `parse FILE` unchanged."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib

from conftest import ROOT, SAMPLES

CONFIG = str(ROOT / "config.toml")


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "workbench", *map(str, args), "--config", CONFIG],
                          capture_output=True, text=True, timeout=300, cwd=cwd)


def folder_of(tmp_path, names):
    src = tmp_path / "in"
    src.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, src / name)
    return src


def test_a_folder_is_parsed_into_drafts_and_a_second_run_skips_them(tmp_path):
    src = folder_of(tmp_path, ["001_9a154efafadaaa85.pdf", "003_b1ee29759e748790.txt"])
    (src / "broken.pdf").write_bytes(b"no pdf here")
    out = tmp_path / "out"
    done = run("parse", src, "--jobs", 2, "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress bar when standard error is not a terminal
    lines = done.stdout.splitlines()
    assert lines[0].startswith("3 file(s): 2 parsed, 0 skipped (a record was there), 1 refused;")
    assert "page(s)" in lines[0] and "item(s)" in lines[0] and "open flag(s)" in lines[0]
    assert lines[1].startswith("refused: ") and "broken.pdf" in lines[1]
    records = sorted(out.glob("*.toml"))
    assert len(records) == 2
    for path in records:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data["review"]["status"] == "draft" and data["items"]
    again = run("parse", src, "--out", out)
    assert again.returncode == 0 and again.stdout.startswith("3 file(s): 0 parsed, 2 skipped"), again.stdout
    assert sorted(out.glob("*.toml")) == records


def test_an_interrupted_run_goes_on_where_it_was(tmp_path):
    src = folder_of(tmp_path, ["002_26687f9090792ef4.txt"])
    out = tmp_path / "out"
    assert run("parse", src, "--out", out).returncode == 0
    shutil.copy(SAMPLES / "004_60c343e47a70d8f7.txt", src)
    done = run("parse", src, "--out", out)
    assert done.stdout.startswith("2 file(s): 1 parsed, 1 skipped"), done.stdout


def test_a_record_under_review_is_not_overwritten(tmp_path, config, roster):
    from workbench.review.session import ReviewSession

    src = folder_of(tmp_path, ["003_b1ee29759e748790.txt"])
    out = tmp_path / "out"
    s = ReviewSession.open(src / "003_b1ee29759e748790.txt", config, roster, out_dir=out)  # holds the lock
    try:
        done = run("parse", src, "--out", out)
        assert done.stdout.startswith("1 file(s): 0 parsed, 1 skipped"), done.stdout
    finally:
        s.close()


def test_wrong_uses_are_one_line(tmp_path):
    src = folder_of(tmp_path, ["003_b1ee29759e748790.txt"])
    done = run("parse", src, "-o", tmp_path / "x.toml")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "--out DIR" in done.stderr
    done = run("parse", src, "--jobs", "0")
    assert done.returncode == 2 and "between 1 and 256" in done.stderr and "Traceback" not in done.stderr
    done = run("inbox", tmp_path / "nowhere")
    assert done.returncode == 2 and done.stderr.strip().endswith("mappen findes ikke"), done.stderr  # as a user runs it: Danish


def test_parse_file_still_prints_one_record(tmp_path):
    done = run("parse", SAMPLES / "003_b1ee29759e748790.txt")
    assert done.returncode == 0
    assert tomllib.loads(done.stdout)["schema"] == "referat/1"


def test_the_progress_bar_counts_files_and_pages():
    import io

    from workbench.batch import BatchResult, bar

    assert bar(io.StringIO()) is None  # not a terminal: no bar

    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    show = bar(stream)
    show(BatchResult(files=4, parsed=1, pages=12), 2)
    show(BatchResult(files=4, parsed=2, pages=20), 2)
    text = stream.getvalue()
    assert "1/2 files · 12 pages" in text and text.endswith("2/2 files · 20 pages\n")
