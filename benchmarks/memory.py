"""Peak memory of reading PDFs: the workbench process and the child that extracts the PDF.

    python benchmarks/memory.py [--limits 300,2048] [--pages 500]

For each PDF bomb of the corpus (tests/corpus/cases_bounds.py: ~10 kB that inflate to 4 GiB)
under each `limits.max_memory_mb` given, and for a long generated referat (reportlab, cached in
benchmarks/.cache/), one fresh process runs `load_source` and reports: the outcome, seconds,
its own peak RSS (getrusage RUSAGE_SELF) and the reader child's (RUSAGE_CHILDREN, after the
child is reaped). Figures are printed, not asserted.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"

MEASURE = """
import dataclasses, json, resource, sys, time
from workbench.config import load_config
from workbench.errors import UserError
from workbench.ingest import load_source
config = dataclasses.replace(load_config(sys.argv[2]), max_memory_mb=int(sys.argv[3]))
start = time.perf_counter()
try:
    source = load_source(sys.argv[1], config)
    outcome = f"read: {source.pages} pages, {len(source.lines)} lines"
except UserError as exc:
    outcome = str(exc).split(": ", 1)[1]
seconds = time.perf_counter() - start
kb = lambda who: resource.getrusage(who).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "parent": kb(resource.RUSAGE_SELF),
                  "child": kb(resource.RUSAGE_CHILDREN)}))
"""


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(pdf: Path, limit_mb: int) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURE, str(pdf), str(ROOT / "config.toml"), str(limit_mb)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed: {done.stderr.strip()[-300:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def long_referat(pages: int) -> Path:
    """At least `pages` pages (parse.py's long_pdf lays out about nine tenths of what it is asked)."""
    bench = _module(ROOT / "benchmarks" / "parse.py", "bench_parse")
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"referat-{pages}.pdf"
    ask = pages
    while not path.exists() or bench.pages_of(path) < pages:
        bench.long_pdf(ask, CACHE).rename(path)
        ask = ask * pages // max(1, bench.pages_of(path)) + 1
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limits", default="300,2048", help="limits.max_memory_mb values for the bombs (comma-separated)")
    ap.add_argument("--pages", type=int, default=500, help="length of the generated referat (0: none)")
    args = ap.parse_args()
    limits = [int(x) for x in args.limits.split(",") if x.strip()]
    cases = _module(ROOT / "tests" / "corpus" / "cases_bounds.py", "cases_bounds")
    with tempfile.TemporaryDirectory() as tmp:
        cases.make(Path(tmp))
        runs = [(Path(tmp) / name, mb) for name in ("bomb.pdf", "bomb-xobject.pdf") for mb in limits]
        if args.pages:
            runs.append((long_referat(args.pages), 2048))
        print(f"{'file':22} {'kB':>6} {'limit MB':>8} {'s':>6} {'parent MB':>9} {'child MB':>8}  outcome")
        for pdf, mb in runs:
            r = measure(pdf, mb)
            print(f"{pdf.name:22} {pdf.stat().st_size / 1000:6.0f} {mb:8d} {r['seconds']:6.2f} {r['parent']:9.0f} "
                  f"{r['child']:8.0f}  {r['outcome'][:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
