"""The house plan, held by tests: which layer may import which, readable module sizes, a first line
that says what a module holds. The rules are those of ../shared/DESIGN.md's house plan."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import workbench

ROOT = Path(workbench.__file__).parent
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def _layer(path: Path) -> str:
    """A module's layer: its package under workbench/ (tui, parse, …) or its own name (checks, cli, …)."""
    rel = path.relative_to(ROOT).parts
    return rel[0] if len(rel) > 1 else rel[0].removesuffix(".py")


def imports_of(path: Path) -> set[str]:
    """The workbench layers a file imports, inside functions too (lazy imports count)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + ([f"workbench.{a.name}" for a in node.names] if node.module == "workbench" else [])
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "workbench" and len(parts) > 1:
                found.add(parts[1])
            elif parts[0] == "textual":
                found.add("textual")
    return found


# (layer, what it must never import, why)
FORBIDDEN = [
    ("ingest", {"parse", "review", "tui", "checks", "doubt", "export"}, "reading a file knows nothing of its meaning"),
    ("parse", {"review", "tui", "export", "inbox"}, "the parser makes drafts; it never sees a review"),
    ("checks", {"parse", "review", "tui"}, "flag rules read the record, not the parser's internals"),
    ("roster", {"parse", "review", "tui", "ingest"}, "the roster is a leaf: names and their matching"),
    ("export", {"tui", "parse", "ingest"}, "exports are made from saved records"),
]
DOMAIN_NEVER = {"tui", "textual"}
TUI_MAY = {"review", "inbox", "schema", "config", "i18n", "errors", "visible", "tui"}


def _violations(rule_layer: str, never: set[str]) -> list[str]:
    return [f"{p.relative_to(ROOT)} imports {sorted(imports_of(p) & never)}"
            for p in _modules() if _layer(p) == rule_layer and imports_of(p) & never]


@pytest.mark.parametrize("layer,never,why", FORBIDDEN, ids=[r[0] for r in FORBIDDEN])
def test_layer_rules(layer, never, why):
    assert any(_layer(p) == layer for p in _modules()), f"no module in {layer}: the rule checks nothing"
    assert _violations(layer, never) == [], why


# The one arrow from the domain into tui/: the config check of a [keys] remap reads the table of
# actions (ids and default keys). That module imports no Textual (tests/test_actions.py holds it to
# that), so the config stays free of the screen; nothing else below tui/ may look up.
DOMAIN_MAY_READ = {"keys": {"workbench.tui.actions"}}


def _tui_modules_imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("workbench.tui"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("workbench.tui")}
    return found


def test_domain_never_imports_the_screen():
    wrong = []
    for p in _modules():
        layer = _layer(p)
        if layer in ("tui", "cli", "__main__") or not imports_of(p) & DOMAIN_NEVER:
            continue
        if "textual" in imports_of(p) or _tui_modules_imported(p) - DOMAIN_MAY_READ.get(layer, set()):
            wrong.append(f"{p.relative_to(ROOT)}: {sorted(_tui_modules_imported(p)) or ['textual']}")
    assert wrong == []


def test_the_screen_imports_only_the_layers_meant_for_it():
    wrong = [f"{p.relative_to(ROOT)}: {sorted(imports_of(p) - TUI_MAY - {'textual'})}" for p in _modules()
             if _layer(p) == "tui" and imports_of(p) - TUI_MAY - {"textual"}]
    assert wrong == []


def test_the_import_scan_sees_lazy_and_package_imports(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("import os\nfrom workbench import parse\n\ndef f():\n    import workbench.ingest.pdf\n"
                       "    from textual.app import App\n", encoding="utf-8")
    assert imports_of(planted) == {"parse", "ingest", "textual"}


def test_modules_stay_readable():
    long = [f"{p.relative_to(ROOT)}: {n} lines" for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert long == []


def test_every_module_says_first_what_it_holds():
    silent = []
    for p in _modules():
        tree = ast.parse(p.read_text(encoding="utf-8"))
        first = tree.body[0] if tree.body else None
        if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str) and first.value.value.strip()):
            silent.append(str(p.relative_to(ROOT)))
    assert silent == []
