"""`referat/1`, the record's schema, declared once: `referat.py` holds the declaration, `types.py`
and `objects.py` the value types (each scalar type's typed-input parser and shown form one
replaceable function), `derive.py` what is made of it (record checks, JSON Schema)."""
from workbench.schema.derive import Invalid, check, json_schema, jsonable, spec_at
from workbench.schema.objects import Key, Obj, Sections, SectionText
from workbench.schema.referat import (CORRECTION, FLAG, PARTS, RECORD, REPAIRS, RESOLUTIONS, REVIEW, ROOT,
                                      readable_name)
from workbench.schema.types import (PARSERS, SHOWN, Ctx, ListOf, Spec, ValueProblem, parse_date, set_parser,
                                    set_shown)


def typed(spec: Spec, text: str, config=None):
    """What a user typed into a field of this type, as its value; raises ValueProblem (one line)."""
    return spec.convert(text, Ctx(config, None))


__all__ = ["CORRECTION", "Ctx", "FLAG", "Invalid", "Key", "ListOf", "Obj", "PARSERS", "PARTS", "RECORD", "REPAIRS",
           "RESOLUTIONS", "REVIEW", "ROOT", "SHOWN", "SectionText", "Sections", "Spec", "ValueProblem", "check",
           "json_schema", "jsonable", "parse_date", "readable_name", "set_parser", "set_shown", "spec_at", "typed"]
