"""Field paths into a Referat (SCHEMA.md's: `items[1].tables[0].rows[7][1]`), and the values they hold.

A path is parsed into parts (names and 0-based indices) and resolved, by the schema's
declaration (`workbench.schema`), against the dataclasses to a `Slot`: the container (an
object, a list, or an item's sections) and the key in it, with the `Spec` of the value there.
A spec turns what a user typed (or what a correction holds) into the model's value, checked
(`convert`, raising `ValueProblem` with a one-line reason), and a model value back into its
TOML-friendly form (`plain`: the same shapes `record.to_dict` writes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.config import slug
from workbench.i18n import _
from workbench.model import Meeting, Referat, Section, Table
from workbench.schema import ROOT, Ctx, ListOf, Obj, Sections, SectionText, Spec, ValueProblem

__all__ = ["Ctx", "ListOf", "MISSING", "Obj", "PathError", "Sections", "SectionText", "Slot", "Spec", "ValueProblem",
           "format_path", "get", "parse_path", "related", "resolve", "span_of", "try_parse", "under"]

Part = str | int
MISSING = object()

_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[\d+\])*")
_TOKEN = re.compile(r"\.?([A-Za-z0-9_]+)|\[(\d+)\]")


class PathError(ValueError):
    """A path that is not a field path, or names a field this record does not have."""


def parse_path(text: str) -> tuple[Part, ...]:
    if not isinstance(text, str) or not _PATH.fullmatch(text):
        raise PathError(_("'{text}' is not a field path (e.g. items[1].title)").format(text=text))
    return tuple(m.group(1) if m.group(1) is not None else int(m.group(2)) for m in _TOKEN.finditer(text))


def try_parse(text: str) -> tuple[Part, ...] | None:
    try:
        return parse_path(text)
    except PathError:
        return None


def format_path(parts) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def related(a: str, b: str) -> bool:
    """a is b, or lies below or above it."""
    return a == b or under(a, b) or under(b, a)


def under(path: str, top: str) -> bool:
    """path is top or lies below it."""
    return path == top or path.startswith(top + ".") or path.startswith(top + "[")


# --------------------------------------------------------------------------- slots


@dataclass
class Slot:
    """Where a path ends: `parent[key]` (a list or an item's sections) or `parent.key`."""

    parent: object
    key: Part
    spec: Spec
    owner: object  # the nearest model object at or above the parent
    path: tuple[Part, ...]

    @property
    def element(self) -> bool:
        """A list element or a section: it can be added and deleted, not only set."""
        return isinstance(self.parent, (list, dict))

    @property
    def in_list(self) -> bool:
        return isinstance(self.parent, list)

    def exists(self) -> bool:
        if isinstance(self.parent, list):
            return self.key < len(self.parent)
        if isinstance(self.parent, dict):
            return self.key in self.parent
        return getattr(self.parent, self.key) is not None

    def current(self):
        if isinstance(self.parent, list):
            return self.parent[self.key] if self.key < len(self.parent) else MISSING
        if isinstance(self.parent, dict):
            return self.parent.get(self.key, MISSING)
        return getattr(self.parent, self.key)

    def plain(self):
        value = self.current()
        return None if value is MISSING or value is None else self.spec.plain(value)

    def set(self, model_value) -> None:
        if isinstance(self.parent, list):
            self.parent[self.key] = model_value
        elif isinstance(self.parent, dict):
            if isinstance(model_value, Section):
                self.parent[self.key] = model_value
            elif self.key in self.parent:
                sec = self.parent[self.key]
                sec.text = model_value
            else:
                self.parent[self.key] = self._new_section(model_value)
        else:
            setattr(self.parent, self.key, model_value)

    def insert(self, model_value) -> None:
        if isinstance(self.parent, list):
            self.parent.insert(self.key, model_value)
        else:
            self.parent[self.key] = model_value if isinstance(model_value, Section) else self._new_section(model_value)

    def remove(self):
        if isinstance(self.parent, list):
            return self.parent.pop(self.key)
        if isinstance(self.parent, dict):
            return self.parent.pop(self.key)
        old = getattr(self.parent, self.key)
        setattr(self.parent, self.key, [] if isinstance(self.spec, ListOf) else
                {} if isinstance(self.spec, Sections) else None)
        return old

    def _new_section(self, text: str) -> Section:
        owner = self.owner
        span = getattr(owner, "span", None) or ((getattr(owner, "heading_line", None) or 1),) * 2
        return Section(key=self.key, text=text, span=tuple(span))


def resolve(ref: Referat, path: str | tuple) -> Slot:
    """The slot a path names. Raises PathError when a part of it does not exist: the last part
    may be one past a list's end, or a section the item does not have (to add one)."""
    parts = parse_path(path) if isinstance(path, str) else tuple(path)
    text = format_path(parts)
    node, spec, owner = ref, ROOT, ref
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        here = format_path(parts[: i + 1])
        if isinstance(spec, Obj):
            if not isinstance(part, str) or part not in spec.attrs:
                raise PathError(_("{path}: {what} has no field '{part}'").format(path=text, what=_(spec.what), part=part)
                                if isinstance(part, str) else
                                _('{path}: {field} is not a list').format(path=text, field=format_path(parts[:i]) or _('the record')))
            child_spec = spec.attrs[part]
            child = getattr(node, part)
        elif isinstance(spec, ListOf):
            if not isinstance(part, int):
                raise PathError(_('{path}: {field} is a list: index it with [n]').format(path=text, field=format_path(parts[:i])))
            child_spec = spec.elem
            child = node[part] if part < len(node) else MISSING
            if child is MISSING and not (last and part == len(node)):
                raise PathError(_('{path}: there is no {here} ({field} has {n})').format(path=text, here=here, field=format_path(parts[:i]), n=len(node)))
        elif isinstance(spec, Sections):
            if not isinstance(part, str):
                raise PathError(_('{path}: sections are named, not numbered').format(path=text))
            if slug(part) != part:
                raise PathError(_("{path}: '{part}' is not a section key (lower-case ASCII, like sagsfremstilling)").format(path=text, part=part))
            child_spec = spec.elem
            child = node.get(part, MISSING)
            if child is MISSING and not last:
                raise PathError(_('{path}: there is no section {here}').format(path=text, here=here))
        else:
            raise PathError(_('{path}: {field} holds a value, not fields').format(path=text, field=format_path(parts[:i])))
        if last:
            return Slot(node, part, child_spec, owner, parts)
        if child is None:
            raise PathError(_('{path}: {here} is not set').format(path=text, here=here))
        node, spec = child, child_spec
        if not isinstance(child, (list, dict)):
            owner = child
    raise PathError(_('an empty path names no field'))


def get(ref: Referat, path: str):
    """The TOML-friendly value at a path (None where the record leaves it out)."""
    slot = resolve(ref, path)
    if slot.element and not slot.exists():
        raise PathError(_('{path}: there is no such field').format(path=path))
    return slot.plain()


def span_of(ref: Referat, path: str) -> tuple[int, int] | None:
    """The source lines behind a field: its own span, else the nearest one above it."""
    parts = try_parse(path)
    if not parts:
        return None
    for n in range(len(parts), 0, -1):
        try:
            slot = resolve(ref, parts[:n])
        except PathError:
            continue
        value = slot.current()
        if n == len(parts) and isinstance(slot.parent, Meeting) and slot.key in slot.parent.spans:
            return tuple(slot.parent.spans[slot.key])
        if isinstance(slot.parent, Table) and slot.key == "rows" and n < len(parts):
            j = parts[n]  # a row (or a cell of it): the row's own lines
            if isinstance(j, int) and j < len(slot.parent.row_spans):
                return tuple(slot.parent.row_spans[j])
        span = getattr(value, "span", None) if value is not MISSING else None
        if span:
            return tuple(span)
    return None
