"""The messages the code asks the catalog for (`_("…")`, `ngettext`, `pgettext`, `N_`, found by ast), and `python -m workbench.i18n.extract [--add]`: those missing from a catalog, listed or appended.

    python -m workbench.i18n.extract          # lists what each catalog lacks; exit 1 if any
    python -m workbench.i18n.extract --add    # appends it: English filled in, other languages empty

An appended entry in another language has an empty msgstr, which tests/test_i18n.py refuses until
someone translates it; then `python -m workbench.i18n.compile`.
"""
from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

from workbench.i18n import LOCALE, catalog
from workbench.i18n.po import Entry, format_entry, nplurals, read_po

PACKAGE = Path(__file__).resolve().parent.parent
# callee name → (index of the context argument or None, index of the msgid, index of the plural or None)
_CALLS = {"_": (None, 0, None), "gettext": (None, 0, None), "N_": (None, 0, None), "NP_": (0, 1, None),
          "ngettext": (None, 0, 1), "pgettext": (0, 1, None), "npgettext": (0, 1, 2)}


@dataclass(frozen=True)
class Use:
    """One message the code asks for, and the first place it does."""

    msgid: str
    plural: str | None
    context: str | None
    path: str
    line: int

    @property
    def key(self) -> str:
        return self.msgid if self.context is None else f"{self.context}\x04{self.msgid}"


def _literal(args: list[ast.expr], i: int | None) -> str | None:
    if i is None or i >= len(args):
        return None
    node = args[i]
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def uses_in_source(source: str, path: str = "<source>") -> list[Use]:
    """The messages one module asks for with a literal argument, in order (a computed one cannot be extracted)."""
    out = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else \
            node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if name not in _CALLS:
            continue
        ctx, msg, plural = _CALLS[name]
        msgid = _literal(node.args, msg)
        if msgid is None:
            continue
        out.append(Use(msgid, _literal(node.args, plural), _literal(node.args, ctx), path, node.lineno))
    return sorted(out, key=lambda u: u.line)


def uses(paths=(PACKAGE,)) -> dict[str, Use]:
    """Every message asked for under the paths, by key, each at its first place."""
    found: dict[str, Use] = {}
    for root in map(Path, paths):
        for file in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            for use in uses_in_source(file.read_text(encoding="utf-8"), str(file)):
                found.setdefault(use.key, use)
    return found


def missing(entries: list[Entry], wanted: dict[str, Use]) -> list[Use]:
    have = {e.key for e in entries}
    return [u for k, u in wanted.items() if k not in have]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.i18n.extract", description=__doc__.splitlines()[0])
    parser.add_argument("--add", action="store_true", help="append the missing messages to each catalog")  # i18n: ok (a developer's tool)
    args = parser.parse_args(argv)
    wanted = uses()
    lacking = 0
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        code = po.parent.parent.name
        entries = read_po(po)
        gaps = missing(entries, wanted)
        lacking += len(gaps)
        for u in gaps:
            print(f"{code}: {u.path}:{u.line}: {u.msgid!r}")
        if args.add and gaps:
            with open(catalog(code), "a", encoding="utf-8") as f:
                for u in gaps:
                    english = code == "en"
                    strings = (u.msgid if english else "",) if u.plural is None else \
                        (u.msgid, u.plural) if english else ("",) * nplurals(entries)
                    f.write(f"#: {Path(u.path).resolve().relative_to(PACKAGE.parent)}:{u.line}\n")
                    f.write(format_entry(Entry(u.msgid, strings, u.plural, u.context)))
    return 1 if lacking and not args.add else 0


if __name__ == "__main__":
    sys.exit(main())
