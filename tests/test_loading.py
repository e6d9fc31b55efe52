"""While a PDF is read for the first time, its pages are passed on in order as they come: the raw pane fills page by page, the bar moves, escape stops it."""
from __future__ import annotations

import dataclasses

from tui_helpers import loaded, make_app

SIZE = (120, 40)


def _pdf(tmp_path, pages: int):
    from pdfmaker import text_pdf

    return text_pdf(tmp_path / "long.pdf", [[("h", f"{n}. Punkt {n}"), ("p", "Åben sag"), ("b", "Sagsgang"),
                                             ("p", f"Linje på side {n}")] for n in range(1, pages + 1)])


def test_pages_are_passed_on_in_order_once_however_many_read_them(tmp_path, config, monkeypatch):
    from workbench.ingest import load_source
    from workbench.ingest.pages import STATS

    monkeypatch.setenv("WORKBENCH_CACHE_DIR", "")  # read each time, not taken from the cache

    pdf = _pdf(tmp_path, 24)
    for cores in (1, 2):
        seen = []

        def progress(done, total):
            pass

        progress.page = lambda number, total, texts: seen.append((number, total, texts))
        source = load_source(pdf, dataclasses.replace(config, cores=cores), progress)
        assert [n for n, _, _ in seen] == list(range(1, 25)) and {t for _, t, _ in seen} == {24}
        assert [t for _, _, texts in seen for t in texts] == [ln.text for ln in source.lines]
        assert all(any(f"side {n}" in t for t in texts) for n, _, texts in seen)
        assert STATS["pooled"] == (cores > 1)


async def test_the_raw_pane_fills_page_by_page_while_the_pdf_is_read(tmp_path, config, roster):
    pdf = _pdf(tmp_path, 300)
    out = tmp_path / "out"
    app = make_app(pdf, config, roster, out)
    async with app.run_test(size=SIZE) as pilot:
        raw = app.query_one("#raw")
        bar = app.query_one("#loading")
        waited = 0.0
        while len({ln.page for ln in raw.lines}) < 2 and app.session is None and waited < 30:
            await pilot.pause(0.02)
            waited += 0.02
        assert app.session is None, "read before its pages could be seen"
        pages = [ln.page for ln in raw.lines]
        progress = bar.progress
        await pilot.press("escape")
        assert pages[0] == 1 and pages == sorted(pages) and bar.total == 300 and 1 <= progress < 300
        assert any("side 1" in ln.text for ln in raw.lines)
        await loaded(pilot)
        assert app.session is None and "cancelled" in app.load_error
        assert not out.exists() or not list(out.iterdir())
