"""The workbench app: builds the screens and holds what is app-wide (config, roster, reviewer, the session factory, the guard); keys are handed out here one at a time, in order.

One factory (`build_app`) makes the app for the command line and the tests alike. The review
itself is a screen (screens/review.py): the first on the stack, or, over a folder, pushed over
the inbox (screens/inbox.py) for each referat opened and popped when it closes; the app passes on
the few questions the command line and the tests ask of it (`session`, `field`, `goto_field`, …).
"""
from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events
from textual.app import App
from textual.screen import ModalScreen

from workbench.inbox import remember_reviewer, remembered_reviewer
from workbench.review.desk import open_review
from workbench.errors import UserError
from workbench.tui import text as T
from workbench.tui.commands import ReviewCommands
from workbench.tui.guard import GuardMixin
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.structure import StructureTree


class WorkbenchApp(GuardMixin, App):
    CSS_PATH = "workbench.tcss"
    TITLE = T.TITLE
    COMMANDS = App.COMMANDS | {ReviewCommands}

    def __init__(self, path: str | Path | None, config, roster, out_dir: Path | None = None, reviewer: str | None = None,
                 open_session=open_review, inbox=None):
        super().__init__()
        self.title = T.TITLE  # in the language spoken when the app is made
        self.path = Path(path) if path is not None else None  # over an inbox: the referat opened at once, if any
        self.config = config
        self.roster = roster  # learned names change it: the next file is matched with them
        self.out_dir = out_dir
        self.inbox = inbox  # workbench.inbox.Inbox: the folder this app reviews, or None (one file)
        self._reviewer = reviewer or config.reviewer or remembered_reviewer() or None
        self.open_session = open_session  # (path, config, roster, out_dir=, reviewer=, progress=, cancel=) -> session
        self._review: ReviewScreen | None = None  # kept after the app has stopped: the command line asks it why
        if config.keys:
            self.set_keymap(dict(config.keys))

    def get_default_screen(self):
        if self.inbox is not None:
            from workbench.tui.screens.inbox import InboxScreen

            return InboxScreen(self.inbox)
        self._review = ReviewScreen(self.path)
        return self._review

    def on_mount(self) -> None:
        self.guard_signals()  # SIGTERM stops the screen at once, not at the next key
        if self.inbox is not None and self.path is not None:
            self.open_review(self.path)

    @property
    def reviewer(self) -> str | None:
        return self._reviewer

    @reviewer.setter
    def reviewer(self, name: str | None) -> None:
        """A name asked for is remembered for the next runs (the user's config folder)."""
        changed = bool(name) and name != self._reviewer
        self._reviewer = name
        if changed:
            try:
                remember_reviewer(name)
            except UserError as exc:
                self.notify(T.INBOX_CANNOT_REMEMBER.format(error=exc), severity="warning", timeout=6)

    # -- over an inbox: reviews come and go
    def open_review(self, path: Path) -> None:
        """Push a review of `path` over the inbox."""
        if self.inbox is not None:
            self.inbox.paused = True  # its background reading waits while a review is open
        self._review = ReviewScreen(path)
        self.push_screen(self._review)

    def leave_review(self, screen: ReviewScreen) -> None:
        """The review closed (quit): back to the inbox, or the end when there is none."""
        if self.inbox is None:
            self.exit()
            return
        self._back_to_inbox(screen)

    def verified(self, screen: ReviewScreen) -> None:
        """After V: the next referat not yet verified opens, or the inbox returns when none is left."""
        if self.inbox is None:
            return
        if screen.session is not None:
            screen.session.close()
        self.inbox.scan()
        later = self.inbox.next_unreviewed(after=screen.path)
        self._back_to_inbox(screen)
        if later is None:
            self.notify(T.INBOX_ALL_DONE, timeout=4)
            return
        self.notify(T.INBOX_NEXT.format(name=later.name), timeout=3)
        self.open_review(later.path)

    def _back_to_inbox(self, screen: ReviewScreen) -> None:
        if self.screen is screen:
            self.pop_screen()
        if self._review is screen:
            self._review = None
        self.inbox.paused = False

    def on_unmount(self) -> None:
        self.unguard_signals()

    # -- the review screen, as the command line and the tests see it
    @property
    def review(self) -> ReviewScreen | None:
        return self._review

    @property
    def session(self):
        return self.review.session if self.review is not None else None

    @property
    def field(self) -> str | None:
        return self.review.field if self.review is not None else None

    @property
    def current_flag(self):
        return self.review.current_flag if self.review is not None else None

    @property
    def load_error(self) -> str | None:
        return self.review.load_error if self.review is not None else None

    def goto_field(self, field: str) -> None:
        self.review.goto_field(field)

    def unresolved(self) -> list:
        return self.review.unresolved() if self.review is not None else []

    def _do(self, op, *args, **kw):
        return self.review._do(op, *args, **kw)

    def cancel_loading(self) -> None:
        if self.review is not None:
            self.review.cancel_loading()

    # -- keys, one after another
    async def on_event(self, event) -> None:
        """Keys are handled one after another, each where the one before it left the screen.
        Textual runs a widget's key binding only once the key has passed through the widget and
        come back up, while the next key is already being handed out: after a batch of keys (a
        fast typist, a terminal that sends several at once) `e` could open the editor after the
        next keys had gone to the tree, or ctrl+k empty a field after the text typed behind it.
        So a key's bindings run here, as it arrives; only a key no binding takes is passed on
        (to be typed into a field)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self._dialog_ready()
            tree = self.focused if isinstance(self.focused, StructureTree) else None
            moves = tree is not None and tree.owns_key(event.key)  # a key of the tree's own
            line = tree.cursor_line if moves else None
            if moves:
                tree.moves += 1
            handled = await self._check_bindings(event.key, priority=True) or await self._check_bindings(event.key)
            if moves and tree.cursor_line != line and tree.cursor_node is not None:
                tree.screen.highlight(tree.cursor_node.data)  # the key moved the tree: the next key acts there
            if handled:
                return
        await super().on_event(event)

    async def _dialog_ready(self) -> None:
        """A key that comes as a dialog opens (typed fast, or on a busy machine) must reach its
        field, in order. Until the dialog has mounted and focused its field, Textual hands keys
        to the bare screen, where they vanish (ctrl+k of a field reached it, the text after it did
        not, and enter then emptied the field). So wait for the mount, and focus the field now."""
        screen = self.screen
        if not isinstance(screen, ModalScreen) or screen.focused is not None:
            return
        if not screen.is_mounted:
            try:
                await asyncio.wait_for(screen._mounted_event.wait(), timeout=2)
            except TimeoutError:
                return
        field = screen.query("Input, TextArea").first() if screen.query("Input, TextArea") else None
        if field is not None and screen.focused is None:
            screen.set_focus(field)


def build_app(path, config, roster, out_dir=None, reviewer=None, inbox=None) -> WorkbenchApp:
    """The one factory, for the command line and the tests alike: one file (`path`), or an inbox
    (workbench.inbox.Inbox) with `path`, if given, opened at once."""
    return WorkbenchApp(path, config, roster, out_dir=out_dir, reviewer=reviewer, inbox=inbox)
