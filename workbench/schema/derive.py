"""What the declaration of `referat/1` gives: a record's tables checked against it (`check`), its
JSON Schema (draft 2020-12), a record in JSON's types, and the type of a field path."""
from __future__ import annotations

import datetime as dt

from workbench import SCHEMA
from workbench.schema.objects import Obj, Sections
from workbench.schema.referat import PARTS, RECORD
from workbench.schema.types import Const, ListOf, Spec


class Invalid(ValueError):
    """A record that breaks the schema: the message names the key, in one line."""


def check(data) -> None:
    """Raise Invalid unless data (a record read from TOML) has every required key and each key it
    has holds the declared type. Keys the schema does not know are let be (SCHEMA.md)."""
    if not isinstance(data, dict):
        raise Invalid("the record must be a table")
    _check_obj(RECORD, "", data)


def _check(spec: Spec, where: str, value) -> None:
    if isinstance(spec, Const):
        if value != spec.value:
            raise Invalid(f"{where} is {value!r}, not {spec.value!r}")
    elif isinstance(spec, Obj):
        if not isinstance(value, dict):
            raise Invalid(f"{where} must be a table")
        _check_obj(spec, where, value)
    elif isinstance(spec, ListOf):
        if not isinstance(value, list):
            raise Invalid(f"{where} must be {spec.what}")
        for j, v in enumerate(value):
            _check(spec.elem, f"{where}[{j}]", v)
    elif isinstance(spec, Sections):
        if not isinstance(value, dict):
            raise Invalid(f"{where} must be a table")
        for key, text in value.items():
            _check(spec.elem, f"{where}.{key}", text)
    elif not spec.check(value):
        raise Invalid(f"{where} must be {_what(spec)}, not {value!r}")


def _what(spec: Spec) -> str:
    choices = getattr(spec, "choices", ())
    return f"one of {', '.join(choices)}" if choices else spec.what


def _check_obj(spec: Obj, where: str, table: dict) -> None:
    for key, sub in spec.attrs.items():
        here = f"{where}.{key}" if where else key
        if key not in table:
            if sub.required:
                raise Invalid(f"{where or 'the record'} has no {key}" if not isinstance(sub, (Obj, Const))
                              else f"{here} must be a table" if isinstance(sub, Obj) else f"{here} is None, not {sub.value!r}")
            continue
        _check(sub, here, table[key])
    for rule in spec.rules:
        problem = rule(table)
        if problem:
            raise Invalid(f"{where} {problem}")


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of `referat/1`, for a record in JSON's types (`jsonable`):
    dates, times and moments as ISO 8601 strings."""
    out = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:referat-workbench:schema:" + SCHEMA,
        "title": SCHEMA,
        "description": "One referat (minutes of a Danish municipal body) as the workbench records it; "
                       "keys not declared here may be added (readers ignore them).",
    }
    return {**out, **RECORD.schema()}


def jsonable(value):
    """A record read from TOML in JSON's types: dates, times and moments as ISO 8601 text."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def spec_at(path) -> Spec | None:
    """The type of the field a path names (`items[0].decisions[1].date`), or None where the
    schema has no such field. Parts: names and 0-based indices (see review/paths.py)."""
    spec: Spec = Obj(object, PARTS)
    for part in path:
        if isinstance(spec, Obj) and isinstance(part, str):
            spec = spec.attrs.get(part)
        elif isinstance(spec, ListOf) and isinstance(part, int):
            spec = spec.elem
        elif isinstance(spec, Sections) and isinstance(part, str):
            spec = spec.elem
        else:
            return None
        if spec is None:
            return None
    return spec
