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
