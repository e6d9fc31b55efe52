"""Property-based tests: no input crashes the pipeline, every span lies inside the source,
every record round-trips through TOML.

Inputs are random text biased to referat material (headings, dates, numbers, markup, lines
of the seed referater) and random mutations of the seeds (/work/shared/seeds): lines
dropped, swapped, split, joined, characters changed, blank lines added.

Profiles (registered here, applied to these tests only):
- `fast` (default): 80 examples per property, derandomized and without an example database,
  so CI is deterministic and saves no examples (the whole file runs in seconds);
- `thorough`: `HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py`,
  3,000 examples per property, randomized (still no database); a few minutes.
"""
from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.ingest.furniture import mark_furniture
from workbench.ingest.text import read_text
from workbench.model import Referat, SourceText
from workbench.pipeline import analyse_source
from workbench.record import dumps, to_dict

from conftest import SEEDS

# ------------------------------------------------------------------------------ profiles

_SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("fast", max_examples=80, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_SUPPRESS, print_blob=False)
settings.register_profile("thorough", max_examples=3000, deadline=None, database=None,
                          suppress_health_check=_SUPPRESS, print_blob=True)
_PROFILE_NAME = os.environ.get("HYPOTHESIS_PROFILE", "fast")
#: applied to each property below, so loading these profiles leaves other test files' settings alone
PROFILE = settings.get_profile(_PROFILE_NAME if _PROFILE_NAME in ("fast", "thorough") else "fast")

# ------------------------------------------------------------------------------ material

SEED_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))} if SEEDS.exists() else {}
SEED_LINES = sorted({ln for text in SEED_TEXTS.values() for ln in text.split("\n") if ln.strip()})

SECTION_HEADINGS = [
    "Sagsfremstilling", "Sagsbeskrivelse", "Indstilling", "Sagsgang", "Sagsansvarlig", "Sagsansvarlige",
    "Baggrund", "Resumé", "Økonomiske konsekvenser", "Økonomi og organisatoriske konsekvenser",
    "Beslutningspunkter", "Beslutningsforslag fra Venstre", "Indstilling fra forvaltningen",
    "Borgmesterens Afdelings påtegning", "Sagsforløb", "Udvalgserklæring", "Beslutningen træffes af",
    "Sagsfremstiling", "Indstiling", "Sagsfremstilling:", "SAGSFREMSTILLING", "Sagsfremstilling Tekst",
]
PEOPLE = [
    "Kommunaldirektør Jonas Kroustrup", "Velfærdsdirektør Lene Mehlsen Thomsen", "Kommunaldirektør Vakant",
    "Fællesforvaltningsdirektør Kim Bruun Nielsen", "Fællesforvaltningsdirektør Kim Bruun", "Kim Bruun Nielsen",
    "Jonas Kroustrup", "Lene Mehlsen Thomsen", "Direktør Ukendt Person", "Kommunaldirektør",
    "Kim Bruun Nielsen deltager under behandlingen", "Nielsen, Kim Bruun",
]
HEADINGS = SECTION_HEADINGS + PEOPLE + [
    "Beslutningsforslag fra ", "Indstilling fra ",
    "Åben sag", "Lukket sag", "Åbent punkt", "Lukket punkt", "Åben", "Lukket",
    "Bilag:", "Bilag", "Bilag 1: ", "1 Åben ", "2 Lukket ", "Bilagsoversigt", "Indholdsfortegnelse",
    "Underskriftsside", "Side", "Side 3", "3 af 5",
    "Beslutning i Direktionen den 29-01-2025", "Beslutning i Direktionen den ", "Beslutning", "Beslutninger",
    "Økonomiudvalgets beslutning den 04.02.2025 Punkt 3", "s beslutning den ",
    "Direktionen 29-01-2025", "Direktionen", "REFERAT", "Referat", "Dagsorden", "Beslutningsprotokol",
    "Sted:", "Mødested: ", "Dato:", "Mødedato: ", "Start kl.:", "Slut kl.:", "Start: ", "Slut: ",
    "Medlemmer:", "Tilstede:", "Deltagere:", "Fraværende:", "Afbud:", "Afbud/Fraværende:", "Sekretær:",
    "Referent:", "Vakant", "Kommunaldirektør ", "Velfærdsdirektør ", "Fællesforvaltningsdirektør ",
    " deltager under behandlingen", "Sagsnr.: ", "00.30.10.S00", "24/7615", "EMN-2025-01234", "20408/25",
    "(20408/25)", "2012-208960 - ", "Tid\tPunkt", "Dato\tPunkter", "9.00", "10:30", "3. feb.",
    "Onsdag den 29. januar 2025",
    "1. ", "2. ", "12. ", "Punkt 3:", "Punkt 1: ", "Side\n", ".....\t", "\t1", "- ", "• ",
    "<p>", "</p>", "<li>", "</li>", "<ul>", "<br>", "**", "__", "|", "| --- | --- |", "|---|", "# ", "## ",
    "sagsbe-", "handling", "Børne-", "og", "ikke-", "planlagte",
]
LETTERS = "abcdefghijklmnopqrstuvwxyzæøåéABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"
PUNCT = "0123456789 .:-/\t|*()#,;'\"<>"
ODD = "\r\x0c\x0b\x00\xa0\u2028\u2029\x85\xad\u2013\u2014\u2026\ufeff\u200b"
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]


@st.composite
def date_text(draw) -> str:
    d = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
    style = draw(st.integers(0, 6))
    if style == 0:
        return d.strftime("%d-%m-%Y")
    if style == 1:
        return d.strftime("%d.%m.%Y")
    if style == 2:
        return d.strftime("%d/%m/%Y")
    if style == 3:
        return d.isoformat()
    if style == 4:
        return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
    if style == 5:  # not a date: day and month out of range
        return f"{draw(st.integers(0, 99)):02d}-{draw(st.integers(0, 99)):02d}-{draw(st.integers(0, 9999)):04d}"
    return f"{draw(st.integers(0, 23))}:{draw(st.integers(0, 59)):02d}"


# one character: mostly letters, often punctuation and digits, sometimes odd or any character
char = st.one_of(st.sampled_from(LETTERS), st.sampled_from(LETTERS), st.sampled_from(PUNCT),
                 st.sampled_from(ODD), st.characters(codec="utf-8"))
token = st.one_of(
    st.sampled_from(HEADINGS), st.sampled_from(HEADINGS),
    st.text(char, min_size=1, max_size=12),
    date_text(),
    st.integers(0, 1000).map(str),
    st.just(" "), st.just("\n"),
)
words = st.lists(st.one_of(st.text(st.sampled_from(LETTERS), min_size=1, max_size=10), st.sampled_from(HEADINGS)),
                 min_size=1, max_size=6).map(" ".join)
number = st.integers(0, 40).map(str) | st.integers(0, 2000).map(str)
body = st.sampled_from(["Direktionen", "Økonomiudvalget", "Byrådet", "DIR"]) | words
decision = st.one_of(
    st.tuples(body, date_text()).map(lambda t: f"Beslutning i {t[0]} den {t[1]}"),
    st.tuples(body, date_text(), st.sampled_from(["", " Punkt 3", " Punkt 12"]))
      .map(lambda t: f"{t[0]}s beslutning den {t[1]}{t[2]}"),
    st.sampled_from(["Beslutning", "Beslutninger", "Beslutning i Direktionen den 29-01-2025"]),
)
#: lines shaped like the parts of a referat, with random numbers, titles and dates in them
shaped = st.one_of(
    st.tuples(number, words).map(lambda t: f"{t[0]}. {t[1]}"),  # item heading
    st.tuples(number, words).map(lambda t: f"Punkt {t[0]}: {t[1]}"),
    st.tuples(number, words, number).map(lambda t: f"{t[0]}. {t[1]}.....\t{t[2]}"),  # toc entry
    decision,
    st.tuples(body, date_text()).map(lambda t: f"{t[0]} {t[1]}"),  # page header
    st.tuples(number, st.sampled_from(["Åben", "Lukket", "Åbent"]), words, number)
      .map(lambda t: f"{t[0]} {t[1]} {t[2]} {t[3]}/25"),  # attachment
    st.tuples(number, words).map(lambda t: f"Bilag {t[0]}: {t[1]}"),
    st.lists(words | number | date_text(), min_size=1, max_size=4).map("\t".join),  # table row
    st.lists(words | number, min_size=1, max_size=4).map(lambda c: "| " + " | ".join(c) + " |"),
    st.tuples(st.sampled_from(["Sted", "Dato", "Start kl.", "Slut kl.", "Medlemmer", "Fraværende"]),
              words | date_text()).map(lambda t: f"{t[0]}: {t[1]}"),
    st.tuples(st.sampled_from(["<p>", "<li>", "**", "- ", "• "]), words).map("".join),
)
line = st.one_of(
    st.sampled_from(HEADINGS), st.sampled_from(HEADINGS),
    shaped, shaped,
    words,
    st.lists(token, max_size=6).map("".join),
    st.sampled_from(SEED_LINES) if SEED_LINES else st.just("Sagsfremstilling"),
    st.just(""), st.just(""),
)


@st.composite
def lines_of(draw, strategy, most: int) -> list[str]:
    return [draw(strategy) for _ in range(draw(st.integers(0, most)))]


@st.composite
def referat_text(draw) -> str:
    """A referat made up by a small grammar: front page, Indholdsfortegnelse, items (heading,
    access, sections, tables, Bilag, decisions), Bilagsoversigt, Underskriftsside; each part
    may be missing, and random lines fall in between."""
    noise = lines_of(line, 2)
    out: list[str] = []
    if draw(st.booleans()):
        out += [draw(body), "", draw(st.sampled_from(["REFERAT", "Dagsorden", "Beslutningsprotokol", "Referat"]))]
        for label in draw(st.lists(st.sampled_from(["Sted", "Dato", "Start kl.", "Slut kl.", "Medlemmer",
                                                    "Fraværende", "Afbud", "Referent"]), max_size=6)):
            out += ["", f"{label}:" + (" " if draw(st.booleans()) else "\n") + draw(words | date_text())]
            out += draw(lines_of(st.sampled_from(PEOPLE) | words, 3))
    items = draw(st.lists(st.tuples(number, words), min_size=draw(st.integers(0, 2)), max_size=8))
    if draw(st.booleans()):
        out += ["", "Indholdsfortegnelse", "", "\tSide"]
        out += [f"{n}. {t}" + draw(st.sampled_from(["", ".....", " "])) + "\t" + draw(number) for n, t in items
                if draw(st.integers(0, 9))]
        if draw(st.booleans()):
            out.append("Bilagsoversigt.....\t" + draw(number))
    out += draw(noise)
    for n, title in items:
        out += ["", draw(st.sampled_from([f"{n}. {title}", f"Punkt {n}: {title}", title])), ""]
        if draw(st.booleans()):
            out += [draw(st.sampled_from(["Åben sag", "Lukket sag", "Åbent punkt", "Lukket punkt"])), ""]
        for head in draw(st.lists(st.sampled_from(SECTION_HEADINGS), max_size=5)):
            content = st.sampled_from(PEOPLE) | line if head.startswith("Sagsansvarlig") else line
            out += [head, ""] + draw(lines_of(content, 6)) + [""]
        if draw(st.booleans()):
            out += ["Bilag:", ""] + draw(lines_of(shaped, 4))
        for _ in range(draw(st.integers(0, 2))):
            out += ["", draw(decision), ""]
            out += draw(lines_of(line, 4))
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(PEOPLE)) + " deltager under behandlingen")
        out += draw(noise)
    if draw(st.booleans()):
        out += ["", "Bilagsoversigt", ""]
        for n, title in items:
            out += [f"{n}. {title}"] + draw(lines_of(shaped, 3))
    if draw(st.booleans()):
        out += ["", "Underskriftsside", ""] + draw(lines_of(st.sampled_from(PEOPLE) | words, 6))
    return "\n".join(out)


#: random text: a bag of characters, a stream of tokens, or lines of tokens, shaped lines and seed lines
random_text = st.one_of(
    st.text(char, max_size=400),
    st.lists(token, max_size=60).map("".join),
    st.lists(line, max_size=80).map("\n".join),
    st.lists(line, max_size=80).map("\n".join),
    st.lists(line, max_size=80).map("\n".join),
    st.lists(line, max_size=40).map("\r\n".join),
    referat_text(), referat_text(), referat_text(),
)


@st.composite
def mutated_seed(draw) -> str:
    name = draw(st.sampled_from(sorted(SEED_TEXTS)))
    text = SEED_TEXTS[name]
    lines = text.split("\n")
    note(f"seed {name}")
    for _ in range(draw(st.integers(1, 12))):
        if not lines:
            lines = [""]
        op = draw(st.sampled_from(["drop", "drop_run", "swap", "swap_near", "split", "join", "join_space",
                                   "change", "insert", "delete", "blank", "dup", "token", "indent"]))
        i = draw(st.integers(0, len(lines) - 1))
        cur = lines[i]
        if op == "drop":
            del lines[i]
        elif op == "drop_run":
            del lines[i:i + draw(st.integers(1, 30))]
        elif op in ("swap", "swap_near"):
            j = (draw(st.integers(0, len(lines) - 1)) if op == "swap"
                 else min(len(lines) - 1, max(0, i + draw(st.integers(-3, 3)))))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "split":
            col = draw(st.integers(0, len(cur)))
            lines[i:i + 1] = [cur[:col], cur[col:]]
        elif op in ("join", "join_space") and i + 1 < len(lines):
            lines[i:i + 2] = [cur + (" " if op == "join_space" else "") + lines[i + 1]]
        elif op == "change" and cur:
            col = draw(st.integers(0, len(cur) - 1))
            lines[i] = cur[:col] + draw(char) + cur[col + 1:]
        elif op == "insert":
            col = draw(st.integers(0, len(cur)))
            lines[i] = cur[:col] + draw(st.one_of(char, token)) + cur[col:]
        elif op == "delete" and cur:
            col = draw(st.integers(0, len(cur) - 1))
            lines[i] = cur[:col] + cur[col + draw(st.integers(1, 5)):]
        elif op == "blank":
            lines[i:i] = [""] * draw(st.integers(1, 3))
        elif op == "dup":
            lines[i:i] = [cur]
        elif op == "token":
            lines[i:i] = [draw(line)]
        elif op == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t", "    "])) + cur
    return "\n".join(lines)


# ------------------------------------------------------------------------------ helpers

def source_from(text: str, fmt: str, config) -> SourceText | None:
    """What load_source builds for a text file, in memory; None where it is refused (InputError)."""
    data = text.encode("utf-8")
    if not data.strip():
        return None  # load_source: "the file is empty"
    try:
        source = read_text(Path(f"doc.{'md' if fmt == 'markdown' else 'txt'}"), data, fmt)
    except InputError:
        return None
    source.sha256 = "0" * 64
    mark_furniture(source, config)
    return source


def span_problems(ref: Referat, source: SourceText) -> list[str]:
    """Every span, line and flag line of the record that lies outside 1..len(source.lines)."""
    n = len(source.lines)
    bad: list[str] = []

    def span(where: str, s) -> None:
        if s is None:
            return
        ok = (isinstance(s, tuple) and len(s) == 2 and all(isinstance(x, int) for x in s)
              and 1 <= s[0] <= s[1] <= n)
        if not ok:
            bad.append(f"{where} = {s!r} (source has {n} lines)")

    def one(where: str, x) -> None:
        if x is None:
            return
        if not (isinstance(x, int) and 1 <= x <= n):
            bad.append(f"{where} = {x!r} (source has {n} lines)")

    m = ref.meeting
    for key, s in m.spans.items():
        span(f"meeting.spans[{key!r}]", s)
    for group in ("members", "absent"):
        for k, p in enumerate(getattr(m, group)):
            span(f"meeting.{group}[{k}].span", p.span)
    for k, e in enumerate(ref.toc):
        span(f"toc[{k}].span", e.span)
    for k, it in enumerate(ref.items):
        w = f"items[{k}]"
        span(f"{w}.span", it.span)
        one(f"{w}.heading_line", it.heading_line)
        one(f"{w}.access_line", it.access_line)
        for key, sec in it.sections.items():
            span(f"{w}.sections[{key!r}].span", sec.span)
        for t, tab in enumerate(it.tables):
            span(f"{w}.tables[{t}].span", tab.span)
            for r, rs in enumerate(tab.row_spans):
                span(f"{w}.tables[{t}].row_spans[{r}]", rs)
        for p, person in enumerate(it.people):
            span(f"{w}.people[{p}].span", person.span)
        for a, att in enumerate(it.attachments):
            span(f"{w}.attachments[{a}].span", att.span)
        for d, dec in enumerate(it.decisions):
            span(f"{w}.decisions[{d}].span", dec.span)
            one(f"{w}.decisions[{d}].heading_line", dec.heading_line)
    for k, e in enumerate(ref.attachment_index):
        span(f"attachment_index[{k}].span", e.span)
        one(f"attachment_index[{k}].item_line", e.item_line)
    for k, p in enumerate(ref.signatures):
        span(f"signatures[{k}].span", p.span)
    bad.extend(flag_problems(ref, source))
    return bad


def flag_problems(ref: Referat, source: SourceText) -> list[str]:
    n = len(source.lines)
    return [f"flags[{k}] {f.kind} {f.field}: lines = {f.lines!r} (source has {n} lines)"
            for k, f in enumerate(ref.flags)
            if not (len(f.lines) == 2 and all(isinstance(x, int) for x in f.lines) and 1 <= f.lines[0] <= f.lines[1] <= n)]


def check_spans(text: str, fmt: str, config, roster) -> None:
    source = source_from(text, fmt, config)
    if source is None:
        return
    ref = analyse_source(source, config, roster)
    problems = span_problems(ref, source)
    assert not problems, "\n".join(problems)


def check_round_trip(text: str, fmt: str, config, roster) -> None:
    source = source_from(text, fmt, config)
    if source is None:
        return
    ref = analyse_source(source, config, roster)
    record = to_dict(ref)
    assert tomllib.loads(dumps(record)) == record
    problems = flag_problems(ref, source)
    assert not problems, "\n".join(problems)


fmts = st.sampled_from(["text", "markdown"])
needs_seeds = pytest.mark.skipif(not SEED_TEXTS, reason=f"{SEEDS} is not here (../shared beside the checkout)")

# ------------------------------------------------------------------------------ properties


@PROFILE
@given(text=random_text, fmt=fmts)
def test_random_text_never_crashes_and_spans_lie_inside(config, roster, text, fmt):
    check_spans(text, fmt, config, roster)


@needs_seeds
@PROFILE
@given(text=mutated_seed(), fmt=fmts)
def test_mutated_seeds_never_crash_and_spans_lie_inside(config, roster, text, fmt):
    check_spans(text, fmt, config, roster)


@PROFILE
@given(text=random_text, fmt=fmts)
def test_random_text_record_round_trips(config, roster, text, fmt):
    check_round_trip(text, fmt, config, roster)


@needs_seeds
@PROFILE
@given(text=mutated_seed(), fmt=fmts)
def test_mutated_seed_record_round_trips(config, roster, text, fmt):
    check_round_trip(text, fmt, config, roster)


@needs_seeds
@pytest.mark.parametrize("name", sorted(SEED_TEXTS))
def test_seeds_unmutated(config, roster, name):
    check_spans(SEED_TEXTS[name], "text", config, roster)
    check_round_trip(SEED_TEXTS[name], "text", config, roster)
