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
    # the forms added for the Typst families ("3) title", "Dagsordenspunkt 3:", "Afgørelse", an undated
    # "Direktionens beslutning", "Fortroligt", "Bilagsfortegnelse", "Emnenr.", "Mødetidspunkt",
    # "Fraværende med afbud") taken out again: the vocabulary before them
    "no_forms_of_the_typst_families": r"""[patterns]
item = [
    '^Punkt (?P<number>\d{1,3}):\s*(?P<title>.+)$',
    '^(?P<number>\d{1,3})\.\s+(?P<title>\S.*)$',
    '^(?:Punkt|Pkt\.?)\s?(?P<number>\d{1,3})\s*[.)–-]\s*(?P<title>(?-i:[A-ZÆØÅ0-9]).*)$',
]
decision = [
    '^(?-i:B)eslutning i (?P<body>.+?),?(?:,?\s(?:man|tirs|ons|tors|fre|lør|søn)dag)? (?:den|d\.) (?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{1,2}\.\s?[a-zæøåA-ZÆØÅ]{3,9}\.?\s\d{4})\s*:?$',
    '^(?-i:B)eslutning (?P<body>(?-i:[A-ZÆØÅ]).*?),?(?:,?\s(?:man|tirs|ons|tors|fre|lør|søn)dag)? (?:(?:den|d\.) )?(?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{1,2}\.\s?[a-zæøåA-ZÆØÅ]{3,9}\.?\s\d{4})\s*:?$',
    '^(?P<body>.+?)s beslutning(?:,?\s(?:man|tirs|ons|tors|fre|lør|søn)dag)? (?:den|d\.) (?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{1,2}\.\s?[a-zæøåA-ZÆØÅ]{3,9}\.?\s\d{4})(?:\s+Punkt (?P<number>\d+))?\s*:?$',
    '^(?-i:B)eslutning(?:er)?(?:(?:,?\s(?:man|tirs|ons|tors|fre|lør|søn)dag)? (?:den|d\.) (?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{1,2}\.\s?[a-zæøåA-ZÆØÅ]{3,9}\.?\s\d{4}))?\s*:?$',
]
journal = [
    '^(?P<journal>\d\d\.\d\d\.\d\d\.[A-ZÆØÅ0-9]\d\d)$',
    '^(?:Journal|KLE|J\.)[- ]?(?:nr|nummer)\.?\s*:?\s*(?P<journal>\S*\d\S*)$',
]
[access]
closed = [
    'Lukket sag',
    'Lukket punkt',
    'Lukket',
    'Lukket bilag',
]
[headings]
attachments = ['Bilag']
[front]
start = [
    'Start kl.',
    'Start',
    'Tidspunkt',
    'Mødetid',
    'Tid',
    'Kl.',
]
absent = [
    'Fraværende',
    'Afbud/Fraværende',
    'Afbud',
]
""",
}

SEEDS = ["001_9a154efafadaaa85", "002_26687f9090792ef4", "003_b1ee29759e748790", "004_60c343e47a70d8f7"]


def crippled_config(name: str, folder: Path):
    from workbench.config import load_config

    path = folder / f"{name}.toml"
    path.write_text(f'roster = "{(ROOT / "roster.toml").as_posix()}"\n' + CRIPPLED[name], encoding="utf-8")
    return load_config(path)


FAMILIES = ("firstagenda", "sbsys", "docunote")  # layout families of tests/layouts, one of each producer
# an entry that takes out the forms of some families runs on those families only
OWN_DOCUMENTS = {"no_forms_of_the_typst_families": ("docunote", "netpublicator", "os2dagsorden")}


def documents(name: str | None = None) -> list[tuple[str, Path]]:
    """The seeds as text and as the sample PDFs, and as the layout families print them (for an
    entry of OWN_DOCUMENTS: as its families print them)."""
    from layouts.generate import ensure_pdfs

    if name in OWN_DOCUMENTS:
        return [doc for family in OWN_DOCUMENTS[name] for doc in sorted(ensure_pdfs(family).items())]
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
            for stem, path in documents(name):
                g = grade_file(path, stem, config, roster)
                print(f"{name:<24} {path.parent.name + '/' + path.name:<40} {g.ok:>4}/{g.total:<4} silent {g.silent}")
                for miss in g.misses:
                    if miss.startswith("SILENT"):
                        print("     ", miss[:200])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
