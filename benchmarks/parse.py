"""Parse speed and memory against pdfplumber's bare text extraction.

    python benchmarks/parse.py [--long-pages 200] [--repeat 3]

For each sample PDF, the 28-page Aarhus referat (../shared/real) and a long generated
referat: pages, seconds for pdfplumber's bare `extract_text` over all pages (pages closed as
read), seconds for the whole `workbench parse` (ingest, parse, checks, TOML), their ratio, and
the peak resident memory of each (each run in a fresh child process, best of --repeat; for
`workbench parse` the larger of the process and the extraction child it starts).
Goals: parse ≤ 1.3 × bare extraction; peak memory under 150 MB for any length.
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

BARE = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.close()
"""
PARSE = """
import sys
import pdfplumber, workbench.ingest.pdf, workbench.parse.document
from workbench.config import load_config
from workbench.pipeline import analyse
from workbench.record import dumps, to_dict
config = load_config(sys.argv[2])
dumps(to_dict(analyse(sys.argv[1], config)))
"""


def run(code: str, *args: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one fresh child process (start-up and imports excluded from the time)."""
    timed = ("import time as _t, resource as _r\n" + "_t0 = None\n" +
             code.replace("with pdfplumber.open", "_t0 = _t.perf_counter()\nwith pdfplumber.open")
                 .replace("config = load_config", "_t0 = _t.perf_counter()\nconfig = load_config") +
             "\n_el = _t.perf_counter() - _t0\n"
             "print(_r.getrusage(_r.RUSAGE_CHILDREN).ru_maxrss / 1024)\nprint(_el)\n")
    proc = subprocess.Popen([sys.executable, "-c", timed, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read()
    lines = out.strip().splitlines()
    child_mb = float(lines[-2]) if len(lines) >= 2 else 0.0
    err = proc.stderr.read()
    if status != 0:
        raise SystemExit(f"benchmark child failed: {err.strip()[-300:]}")
    return float(lines[-1]), max(usage.ru_maxrss / 1024, child_mb)


def long_pdf(pages: int, folder: Path) -> Path:
    """A long referat: the first sample's text laid out again and again, one item after another."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    text = (ROOT / "sample_docs" / "001_9a154efafadaaa85.txt").read_text(encoding="utf-8")
    paras = [p.strip().replace("&", "&amp;").replace("<", "&lt;") for p in text.split("\n\n") if p.strip()]
    story = []
    n = 0
    path = folder / f"long-{pages}.pdf"
    while True:
        n += 1
        story.append(Paragraph(f"{n}. Punkt nummer {n}", styles["Heading2"]))
        story.append(Paragraph("Åben sag", styles["Normal"]))
        story.append(Paragraph("Sagsfremstilling", styles["Heading3"]))
        story += [Paragraph(p, styles["Normal"]) for p in paras[40:80]]
        if n * 3 >= pages * 2:
            break

    def header(canvas, doc):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(56, A4[1] - 36, "Direktionen 29-01-2025")
        canvas.drawRightString(A4[0] - 56, A4[1] - 36, f"Side {doc.page}")

    SimpleDocTemplate(str(path), pagesize=A4, topMargin=60).build(story, onFirstPage=header, onLaterPages=header)
    return path


def pages_of(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--long-pages", type=int, default=200, help="length of the generated referat (0: none)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is printed")
    args = ap.parse_args()
    config = str(ROOT / "config.toml")
    docs = sorted((ROOT / "sample_docs").glob("*.pdf"))
    if REAL.exists():
        docs.append(REAL)
    with tempfile.TemporaryDirectory() as tmp:
        if args.long_pages:
            docs.append(long_pdf(args.long_pages, Path(tmp)))
        print(f"{'document':44} {'pages':>5} {'bare s':>7} {'parse s':>8} {'ratio':>6} {'bare MB':>8} {'parse MB':>9}")
        for doc in docs:
            bare = min(run(BARE, str(doc)) for _ in range(args.repeat))
            parse = min(run(PARSE, str(doc), config) for _ in range(args.repeat))
            print(f"{doc.name[:44]:44} {pages_of(doc):5d} {bare[0]:7.2f} {parse[0]:8.2f} {parse[0] / bare[0]:6.2f} "
                  f"{bare[1]:8.0f} {parse[1]:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
