"""Layer rules at run time: importing every domain module loads no Textual (the screen is a thin layer over it)."""
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


# The import contracts between the layers (ingest, parse, checks, roster, export, review, tui) are
# read from the code's imports in tests/test_house.py; this file checks what is really loaded.
