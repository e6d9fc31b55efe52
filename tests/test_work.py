"""One executor for long work (workbench/work.py) and the page pool (workbench/ingest/pages.py):
the same lines from one reader as from several, one budget of cores, one way to cancel."""
from __future__ import annotations

import dataclasses
import multiprocessing
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import AARHUS, SAMPLES, needs
from workbench.errors import InputError

LONG = SAMPLES / "001_9a154efafadaaa85.pdf"  # 12 pages: read by a pool


def wait_for(condition, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@pytest.fixture(scope="module")
def bounds(tmp_path_factory):
    sys.path.insert(0, str(Path(__file__).parent / "corpus"))
    try:
        import cases_bounds
    finally:
        sys.path.pop(0)
    folder = tmp_path_factory.mktemp("bounds")
    cases_bounds.make(folder)
    return folder


def _read(path: Path, config, cores: int):
    from workbench.ingest import pages
    from workbench.ingest.furniture import mark_furniture

    source = pages.read_pdf(path, path.read_bytes(), config, cores=cores)
    mark_furniture(source, config)
    return source, dict(pages.STATS)


@pytest.mark.parametrize("path", [LONG, pytest.param(AARHUS, marks=needs(AARHUS))], ids=["sample", "aarhus"])
def test_one_reader_and_two_give_the_same_source(path, config):
    one, stats_one = _read(path, config, 1)
    two, stats_two = _read(path, config, 2)
    assert stats_one["workers"] == 1 and stats_two["workers"] == 2 and not stats_two["again"]
    assert two == one  # lines, their order, furniture, fonts, positions, problems


def test_a_short_pdf_stays_in_one_reader(config):
    from workbench.ingest import pages

    _read(SAMPLES / "004_60c343e47a70d8f7.pdf", config, 4)
    assert pages.STATS["workers"] == 1
    assert pages.chunks(5, 4) == [(0, 5)] and pages.chunks(100, 1) == [(0, 100)]
    ranges = pages.chunks(100, 2)
    assert ranges[0][0] == 0 and ranges[-1][1] == 100 and all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))


def test_a_pooled_reading_pdfminer_complains_about_is_read_again_by_one(config, monkeypatch, tmp_path):
    """A complaint logged on a page (say a font, which each process loads once) makes the pooled
    reading be done again by one reader, so the problems are those one reader finds."""
    from workbench.ingest import damage, pages

    problems = damage.PdfLog.problems

    def complain(self, page):
        found = problems(self, page)
        if page == 10:
            found.append(damage.ReadProblem("a complaint", severity="warning", page=page))
        return found

    monkeypatch.setattr(damage.PdfLog, "problems", complain)
    two, stats = _read(LONG, config, 2)
    assert stats["again"] and stats["workers"] == 1
    one, _ = _read(LONG, config, 1)
    assert two == one and any(p.message == "a complaint" for p in two.problems)


def test_cancelling_a_pooled_reading_stops_every_reader_at_once(config):
    from workbench.ingest import Cancelled, load_source

    path = AARHUS if AARHUS.exists() else LONG
    cancel = threading.Event()
    two = dataclasses.replace(config, cores=2, max_seconds=600)
    threading.Thread(target=lambda: wait_for(lambda: len(multiprocessing.active_children()) >= 2) and cancel.set(),
                     daemon=True).start()
    with pytest.raises(Cancelled, match="opening cancelled"):
        load_source(path, two, cancel=cancel)
    assert not multiprocessing.active_children()


def test_the_limits_hold_for_every_reader(config):
    from workbench.ingest import load_source

    with pytest.raises(InputError, match=r"over the limit of 4 \(limits\.max_pages\)"):
        load_source(LONG, dataclasses.replace(config, max_pages=4, cores=2))
    assert not multiprocessing.active_children()


def test_cores_come_from_the_config(tmp_path):
    from conftest import ROOT
    from workbench import work
    from workbench.config import load_config
    from workbench.errors import ConfigError

    path = tmp_path / "config.toml"
    path.write_text(f'roster = "{ROOT / "roster.toml"}"\n[limits]\ncores = 1\n', encoding="utf-8")
    one = load_config(path)
    assert one.cores == 1 and work.budget(one) == 1
    everything = load_config(ROOT / "config.toml")
    assert everything.cores == 0 and work.budget(everything) == work.all_cores()
    path.write_text('[limits]\ncores = -1\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'limits.cores' must be a number from 0 to 1024"):
        load_config(path)
    four = dataclasses.replace(one, cores=4)
    assert work.Executor(four, jobs=2).cores == 2 and work.Executor(four, jobs=8).cores == 1


def test_submit_reads_and_parses_a_file(config, roster):
    from workbench import work
    from workbench.pipeline import analyse

    seen = []
    with work.Executor(config) as executor:
        job = executor.submit(LONG, roster, progress=lambda done, total: seen.append((done, total)))
        record = job.result(timeout=300)
    assert record == analyse(LONG, config, roster)
    assert job.done() and seen[-1] == (12, 12) and job.progress == (12, 12)


def test_a_job_s_reading_takes_its_cancel_event_and_cores(bounds, config):
    """A task run as a job (here `load_source`, as `ReviewSession.open` calls it) is stopped by
    `job.cancel()`, even inside a page, and its reading takes the job's share of the cores."""
    from workbench import work
    from workbench.ingest import Cancelled, load_source

    slow = dataclasses.replace(config, max_seconds=600)
    executor = work.Executor(slow)
    try:
        job = executor.call(lambda: load_source(bounds / "stall.pdf", slow), name="stall")
        assert wait_for(multiprocessing.active_children)
        started = time.monotonic()
        executor.cancel()
        with pytest.raises(Cancelled, match="opening cancelled"):
            job.result(timeout=60)
        assert time.monotonic() - started < 20  # the page alone takes most of a minute
        assert wait_for(lambda: not multiprocessing.active_children(), timeout=5)
        assert executor.call(lambda: work.cores_here(slow)).result(timeout=30) == executor.cores
    finally:
        executor.shutdown()
    assert work.current() is None


def test_a_job_cancelled_before_it_starts_never_runs(config):
    from workbench import work
    from workbench.ingest import Cancelled

    gate = threading.Event()
    ran = []
    with work.Executor(config, jobs=1) as executor:
        first = executor.call(gate.wait)
        second = executor.call(lambda: ran.append(1))
        second.cancel()
        gate.set()
        first.result(timeout=30)
        with pytest.raises(Cancelled):
            second.result(timeout=30)
    assert not ran


def test_an_error_in_a_job_is_its_result(config, tmp_path):
    from workbench import work

    with work.Executor(config) as executor:
        job = executor.submit(tmp_path / "missing.pdf")
        with pytest.raises(InputError, match="missing.pdf: no such file"):
            job.result(timeout=30)
