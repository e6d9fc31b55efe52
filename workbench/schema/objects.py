"""The compound types of `referat/1`: an object of the model (`Obj`, its record keys in the order
the record writes them), an item's sections and their keys."""
from __future__ import annotations

import copy

from workbench.config import slug
from workbench.model import Section
from workbench.schema.types import _CONTROL, Ctx, Spec, ValueProblem


class Key(Spec):
    """A section key: the lower-case ASCII slug of a heading."""

    what, json = "a section name", {"type": "string"}

    def __init__(self, **kw):
        kw.setdefault("required", True)
        super().__init__(**kw)

    def check(self, value):
        return isinstance(value, str)

    def convert(self, value, ctx, old=None):
        if not isinstance(value, str) or not slug(value):
            raise ValueProblem(f"needs a section name, not {value!r}")
        return slug(value)


class SectionText(Spec):
    """An item's section: the model holds a Section, the record its text ("" allowed)."""

    what, edit, json = "text", "long", {"type": "string"}

    def check(self, value):
        return isinstance(value, str)

    def convert(self, value, ctx, old=None):
        if value is None:
            value = ""
        if isinstance(value, Section):
            value = value.text
        if not isinstance(value, str):
            raise ValueProblem(f"a section needs text, not {type(value).__name__}")
        if _CONTROL.search(value):
            raise ValueProblem("holds a control character")
        return value.replace("\r\n", "\n").strip()

    def plain(self, value):
        return value.text if isinstance(value, Section) else value


class Sections(Spec):
    """An item's sections: canonical key → Section, in document order. A section that keeps
    its text keeps its span; one renamed (same text, new key) or grown (text appended) keeps
    the span of what it came from."""

    what = "a table of section key = text"
    json = {"type": "object", "propertyNames": {"pattern": "^[a-z0-9_]+$"}, "additionalProperties": {"type": "string"}}

    def __init__(self, **kw):
        super().__init__(**kw)
        self.elem = SectionText(label=self.label)

    def check(self, value):
        return isinstance(value, dict)

    def convert(self, value, ctx, old=None):
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise ValueProblem(f"sections need a table of key = text, not {type(value).__name__}")
        old = old if isinstance(old, dict) else {}
        owner = ctx.owner
        fallback = getattr(owner, "span", None) or (getattr(owner, "heading_line", None) or 1,) * 2
        out: dict[str, Section] = {}
        removed = [s for k, s in old.items() if k not in value]
        for key, text in value.items():
            k = Key().convert(key, ctx)
            if k in out:
                raise ValueProblem(f"section '{k}' is given twice")
            text = SectionText().convert(text, ctx)
            prev = old.get(k)
            if prev is not None and prev.text == text:
                out[k] = prev
                continue
            if prev is not None:
                sec = copy.copy(prev)
                sec.text = text
            else:
                src = next((s for s in removed if s.text == text), None)
                sec = copy.copy(src) if src is not None else Section(key=k, text=text, span=tuple(fallback))
                sec.key, sec.text = k, text
            for s in removed:
                if s.text and s.text in text and s is not prev:
                    sec.span = (min(sec.span[0], s.span[0]), max(sec.span[1], s.span[1]))
            out[k] = sec
        return out

    def plain(self, value):
        return {k: s.text for k, s in (value or {}).items()}


class Obj(Spec):
    """A dataclass of the model: its record keys, each with a spec, in the order the record
    writes them. `needs`: which key (or one of which keys) a new one must have; `blank`: a new,
    empty one; `fix`: what holds between its values once set (a vacant post has no name);
    `shown`: the keys the outline shows first (the rest follow in order); `rules`: checks of
    a record's table beyond its keys' types, each `rule(table) -> message | None`, with
    `json_rules` the same in JSON Schema."""

    json = {"type": "object"}

    def __init__(self, cls, attrs: dict[str, Spec], needs: tuple[str, ...] = (), what: str = "", blank=None,
                 fix=None, shown: tuple[str, ...] = (), rules=(), json_rules: dict | None = None, **kw):
        super().__init__(**kw)
        self.cls = cls
        self.attrs = attrs
        self.needs = needs
        self.what = what or cls.__name__.lower()
        self.blank = blank or cls
        self.fix = fix
        self.shown = shown
        self.rules = tuple(rules)
        self.json_rules = json_rules or {}

    def check(self, value):
        return isinstance(value, dict)

    def schema(self):
        out = {**super().schema(), "properties": {k: s.schema() for k, s in self.attrs.items()}}
        required = [k for k, s in self.attrs.items() if s.required]
        if required:
            out["required"] = required
        return {**out, **self.json_rules}

    def convert(self, value, ctx, old=None):
        if isinstance(value, self.cls):
            value = self.plain(value)
        if not isinstance(value, dict):
            raise ValueProblem(f"{self.what} needs a table of fields, not {type(value).__name__}")
        unknown = [k for k in value if k not in self.attrs]
        if unknown:
            raise ValueProblem(f"{self.what} has no field '{unknown[0]}' (it has {', '.join(self.attrs)})")
        if self.needs and not any(value.get(k) not in (None, "", [], {}) for k in self.needs):
            raise ValueProblem(f"{self.what} needs {' or '.join(self.needs)}")
        obj = copy.copy(old) if isinstance(old, self.cls) else self.blank()
        inner = Ctx(ctx.config, obj)
        for key, spec in self.attrs.items():
            try:
                setattr(obj, key, spec.convert(value.get(key), inner, getattr(old, key, None) if old else None))
            except ValueProblem as exc:
                raise ValueProblem(f"{key} {exc}") from None
        if self.fix is not None:
            self.fix(obj)
        return obj

    def plain(self, value, root=None):
        """The object as the record writes it: each key's value, those left out that it omits."""
        if value is None:
            return None
        out = {}
        for key, spec in self.attrs.items():
            v = spec.get(value, root) if spec.get is not None else getattr(value, key)
            if v is None:
                continue
            v = spec.plain(v, root) if isinstance(spec, Obj) else spec.plain(v)
            if not spec.omit(v):
                out[key] = v
        return out

    def load(self, table: dict):
        """The model object from a record's table: the keys it has that the model keeps (flat objects)."""
        keys = {k: table[k] for k, s in self.attrs.items() if k in table and s.get is None}
        return self.cls(**{k: list(v) if isinstance(v, list) else v for k, v in keys.items()})
