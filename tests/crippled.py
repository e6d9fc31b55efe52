"""Configs with one part of the vocabulary taken away, to prove that a rule that did not match
leaves a trace: the score drops, but no miss may be silent. Used by tests/test_crippled.py and
runnable alone (`python tests/crippled.py [NAME]`) to print every miss."""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from scoring import ROOT, grade_file  # noqa: E402

# name -> TOML that overrides the packaged config (a list replaces the default list)
CRIPPLED = {
    "no_decisions": "[patterns]\ndecision = []\n",
    "no_attachment_forms": "[patterns]\nattachment = []\n",
    "no_bilag_heading": "[headings]\nattachments = []\n",
    "no_front_labels": "[front]\n" + "".join(f"{k} = []\n" for k in
                                             ("place", "date", "start", "end", "members", "absent", "other")),
    "no_item_forms": "[patterns]\nitem = ['^Punkt (?P<number>\\d{1,3}):\\s*(?P<title>.+)$']\n",
    "no_access_markers": "[access]\nopen = []\nclosed = []\n",
    "no_case_numbers": "[patterns]\ncase = []\njournal = []\n",
    "no_section_headings": "[sections.headings]\nsagsfremstilling = []\nindstilling = []\nsagsgang = []\n",
    "no_toc": "[headings]\ntoc = []\n",
    "no_index_or_signatures": "[headings]\nattachment_index = []\nsignatures = []\n",
    "no_loose_tables": "[tables]\nloose = []\n",
}

SEEDS = ["001_9a154efafadaaa85", "002_26687f9090792ef4", "003_b1ee29759e748790", "004_60c343e47a70d8f7"]


def crippled_config(name: str, folder: Path):
    from workbench.config import load_config

    path = folder / f"{name}.toml"
    path.write_text(f'roster = "{(ROOT / "roster.toml").as_posix()}"\n' + CRIPPLED[name], encoding="utf-8")
    return load_config(path)


FAMILIES = ("firstagenda", "sbsys")  # two layout families of tests/layouts, unlike each other


def documents() -> list[tuple[str, Path]]:
    """The seeds as text and as the sample PDFs, and as two layout families print them."""
    from layouts.generate import ensure_pdfs

    docs = [(s, ROOT / "sample_docs" / f"{s}.txt") for s in SEEDS]
    docs += [(s, ROOT / "sample_docs" / f"{s}.pdf") for s in SEEDS]
    for family in FAMILIES:
        docs += sorted(ensure_pdfs(family).items())
    return docs


def main(argv: list[str]) -> int:
    import tempfile

    from workbench.pipeline import load_roster

    names = argv or list(CRIPPLED)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            config = crippled_config(name, Path(tmp))
            roster = load_roster(config)
            for stem, path in documents():
                g = grade_file(path, stem, config, roster)
                print(f"{name:<24} {path.parent.name + '/' + path.name:<40} {g.ok:>4}/{g.total:<4} silent {g.silent}")
                for miss in g.misses:
                    if miss.startswith("SILENT"):
                        print("     ", miss[:200])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
