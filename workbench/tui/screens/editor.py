"""The modal editor: one line or several, as the field needs; for a person, roster names
ranked by rapidfuzz under the input, updated at each keystroke. Typed values (dates, times,
numbers, access) are checked by the schema's parser of the field's type, the session's own."""
from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from workbench.tui.actions import bindings
from workbench import schema
from workbench.i18n import _
from workbench.review.paths import try_parse
from workbench.visible import visible


class Typed(Validator):
    """What the field's type (the schema's) makes of the typed text: the parser the session uses."""

    def __init__(self, spec, config) -> None:
        super().__init__()
        self.spec = spec
        self.config = config

    def validate(self, value: str) -> ValidationResult:
        try:
            schema.typed(self.spec, value, self.config)
        except schema.ValueProblem as exc:
            return self.failure(str(exc))
        return self.success()


def validator_for(field: str, config=None) -> Typed | None:
    """The check of a field's typed input (a date, time, number, access, kind), or None for free text."""
    parts = try_parse(field)
    spec = schema.spec_at(parts) if parts else None
    return Typed(spec, config) if spec is not None and spec.name in schema.PARSERS else None


def shown_for(field: str, value) -> str:
    """A field's value as the editor shows it to be changed: its type's shown form (the form the
    parser reads back), plain text for free text."""
    if value is None:
        return ""
    parts = try_parse(field)
    spec = schema.spec_at(parts) if parts else None
    if spec is not None and spec.name in schema.PARSERS:
        return spec.show(value)
    return str(value)


class EditScreen(ModalScreen[str | None]):
    """Returns the new value as text, or None when cancelled."""

    BINDINGS = bindings("editor")
    HELP = "Type the value. Enter accepts (in a long text: ctrl+s), escape cancels. For a person, up/down pick a roster name."

    def __init__(self, field: str, value: str, kind: str = "text", roster=None, title: str | None = None) -> None:
        super().__init__()
        self.field = field
        self.value = value
        self.kind = kind
        self.roster = roster
        self.title_text = title or field
        self._warned: str | None = None  # the typed name the dialog has warned about

    def compose(self) -> ComposeResult:
        with Vertical(id="editor"):
            yield Label(f"[b]{self.title_text}[/b]  [dim]{self.field}[/dim]", id="editor-title")
            if self.kind == "long":
                yield TextArea(self.value, id="editor-area", soft_wrap=True)
                yield Label("[dim]" + _('ctrl+s: accept · escape: cancel') + "[/dim]")
            else:
                typed = validator_for(self.field, getattr(self.app, "config", None))
                validators = [typed] if typed is not None else []
                yield Input(self.value, id="editor-input", validators=validators, select_on_focus=False)
                if self.kind == "person":
                    yield OptionList(id="suggestions")
                yield Label("", id="editor-error")
                yield Label("[dim]" + (_('enter: accept · escape: cancel · ↑↓: roster names') if self.kind == "person"
                                      else _('enter: accept · escape: cancel')) + "[/dim]")

    def on_mount(self) -> None:
        if self.app.is_headless:  # tests and snapshots: no blinking cursor
            for widget in self.query("Input, TextArea"):
                widget.cursor_blink = False
        if self.kind == "long":
            self.query_one(TextArea).focus()
        else:
            self.query_one(Input).focus()
            if self.kind == "person":
                self._suggest(self.value)

    def _suggest(self, text: str) -> None:
        options = self.query_one("#suggestions", OptionList)
        options.clear_options()
        if self.roster is None or not text.strip():
            return
        for m in self.roster.match(text, limit=5):
            options.add_option(Option(f"{m.person.name}  [dim]{m.score:.0f}{' ✓' if m.certain else ''}[/dim]",
                                      id=m.person.name))
        options.highlighted = None  # enter keeps what was typed; the arrows pick a roster name

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.kind == "person":
            self._suggest(event.value)
        self.query_one("#editor-error", Label).update("")

    def action_suggestion(self, delta: int) -> None:
        if self.kind != "person":
            return
        options = self.query_one("#suggestions", OptionList)
        if not options.option_count:
            return
        current = options.highlighted
        options.highlighted = (0 if current is None else (current + delta) % options.option_count)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_accept()

    def action_accept(self) -> None:
        if self.kind == "long":
            self.dismiss(self.query_one(TextArea).text)
            return
        if self.kind == "person":
            options = self.query_one("#suggestions", OptionList)
            if options.highlighted is not None:
                self.dismiss(options.get_option_at_index(options.highlighted).id)
                return
        field = self.query_one(Input)
        if not field.value.strip() and self.value.strip() and self._warned != "":
            self._warned = ""  # said once: enter again clears the field
            self.query_one("#editor-error", Label).update(
                "[yellow]The field is empty: enter again to clear it, or type its value.[/yellow]")
            return
        if self.kind == "person" and self.roster is not None and field.value.strip() and field.value != self._warned:
            match = self.roster.best(field.value)
            if match is not None and match.score >= 75 and match.person.name != field.value.strip():
                self._warned = field.value  # said once; enter again keeps what was typed
                self.query_one("#editor-error", Label).update(
                    f"[yellow]'{escape(visible(field.value))}' is not in the roster; the closest is "
                    f"'{escape(visible(match.person.name))}'. Enter again keeps what you typed (it will be flagged); "
                    "↓ picks a roster name.[/yellow]")
                return
        result = field.validate(field.value)
        if result is not None and not result.is_valid:
            self.query_one("#editor-error", Label).update(f"[red]{'; '.join(result.failure_descriptions)}[/red]")
            return
        self.dismiss(field.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
