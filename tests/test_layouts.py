"""Every layout family × seed: the PDF parses to its gold record, 100% of the checks and no
silent miss (must_flag left out, like `score.py --skip-flags`).

The PDFs are the seeds laid out the way other agenda systems print a referat
(tests/layouts/families.py); they are generated once into tests/layouts/.cache/ and reused
while the generator is unchanged. `python tests/layouts/baseline.py --misses` prints every miss.
"""
from __future__ import annotations

import pytest

from conftest import SCORE, needs
from layouts.baseline import score_pdf
from layouts.families import FAMILIES
from layouts.generate import ensure_pdfs
from layouts.walk import seed_stems

CASES = [(family, stem) for family in FAMILIES for stem in seed_stems()]


@needs(SCORE)
@pytest.mark.parametrize(("family", "stem"), CASES, ids=[f"{f}-{s[:3]}" for f, s in CASES])
def test_layout_family_scores_100_percent_with_no_silent_miss(family, stem):
    pdf = ensure_pdfs(family)[stem]
    result = score_pdf(family, stem, pdf)
    misses = "\n".join(f"  {miss}" for miss in result.misses)
    if result.ok != result.total or result.silent:
        pytest.fail(f"{family} ({FAMILIES[family].producer}) {pdf.name}: {result.ok}/{result.total} checks, "
                    f"{result.silent} silent misses\n{misses}", pytrace=False)
