"""Every layout family × seed against its gold record (must_flag left out, like
`score.py --skip-flags`), held to the floor in tests/layouts/floor.toml: no PDF may pass fewer
checks or have more silent misses than the figures reached so far. The goal is 100% and no
silent miss everywhere; where a PDF reaches it, its floor says so and it must stay there.

The PDFs are the seeds laid out the way other agenda systems print a referat
(tests/layouts/families.py); they are generated once into tests/layouts/.cache/ and reused
while the generator is unchanged. `python tests/layouts/baseline.py --misses` prints every miss.
"""
from __future__ import annotations

import tomllib

import pytest

from conftest import SCORE, needs
from layouts.baseline import FLOOR, score_pdf
from layouts.families import FAMILIES
from layouts.generate import ensure_pdfs
from layouts.walk import seed_stems

CASES = [(family, stem) for family in FAMILIES for stem in seed_stems()]
FLOORS = tomllib.loads(FLOOR.read_text(encoding="utf-8"))


@needs(SCORE)
@pytest.mark.parametrize(("family", "stem"), CASES, ids=[f"{f}-{s[:3]}" for f, s in CASES])
def test_layout_family_never_scores_lower_nor_more_silently(family, stem):
    floor = FLOORS[family][stem]
    pdf = ensure_pdfs(family)[stem]
    result = score_pdf(family, stem, pdf)
    misses = "\n".join(f"  {miss}" for miss in result.misses)
    assert result.total == floor["total"], f"the gold of {stem} changed: update {FLOOR.name}"
    if result.ok < floor["ok"] or result.silent > floor["silent"]:
        pytest.fail(f"{family} ({FAMILIES[family].producer}) {pdf.name}: {result.ok}/{result.total} checks and "
                    f"{result.silent} silent misses, against a floor of {floor['ok']} and {floor['silent']}\n{misses}",
                    pytrace=False)


def test_the_floor_covers_every_family_and_seed():
    assert {(f, s) for f in FLOORS for s in FLOORS[f]} == set(CASES)
