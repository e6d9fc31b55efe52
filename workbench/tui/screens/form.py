"""Dialogs of more than one line: a form of several fields, and a choice from a list.

A form edits what belongs together at once (a table row's cells, an attachment's number, access,
title and document number): `tab` moves between the fields, `enter` on the last one or `ctrl+s`
submits, `escape` cancels. The change is tried before the dialog closes: a value the record
refuses keeps the dialog open with the reason, so nothing typed is lost.
"""
from __future__ import annotations

from workbench.i18n import _

from typing import Callable

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from workbench.tui.actions import bindings, translate
from workbench.tui import text as T
from workbench.visible import visible


class FormScreen(ModalScreen[dict | None]):
    """Fields (key, label, value); `apply(values)` makes the change and returns why it could not, or None."""

    BINDINGS = bindings("form")
    HELP = T.english("FORM_HELP")  # translated where it is shown

    def __init__(self, title: str, fields: list[tuple[str, str, str]], apply: Callable[[dict], str | None]) -> None:
        super().__init__()
        translate(self)
        self.title_text = title
        self.fields = fields
        self.apply = apply

    def compose(self) -> ComposeResult:
        with Vertical(id="editor"):
            yield Label(f"[b]{escape(visible(self.title_text))}[/b]", id="editor-title")
            for i, (_key, label, value) in enumerate(self.fields):
                yield Label(escape(visible(label)))
                yield Input(value, id=f"form-{i}", select_on_focus=False)
            yield Label("", id="editor-error")
            yield Label(f"[dim]{T.FORM_KEYS}[/dim]")

    def on_mount(self) -> None:
        inputs = list(self.query(Input))
        if self.app.is_headless:
            for widget in inputs:
                widget.cursor_blink = False
        if inputs:
            inputs[0].focus()

    def values(self) -> dict:
        return {key: self.query_one(f"#form-{i}", Input).value for i, (key, _, _) in enumerate(self.fields)}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = int((event.input.id or "form-0").split("-")[1])
        if index + 1 < len(self.fields):
            self.query_one(f"#form-{index + 1}", Input).focus()
        else:
            self.action_submit()

    def action_submit(self) -> None:
        values = self.values()
        problem = self.apply(values)
        if problem:
            self.query_one("#editor-error", Label).update(f"[red]{escape(visible(problem))}[/red]")
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one of (id, label) with the arrows and enter; None when cancelled."""

    BINDINGS = bindings("choice")

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        translate(self)
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="editor"):
            yield Label(f"[b]{escape(visible(self.title_text))}[/b]", id="editor-title")
            yield OptionList(*[Option(escape(visible(label)), id=key) for key, label in self.choices], id="choices")
            yield Label(f"[dim]{T.CHOICE_KEYS}[/dim]")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.choices:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
