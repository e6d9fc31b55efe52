"""The check that no user-facing text bypasses the catalog: an ast scan for bare literals where a flag message, a user error, a notification, a label, a title or a binding's description is made.

A text is *bare* when it holds a letter and does not come through `_()`, `ngettext()`, `pgettext()`,
`npgettext()` or `N_()`: a string literal, an f-string with words in it, `"…".format()`, `"…" % x`,
`"a" + x`, or either branch of `a if c else "b"`. Text without letters (`""`, `" — "`, `"⚑"`,
f"{a}: {b}", Rich markup such as f"[dim]{hint}[/dim]") is layout, not language, and passes. A line may say `# i18n: ok` to be passed over
(an internal error no user sees). The places looked at are `RULES` (callee name → the positional
indexes and keywords that carry text) and `TITLE_ATTRIBUTES`; pass your own to `check_source`.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

TRANSLATORS = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext", "N_", "NP_"})
EXEMPT = "# i18n: ok"


@dataclass(frozen=True)
class Rule:
    """Where a call carries user-facing text: positional indexes and keyword names."""

    positions: tuple[int, ...] = ()
    keywords: tuple[str, ...] = ()


_ERROR = Rule((0,), ("message",))
RULES: dict[str, Rule] = {
    "make_flag": Rule((4,), ("message",)),
    "Flag": Rule((4,), ("message",)),
    "Note": Rule((2,), ("message",)),
    "note": Rule((2,), ("message",)),             # Flag.note(kind, lines, message)
    "add": Rule((4,), ("message",)),              # the flag rules' self.add(kind, severity, field, lines, message)
    "_say": Rule((0,), ()),
    "error": Rule((0,), ()),                      # settings.py raises the error class its caller names                       # the CLI's one line on standard error
    "add_argument": Rule((), ("help",)), "add_parser": Rule((), ("help", "description")),
    "ArgumentParser": Rule((), ("description", "epilog")),
    "UserError": _ERROR, "InputError": _ERROR, "ConfigError": _ERROR, "RecordError": _ERROR,
    "LanguageError": _ERROR, "FormError": _ERROR, "RosterError": _ERROR, "PathError": _ERROR, "ExportError": _ERROR,
    "notify": Rule((0,), ("message", "title")),
    "Label": Rule((0,), ("renderable", "content")),
    "Static": Rule((0,), ("renderable", "content")),
    "Button": Rule((0,), ("label",)),
    "Binding": Rule((2,), ("description", "tooltip")),
}
# a call whose callee's name ends so is a dialog: its `title=` (and `message=`) is user-facing
DIALOG_SUFFIXES = ("Screen", "Dialog")
DIALOG_RULE = Rule((), ("title", "message", "sub_title"))
# `x.border_title = "…"` and `TITLE = "…"` in a class
TITLE_ATTRIBUTES = frozenset({"title", "sub_title", "border_title", "border_subtitle", "TITLE", "SUB_TITLE"})


@dataclass(frozen=True)
class Bare:
    """One bare literal: where it is, in which call or assignment, and its text as written."""

    path: str
    line: int
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.where}: {self.text}"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


_MARKUP = re.compile(r"\[/?[a-z][a-z0-9 _#.=-]*\]|\[/\]")  # Rich markup: [b], [/b], [dim], [bold red], [/]


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in _MARKUP.sub("", text))


def is_bare(node: ast.expr | None) -> bool:
    """Whether the expression makes text with words in it that did not come through the catalog."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _has_words(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(is_bare(v) for v in node.values if isinstance(v, ast.Constant)) or \
            any(is_bare(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
    if isinstance(node, ast.Call):
        if _name(node.func) in TRANSLATORS:
            return False
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join", "strip", "upper",
                                                                        "lower", "capitalize", "title"):
            return is_bare(node.func.value)
        return False
    if isinstance(node, ast.BinOp):
        return is_bare(node.left) or (isinstance(node.op, ast.Add) and is_bare(node.right))
    if isinstance(node, ast.IfExp):
        return is_bare(node.body) or is_bare(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(is_bare(v) for v in node.values)
    return False


class _Scan(ast.NodeVisitor):
    def __init__(self, path: str, lines: list[str], rules: dict[str, Rule]):
        self.path, self.lines, self.rules, self.found = path, lines, rules, []

    def _report(self, node: ast.expr, where: str) -> None:
        if is_bare(node):
            first, last = node.lineno, getattr(node, "end_lineno", node.lineno) or node.lineno
            if any(EXEMPT in self.lines[i - 1] for i in range(first, last + 1) if i <= len(self.lines)):
                return
            self.found.append(Bare(self.path, node.lineno, where, ast.unparse(node)))

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        rules = [r for r in (self.rules.get(name),
                             DIALOG_RULE if name.endswith(DIALOG_SUFFIXES) else None) if r is not None]
        for rule in rules:
            for i in rule.positions:
                if i < len(node.args) and not isinstance(node.args[i], ast.Starred):
                    self._report(node.args[i], f"{name}() argument {i + 1}")
            for kw in node.keywords:
                if kw.arg in rule.keywords:
                    self._report(kw.value, f"{name}({kw.arg}=)")
        self.generic_visit(node)

    def _assigned(self, targets: list[ast.expr], value: ast.expr | None) -> None:
        for target in targets:
            attr = target.attr if isinstance(target, ast.Attribute) else target.id \
                if isinstance(target, ast.Name) else ""
            if attr in TITLE_ATTRIBUTES and (isinstance(target, ast.Attribute) or attr.isupper()):
                self._report(value, f"{attr} =")
            if attr == "BINDINGS" and isinstance(value, (ast.List, ast.Tuple)):
                for element in value.elts:  # the tuple form: (key, action, description)
                    if isinstance(element, ast.Tuple) and len(element.elts) >= 3:
                        self._report(element.elts[2], "BINDINGS description")

    def visit_Assign(self, node: ast.Assign) -> None:
        self._assigned(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._assigned([node.target], node.value)
        self.generic_visit(node)


def check_source(source: str, path: str = "<source>", rules: dict[str, Rule] | None = None) -> list[Bare]:
    """The bare literals in one module's source, in order."""
    scan = _Scan(path, source.splitlines(), RULES if rules is None else rules)
    scan.visit(ast.parse(source, filename=path))
    return scan.found


def check_paths(paths, rules: dict[str, Rule] | None = None) -> list[Bare]:
    """The bare literals in every .py file under the given files and folders."""
    found: list[Bare] = []
    for root in map(Path, paths):
        for file in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            found += check_source(file.read_text(encoding="utf-8"), str(file), rules)
    return found
