"""How quickly the inbox answers, and how far one machine goes with a folder.

    python benchmarks/inbox.py [--referater 200] [--presses 200] [--pdfs 50] [--skip-batch]

Prints:
- inbox: seconds from starting the app to the first painted inbox over --referater generated .txt
  referater (headless, in process, imports done), half of them with a saved record (read from
  their heads), and the key latency of `down` and `f` (filter) in it (p50, p95), while the other
  half is read in the background. Goals: under 1 s, under 50 ms at p95.
- batch: `parse DIR --jobs N` over --pdfs generated PDFs (tests/pdfmaker.py, 6 pages each) with
  1 job and with every core: files, pages, seconds, pages per second.
Generated files go to benchmarks/.cache/ (ignored by git); a cold extraction cache each time.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
SAMPLE = ROOT / "sample_docs" / "001_9a154efafadaaa85.txt"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else float("nan")


def make_texts(folder: Path, n: int) -> None:
    """n referater: the first sample with its date moved, one meeting a week back from 2025."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        day = dt.date(2025, 1, 29) - dt.timedelta(weeks=i)
        (folder / f"{i:03d}_direktionen.txt").write_text(text.replace("29-01-2025", day.strftime("%d-%m-%Y"))
                                                         .replace("29. januar 2025", f"{day.day}. januar {day.year}"),
                                                         encoding="utf-8")


def make_records(folder: Path, out: Path, config, roster, n: int) -> None:
    from workbench.batch import parse_folder

    half = folder.parent / "half"
    shutil.rmtree(half, ignore_errors=True)
    half.mkdir()
    for p in sorted(folder.glob("*.txt"))[:n]:
        shutil.copy(p, half / p.name)
    parse_folder(half, config, out, jobs=2, roster=roster)


async def inbox_figures(folder: Path, out: Path, presses: int) -> dict:
    from workbench.config import load_config
    from workbench.inbox import Inbox
    from workbench.pipeline import load_roster
    from workbench.tui.app import build_app

    config = load_config(ROOT / "config.toml")
    roster = load_roster(config)
    t0 = time.perf_counter()
    inbox = Inbox(folder, config, out, roster)
    app = build_app(None, config, roster, out_dir=out, inbox=inbox)
    figures: dict = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        figures["first_paint"] = time.perf_counter() - t0
        figures["rows"] = len(app.screen.shown)
        painted: list[float] = []
        screen = app.screen
        original = screen._compositor_refresh

        def timed_refresh(*a, **kw):
            result = original(*a, **kw)
            painted.append(time.perf_counter())
            return result

        screen._compositor_refresh = timed_refresh
        for key in ("down", "f"):
            times = []
            for _ in range(presses if key == "down" else max(20, presses // 10)):
                painted.clear()
                t = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                after = [p for p in painted if p > t]
                times.append(((after[0] if after else time.perf_counter()) - t) * 1000)
            figures[key] = (pct(times, 0.5), pct(times, 0.95))
        figures["read_meanwhile"] = sum(1 for e in inbox.entries if e.date is not None)
        while inbox.busy():  # then the same keys with nothing read in the background
            await pilot.pause(0.1)
        await pilot.pause(1.5)
        times = []
        for _ in range(presses):
            painted.clear()
            t = time.perf_counter()
            await pilot.press("down")
            await pilot.pause()
            after = [p for p in painted if p > t]
            times.append(((after[0] if after else time.perf_counter()) - t) * 1000)
        figures["down_idle"] = (pct(times, 0.5), pct(times, 0.95))
        inbox.stop()
    return figures


def make_pdfs(folder: Path, n: int) -> int:
    from pdfmaker import text_pdf

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    pages = 0
    for i in range(n):
        day = dt.date(2025, 1, 29) - dt.timedelta(weeks=i)
        doc = [[("h", "Direktionen"), ("p", "REFERAT"), ("p", f"Dato: {day.strftime('%d-%m-%Y')}"),
                ("p", "Medlemmer: Kommunaldirektør Bettina Andersen")]]
        for k in range(1, 6):
            doc.append([("h", f"{k}. Punkt nummer {k}"), ("p", "Åben sag"), ("b", "Sagsfremstilling"),
                        *[("p", f"Linje {j} af sagsfremstillingen om punkt {k}, med tekst nok til en linje.")
                          for j in range(30)],
                        ("b", f"Beslutning i Direktionen den {day.strftime('%d-%m-%Y')}"), ("p", "Godkendt.")])
        text_pdf(folder / f"{i:03d}_direktionen.pdf", doc, header=f"Direktionen {day.strftime('%d-%m-%Y')}")
        pages += len(doc)
    return pages


def batch_figures(folder: Path, jobs: int) -> dict:
    from workbench.batch import parse_folder
    from workbench.config import load_config

    config = load_config(ROOT / "config.toml")
    out = Path(tempfile.mkdtemp(prefix="batch-out-", dir=CACHE))
    os.environ["WORKBENCH_CACHE_DIR"] = tempfile.mkdtemp(prefix="extract-", dir=CACHE)  # cold
    done = parse_folder(folder, config, out, jobs=jobs)
    shutil.rmtree(out, ignore_errors=True)
    return {"files": done.parsed, "refused": len(done.refused), "pages": done.pages, "seconds": done.seconds,
            "pps": done.pages / done.seconds if done.seconds else float("nan")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--referater", type=int, default=200)
    ap.add_argument("--presses", type=int, default=200)
    ap.add_argument("--pdfs", type=int, default=50)
    ap.add_argument("--skip-batch", action="store_true")
    args = ap.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    os.environ["WORKBENCH_CACHE_DIR"] = tempfile.mkdtemp(prefix="extract-", dir=CACHE)
    os.environ["WORKBENCH_CONFIG_DIR"] = tempfile.mkdtemp(prefix="user-", dir=CACHE)
    from workbench.config import load_config
    from workbench.pipeline import load_roster

    config = load_config(ROOT / "config.toml")
    roster = load_roster(config)
    folder = CACHE / "inbox"
    out = CACHE / "inbox-records"
    shutil.rmtree(out, ignore_errors=True)
    make_texts(folder, args.referater)
    make_records(folder, out, config, roster, args.referater // 2)
    import textual.app  # noqa: F401  (imports done before the clock starts, as in benchmarks/tui.py)

    f = asyncio.run(inbox_figures(folder, out, args.presses))
    print(f"inbox over {f['rows']} referater ({args.referater // 2} with records): first paint {f['first_paint']:.2f} s "
          f"(goal < 1 s)")
    print(f"  keys: down p50 {f['down'][0]:.1f} ms, p95 {f['down'][1]:.1f} ms; filter p50 {f['f'][0]:.1f} ms, "
          f"p95 {f['f'][1]:.1f} ms (goal p95 < 50 ms), while files are read ({f['read_meanwhile']} dated meanwhile)")
    print(f"  keys with nothing read: down p50 {f['down_idle'][0]:.1f} ms, p95 {f['down_idle'][1]:.1f} ms")
    if args.skip_batch:
        return
    pdfs = CACHE / "pdfs"
    make_pdfs(pdfs, args.pdfs)
    from workbench.work import all_cores

    for jobs in sorted({1, all_cores()}):
        b = batch_figures(pdfs, jobs)
        print(f"batch parse --jobs {jobs}: {b['files']} files ({b['refused']} refused), {b['pages']} pages in "
              f"{b['seconds']:.1f} s: {b['pps']:.1f} pages/s")


if __name__ == "__main__":
    main()
