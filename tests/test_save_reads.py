"""A save checks the record it replaces: the bytes it wrote itself by their sha256 alone, any other
bytes (a hand edit) read back once, never once more to find its name."""
from __future__ import annotations

import pytest

from tui_helpers import copy_seed
from workbench.review.store import RecordError


def test_a_save_reads_the_saved_record_back_once(tmp_path, config, roster, monkeypatch):
    import workbench.settings as settings
    from workbench.review.session import ReviewSession

    reads = []
    real = settings.loads_toml

    def counted(text, *args, **kw):
        reads.append(args[0] if args else "")
        return real(text, *args, **kw)

    with ReviewSession.open(copy_seed(tmp_path), config, roster, out_dir=tmp_path / "out") as s:
        first = s.save()
        monkeypatch.setattr(settings, "loads_toml", counted)
        for field in ("items[0].title", "items[1].title"):
            s.toggle_verified(field)
            reads.clear()
            assert s.save() == first
            assert reads == [], reads  # the bytes are the ones it wrote: known by their sha256, not parsed
        # a hand edit there (a comment added) is read back once and, a valid record still, replaced
        first.write_text(first.read_text(encoding="utf-8") + "# set right by hand\n", encoding="utf-8")
        s.toggle_verified("items[2].title")
        reads.clear()
        assert s.save() == first and reads == [str(first)]
        # a hand edit that broke it is read, refused, and the file left as it was
        broken = first.read_text(encoding="utf-8").replace('schema = "referat/1"', 'schema = "referat/9"')
        first.write_text(broken, encoding="utf-8")
        s.toggle_verified("items[3].title")
        with pytest.raises(RecordError, match="not overwritten|schema"):
            s.save()
        assert first.read_text(encoding="utf-8") == broken
