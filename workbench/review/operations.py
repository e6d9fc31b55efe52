"""The changes a reviewer asks for, checked and made into corrections: a field edited (one value,
or several fields of an object), a list entry added or deleted, a section added or put under
another heading, a field ticked, a line of the source repaired. Nothing here changes the record:
the session journals a correction, then applies it (replay.py). A change refused raises
ReviewError, whose message says why in one line."""
from __future__ import annotations

import dataclasses

from workbench.config import Config, slug
from workbench.errors import UserError
from workbench.model import Correction, Referat, SourceText, Table
from workbench.review import repairs
from workbench.review.paths import (Ctx, ListOf, Obj, PathError, Sections, SectionText, Slot, ValueProblem,
                                    format_path, resolve)
from workbench.review.wording import now, short


class ReviewError(UserError):
    """An operation the session refuses: the message says why, in one line."""


def record_field(field: str) -> None:
    if not isinstance(field, str) or field.startswith(("review", "flags", "source", "corrections", "schema")):
        raise ReviewError(f"{field}: not a field of the referat (use resolve, toggle_verified or verify)")


def slot_of(record: Referat, field: str) -> Slot:
    try:
        return resolve(record, field)
    except PathError as exc:
        raise ReviewError(str(exc)) from None


def _checked(config: Config, slot: Slot, value, field: str):
    try:
        return slot.spec.plain(slot.spec.convert(value, Ctx(config, slot.owner), slot.current()
                                                 if slot.exists() else None))
    except ValueProblem as exc:
        raise ReviewError(f"{field}: {exc}") from None


def item_of(record: Referat, item: int):
    if isinstance(item, bool) or not isinstance(item, int) or not 0 <= item < len(record.items):
        raise ReviewError(f"there is no item {item} (the record has {len(record.items)})")
    return record.items[item]


def edit(record: Referat, config: Config, field: str, value) -> Correction:
    """Set a field; a dict edits the listed fields of an object (see ReviewSession.edit)."""
    record_field(field)
    slot = slot_of(record, field)
    if slot.element and not slot.exists():
        how = "add_section" if isinstance(slot.parent, dict) else "add"
        raise ReviewError(f"{field}: there is no such field (add it with {how})")
    if isinstance(slot.spec, Obj) and isinstance(value, dict):
        obj = slot.current()
        unknown = [k for k in value if k not in slot.spec.attrs]
        if unknown:
            raise ReviewError(f"{field}: {slot.spec.what} has no field '{unknown[0]}'")
        before, after = {}, {}
        owner = obj
        if isinstance(obj, Table) and "columns" in value:  # a table's rows are checked against its new columns
            owner = dataclasses.replace(obj, columns=[str(c) for c in value["columns"] or []])
        for key, v in value.items():
            old = Slot(obj, key, slot.spec.attrs[key], obj, slot.path + (key,)).plain()
            sub = Slot(owner, key, slot.spec.attrs[key], owner, slot.path + (key,))
            new = _checked(config, sub, v, format_path(sub.path))
            if new != old:
                if old is not None:
                    before[key] = old
                if new is not None:
                    after[key] = new
                elif sub.spec.required:
                    raise ReviewError(f"{format_path(sub.path)}: cannot be left out")
        if not before and not after:
            raise ReviewError(f"{field}: nothing changes")
    else:
        before = slot.plain()
        after = _checked(config, slot, value, field)
        if after == before:
            raise ReviewError(f"{field} holds {short(before)} already")
        if after is None and slot.spec.required:
            raise ReviewError(f"{field}: cannot be left out")
    return Correction(at=now(), field=format_path(slot.path), before=before, after=after)


def toggle_verified(record: Referat, field: str) -> Correction:
    """Tick a field as checked by the reviewer, or untick it ([review] verified_fields)."""
    record_field(field)
    slot = slot_of(record, field)
    if slot.element and not slot.exists():
        raise ReviewError(f"{field}: there is no such field")
    field = format_path(slot.path)
    before = list(record.review.verified_fields)
    ticked = field not in before
    after = before + [field] if ticked else [f for f in before if f != field]
    return Correction(at=now(), field="review.verified_fields", before=before, after=after,
                      note=f"{'ticked' if ticked else 'unticked'} {field}")


def add(record: Referat, config: Config, list_field: str, value, index: int | None = None) -> Correction:
    """Add an entry to a list at `index` (default: at the end)."""
    record_field(list_field)
    slot = slot_of(record, list_field)
    target = slot.current()
    if isinstance(slot.spec, Sections):
        raise ReviewError(f"{list_field}: add a section with add_section")
    if not isinstance(slot.spec, ListOf) or not isinstance(target, list):
        raise ReviewError(f"{list_field}: is not a list")
    n = len(target)
    if index is None:
        index = n
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= n:
        raise ReviewError(f"{list_field}: index {index} is outside the list (0–{n})")
    elem = slot_of(record, format_path(slot.path + (index,)))
    try:
        model = elem.spec.convert(value, Ctx(config, elem.owner))
    except ValueProblem as exc:
        raise ReviewError(f"{format_path(elem.path)}: {exc}") from None
    after = elem.spec.plain(model)
    return Correction(at=now(), field=format_path(elem.path), before=None, after=after)


def delete(record: Referat, field: str) -> Correction:
    """Delete a list entry or a section; any other field is left out of the record."""
    record_field(field)
    slot = slot_of(record, field)
    if not slot.exists():
        raise ReviewError(f"{field}: there is nothing to delete")
    before = slot.plain()
    if slot.element:
        after = None
    elif isinstance(slot.spec, Obj) or slot.spec.required:
        raise ReviewError(f"{field}: cannot be left out; edit it instead")
    elif isinstance(slot.spec, ListOf):
        after = []
    elif isinstance(slot.spec, Sections):
        after = {}
    else:
        after = None
    if before == after:
        raise ReviewError(f"{field}: there is nothing to delete")
    return Correction(at=now(), field=format_path(slot.path), before=before, after=after)


def add_section(record: Referat, config: Config, item: int, key: str, text: str = "") -> Correction:
    """Add a section (key: a canonical key or a heading, made a key) to an item."""
    it = item_of(record, item)
    k = slug(key) if isinstance(key, str) else ""
    if not k:
        raise ReviewError(f"'{key}' is not a section name")
    if k in it.sections:
        raise ReviewError(f"item {item} has a section '{k}' already")
    try:
        text = SectionText().convert(text, Ctx(config, it))
    except ValueProblem as exc:
        raise ReviewError(f"items[{item}].sections.{k}: {exc}") from None
    return Correction(at=now(), field=f"items[{item}].sections.{k}", before=None, after=text)


def move_section(record: Referat, item: int, key: str, new_key: str) -> Correction:
    """Put a section under another heading: renamed in place, or appended to that section where
    the item has it already. Its tables go with it."""
    it = item_of(record, item)
    if key not in it.sections:
        raise ReviewError(f"item {item} has no section '{key}'")
    nk = slug(new_key) if isinstance(new_key, str) else ""
    if not nk:
        raise ReviewError(f"'{new_key}' is not a section name")
    if nk == key:
        raise ReviewError(f"the section is '{key}' already")
    old = {k: s.text for k, s in it.sections.items()}
    if nk in old:
        new = {k: t for k, t in old.items() if k != key}
        new[nk] = "\n\n".join(t for t in (old[nk], old[key]) if t)
    else:
        new = {(nk if k == key else k): t for k, t in old.items()}
    before, after = {"sections": old}, {"sections": new}
    spec = resolve(record, ("items", item)).spec
    if any(t.section == key for t in it.tables):
        tables = spec.attrs["tables"].plain(it.tables)
        before["tables"] = tables
        after["tables"] = [dict(t, section=nk) if t["section"] == key else t for t in tables]
    return Correction(at=now(), field=f"items[{item}]", before=before, after=after,
                      note=f"moved section {key} to {nk}")


def repair(source: SourceText, kind: str, line: int, column: int | None = None) -> Correction:
    """A repair of the source ("join" line with the next, "split" it at column, "furniture"),
    tried on a copy first: refused when it cannot be made."""
    if kind not in repairs.KINDS:
        raise ReviewError(f"'{kind}' is not a repair ({repairs.kinds_text()})")
    if kind != "split" and column is not None:
        raise ReviewError(f"a {kind} takes no column")
    c = Correction(at=now(), source=kind, line=line, column=column if kind == "split" else None,
                   text=repairs.laid_over(source, kind, line))
    problem = repairs.repair(repairs.copy_source(source), c)
    if problem:
        raise ReviewError(problem)
    return c
