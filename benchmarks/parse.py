"""Extraction speed over the cores, against bare pdfplumber and pypdfium2, and what the cache saves.

    python benchmarks/parse.py [--long-pages 200] [--repeat 1] [--cores 1,2,all]

For the 28-page Aarhus referat (../shared/real) and a long generated referat (laid out by
tests/pdfmaker.py, kept in the ignored benchmarks/.cache/): pages per second of pdfplumber's
bare `extract_text` (pages closed as read), of pypdfium2's text (a trial for a fast first pass:
not used by the workbench), and of the workbench's extraction (`load_source`, page pool, no
cache) with 1, 2 and all cores; how much of the workbench's lines pypdfium2's text gives as they are
(`pdfium=lines`: the share of lines, spaces collapsed, found the same and in order); then the cache: its size on disk per 100 pages, and the seconds
to open the referat (`pipeline.analyse`: read, parse, checks) cold (empty cache) and warm (the
cache filled by the cold run). Every figure is from a fresh process (imports excluded), the best
of --repeat runs. Run it on an idle machine: on a busy one the figures mean little.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real" / "aarhus-byraad-2025-08-27-referat.pdf"
CACHE = Path(__file__).resolve().parent / ".cache"

BARE = """
import pdfplumber
T0 = time.perf_counter()
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.close()
"""
PDFIUM = """
import pypdfium2
T0 = time.perf_counter()
pdf = pypdfium2.PdfDocument(sys.argv[1])
for i in range(len(pdf)):
    page = pdf[i]
    page.get_textpage().get_text_range()
    page.close()
pdf.close()
"""
EXTRACT = """
import dataclasses
from workbench.config import load_config
from workbench.ingest import load_source
config = dataclasses.replace(load_config(sys.argv[2]), cores=int(sys.argv[3]))
T0 = time.perf_counter()
load_source(sys.argv[1], config)
"""
AGREE = """
import difflib
import pypdfium2
from workbench.config import load_config
from workbench.ingest import load_source
ours = [" ".join(ln.text.split()) for ln in load_source(sys.argv[1], load_config(sys.argv[2])).lines]
pdf = pypdfium2.PdfDocument(sys.argv[1])
theirs = []
for i in range(len(pdf)):
    page = pdf[i]
    theirs += [" ".join(t.split()) for t in page.get_textpage().get_text_range().splitlines() if t.strip()]
    page.close()
pdf.close()
match = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
print(sum(b.size for b in match.get_matching_blocks()) / max(1, len(ours)))
"""
OPEN = """
from workbench.config import load_config
from workbench.pipeline import analyse, load_roster
config = load_config(sys.argv[2])
roster = load_roster(config)
T0 = time.perf_counter()
analyse(sys.argv[1], config, roster)
"""


def run(code: str, *args: str, env: dict | None = None) -> float:
    """Seconds of one fresh child process, from its T0 to the end of its work."""
    timed = "import sys, time\n" + code + "\nprint(time.perf_counter() - T0)\n"
    done = subprocess.run([sys.executable, "-c", timed, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed: {done.stderr.strip()[-400:]}")
    return float(done.stdout.strip().splitlines()[-1])


def agreement(doc: Path, config: str) -> float:
    """The share of the workbench's lines (spaces collapsed) that pypdfium2's text has, the same and in order."""
    done = subprocess.run([sys.executable, "-c", "import sys\n" + AGREE, str(doc), config], capture_output=True,
                          text=True, env={**os.environ, "WORKBENCH_CACHE_DIR": ""}, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed: {done.stderr.strip()[-400:]}")
    return float(done.stdout.strip().splitlines()[-1])


def long_pdf(pages: int) -> Path:
    """A long referat of `pages` pages (about), made once with tests/pdfmaker.py and kept in benchmarks/.cache/."""
    path = CACHE / f"long-{pages}.pdf"
    if path.exists():
        return path
    sys.path.insert(0, str(ROOT / "tests"))
    from pdfmaker import text_pdf

    words = (ROOT / "sample_docs" / "001_9a154efafadaaa85.txt").read_text(encoding="utf-8").split()
    body = [" ".join(words[i:i + 12]) for i in range(0, len(words), 12)]
    story: list[list[tuple[str, str]]] = []
    n = 0
    while len(story) < pages:
        n += 1
        page = [("h", f"{n}. Punkt nummer {n}"), ("b", "Åben sag"), ("b", "Sagsfremstilling")]
        page += [("p", line) for line in body[(n * 7) % max(1, len(body) - 40):][:40]]
        story.append(page)
    CACHE.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    text_pdf(temp, story, header="Direktionen 29-01-2025")
    os.replace(temp, path)
    return path


def pages_of(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--long-pages", type=int, default=200, help="length of the generated referat (0: none)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the best is printed")
    ap.add_argument("--cores", default="1,2,all", help="the core budgets to try (limits.cores; all: every core)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from workbench.work import all_cores

    config = str(ROOT / "config.toml")
    budgets = [all_cores() if c == "all" else int(c) for c in args.cores.split(",")]
    docs = [REAL] if REAL.exists() else []
    if args.long_pages:
        docs.append(long_pdf(args.long_pages))
    off = {"WORKBENCH_CACHE_DIR": ""}
    heads = ["bare p/s", "pdfium p/s"] + [f"{c} core{'s' * (c > 1)} p/s" for c in budgets]
    print(f"{'document':40} {'pages':>5} " + " ".join(f"{h:>12}" for h in heads)
          + f" {'pdfium=lines':>12} {'cache KB/100p':>13} {'cold s':>7} {'warm s':>7}")
    for doc in docs:
        pages = pages_of(doc)

        def best(code, *extra, env=None):
            return min(run(code, str(doc), *extra, env=env) for _ in range(args.repeat))

        figures = [pages / best(BARE), pages / best(PDFIUM)]
        figures += [pages / best(EXTRACT, config, str(c), env=off) for c in budgets]
        colds, warms, size = [], [], 0
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as folder:
                env = {"WORKBENCH_CACHE_DIR": folder}
                colds.append(run(OPEN, str(doc), config, env=env))
                size = sum(f.stat().st_blocks * 512 for f in Path(folder).iterdir())
                warms.append(run(OPEN, str(doc), config, env=env))
        agree = agreement(doc, config)
        print(f"{doc.name[:40]:40} {pages:5d} " + " ".join(f"{f:12.1f}" for f in figures)
              + f" {agree:12.1%} {size / 1024 * 100 / pages:13.0f} {min(colds):7.2f} {min(warms):7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
