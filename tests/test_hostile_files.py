"""Hostile files and paths: PDF bombs stopped by a memory limit, sizes checked before reading,
FIFOs, devices and sockets refused at once, a PDF stalled inside a page cancelled at once, and
no file of ours (lock, journal, record, `-o` output) followed through a link or put over a device."""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import socket
import stat
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_cli
from workbench.errors import InputError, UserError

CORPUS = Path(__file__).parent / "corpus"
TEXT = "1. Første punkt\n\nÅben sag\n\nSagsgang\n\nDIR — økonomi\n\nIndstilling\n\nDet indstilles, at sagen godkendes.\n"
root_only = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root")


@pytest.fixture(scope="module")
def bounds(tmp_path_factory):
    sys.path.insert(0, str(CORPUS))
    try:
        import cases_bounds
    finally:
        sys.path.pop(0)
    folder = tmp_path_factory.mktemp("bounds")
    cases_bounds.make(folder)
    return folder


def wait_for(condition, timeout: float = 30.0, step: float = 0.02) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return condition()


def one_line(done) -> str:
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


# --------------------------------------------------------------------------- memory and size


def test_the_bombs_are_small_on_disk_and_inflate_to_gigabytes(bounds):
    import zlib

    from cases_bounds import zeros_zlib

    assert zlib.decompress(zeros_zlib(3)) == b"\0" * (3 << 20)  # the shortcut makes a true zlib stream
    for name in ("bomb.pdf", "bomb-xobject.pdf"):
        assert (bounds / name).stat().st_size < 20_000


def test_a_pdf_bomb_is_refused_by_the_reader_s_memory_limit(bounds, config):
    from workbench.ingest import load_source

    low = dataclasses.replace(config, max_memory_mb=300)
    for name in ("bomb.pdf", "bomb-xobject.pdf"):
        with pytest.raises(InputError) as caught:
            load_source(bounds / name, low)
        assert str(caught.value) == (f"{bounds / name}: the PDF is too large to read (over limits.max_memory_mb = "
                                     "300 MB for the reader); it may be built to exhaust memory")
    assert not multiprocessing.active_children()


def test_max_memory_mb_is_read_from_the_config(tmp_path):
    from workbench.config import load_config

    path = tmp_path / "config.toml"
    path.write_text(f'roster = "{ROOT / "roster.toml"}"\n[limits]\nmax_memory_mb = 512\n', encoding="utf-8")
    assert load_config(path).max_memory_mb == 512
    assert load_config(ROOT / "config.toml").max_memory_mb == 2048


def test_max_bytes_is_checked_before_a_byte_is_read(tmp_path, config, monkeypatch):
    from workbench.ingest import load_source

    huge = tmp_path / "huge.pdf"
    with open(huge, "wb") as fh:
        try:
            fh.truncate(40 * 2**30)  # 40 GiB, sparse: nothing on disk
        except OSError:
            pytest.skip("this file system has no sparse files")

    def no_reading(*args, **kw):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(os, "read", no_reading)
    with pytest.raises(InputError, match=r"huge\.pdf: the file is 42,949,672,960 bytes, over the limit of "
                                         r"200,000,000 \(limits\.max_bytes\)"):
        load_source(huge, config)


def test_a_sparse_40_gb_file_is_one_line_at_once(tmp_path):
    huge = tmp_path / "huge.pdf"
    with open(huge, "wb") as fh:
        fh.truncate(40 * 2**30)
    done = run_cli("text", huge, cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and "over the limit of 200,000,000 (limits.max_bytes)" in one_line(done)


# --------------------------------------------------------------------------- not a regular file


@pytest.fixture
def specials(tmp_path):
    """A FIFO, a socket (bound, in a short folder: socket paths are short) and, as root, a char
    device node like /dev/zero made in the temp folder."""
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    short = Path(tempfile.mkdtemp(prefix="wb-"))
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(short / "sock.pdf"))
    found = {"fifo": (fifo, "a FIFO (named pipe)"), "socket": (short / "sock.pdf", "a socket"),
             "/dev/zero": (Path("/dev/zero"), "a character device")}
    if os.geteuid() == 0:
        node = tmp_path / "zero.txt"
        os.mknod(node, stat.S_IFCHR | 0o644, os.makedev(1, 5))
        found["device"] = (node, "a character device")
    yield found
    sock.close()
    (short / "sock.pdf").unlink()
    short.rmdir()


@pytest.mark.parametrize("command", ["parse", "text", "check", "review"])
def test_a_fifo_device_or_socket_as_file_is_refused_at_once(command, specials, tmp_path):
    for kind, (path, what) in specials.items():
        done = run_cli(command, path, cwd=tmp_path, timeout=60)
        assert done.returncode == 2, (kind, done.stderr)
        assert one_line(done) == f"workbench: {path}: is not a regular file but {what}; give a PDF, text or markdown file"


async def test_the_review_screen_refuses_a_fifo_with_a_notification(specials, config, roster, tmp_path):
    from tui_helpers import loaded, make_app

    fifo, what = specials["fifo"]
    app = make_app(fifo, config, roster, tmp_path / "out")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        assert app.session is None and app.load_error.endswith(f"is not a regular file but {what}; "
                                                                "give a PDF, text or markdown file")


# --------------------------------------------------------------------------- cancel inside a page


def test_read_pdf_stops_at_once_when_cancelled_inside_a_page(bounds, config):
    from workbench.ingest import Cancelled, load_source

    cancel = threading.Event()
    slow = dataclasses.replace(config, max_seconds=600)
    threading.Thread(target=lambda: wait_for(multiprocessing.active_children) and cancel.set(), daemon=True).start()
    started = time.monotonic()
    with pytest.raises(Cancelled, match="stall.pdf: opening cancelled"):
        load_source(bounds / "stall.pdf", slow, cancel=cancel)
    assert time.monotonic() - started < 20  # the page alone takes most of a minute
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("key", ["escape", "q"])
async def test_escape_or_q_while_opening_a_stalled_pdf_stops_its_reader_at_once(key, bounds, config, roster, tmp_path):
    from tui_helpers import make_app

    slow = dataclasses.replace(config, max_seconds=600)
    app = make_app(bounds / "stall.pdf", slow, roster, tmp_path / "out")
    async with app.run_test(size=(100, 30)) as pilot:
        waited = 0.0
        while not multiprocessing.active_children() and waited < 30:
            await pilot.pause(0.05)
            waited += 0.05
        assert multiprocessing.active_children(), "the reader did not start"
        pressed = time.monotonic()
        await pilot.press(key)
        while app.is_running and app.load_error is None and time.monotonic() - pressed < 20:
            await pilot.pause(0.05)
        if key == "escape":
            assert app.session is None and "opening cancelled" in app.load_error
        else:
            assert not app.is_running
    assert time.monotonic() - pressed < 20  # the page alone takes most of a minute
    assert wait_for(lambda: not multiprocessing.active_children(), timeout=5)


# --------------------------------------------------------------------------- links and devices for our files


def _victim(tmp_path: Path) -> tuple[Path, tuple]:
    victim = tmp_path / "someone-else.txt"
    victim.write_text("not the workbench's\n", encoding="utf-8")
    st = victim.stat()
    return victim, (victim.read_bytes(), st.st_mtime_ns, st.st_size)


def _same(victim: Path, before: tuple) -> bool:
    st = victim.stat()
    return (victim.read_bytes(), st.st_mtime_ns, st.st_size) == before


def _source(tmp_path: Path) -> tuple[Path, str]:
    import hashlib

    src = tmp_path / "in" / "001.txt"
    src.parent.mkdir()
    src.write_bytes((SEEDS / "001_9a154efafadaaa85.txt").read_bytes())
    return src, hashlib.sha256(src.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", ["lock", "journal"])
def test_a_planted_lock_or_journal_link_is_refused_and_its_target_untouched(kind, tmp_path, config, roster):
    from workbench.review import ReviewSession

    victim, before = _victim(tmp_path)
    src, sha = _source(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{sha}.{kind}").symlink_to(victim)
    with pytest.raises(UserError) as caught:
        ReviewSession.open(src, config, roster, out_dir=out)
    message = str(caught.value)
    assert message == (f"{out / f'{sha}.{kind}'}: is a symbolic link, not a regular file; the workbench follows "
                       "no links for its own files (move it away); the review is not opened")
    assert _same(victim, before) and (out / f"{sha}.{kind}").is_symlink()


def test_what_is_planted_is_named_in_the_language_spoken(tmp_path, config, roster):
    """The kind of file found where ours belongs is a word inside her sentence: Danish in Danish."""
    from workbench import i18n
    from workbench.review import ReviewSession

    src, sha = _source(tmp_path)
    out = tmp_path / "out"
    (out / f"{sha}.lock").mkdir(parents=True)  # a folder where the lock belongs
    (out / f"{sha}.journal").symlink_to(tmp_path / "elsewhere")
    with i18n.using("da"):
        with pytest.raises(UserError) as folder:
            ReviewSession.open(src, config, roster, out_dir=out)
        (out / f"{sha}.lock").rmdir()
        with pytest.raises(UserError) as link:
            ReviewSession.open(src, config, roster, out_dir=out)
    assert str(folder.value) == (f"{out / f'{sha}.lock'}: er en mappe, ikke en almindelig fil (flyt den væk); "
                                 "gennemgangen åbnes ikke")
    assert str(link.value).startswith(f"{out / f'{sha}.journal'}: er et symbolsk link, ikke en almindelig fil; "
                                      "workbench følger ingen links til sine egne filer (flyt det væk)")


def test_a_journal_link_planted_during_a_review_takes_no_change(tmp_path, config, roster):
    from workbench.review import ReviewSession

    victim, before = _victim(tmp_path)
    src, sha = _source(tmp_path)
    out = tmp_path / "out"
    with ReviewSession.open(src, config, roster, out_dir=out) as session:
        session.journal_path.unlink(missing_ok=True)
        session.journal_path.symlink_to(victim)
        with pytest.raises(UserError, match=r"\.journal: is a symbolic link.*; the change was not made"):
            session.edit("meeting.place", "Byrådssalen")
    assert _same(victim, before)


def test_a_record_link_is_replaced_itself_never_its_target(tmp_path):
    from workbench.record import write_atomic

    victim, before = _victim(tmp_path)
    link = tmp_path / "out" / "2025-01-29-direktionen-ordinaert.toml"
    link.parent.mkdir()
    link.symlink_to(victim)
    write_atomic(link, "schema = 'referat/1'\n")
    assert _same(victim, before)
    assert not link.is_symlink() and link.read_text() == "schema = 'referat/1'\n"
    assert [p.name for p in link.parent.iterdir()] == [link.name]  # no temp file left


@pytest.fixture
def outputs(tmp_path):
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    victim, _ = _victim(tmp_path)
    link = tmp_path / "link.toml"
    link.symlink_to(victim)
    found = {"fifo": (fifo, "is a FIFO (named pipe), not a regular file; nothing was written"),
             "folder": (folder, "is a folder, not a regular file; nothing was written"),
             "link": (link, "is a symbolic link; give the file it points at, not the link")}
    if os.geteuid() == 0:
        null = tmp_path / "null.toml"
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # like /dev/null, in the temp folder
        found["device"] = (null, "is a character device, not a regular file; nothing was written")
    return found


def test_parse_o_onto_a_device_fifo_folder_or_link_is_refused(outputs, tmp_path):
    src, _ = _source(tmp_path)
    kinds = {path: os.lstat(path).st_mode for path, _ in outputs.values()}
    for kind, (path, says) in outputs.items():
        done = run_cli("parse", src, "-o", path, cwd=tmp_path)
        assert done.returncode == 2, (kind, done.stderr)
        assert one_line(done) == f"workbench: {path}: {says}"
        assert os.lstat(path).st_mode == kinds[path], kind  # still a device, FIFO, folder or link
    assert (tmp_path / "someone-else.txt").read_text() == "not the workbench's\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@root_only
def test_write_atomic_never_replaces_a_device_node(tmp_path):
    from workbench.record import write_atomic

    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    with pytest.raises(UserError, match="is a character device, not a regular file"):
        write_atomic(null, "x = 1\n")
    assert stat.S_ISCHR(os.lstat(null).st_mode)


# --------------------------------------------------------------------------- names within 255 bytes


def test_a_source_named_with_120_o_slash_and_no_date_saves(tmp_path, config, roster):
    from workbench.review import ReviewSession

    src = tmp_path / ("ø" * 120 + ".txt")
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    with ReviewSession.open(src, config, roster, out_dir=out) as session:
        assert session.record.meeting.date is None
        session.edit("meeting.place", "Byrådssalen")
        saved = session.save()
    assert saved.is_file() and saved.name.startswith("øøø") and len(saved.name.encode()) <= 255
    assert all(len(p.name.encode()) <= 255 for p in out.iterdir())


def test_safe_names_count_bytes_not_characters():
    from workbench.review.store import STEM_BYTES, safe_name

    for text in ("ø" * 200, "🦆" * 120, "a" + "\u0301" * 300, "Økonomi- og Erhvervsudvalget " * 20):
        name = safe_name(text)
        assert len(name.encode("utf-8")) <= STEM_BYTES and name
        assert len(f"{name}-{'0' * 64}.toml".encode()) <= 255  # the longest name a save may take
