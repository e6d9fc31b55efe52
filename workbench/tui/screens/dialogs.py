"""Small modal dialogs: quit with unsaved changes, confirm a deletion, a one-line prompt, and help."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Markdown

from workbench.tui import text as T
from workbench.tui.actions import bindings, translate


class QuitScreen(ModalScreen[str]):
    """Keep editing / Discard / Save: returns "keep", "discard" or "save"."""

    BINDINGS = bindings("quit")

    def __init__(self) -> None:
        super().__init__()
        translate(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(T.UNSAVED_CHANGES, id="dialog-title")
            yield Label(f"[dim]{T.SAFE_EITHER_WAY}[/dim]")
            with Horizontal(id="dialog-buttons"):
                yield Button(T.BUTTON_KEEP, id="keep", variant="primary")
                yield Button(T.BUTTON_DISCARD, id="discard", variant="error")
                yield Button(T.BUTTON_SAVE, id="save", variant="success")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "keep")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class ConfirmScreen(ModalScreen[bool]):
    """Yes / no to one change that is named in the question (a deletion); True for yes."""

    BINDINGS = bindings("confirm")

    def __init__(self, question: str) -> None:
        super().__init__()
        translate(self)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, id="dialog-title")
            with Horizontal(id="dialog-buttons"):
                yield Button(T.BUTTON_NO, id="no", variant="primary")
                yield Button(T.BUTTON_YES_DELETE, id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_choose(self, yes: bool) -> None:
        self.dismiss(yes)


class PromptScreen(ModalScreen[str | None]):
    """Asks for one line (a reviewer's name, a reason, a search); None when cancelled."""

    BINDINGS = bindings("prompt")

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        translate(self)
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, id="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one(Input).cursor_blink = False
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Help for the focused pane: what it shows and its keys, then the keys that work everywhere."""

    BINDINGS = bindings("help")

    def __init__(self, text: str) -> None:
        super().__init__()
        translate(self)
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(self.text)

    def action_close(self) -> None:
        self.dismiss(None)
