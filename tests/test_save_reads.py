"""A save reads the record it replaces back once, to check it: not once more to find its name."""
from __future__ import annotations

from tui_helpers import copy_seed


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
            assert reads == [str(first)], reads  # check_own's reading, and no other
        # a record of this source that is not the one saved is still read to be recognised
        reads.clear()
        s._record_path = None
        assert s.save() == first and reads == [str(first)]
