"""What a save costs on a long record, without the screen: a mark toggled, then `ReviewSession.save()`.

    python benchmarks/save.py [--pages 500] [--saves 10]

The long referat is the generated one of benchmarks/parse.py (kept in the ignored benchmarks/.cache/,
its extraction cached in a private folder there, so only the first run reads the PDF). Prints the
first save (nothing at the output name yet), then p50 and the slowest of the following saves, each
of which replaces the record the session wrote itself (recognised by its sha256, not read as TOML),
and one save over a record changed by hand (read back and checked in full). Run it on an idle
machine: on a busy one the figures mean little.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=500, help="pages of the generated referat")
    ap.add_argument("--saves", type=int, default=10, help="saves measured after the first")
    args = ap.parse_args()
    os.environ.setdefault("WORKBENCH_CACHE_DIR", str(HERE / ".cache" / "workbench-cache"))
    sys.path.insert(0, str(HERE))
    from parse import long_pdf

    from workbench.config import load_config
    from workbench.review import ReviewSession
    from workbench.roster.file import load_roster

    doc = long_pdf(args.pages)
    config = load_config(ROOT / "config.toml")
    roster = load_roster(config.roster_path)
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        session = ReviewSession.open(doc, config, roster, out_dir=Path(out))
        opened = time.perf_counter() - t
        try:
            fields = [f"items[{i}].title" for i in range(len(session.record.items))] or ["meeting.place"]
            t = time.perf_counter()
            path = session.save()
            first = time.perf_counter() - t
            size = path.stat().st_size
            times = []
            for i in range(args.saves):
                session.toggle_verified(fields[i % len(fields)])
                t = time.perf_counter()
                session.save()
                times.append(time.perf_counter() - t)
            path.write_text(path.read_text(encoding="utf-8") + "# a note by hand\n", encoding="utf-8")
            session.toggle_verified(fields[0])
            t = time.perf_counter()
            session.save()
            by_hand = time.perf_counter() - t
        finally:
            session.close()
    print(f"{doc.name}: opened in {opened:.2f} s; record {size / 1e6:.1f} MB")
    print(f"first save {first * 1000:.0f} ms; next {args.saves} saves p50 {statistics.median(times) * 1000:.0f} ms, "
          f"slowest {max(times) * 1000:.0f} ms; a save over a hand-edited record {by_hand * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
