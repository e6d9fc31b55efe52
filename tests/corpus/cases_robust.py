"""Corpus cases of hostile settings (issue 10, robust): patterns that backtrack without end, values
of the wrong type, nesting, key remaps that clash, a roster that is a FIFO. Each runs as
`workbench parse robust-doc.txt --config <case>`; expected-robust.toml says what must happen."""
from __future__ import annotations

import os
from pathlib import Path

# a small referat with one line that a backtracking item pattern cannot get past
DOC = ("1. Første punkt\n\nÅben sag\n\nSagsgang\n\nDIR — økonomi\n\nx" + "ab" * 40 + "!\n\n"
       "Indstilling\n\nDet indstilles, at sagen godkendes.\n")
NUMBERED = r"'^(?P<number>\d{1,3})\.\s+(?P<title>\S.*)$'"

CONFIGS = {
    # exponential backtracking: refused when the config loads, before a line is read
    "robust-config-backtrack.toml": "[patterns]\nitem = ['^(?P<number>\\d+)\\. (?P<title>(a|aa)+)$']\n",
    # passes the probe at load, backtracks on the document's `xabab…ab!`: stopped by the match's time limit
    "robust-config-slow-line.toml": f"[patterns]\nitem = ['^x(?P<title>(?:ab|ab)+)$', {NUMBERED}]\n",
    "robust-config-group.toml": "[patterns]\npage_header = ['^(?P<body>\\w+) \\d+$']\n",
    "robust-config-type.toml": "[sections.headings]\nsagsgang = 3\n",
    "robust-config-deep.toml": "[parse]\ndate_formats = " + "[" * 50_000 + "]" * 50_000 + "\n",
    "robust-config-dotted.toml": "[" + "a." * 50_000 + "b]\nc = 1\n",
    "robust-config-keys.toml": "[keys]\nflag.next = 'q'\n",
    "robust-config-key-name.toml": "[keys]\nsave = 'ctrl+s+'\n",
    "robust-config-roster-fifo.toml": 'roster = "robust-roster.fifo"\n',
}


def make(out: Path) -> None:
    (out / "robust-doc.txt").write_text(DOC, encoding="utf-8")
    for name, text in CONFIGS.items():
        (out / name).write_text(text, encoding="utf-8")
    fifo = out / "robust-roster.fifo"
    if not fifo.exists():
        os.mkfifo(fifo)  # a roster that would be waited on for ever if it were opened as a file
