"""Benchmark of roster matching (workbench/roster/): speed and top-1 accuracy.

For generated rosters of 50, 1,000 and 10,000 Danish-looking names (fixed seed), queries
are roster names with 1-2 typos (a deletion, a substitution, æ→ae / ø→oe / å→aa, first and
last name swapped). Printed per roster size:

- Roster.match(query): mean and p95 time per query, top-1 accuracy (best person is the
  true one), how often the top match was `certain`, and how often it was certain and WRONG;
- the same query through Roster.match(full_scan=True) (no index): its top-1 agreement with
  the indexed match shows the prefilter loses nothing;
- a plain full scan, process.extractOne(query, names, scorer=fuzz.WRatio) with rapidfuzz's
  default_process, on the roster names as written (no Danish normalisation);
- Roster.match for names that are not in the roster at all (their time, and how many
  were wrongly taken as certain).

Run: python benchmarks/names.py [--sizes 50,1000,10000] [--queries 400] [--strangers 200] [--seed N]
(about 20 s with the defaults; `--sizes 50 --queries 40` for a quick look)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process, utils  # noqa: E402

from workbench.roster import Person, Roster  # noqa: E402

SEED = 20250129

FIRST = """Anne Kim Lene Jonas Bettina Vicki Karen Tonny Trine Charlotte Lars Nicklas Mette Hans
Jens Peter Michael Søren Niels Anders Henrik Thomas Martin Jesper Morten Rasmus Christian Mads
Ole Per Jan Erik Mikkel Kasper Frederik Emil Camilla Louise Maria Julie Sofie Ida Emma Laura
Anna Signe Line Marianne Susanne Hanne Birgitte Inge Kirsten Lone Pia Tina Helle Dorthe Gitte
Bente Jørgen Bjørn Åse Ærø Marie-Louise Kåre Asbjørn Grethe Birte Doris Karl Malene Rikke
Jeppe Lisette Carina Ulrik Lolan Mie Polly Gert Jesper Vivian Tobias Troels Ib Bo""".split()

MIDDLE = """Bruun Mehlsen Nygaard Meisner Helbo Kjær Ginnerup Holck Bulig Tang Juul Skov Lund Dam
Krogh Bech Holm Bak Vestergaard Møller Friis Storm Winther Lundahl Vilhelm Eskerod Due Brix
Højgaard Kirkegaard Østergaard Nørgaard Søgaard Ravn Sønderby""".split()

LAST = """Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen
Jørgensen Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller
Mortensen Kroustrup Voldgaard Bachmann Gammelgaard Healy Kølle Thoustrup Thvilum Ifversen
Koudal Blæsbjerg Trillingsgaard Toft Grejsen Thind Olesen Svendsen Knudsen Lauridsen Kramhøft
Børger Assov Ottesen Andresen Kjeldsen Bjerregaard Dutschke Østergård Aagaard Skovgaard
Frandsen Bruhn Iversen Dahl Schmidt Jakobsen Friis Vinther Holst Kjeldgaard""".split()

# surnames that no roster name has
STRANGER_LAST = """Zwick Trolle Vangsgaard Ravnkilde Bøgelund Overgaard Quist Wulff Ebbesen
Gyldenløve Hvidt Lykkegaard Nørskov Rosenkrantz Uldall Yde Zeuthen Ærenlund""".split()

SIZES = (50, 1_000, 10_000)
QUERIES = 400  # per roster size
STRANGERS = 200

_LETTERS = "abcdefghijklmnoprstuvyæøå"
_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def make_names(n: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        parts = [rng.choice(FIRST)]
        if rng.random() < 0.5:
            parts.append(rng.choice(MIDDLE))
        parts.append(rng.choice(LAST))
        names.add(" ".join(parts))
    out = sorted(names)
    rng.shuffle(out)
    return out


def typo(name: str, rng: random.Random) -> str:
    """One edit of a kind chosen at random."""
    kind = rng.choice(("delete", "substitute", "ascii", "swap"))
    if kind == "ascii" and any(c in name for c in "æøåÆØÅ"):
        return name.translate(_ASCII)
    if kind == "swap":
        parts = name.split()
        return " ".join([parts[-1], *parts[:-1]])
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    i = rng.choice(letters)
    if kind == "delete":
        return name[:i] + name[i + 1 :]
    c = rng.choice([x for x in _LETTERS if x != name[i].lower()])
    return name[:i] + c + name[i + 1 :]


def queries(names: list[str], k: int, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for _ in range(k):
        true = rng.choice(names)
        q = typo(true, rng)
        if rng.random() < 0.5:
            q = typo(q, rng)
        out.append((q, true))
    return out


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def run(size: int, n_queries: int = QUERIES, n_strangers: int = STRANGERS, seed: int = SEED) -> None:
    rng = random.Random(seed + size)
    names = make_names(size, rng)
    t0 = time.perf_counter()
    roster = Roster([Person(n) for n in names])
    build_ms = (time.perf_counter() - t0) * 1000
    qs = queries(names, n_queries, rng)
    for q, _ in qs[:20]:  # warm up
        roster.match(q)

    def measure(fn):
        times, hits, certain, wrong_certain, tops = [], 0, 0, 0, []
        for q, true in qs:
            t = time.perf_counter()
            top, is_certain = fn(q)
            times.append((time.perf_counter() - t) * 1000)
            tops.append(top)
            hits += top == true
            certain += bool(is_certain)
            wrong_certain += bool(is_certain) and top != true
        return times, hits, certain, wrong_certain, tops

    def indexed(q):
        m = roster.match(q)
        return (m[0].person.name, m[0].certain) if m else (None, False)

    def full(q):
        m = roster.match(q, full_scan=True)
        return (m[0].person.name, m[0].certain) if m else (None, False)

    processed = [utils.default_process(n) for n in names]

    def plain(q):
        r = process.extractOne(utils.default_process(q), processed, scorer=fuzz.WRatio, processor=None)
        return (names[r[2]] if r else None), False

    n = len(qs)
    print(f"\nroster of {size:,} names (index built in {build_ms:.0f} ms), {n} queries with 1-2 typos")
    print(f"  {'':44} {'mean ms':>8} {'p95 ms':>8} {'top-1':>7} {'certain':>8} {'wrong+certain':>14}")
    results = {}
    for label, fn in (
        ("Roster.match (token index + WRatio)", indexed),
        ("Roster.match(full_scan=True)", full),
        ("plain extractOne WRatio (default_process)", plain),
    ):
        times, hits, certain, wrong, tops = measure(fn)
        results[label] = tops
        cert = f"{certain / n:7.1%}" if fn is not plain else "      -"
        wr = f"{wrong:14d}" if fn is not plain else f"{'-':>14}"
        print(f"  {label:44} {statistics.mean(times):8.3f} {p95(times):8.3f} {hits / n:7.1%} {cert:>8} {wr}")
    # names that are not in the roster (people a document names who are not listed)
    strangers = [f"{rng.choice(FIRST)} {rng.choice(STRANGER_LAST)}" for _ in range(n_strangers)]
    times = []
    for q in strangers:
        t = time.perf_counter()
        roster.match(q)
        times.append((time.perf_counter() - t) * 1000)
    wrong = sum(1 for q in strangers if roster.certain(q) is not None)
    print(
        f"  {f'Roster.match, {n_strangers} names not in the roster':44} {statistics.mean(times):8.3f} {p95(times):8.3f}"
        f" {'-':>7} {'-':>8} {wrong:14d}"
    )
    a = results["Roster.match (token index + WRatio)"]
    b = results["Roster.match(full_scan=True)"]
    same = sum(x == y for x, y in zip(a, b))
    print(f"  indexed top-1 = full-scan top-1 for {same}/{n} queries")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(str(n) for n in SIZES), help="roster sizes, comma-separated")
    ap.add_argument("--queries", type=int, default=QUERIES, help="queries with typos per roster size")
    ap.add_argument("--strangers", type=int, default=STRANGERS, help="names not in the roster, per size")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    sizes = [int(n.replace("_", "")) for n in args.sizes.split(",") if n.strip()]
    if not sizes or min(sizes) < 1 or args.queries < 1 or args.strangers < 1:
        ap.error("sizes, queries and strangers must be at least 1")
    t = time.perf_counter()
    for size in sizes:
        run(size, args.queries, args.strangers, args.seed)
    print(f"\ndone in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
