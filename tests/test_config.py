"""config.toml: the packaged default, the lookup order, and one-line errors for every mistake."""
from __future__ import annotations

import os

import pytest

from conftest import ROOT
from workbench.config import PACKAGED, load_config
from workbench.errors import ConfigError


def test_the_packaged_config_and_roster_are_the_repository_ones():
    assert (ROOT / "config.toml").read_bytes() == PACKAGED.read_bytes()
    assert (ROOT / "roster.toml").read_bytes() == (PACKAGED.parent / "roster.toml").read_bytes()
    assert (ROOT / "sample_docs" / "001_9a154efafadaaa85.pdf").read_bytes() == \
        (PACKAGED.parent / "001_9a154efafadaaa85.pdf").read_bytes()


def test_lookup_order_explicit_then_cwd_then_packaged(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config().path == PACKAGED
    (tmp_path / "config.toml").write_text(PACKAGED.read_text(encoding="utf-8").replace("max_pages = 1000", "max_pages = 7"),
                                          encoding="utf-8")
    assert load_config().max_pages == 7
    other = tmp_path / "other.toml"
    other.write_text('[limits]\nmax_pages = 9\n[patterns]\nitem = [\'^(?P<number>\\d+)\\. (?P<title>.+)$\']\n')
    assert load_config(other).max_pages == 9


@pytest.mark.parametrize("text, words", [
    ("[parse]\nheading_score = \n", "line 2, column 17"),
    ("[parse]\nheading_scor = 80\n", "unknown key 'parse.heading_scor'"),
    ("[patterns]\nitem = ['^(?P<title>.+']\n", "'patterns.item[0]' is not a valid regular expression"),
    ("[patterns]\nitem = ['^(?P<n>\\d+)$']\n", "needs a group named 'title'"),
    ("[limits]\nmax_pages = 'many'\n", "'limits.max_pages' must be a number"),
    ("[sections]\nrequired = ['nowhere']\n", "'nowhere', which no section heading opens"),
])
def test_config_errors_name_the_file_and_the_problem(tmp_path, text, words):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert str(path) in message and words in message and "\n" not in message


def test_a_municipality_adds_a_section_heading_without_code(tmp_path, parse_text, roster):
    from workbench.pipeline import analyse

    text = PACKAGED.read_text(encoding="utf-8").replace('sagsgang = ["Sagsgang"]', 'sagsgang = ["Sagsgang"]\n"Tidligere beslutninger" = ["Tidligere beslutninger"]')
    cfg = tmp_path / "config.toml"
    cfg.write_text(text, encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("1. Punkt\n\nÅben sag\n\nTidligere beslutninger\n\nGodkendt i 2024.\n", encoding="utf-8")
    ref = analyse(doc, load_config(cfg), roster)
    assert ref.items[0].sections["tidligere_beslutninger"].text == "Godkendt i 2024."
