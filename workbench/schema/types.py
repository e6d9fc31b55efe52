"""The value types of `referat/1`: how each is checked as read from TOML, turned from what a user
typed (or a correction holds) into the model's value, shown, written and described in JSON Schema.

Each scalar type's typed-input parser and shown form is one function in `PARSERS` / `SHOWN`, keyed
by the type's name ("date", "time", "number", "access", "kind", "bool"): the session and the editor
both go through them, and another language's forms replace one entry (`set_parser`, `set_shown`).
A parser takes the stripped, non-empty text and the config (or None), and returns the value or
raises `ValueProblem` with a one-line reason.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from workbench.i18n import N_, _, forms

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class ValueProblem(ValueError):
    """A value that does not fit its field: the message says why, in one line."""


@dataclass
class Ctx:
    """What converting a value may need: the config (dates, access words, kinds) and the
    object that will hold the value (a new section takes its item's span)."""

    config: object = None
    owner: object = None


# --------------------------------------------------------------------------- typed input


def parse_date(text: str, config=None) -> dt.date:
    """Every form a secretary types (i18n.forms: 29.01.2025, 29-01-2025, 29/1 2025, 29. januar 2025,
    2025-01-29), then the config's own `date_formats`; the refusal names the forms, in her language."""
    try:
        return forms.parse_date(text)
    except forms.FormError as exc:
        problem = str(exc)
    for fmt in tuple(getattr(config, "date_formats", None) or ()):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueProblem(problem)


def parse_time(text: str, config=None) -> dt.time:
    """9.00, 09:00, kl. 9:00, kl. 9 (i18n.forms)."""
    try:
        return forms.parse_time(text)
    except forms.FormError as exc:
        raise ValueProblem(str(exc)) from None


def parse_number(text: str, config=None) -> int:
    if re.fullmatch(r"\d{1,9}", text):
        return int(text)
    raise ValueProblem(_("needs a whole number (0 or more), not {value}").format(value=repr(text)))


def parse_access(text: str, config=None) -> str:
    """åben/åbent/open, lukket/closed (i18n.forms), then the config's own access words."""
    try:
        return forms.parse_access(text)
    except forms.FormError as exc:
        problem = str(exc)
    found = config.access_of(text) if config is not None and hasattr(config, "access_of") else None
    if found:
        return found
    raise ValueProblem(problem)


def kinds_of(config) -> tuple[str, ...]:
    return tuple(getattr(config, "kinds", None) or ("referat", "dagsorden"))


def parse_kind(text: str, config=None) -> str:
    kinds = kinds_of(config)
    if text.casefold() in kinds:
        return text.casefold()
    raise ValueProblem(_("needs one of {kinds}, not {value}").format(kinds=", ".join(map(repr, kinds)), value=repr(text)))


def parse_bool(text: str, config=None) -> bool:
    if text.casefold() in ("true", "false", "ja", "nej", "yes", "no"):
        return text.casefold() in ("true", "ja", "yes")
    raise ValueProblem(_("needs true or false, not {value}").format(value=repr(text)))


PARSERS = {"date": parse_date, "time": parse_time, "number": parse_number, "access": parse_access,
           "kind": parse_kind, "bool": parse_bool}
SHOWN = {"date": forms.show_date, "time": forms.show_time, "number": str,
         "access": lambda v: forms.show_access(v) if v in ("open", "closed") else str(v),
         "kind": str, "bool": lambda v: "ja" if v else "nej", "text": str}


def set_parser(name: str, parser) -> None:
    """Replace the typed-input parser of one value type (another language's forms)."""
    PARSERS[name] = parser


def set_shown(name: str, show) -> None:
    SHOWN[name] = show


# --------------------------------------------------------------------------- specs


class Spec:
    """One field's type, and what the schema says of the field: `label` (Danish, as the tree
    shows it), `required`, `edit` (which editor the screen opens), `get` (where the value comes
    from when it is not the model attribute of the same name: `get(owner, root)`), `omit` (a
    written value left out), `width` (the outline shortens the shown value to it), `span` (the
    outline's source lines for the field: `span(owner)`)."""

    name = "value"
    what = "a value"
    edit = "text"
    json: dict = {}

    def __init__(self, required: bool = False, label: str = "", edit: str | None = None, get=None, omit=None,
                 width: int | None = None, span=None, what: str | None = None):
        self.required = required
        self.label = label
        if edit is not None:
            self.edit = edit
        if what is not None:
            self.what = what
        self.get = get
        self.omit = omit or (lambda v: v is None)
        self.width = width
        self.span = span

    def convert(self, value, ctx: Ctx, old=None):
        raise NotImplementedError

    def plain(self, value):
        return value

    def check(self, value) -> bool:
        """The value as read from TOML is of this type."""
        return True

    def schema(self) -> dict:
        out = dict(self.json)
        if self.label:
            out["description"] = self.label
        return out

    def show(self, value) -> str:
        return SHOWN.get(self.name, str)(value)

    def typed(self, text: str, ctx: Ctx):
        """What a user typed, as the value (None for blank where the field may be left out)."""
        return self.convert(text, ctx)


class Scalar(Spec):
    """A value with a typed-input parser in PARSERS: blank is None (or refused where required)."""

    pytype: tuple = ()

    def convert(self, value, ctx, old=None):
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required:
                raise ValueProblem(_("needs {what}").format(what=_(self.what)))
            return None
        if isinstance(value, str):
            return PARSERS[self.name](value.strip(), ctx.config)
        if self.check(value):
            return self.model(value)
        raise ValueProblem(f"needs {self.what}, not {value!r}")

    def model(self, value):
        return value


class Int(Scalar):
    name, what, edit, json = "number", N_("a whole number"), "number", {"type": "integer"}

    def check(self, value):
        return isinstance(value, int) and not isinstance(value, bool)

    def model(self, value):
        if value < 0:
            raise ValueProblem(f"needs a whole number (0 or more), not {value!r}")
        return value


class Bool(Scalar):
    name, what, json = "bool", N_("true or false"), {"type": "boolean"}

    def __init__(self, **kw):
        kw.setdefault("omit", lambda v: v is None or v is False)
        super().__init__(**kw)

    def convert(self, value, ctx, old=None):
        return False if value is None else super().convert(value, ctx, old)

    def check(self, value):
        return isinstance(value, bool)


class Date(Scalar):
    name, what, edit = "date", N_("a date"), "date"
    json = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def check(self, value):
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)

    def convert(self, value, ctx, old=None):
        if isinstance(value, dt.datetime):
            raise ValueProblem("needs a date, not a date and time")
        return super().convert(value, ctx, old)


class Time(Scalar):
    name, what, edit = "time", N_("a time"), "time"
    json = {"type": "string", "format": "time", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"}

    def check(self, value):
        return isinstance(value, dt.time)

    def model(self, value):
        return value.replace(tzinfo=None, microsecond=0)


class DateTime(Scalar):
    name, what = "datetime", "a date and time"
    json = {"type": "string", "format": "date-time",
            "pattern": r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?$"}

    def check(self, value):
        return isinstance(value, dt.datetime)


class Access(Scalar):
    name, what, edit = "access", N_("'open' or 'closed'"), "access"
    json = {"type": "string", "enum": ["open", "closed"]}

    def check(self, value):
        return value in ("open", "closed")

    def convert(self, value, ctx, old=None):
        if value is not None and not isinstance(value, str):
            raise ValueProblem(f"needs 'open' or 'closed', not {value!r}")
        return super().convert(value, ctx, old)


class Kind(Scalar):
    """The meeting's kind: one of the config's kinds (referat, dagsorden, and any a municipality adds)."""

    name, what, json = "kind", N_("a kind of document (referat, dagsorden)"), {"type": "string"}

    def check(self, value):
        return isinstance(value, str)

    def convert(self, value, ctx, old=None):
        if value is not None and not isinstance(value, str):
            raise ValueProblem(f"needs one of {', '.join(repr(k) for k in kinds_of(ctx.config))}, not {value!r}")
        return super().convert(value, ctx, old)


class Str(Spec):
    name, what, json = "text", "text", {"type": "string"}

    def __init__(self, multiline: bool = False, choices: tuple[str, ...] = (), **kw):
        super().__init__(**kw)
        self.multiline = multiline
        self.choices = tuple(choices)
        if multiline and "edit" not in kw:
            self.edit = "long"

    def check(self, value):
        return isinstance(value, str) and (not self.choices or value in self.choices)

    def schema(self):
        out = super().schema()
        if self.choices:
            out["enum"] = list(self.choices)
        return out

    def convert(self, value, ctx, old=None):
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValueProblem(f"needs {self.what}, not {type(value).__name__} {value!r}")
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if _CONTROL.search(value):
            raise ValueProblem(_("holds a control character"))
        if not self.multiline:
            if "\n" in value:
                raise ValueProblem(_("must be one line"))
            value = " ".join(value.split())
        else:
            value = value.strip()
        if not value:
            if self.required:
                raise ValueProblem(_("cannot be empty"))
            return None
        if self.choices and value not in self.choices:
            raise ValueProblem(_("must be one of {choices}, not {value}").format(choices=", ".join(self.choices),
                                                                                  value=repr(value)))
        return value


class Const(Spec):
    """A fixed value (`schema = "referat/1"`)."""

    def __init__(self, value, **kw):
        super().__init__(**kw)
        self.value = value
        self.what = repr(value)

    def check(self, value):
        return value == self.value

    def schema(self):
        return {**super().schema(), "const": self.value}


class AnyValue(Spec):
    """Whatever a correction held before or after (a value, a table of them, a list)."""

    def check(self, value):
        return True


class Cell(Spec):
    """A table cell or column name: any one-line text, "" allowed (columns must line up)."""

    what, json = "text", {"type": "string"}

    def check(self, value):
        return isinstance(value, str)

    def convert(self, value, ctx, old=None):
        if value is None:
            value = ""
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueProblem(f"a table cell needs text, not {type(value).__name__}")
        value = str(value)
        if _CONTROL.search(value):
            raise ValueProblem("holds a control character")
        return " ".join(value.split())


class ListOf(Spec):
    json = {"type": "array"}

    def __init__(self, elem: Spec, **kw):
        super().__init__(**kw)
        self.elem = elem
        self.what = "a list"

    def check(self, value):
        return isinstance(value, list)

    def schema(self):
        return {**super().schema(), "items": self.elem.schema()}

    def convert(self, value, ctx, old=None):
        if value is None:
            value = []
        if not isinstance(value, (list, tuple)):
            raise ValueProblem(f"needs a list, not {type(value).__name__}")
        old = old if isinstance(old, list) else []
        out = []
        for j, v in enumerate(value):
            prev = old[j] if j < len(old) else None
            try:
                out.append(self.elem.convert(v, ctx, prev))
            except ValueProblem as exc:
                raise ValueProblem(f"[{j}] {exc}") from None
        return out

    def plain(self, value):
        return [self.elem.plain(v) for v in (value or [])]


class Row(ListOf):
    """A table row: a list of cells, as many as the table has columns."""

    def __init__(self, **kw):
        super().__init__(Cell(), **kw)

    def convert(self, value, ctx, old=None):
        if isinstance(value, str):
            value = value.split("\t")
        row = super().convert(value, ctx, old)
        columns = getattr(ctx.owner, "columns", None) if hasattr(ctx.owner, "row_spans") else None
        if columns and len(row) != len(columns):
            raise ValueProblem(f"a row of this table needs {len(columns)} cells, not {len(row)}")
        return row

