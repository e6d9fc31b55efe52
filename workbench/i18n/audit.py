"""What makes a catalog unfit to ship: a missing or fuzzy translation, a wrong number of plural forms, a header without UTF-8 or Plural-Forms, placeholders that differ from the msgid's, and catalogs that do not hold the same messages."""
from __future__ import annotations

import string

from workbench.i18n.po import HEADER, Entry, header_fields, nplurals


def fields(text: str) -> set[str]:
    """The named `str.format` fields of a text; ValueError for a positional `{}`/`{0}` or a stray brace."""
    names = set()
    for _literal, name, _spec, _conversion in string.Formatter().parse(text):
        if name is None:
            continue
        base = name.split(".", 1)[0].split("[", 1)[0]
        if base == "" or base.isdigit():
            raise ValueError(f"a positional field {{{name}}}: name it, {{value}}")
        names.add(base)
    return names


def _fields(text: str, where: str, problems: list[str]) -> set[str] | None:
    try:
        return fields(text)
    except ValueError as err:
        problems.append(f"{where}: {err}")
        return None


def placeholder_problems(entry: Entry, where: str) -> list[str]:
    """A translation must use the msgid's fields, no other (filling it would raise KeyError) and none
    fewer (a value would vanish). A plural's first form may leave out fields ("one flag" for "{n}
    flag"); every other form has those of msgid_plural."""
    problems: list[str] = []
    singular = _fields(entry.msgid, f"{where}: msgid", problems)
    plural = _fields(entry.plural, f"{where}: msgid_plural", problems) if entry.plural is not None else None
    if singular is None or (entry.plural is not None and plural is None):
        return problems
    for i, text in enumerate(entry.strings):
        label = f"{where}: msgstr" if entry.plural is None else f"{where}: msgstr[{i}]"
        got = _fields(text, label, problems)
        if got is None or not text:
            continue
        if entry.plural is None:
            expected, at_most = singular, singular
        else:
            at_most = singular | plural
            expected = set() if i == 0 else plural
        if got - at_most:
            problems.append(f"{label} has {sorted(got - at_most)}, which msgid does not")
        elif not expected <= got:
            problems.append(f"{label} lacks {sorted(expected - got)}")
    return problems


def catalog_problems(entries: list[Entry], where: str) -> list[str]:
    """Everything wrong with one catalog (empty: fit to ship)."""
    problems = []
    head = header_fields(entries)
    if "charset=UTF-8" not in head.get("Content-Type", ""):
        problems.append(f"{where}: the header must say Content-Type: text/plain; charset=UTF-8")
    forms = nplurals(entries)
    if not forms:
        problems.append(f"{where}: the header must say Plural-Forms: nplurals=N; plural=…;")
    for e in entries:
        if e.key == HEADER:
            continue
        at = f"{where}:{e.line}"
        if e.fuzzy:
            problems.append(f"{at}: {e.msgid!r} is marked fuzzy: check the translation, remove the mark")
        if not all(s.strip() for s in e.strings):
            problems.append(f"{at}: {e.msgid!r} has no translation")
        if e.plural is not None and forms and len(e.strings) != forms:
            problems.append(f"{at}: {e.msgid!r} has {len(e.strings)} plural forms, the header says {forms}")
        problems += placeholder_problems(e, at)
    return problems


def difference(catalogs: dict[str, list[Entry]]) -> list[str]:
    """The messages some catalogs hold and others do not (context shown as `context|msgid`)."""
    keys = {code: {e.key for e in entries if e.key != HEADER} for code, entries in catalogs.items()}
    every = set().union(*keys.values()) if keys else set()
    return [f"{code}: lacks {k.replace(chr(4), '|')!r}" for code in sorted(keys) for k in sorted(every - keys[code])]
