"""How quickly the review screen answers.

    python benchmarks/tui.py [--presses 200]

Prints, for the first sample and the 28-page Aarhus referat (../shared/real):
- first paint: seconds from starting the app to its first painted screen (headless, in
  process, imports done), and to the screen with the parsed record in it;
- the same first paint in a real terminal (tmux, 120×40), from the command to the status line
  on the screen, start-up of Python included, when tmux is installed;
- per-key latency of `n` and `down` over --presses presses (p50, p95), headless.
Goals: first paint under 1.0 s whatever the length; keys under 50 ms at p95.
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOCS = [ROOT / "sample_docs" / "001_9a154efafadaaa85.pdf",
        ROOT.parent / "shared" / "real" / "aarhus-byraad-2025-08-27-referat.pdf"]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


async def measure(doc: Path, presses: int, out: Path) -> dict:
    from workbench.config import load_config
    from workbench.pipeline import load_roster
    from workbench.tui.app import build_app

    config = load_config(ROOT / "config.toml")
    roster = load_roster(config)
    t0 = time.perf_counter()
    app = build_app(doc, config, roster, out_dir=out)
    figures: dict = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        figures["first_paint"] = time.perf_counter() - t0
        while app.session is None and app.load_error is None:
            await pilot.pause(0.01)
        await pilot.pause()
        figures["loaded"] = time.perf_counter() - t0
        painted: list[float] = []
        screen = app.screen
        original = screen._compositor_refresh

        def timed_refresh(*a, **kw):  # when a frame has been painted
            result = original(*a, **kw)
            painted.append(time.perf_counter())
            return result

        screen._compositor_refresh = timed_refresh
        for key in ("n", "down", "z"):  # "z" is bound to nothing: the floor of the measurement
            times = []
            rounds = []
            if key == "down":
                app.query_one("#tree").focus()
            for _ in range(presses):
                painted.clear()
                t = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                rounds.append((time.perf_counter() - t) * 1000)
                after = [p for p in painted if p > t]
                if after:
                    times.append((after[0] - t) * 1000)
            figures[key] = (pct(times, 0.5), pct(times, 0.95)) if times else (float("nan"), float("nan"))
            figures[key + "_round"] = (pct(rounds, 0.5), pct(rounds, 0.95))
        app.session.close()
    return figures


def tmux_first_paint(doc: Path, out: Path) -> float | None:
    if shutil.which("tmux") is None:
        return None
    name = "wb-bench"
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    command = f"{Path(sys.executable).parent / 'workbench'} review {doc} --out {out}"
    t0 = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command], check=True)
    try:
        while time.perf_counter() - t0 < 30:
            shown = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            if doc.name[:20] in shown:
                return time.perf_counter() - t0
            time.sleep(0.01)
        return None
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--presses", type=int, default=200)
    args = ap.parse_args()
    import textual.app  # noqa: F401  (imports are not the app's start)

    print("key latency: from the key to the end of the next painted frame (p50/p95 ms); in brackets the")
    print("pilot's whole round trip, whose floor is the round trip of a key bound to nothing ('z').")
    print(f"{'document':40} {'paint s':>8} {'loaded s':>9} {'tmux s':>7}  {'n':>22}  {'down':>22}  {'z (floor)':>22}")
    for doc in DOCS:
        if not doc.exists():
            continue
        with tempfile.TemporaryDirectory() as tmp:
            f = asyncio.run(measure(doc, args.presses, Path(tmp) / "out"))
            real = tmux_first_paint(doc, Path(tmp) / "out2")
        real_s = f"{real:7.2f}" if real is not None else "    n/a"
        keys = "  ".join(f"{f[k][0]:5.1f}/{f[k][1]:<5.1f} [{f[k + '_round'][0]:4.0f}/{f[k + '_round'][1]:<4.0f}]"
                         for k in ("n", "down", "z"))
        print(f"{doc.name[:40]:40} {f['first_paint']:8.2f} {f['loaded']:9.2f} {real_s}  {keys}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
