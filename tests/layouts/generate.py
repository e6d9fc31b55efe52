#!/usr/bin/env python3
"""Lay out every seed referat in every layout family, as PDFs.

    python tests/layouts/generate.py [--out DIR] [--family NAME] [--force] [--breaks]

writes DIR/<family>/<seed-stem>.pdf (DIR defaults to tests/layouts/.cache/). The content
comes from sample_docs/content/seed00N.py, the families from families.py; the output is
the same bytes on every run. `ensure_pdfs(family)` is what the tests call: it reuses the
cached PDFs while the stamp (a hash of the generator sources and the producers' versions)
matches, and lays them out again otherwise. --breaks prints, for every page break, the last
line of the page and the first line of the next (to see what the breaks cut).
"""
from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from layouts.families import FAMILIES  # noqa: E402
from layouts.walk import SAMPLES, load_seed, meeting_of, seed_stems, walk  # noqa: E402

CACHE = HERE / ".cache"
NOT_SOURCES = {"baseline.py", "__init__.py"}  # files that do not decide the PDFs' bytes


def stamp() -> str:
    """A hash of everything that decides the PDFs' bytes."""
    import fpdf
    import reportlab
    import typst

    h = hashlib.sha256(f"reportlab {reportlab.Version} fpdf2 {fpdf.__version__} typst {typst.__version__}\n".encode())
    files = [p for p in sorted(HERE.glob("*.py")) if p.name not in NOT_SOURCES] + [SAMPLES / "make_pdfs.py"]
    files += sorted((SAMPLES / "content").glob("*.py"))
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def render_one(family: str, stem: str, path: Path) -> None:
    fam = FAMILIES[family]
    content = load_seed(stem)
    if fam.producer == "reportlab":
        from layouts.render_reportlab import render
    elif fam.producer == "typst":
        from layouts.render_typst import render
    else:
        from layouts.render_fpdf import render
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    render(walk(content, fam), fam, meeting_of(content), tmp, content.TITLE)
    os.replace(tmp, path)


def build(family: str, out: Path = CACHE) -> dict[str, Path]:
    """Lay out every seed in one family (no cache)."""
    folder = out / family
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for stem in seed_stems():
        paths[stem] = folder / f"{stem}.pdf"
        render_one(family, stem, paths[stem])
    return paths


def ensure_pdfs(family: str, out: Path = CACHE) -> dict[str, Path]:
    """The family's PDFs, seed stem -> path: from the cache while its stamp matches."""
    if family not in FAMILIES:
        raise KeyError(f"no layout family {family!r} (known: {', '.join(FAMILIES)})")
    folder = out / family
    folder.mkdir(parents=True, exist_ok=True)
    want = stamp()
    with open(folder / ".lock", "w") as lock:  # parallel test workers wait for one another
        fcntl.flock(lock, fcntl.LOCK_EX)
        stamp_file = folder / ".stamp"
        paths = {stem: folder / f"{stem}.pdf" for stem in seed_stems()}
        fresh = stamp_file.exists() and stamp_file.read_text().strip() == want
        if not (fresh and all(p.exists() for p in paths.values())):
            stamp_file.unlink(missing_ok=True)
            build(family, out)
            stamp_file.write_text(want + "\n")
    return paths


def page_breaks(path: Path) -> list[tuple[int, str, str]]:
    """(page, last body line, first body line of the next page) for every page break, the
    running header and footer left out (the lines above the top and below the bottom margin)."""
    import pdfplumber

    fam = FAMILIES[path.parent.name]
    _, _, top, bottom = fam.margins
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            body = page.crop((0, top - 4, page.width, page.height - bottom + 4))
            lines = [ln for ln in (body.extract_text() or "").splitlines() if ln.strip()]
            pages.append(lines)
    return [(n + 1, a[-1] if a else "", b[0] if b else "") for n, (a, b) in enumerate(zip(pages, pages[1:]))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=CACHE, help="output folder (default: tests/layouts/.cache/)")
    ap.add_argument("--family", choices=sorted(FAMILIES), action="append", help="only this family (repeatable)")
    ap.add_argument("--force", action="store_true", help="lay out again even where the cache is fresh")
    ap.add_argument("--breaks", action="store_true", help="print what every page break cuts")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    for name in args.family or list(FAMILIES):
        t0 = time.perf_counter()
        if args.force:
            (args.out / name / ".stamp").unlink(missing_ok=True)
        paths = ensure_pdfs(name, args.out)
        print(f"{name:<13} {FAMILIES[name].producer:<9} {len(paths)} PDFs in {args.out / name} "
              f"({time.perf_counter() - t0:.2f} s)")
        if args.breaks:
            for stem, path in paths.items():
                for page, last, first in page_breaks(path):
                    print(f"  {stem[:3]} p{page:>2}: {last[-60:]!r:<64} | {first[:60]!r}")
    print(f"total {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
