#!/usr/bin/env python3
"""Score every layout family × seed against the gold records, in-process.

    python tests/layouts/baseline.py [--family NAME] [--misses] [--save [PATH]]

Each PDF goes through the pipeline once, as `workbench parse` and `workbench text` would
(the record rendered as TOML by the project's record module and read back, so dates are
native; the raw lines that flags point into), and is scored with `score()` and
`is_silent()` of ../shared/tools/score.py, the gold's must_flag checks left out (like
`--skip-flags`). Prints one row per family: per seed `ok/total` and the silent misses
(`sN`), and the totals; --misses prints every miss, --save writes the table with the date
and commit to tests/layouts/BASELINE.md (or PATH).
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
for folder in (HERE.parent, ROOT):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from layouts.families import FAMILIES  # noqa: E402
from layouts.generate import ensure_pdfs  # noqa: E402
from layouts.walk import seed_stems  # noqa: E402

from scoring import gold_for, grade, record_and_lines, scorer  # noqa: E402


@lru_cache(maxsize=None)
def pipeline():
    from workbench.config import load_config
    from workbench.pipeline import load_roster

    config = load_config(ROOT / "config.toml")
    return config, load_roster(config)


@dataclass
class Result:
    family: str
    stem: str
    ok: int = 0
    total: int = 0
    silent: int = 0
    misses: list = field(default_factory=list)
    error: str | None = None


def score_pdf(family: str, stem: str, pdf: Path) -> Result:
    """One family's PDF of one seed against the seed's gold record."""
    gold = gold_for(stem)
    try:
        record, raw = record_and_lines(pdf, *pipeline())
    except Exception as exc:  # one broken document must not hide the others
        n = scorer().score(gold, {}, []).total
        return Result(family, stem, 0, n, n, [f"SILENT the pipeline failed: {type(exc).__name__}: {exc}"],
                      error=str(exc))
    g = grade(gold, record, raw)
    return Result(family, stem, g.ok, g.total, g.silent, g.misses)


def _job(args) -> Result:
    return score_pdf(*args)


def run(families: list[str], workers: int = 2) -> list[Result]:
    jobs = [(name, stem, path) for name in families for stem, path in ensure_pdfs(name).items()]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_job, jobs))


def table(results: list[Result]) -> str:
    stems = seed_stems()
    head = (f"{'family':<13} {'producer':<9} " + " ".join(f"{s[:3]:^14}" for s in stems)
            + f" {'total':^18} {'silent':>6}")
    lines = [head, "-" * len(head)]
    by = {(r.family, r.stem): r for r in results}
    sums = {s: [0, 0, 0] for s in stems}
    for name in dict.fromkeys(r.family for r in results):
        cells, ok, total, silent = [], 0, 0, 0
        for s in stems:
            r = by[(name, s)]
            cells.append(f"{r.ok:>4}/{r.total:<4} s{r.silent:<3}" + ("!" if r.error else " "))
            ok, total, silent = ok + r.ok, total + r.total, silent + r.silent
            sums[s] = [a + b for a, b in zip(sums[s], (r.ok, r.total, r.silent))]
        pct = 100.0 * ok / total if total else 0.0
        lines.append(f"{name:<13} {FAMILIES[name].producer:<9} " + " ".join(cells)
                     + f" {ok:>5}/{total:<5} {pct:5.1f}% {silent:>6}")
    ok, total, silent = (sum(v[k] for v in sums.values()) for k in range(3))
    lines.append("-" * len(head))
    lines.append(f"{'all':<13} {'':<9} " + " ".join(f"{a:>4}/{b:<4} s{c:<3} " for a, b, c in sums.values())
                 + f" {ok:>5}/{total:<5} {100.0 * ok / max(total, 1):5.1f}% {silent:>6}")
    return "\n".join(lines)


def save(path: Path, text: str, seconds: float) -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "workbench"], capture_output=True, text=True,
                           cwd=ROOT).stdout.strip()
    path.write_text(
        f"# Layout families: baseline\n\nRecorded {dt.date.today().isoformat()} at commit `{commit}`"
        f"{' (workbench/ has uncommitted changes)' if dirty else ''}, before the parser changes, with\n"
        f"`python tests/layouts/baseline.py` ({seconds:.0f} s). Each cell: checks passed/checks, `sN` silent\n"
        f"misses (no warning or error flag points at them); `!` the pipeline failed. must_flag checks\n"
        f"are left out (like `score.py --skip-flags`).\n\n```\n{text}\n```\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--family", choices=sorted(FAMILIES), action="append", help="only this family (repeatable)")
    ap.add_argument("--misses", action="store_true", help="print every miss")
    ap.add_argument("--save", nargs="?", const=HERE / "BASELINE.md", type=Path, help="write the table here")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    results = run(args.family or list(FAMILIES))
    if args.misses:
        for r in results:
            for miss in r.misses:
                print(f"  {r.family}/{r.stem[:3]}: {miss}")
    text = table(results)
    print(text)
    seconds = time.perf_counter() - started
    print(f"{len(results)} PDFs scored in {seconds:.1f} s")
    if args.save:
        save(args.save, text, seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
