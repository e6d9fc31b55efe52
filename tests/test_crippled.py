"""Detectors are tested by taking rules away: with one part of the vocabulary removed from the
config, the score drops, and no miss may be silent (no warning or error flag pointing at it)."""
from __future__ import annotations

import pytest

from conftest import SCORE, needs
from crippled import CRIPPLED, crippled_config, documents
from scoring import grade_file

pytestmark = needs(SCORE)


@pytest.fixture(scope="module")
def configs(tmp_path_factory):
    from workbench.pipeline import load_roster

    folder = tmp_path_factory.mktemp("crippled")
    out = {}
    for name in CRIPPLED:
        config = crippled_config(name, folder)
        out[name] = (config, load_roster(config))
    return out


@pytest.mark.parametrize("name", sorted(CRIPPLED))
def test_a_rule_taken_away_leaves_a_trace(name, configs):
    config, roster = configs[name]
    graded = {f"{path.parent.name}/{path.name}": grade_file(path, stem, config, roster)  # folder too: names repeat
              for stem, path in documents(name)}
    silent = {doc: g.report() for doc, g in graded.items() if g.silent}
    assert not silent, f"{name}: silent misses\n" + "\n".join(f"{d}: {r}" for d, r in silent.items())
    assert any(g.ok < g.total for g in graded.values()), f"{name} took nothing away that the gold checks"
