"""`python -m workbench.i18n.compile [--check]`: every catalog's .po compiled to the .mo beside it (our own small msgfmt, po.py).

Run it after editing a .po and commit both files: an editable install compiles nothing, and the
workbench reads only the .mo. `--check` writes nothing and exits 1 when a .mo is missing or was
not compiled from its .po as it stands (tests/test_i18n.py does the same).

Why our own and not Babel's or GNU gettext's: reading a .po and writing a .mo is about a hundred
lines (po.py), where Babel is a dependency for every contributor who edits a text, and GNU msgfmt is
not on every machine. Ours writes the same bytes for the same entries (keys sorted, no hash table),
so a test can hold the committed .mo to its .po byte for byte; where GNU msgfmt is installed a test
checks that it reads each .po as we do.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.i18n import LOCALE
from workbench.i18n.po import PoError, compile_mo, read_po


def catalogs(locale: Path = LOCALE) -> list[Path]:
    """Every .po under the locale folder, sorted."""
    return sorted(locale.glob("*/LC_MESSAGES/*.po"))


def stale(locale: Path = LOCALE) -> list[Path]:
    """The .po files whose .mo is missing or differs from what they compile to."""
    out = []
    for po in catalogs(locale):
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compile_mo(read_po(po)):
            out.append(po)
    return out


def compile_all(locale: Path = LOCALE) -> list[Path]:
    """Compiles every .po whose .mo is stale; returns the .mo files written."""
    written = []
    for po in stale(locale):
        mo = po.with_suffix(".mo")
        tmp = mo.with_suffix(".mo.tmp")
        tmp.write_bytes(compile_mo(read_po(po)))
        tmp.replace(mo)
        written.append(mo)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.i18n.compile", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a .mo is stale")  # i18n: ok (a developer's tool)
    args = parser.parse_args(argv)
    try:
        if args.check:
            late = stale()
            for po in late:
                print(f"{po}: its .mo is missing or stale: run python -m workbench.i18n.compile")
            return 1 if late else 0
        for mo in compile_all():
            print(f"wrote {mo}")
    except PoError as err:
        print(err, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
