"""The review screen: raw text beside the parsed structure and the selected field's detail; loading, drawing, selection, flags and the plain keys.

The record lives in a `ReviewSession` (workbench.review), opened by the app's session factory
in a worker thread that never touches a widget (it hands its result back with
`call_from_thread`). The changes that ask something first (edit, add, delete, learn a name,
verify) are in screens/operations.py. Keys reach this screen in order through the app's
`on_event` (tui/app.py).
"""
from __future__ import annotations

import dataclasses
import re
import threading
from pathlib import Path

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static, Tree

from workbench.errors import UserError, one_line
from workbench.review.desk import next_file
from workbench.i18n import _
from workbench.tui import actions, present, text as T
from workbench.tui.fields import within
from workbench.tui.screens.dialogs import HelpScreen, PromptScreen, QuitScreen
from workbench.tui.screens.operations import Operations
from workbench.tui.widgets.detail import DetailPane
from workbench.tui.widgets.raw import RawView, source_column
from workbench.tui.widgets.structure import StructureTree, flags_under
from workbench.visible import visible


class ReviewScreen(Operations, Screen):
    BINDINGS = actions.bindings("main")

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        actions.translate(self)  # its bindings in the language spoken now
        self.path = Path(path)
        self.session = None
        self.field: str | None = None
        self.current_flag = None
        self.search_text = ""
        self.load_error: str | None = None
        self._shown: tuple = (None, None)
        self._cancel_load = threading.Event()  # set: the reader of the file being opened stops at once

    # -- layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(T.OPENING.format(name=escape(one_line(self.path.name))), id="status")
        yield ProgressBar(total=None, id="loading", show_eta=False)
        with Horizontal(id="panes"):
            yield RawView(id="raw")
            with Vertical(id="side"):
                yield StructureTree(id="tree")
                yield DetailPane(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#raw", RawView).border_title = T.RAW_TITLE
        self.query_one("#tree", Tree).border_title = T.TREE_TITLE
        self.query_one("#detail", DetailPane).border_title = T.DETAIL_TITLE
        self.query_one("#tree", Tree).focus()
        self.load()

    @property
    def tree(self) -> StructureTree:
        return self.query_one("#tree", StructureTree)

    # -- loading (a worker: it never touches a widget)
    def load(self) -> None:
        self._read(self.app, self._cancel_load)  # this load's own event: a next file gets a new one

    @work(thread=True, exclusive=True, group="load")
    def _read(self, app, cancel: threading.Event) -> None:
        def progress(done: int, total: int) -> None:
            app.call_from_thread(self._progress, done, total)

        def page(number: int, total: int, texts: list[str]) -> None:  # the raw pane fills as pages are read
            app.call_from_thread(self._page, cancel, number, texts)

        progress.page = page

        try:
            session = app.open_session(self.path, app.config, app.roster, out_dir=app.out_dir,
                                       reviewer=app.reviewer, progress=progress, cancel=cancel)
        except UserError as exc:
            self._tell(app, self._failed, str(exc))
            return
        if cancel.is_set():  # cancelled (or quit) as the reading ended: the session is not wanted
            session.close()
            self._tell(app, self._failed, T.OPENING_CANCELLED.format(path=self.path))
            return
        if not self._tell(app, self._loaded, session):
            session.close()

    @staticmethod
    def _tell(app, method, *args) -> bool:
        """From the worker: run on the screen's thread, unless the app has gone meanwhile (quit)."""
        try:
            app.call_from_thread(method, *args)
            return True
        except RuntimeError:
            return False

    def cancel_loading(self) -> None:
        self._cancel_load.set()  # the PDF reader is killed within a tenth of a second

    def action_cancel_load(self) -> None:
        if self.session is None and self.load_error is None:
            self.cancel_loading()
            self.query_one("#status", Static).update(T.CANCELLING.format(name=escape(one_line(self.path.name))))

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#loading", ProgressBar).update(total=total, progress=done)

    def _page(self, cancel: threading.Event, number: int, texts: list[str]) -> None:
        """A page read while the file is opened: shown in the raw pane (nothing can be changed yet)."""
        if cancel is self._cancel_load and self.session is None and not cancel.is_set():
            raw = self.query_one("#raw", RawView)
            if number == 1:
                raw.show(None, set())  # the file opened before this one goes
            raw.append(number, texts)

    def _failed(self, message: str) -> None:
        self.load_error = message
        self.query_one("#loading").add_class("hidden")
        self.query_one("#status", Static).update(f"[red]{escape(visible(message))}[/red]")
        self.app.notify(escape(visible(message)), title=T.CANNOT_OPEN, severity="error", timeout=30)

    def _loaded(self, session) -> None:
        self.session = session
        self.query_one("#loading").add_class("hidden")
        if session.read_only:
            self.app.notify(T.HELD_BY.format(holder=session.lock_holder), title=T.IN_USE, severity="warning", timeout=15)
        self.refresh_all()
        tree = self.tree
        tree.root.expand()
        tree.move_cursor_to_line(0) if hasattr(tree, "move_cursor_to_line") else None

    # -- drawing
    def refresh_all(self) -> None:
        s = self.session
        if s is None:
            return
        flags = s.open_flags()
        flagged = {n for f in flags for n in range(f.lines[0], f.lines[1] + 1)}
        self.query_one("#raw", RawView).show(s.source, flagged)
        self._status()
        self.tree.show(s.record, self.field)
        self._show_detail()

    def _status(self) -> None:
        s = self.session
        review = s.record.review
        open_n = len(s.open_flags())
        state = f"[green]{T.VERIFIED}[/green]" if review.status == "verified" else T.DRAFT
        extra = f" · [yellow]{T.READ_ONLY}[/yellow]" if s.read_only else ""
        unsaved = f" · [b]{T.UNSAVED}[/b]" if s.dirty else ""
        # what matters first: a long file name is cut at the right, never the count or "read-only"
        self.query_one("#status", Static).update(
            f"{state} · {T.counted(T.OPEN_FLAGS, open_n)}{unsaved}{extra} · {escape(one_line(self.path.name))}")
        self.app.sub_title = T.SUB_TITLE.format(name=one_line(self.path.name), status=T.VERIFIED if review.status == "verified" else T.DRAFT, n=open_n)

    def _node(self):
        return self.tree.node_of(self.field)

    def _show_detail(self) -> None:
        self._shown = (self.field, self.current_flag)
        s = self.session
        flags = flags_under(s.record.flags, self.field, open_only=False) if s is not None and self.field else []
        self.query_one("#detail", DetailPane).show(
            present.detail(s, self.field, self._node() if s is not None else None, flags, self.current_flag))

    # -- selection
    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        # The message comes after the fact: keys that moved the cursor on since have selected where it is
        # now (App.on_event), and a late message of a node it has left must not take the selection back.
        if event.node is self.tree.cursor_node:
            self.highlight(event.node.data)

    def highlight(self, node) -> None:
        if node is None or (node.field == self.field and self._shown == (self.field, self.current_flag)):
            return  # already on show (n moved the cursor here)
        self.field = node.field
        if self.current_flag is not None and not within(self.current_flag.field, node.field) \
                and not within(node.field, self.current_flag.field):
            self.current_flag = None
        span = self.current_flag.lines if self.current_flag is not None else node.span
        self.query_one("#raw", RawView).select(span)
        self._show_detail()

    def goto_field(self, field: str) -> None:
        self.field = field
        self.tree.cursor_to(field)
        self._show_detail()

    # -- flags
    def _flag_step(self, delta: int) -> None:
        if self.session is None:
            return
        flags = self.unresolved()
        if not flags:
            self.app.notify(T.NO_OPEN_FLAGS, timeout=3)
            return
        if self.current_flag is not None and any(f.id == self.current_flag.id for f in flags):
            k = next(i for i, f in enumerate(flags) if f.id == self.current_flag.id)
            k = (k + delta) % len(flags)
        else:
            # from the raw pane's cursor on: a flag on the cursor's own line counts (line 1 too, and the other
            # open flags of a line whose flag was just accepted)
            line = self.query_one("#raw", RawView).cursor
            after = [i for i, f in enumerate(flags) if (f.lines[0] >= line if delta > 0 else f.lines[0] < line)]
            k = (after[0] if delta > 0 else after[-1]) if after else (0 if delta > 0 else len(flags) - 1)
        flag = flags[k]
        self.current_flag = flag
        node = self.tree.node_for_flag(flag)
        self.field = node.field if node is not None else flag.field
        if node is not None:
            self.tree.cursor_to(node.field)
        self.query_one("#raw", RawView).select(flag.lines)
        self._show_detail()

    def unresolved(self) -> list:
        """What n and N walk through: the flags that need resolving (warning and error) and are open, as
        the status line counts them. Info flags are shown in the tree and the detail pane, not visited."""
        if self.session is None:
            return []
        return sorted((f for f in self.session.open_flags()), key=lambda f: (f.lines[0], f.id))

    def action_next_flag(self) -> None:
        self._flag_step(1)

    def action_previous_flag(self) -> None:
        self._flag_step(-1)

    # -- operations
    def _do(self, op, *args, **kw):
        """Run one session operation; a refusal is a notification, never a crash."""
        if self.session is None:
            return None
        try:
            result = op(*args, **kw)
        except UserError as exc:
            self.app.notify(escape(visible(str(exc))), severity="error", timeout=8)
            return None
        self.app.roster = self.session.roster  # a learned name (or its undo) changes the roster
        self.refresh_all()
        return result

    def _selected_flag(self):
        if self.current_flag is not None and self.current_flag.resolution == "open":
            return self.current_flag
        if self.field is None or self.session is None:
            return None
        flags = flags_under(self.session.record.flags, self.field)
        return flags[0] if flags else None

    def _refuse_read_only(self) -> bool:
        """In a read-only review, say so before anything is typed."""
        if self.session is not None and self.session.read_only:
            self.app.notify(T.READ_ONLY_REFUSED.format(holder=self.session.lock_holder), severity="warning", timeout=5)
            return True
        return False

    def action_toggle_verified(self) -> None:
        if self.field is not None:
            self._do(self.session.toggle_verified, self.field)

    def action_undo(self) -> None:
        if self.session is not None and self._do(self.session.undo) is None:
            self.app.notify(T.NOTHING_TO_UNDO, timeout=2)

    def action_redo(self) -> None:
        if self.session is not None and self._do(self.session.redo) is None:
            self.app.notify(T.NOTHING_TO_REDO, timeout=2)

    def action_save(self) -> None:
        path = self._do(self.session.save) if self.session is not None else None
        if path is not None:
            self.app.notify(T.SAVED.format(path=path), timeout=3)

    def action_search(self) -> None:
        def find(text: str | None) -> None:
            raw = self.query_one("#raw", RawView)
            if not text:
                raw.matches = set()
                raw.refresh()
                return
            self.search_text = text
            needle = text.casefold()
            hits = [ln.no for ln in raw.lines if needle in ln.text.casefold()]
            raw.matches = set(hits)
            if not hits:
                self.app.notify(T.NOT_IN_TEXT.format(text=text), timeout=3)
                raw.refresh()
                return
            nxt = next((n for n in hits if n > raw.cursor), hits[0])
            raw.select((nxt, nxt))
            raw.focus()
            self.app.notify(T.counted(T.FOUND, len(hits), text=text), timeout=3)

        self.app.push_screen(PromptScreen(T.SEARCH_PROMPT, self.search_text), find)

    def action_help(self) -> None:
        widget = self.app.focused
        while widget is not None and not getattr(widget, "HELP", None):
            widget = widget.parent
        text = _(getattr(widget, "HELP", "")) if widget is not None else ""  # a class's HELP is its English source
        lines = [f"# {T.HELP_HEADING}", "", text or T.HELP_DEFAULT, "", f"## {T.KEYS_HERE}", ""]
        if widget is not None:
            for b in getattr(widget, "BINDINGS", []):
                lines.append(f"- `{self._keys_shown(b)}` {self._description(b)}")
        lines += ["", f"## {T.KEYS_EVERYWHERE}", ""]
        for b in self.BINDINGS:
            lines.append(f"- `{self._keys_shown(b)}` {self._description(b)}")
        lines += [f"- `ctrl+p` {_(actions.PALETTE_HELP)}"]
        self.app.push_screen(HelpScreen("\n".join(lines)))

    @staticmethod
    def _description(binding) -> str:
        """A binding's word in the language spoken now (the table's English source, translated)."""
        action = actions.by_id(binding.id) if binding.id else None
        return _(action.description) if action is not None else binding.description

    def _keys_shown(self, binding) -> str:
        """A binding's keys as people write them (?, F1, /, +), each remapped key as it is now."""
        keys = dict(self.app.config.keys).get(binding.id, binding.key) if binding.id else binding.key
        shown = (self.app.get_key_display(dataclasses.replace(binding, key=k.strip())) for k in keys.split(","))
        return ", ".join(re.sub(r"^f(\d+)$", r"F\1", k) for k in shown)

    def action_next_file(self) -> None:
        later = next_file(self.path)
        if later is None:
            self.app.notify(T.NO_NEXT_FILE, timeout=3)
            return

        def go(choice: str | None = "save") -> None:
            if choice == "keep":
                return
            if choice == "save" and self.session is not None and self.session.dirty:
                self._do(self.session.save)
            if self.session is not None:
                self.session.close()
            self.path = later
            self.session = None
            self.field = None
            self.current_flag = None
            self.query_one("#loading").remove_class("hidden")
            self._cancel_load = threading.Event()
            self.query_one("#status", Static).update(T.OPENING.format(name=escape(one_line(self.path.name))))
            self.load()

        if self.session is not None and self.session.dirty:
            self.app.push_screen(QuitScreen(), go)
        else:
            go()

    def action_quit_review(self) -> None:
        s = self.session
        if s is None or not s.dirty:
            self.close_and_exit()
            return

        def choice(answer: str) -> None:
            if answer == "keep":
                return
            if answer == "save" and self._do(s.save) is None:
                return
            self.close_and_exit(discard=answer == "discard")

        self.app.push_screen(QuitScreen(), choice)

    def close_and_exit(self, discard: bool = False) -> None:
        self.cancel_loading()  # quitting while a file is opened: its reader stops at once
        if self.session is not None:
            if discard:
                self.session.discard()
            self.session.close()
        self.app.leave_review(self)  # the end, or back to the inbox

    # -- raw pane repairs
    def on_raw_view_repair(self, event: RawView.Repair) -> None:
        s = self.session
        if s is None:
            return
        line = s.source.lines[event.line - 1].text
        column = source_column(line, event.column)
        if event.kind == "split" and not 0 < column < len(line):
            self.app.notify(T.SPLIT_WHERE, timeout=4)
            return
        if self._do(s.repair, event.kind, event.line, column if event.kind == "split" else None) is not None:
            self.app.notify(T.REPAIRED[event.kind], timeout=3)
