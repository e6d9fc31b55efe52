"""A line of text inside a multi-line string is no key, however many full stops it has: a record with one is read back."""
from __future__ import annotations

import pytest

from workbench.errors import RecordError
from workbench.settings import loads_toml


def test_a_text_line_with_many_full_stops_is_read_back():
    line = "- Møde d. 3. februar - " * 20  # 40 full stops, no '='
    text = f'[items.sections]\nsagsgang = """\n{line}\n"""\n'
    assert loads_toml(text, "r.toml", RecordError)["items"]["sections"]["sagsgang"].strip() == line.strip()


@pytest.mark.parametrize("text", ["k" + ".k" * 40 + " = 1\n", "[t" + ".t" * 40 + "]\n", "[[t" + ".t" * 40 + "]]\n"])
def test_a_key_of_too_many_parts_is_still_refused(text):
    with pytest.raises(RecordError, match="more than 32 parts"):
        loads_toml(text, "r.toml", RecordError)
