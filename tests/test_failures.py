"""Failures a test run as root cannot cause for real, simulated: an unreadable file, an output
folder that cannot be written, a full disk in the middle of a save, a hand-broken record."""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from conftest import SEEDS
from workbench.errors import InputError, RecordError, UserError
from workbench.ingest import load_source
from workbench.record import write_atomic


def test_an_unreadable_file_is_one_line(tmp_path, config, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("1. Punkt\n", encoding="utf-8")

    real_open = os.open

    def refuse(file, *args, **kw):
        if Path(file) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kw)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError, match=r"locked\.txt: cannot be read \(permission denied\)"):
        load_source(path, config)


def test_an_output_folder_that_cannot_be_written(tmp_path, monkeypatch):
    real_open = os.open

    def refuse(file, *args, **kw):
        if str(file).endswith(".tmp"):  # the temp file a write starts with
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(file, *args, **kw)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(UserError, match="cannot write here"):
        write_atomic(tmp_path / "out" / "rec.toml", "x = 1\n")


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_a_full_disk_mid_save_leaves_the_previous_file_whole(tmp_path, monkeypatch, where):
    target = tmp_path / "rec.toml"
    target.write_text("schema = \"referat/1\"\nold = true\n", encoding="utf-8")
    before = target.read_bytes()
    full = OSError(errno.ENOSPC, "No space left on device")
    if where == "write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, fh):
                self.fh = fh

            def write(self, text):
                self.fh.write(text[: len(text) // 2])
                self.fh.flush()
                raise full

            def __getattr__(self, name):
                return getattr(self.fh, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

        monkeypatch.setattr(os, "fdopen", lambda *a, **kw: HalfWriter(real_fdopen(*a, **kw)))
    elif where == "fsync":
        monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(full))
    else:
        monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(full))
    with pytest.raises(UserError, match="No space left on device.*previous file is unchanged"):
        write_atomic(target, "schema = \"referat/1\"\nnew = true\n" * 1000)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["rec.toml"]  # no temp file left


def test_a_full_disk_during_a_review_save_is_a_refusal_not_a_loss(tmp_path, config, roster, monkeypatch):
    from workbench.review import ReviewSession

    src = tmp_path / "001.txt"
    shutil.copy(SEEDS / "001_9a154efafadaaa85.txt", src)
    out = tmp_path / "out"
    with ReviewSession.open(src, config, roster, out_dir=out) as session:
        session.edit("meeting.place", "Byrådssalen")
        saved = session.save()
        before = saved.read_bytes()
        session.edit("meeting.place", "Mødelokale 1")
        monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))
        with pytest.raises(UserError):
            session.save()
        monkeypatch.undo()
        assert saved.read_bytes() == before
    with ReviewSession.open(src, config, roster, out_dir=out) as again:  # the journal kept the edit
        assert again.get("meeting.place") == "Mødelokale 1"


@pytest.mark.parametrize("broken", ["schema = 'referat/1'\n[source\nsha256 = 'S'\n", "schema = 7\n[source]\nsha256 = 'S'\n"],
                         ids=["invalid-toml", "breaks-the-schema"])
def test_a_record_broken_by_hand_is_refused_and_left_alone(tmp_path, config, roster, broken):
    from workbench.review import ReviewSession

    src = tmp_path / "001.txt"
    shutil.copy(SEEDS / "001_9a154efafadaaa85.txt", src)
    out = tmp_path / "out"
    with ReviewSession.open(src, config, roster, out_dir=out) as session:
        session.edit("meeting.place", "Byrådssalen")
        path = session.save()
        sha = session.source.sha256
    path.write_text(broken.replace("'S'", f"'{sha}'"), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(RecordError) as err:
        ReviewSession.open(src, config, roster, out_dir=out)
    assert path.name in str(err.value) and "\n" not in str(err.value)
    assert path.read_bytes() == before
