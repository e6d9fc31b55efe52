"""Layer rules: domain code never imports Textual (the screen is a thin layer over it); the flag rules (checks.py) never import the parser."""
from __future__ import annotations

import pkgutil
import subprocess
import sys

import workbench


def test_nothing_outside_tui_imports_textual():
    modules = [m.name for m in pkgutil.walk_packages(workbench.__path__, "workbench.")
               if not m.name.startswith("workbench.tui") and m.name != "workbench.__main__"]
    assert "workbench.parse.document" in modules and "workbench.cli" in modules
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules) + \
           "print(sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_checks_imports_nothing_from_the_parser():
    """The flag rules work on the record and on flags (model), never on the parser's internals."""
    import ast
    from pathlib import Path

    path = Path(workbench.__file__).parent / "checks.py"
    imported = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # inside functions too
        if isinstance(node, ast.Import):
            imported += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            imported += [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
    assert "workbench.model" in imported  # the scan reads the imports
    assert [m for m in imported if m == "workbench.parse" or m.startswith("workbench.parse.")] == []


# what the screen may import of the domain: the review session and what it needs to show one.
# errors: UserError and one_line, the one-line messages; visible: control characters drawn escaped;
TUI_MAY_IMPORT = {"review", "inbox", "schema", "config", "i18n", "errors", "visible", "tui"}
TUI_NEVER = {"ingest", "parse", "names", "roster", "roster_edit", "pipeline", "userdata", "checks", "doubt"}


def _workbench_imports(path):
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):  # imports inside functions count too
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names] if node.module == "workbench" \
                else [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "workbench" and len(parts) > 1:
                yield node.lineno, parts[1]


def test_the_screen_imports_only_the_review_layer():
    from pathlib import Path

    tui = Path(workbench.__file__).parent / "tui"
    files = sorted(tui.rglob("*.py"))
    assert any(p.name == "review.py" for p in files)
    wrong = [f"{p.relative_to(tui.parent)}:{line}: workbench.{top}" for p in files
             for line, top in _workbench_imports(p) if top not in TUI_MAY_IMPORT]
    assert wrong == []
    assert not TUI_NEVER & TUI_MAY_IMPORT


def test_the_import_check_sees_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from workbench.names import split_title\nfrom workbench import ingest\n", encoding="utf-8")
    assert {top for _, top in _workbench_imports(bad)} == {"names", "ingest"}
