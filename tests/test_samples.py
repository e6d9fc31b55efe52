"""The sample PDFs are made by the committed script, and it makes the same bytes every time."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SAMPLES, SEEDS, needs


@needs(SEEDS)
def test_make_pdfs_reproduces_the_committed_samples(tmp_path):
    done = subprocess.run([sys.executable, str(SAMPLES / "make_pdfs.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        assert (tmp_path / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name
    for txt in sorted(SAMPLES.glob("*.txt")):
        assert txt.read_bytes() == (SEEDS / txt.name).read_bytes()
