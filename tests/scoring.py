"""Scoring in-process: a document through the pipeline once, held to its gold record with
`score()` and `is_silent()` of ../shared/tools/score.py (no subprocess per document)."""
from __future__ import annotations

import importlib.util
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "tools" / "score.py"
GOLD = SHARED / "gold"


@lru_cache(maxsize=None)
def scorer():
    """../shared/tools/score.py, imported from its path."""
    spec = importlib.util.spec_from_file_location("gold_score", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_for(stem: str, must_flags: bool = False) -> dict:
    gold = tomllib.loads((GOLD / f"{stem}.toml").read_text(encoding="utf-8"))
    if not must_flags:
        gold.pop("must_flag", None)  # like score.py --skip-flags
    return gold


def record_and_lines(path: Path, config, roster) -> tuple[dict, list[str]]:
    """The record as `workbench parse` prints it, read back (dates native), and the raw lines
    as `workbench text` prints them."""
    from workbench.ingest import load_source
    from workbench.pipeline import analyse_source
    from workbench.record import dumps, to_dict

    source = load_source(path, config)
    raw = [line.text for line in source.lines] + [""]
    ref = analyse_source(source, config, roster)
    return tomllib.loads(dumps(to_dict(ref))), raw


@dataclass
class Graded:
    ok: int = 0
    total: int = 0
    silent: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def pct(self) -> float:
        return 100.0 * self.ok / self.total if self.total else 0.0

    def report(self) -> str:
        return f"{self.ok}/{self.total} ({self.pct:.1f}%), {self.silent} silent\n" + "\n".join(self.misses)


def grade(gold: dict, record: dict, raw: list[str]) -> Graded:
    sc = scorer()
    t = sc.score(gold, record, raw)
    flags = record.get("flags") or []
    silent = [sc.is_silent(where, flags, raw) for where in t.wheres]
    misses = [("SILENT " if quiet else "") + miss for miss, quiet in zip(t.misses, silent)]
    return Graded(t.ok, t.total, sum(silent), misses)


def grade_file(path: Path, stem: str, config, roster, must_flags: bool = False) -> Graded:
    record, raw = record_and_lines(path, config, roster)
    return grade(gold_for(stem, must_flags), record, raw)
