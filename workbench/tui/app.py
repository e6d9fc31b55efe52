"""The review workbench: raw text beside the parsed structure, flags one key away.

One factory (`build_app`) makes the app for the command line and the tests alike. The record
lives in a `ReviewSession` (workbench.review); this module only shows it and turns keys into
session operations. Long work (extraction of a long PDF) runs in a worker thread that never
touches a widget: it hands its result back with `call_from_thread`.
"""
from __future__ import annotations

import asyncio
import dataclasses
import re
import threading
from pathlib import Path

from rich.markup import escape
from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, ProgressBar, Static, Tree

from workbench.review import outline
from workbench.errors import UserError, one_line
from workbench.tui.guard import GuardMixin
from workbench.tui.commands import ReviewCommands
from workbench.tui.screens.form import ChoiceScreen, FormScreen
from workbench.tui.screens.dialogs import ConfirmScreen, HelpScreen, PromptScreen, QuitScreen
from workbench.tui.screens.editor import EditScreen
from workbench.tui.widgets.detail import DetailPane
from workbench.visible import visible
from workbench.tui.widgets.raw import RawView, source_column

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


class StructureTree(Tree):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", id="tree.down", show=False),
        Binding("k", "cursor_up", "Up", id="tree.up", show=False),
        Binding("space", "app.toggle_verified", "Verified", id="tree.verified", show=False),
    ]
    HELP = ("The parsed record: meeting, Indholdsfortegnelse, each item with its sections, tables, people, "
            "attachments and decisions, Bilagsoversigt, signatures. ⚑N counts a node's open flags, ✓ marks a "
            "verified field. Enter opens a node; e edits the selected field; space marks it verified; + adds "
            "below it, x deletes it, m moves a section under another heading.")


class WorkbenchApp(GuardMixin, App):
    CSS_PATH = "workbench.tcss"
    TITLE = "Referat workbench"
    COMMANDS = App.COMMANDS | {ReviewCommands}
    BINDINGS = [
        Binding("tab", "focus_next", "Next pane", id="pane.next", show=False),
        Binding("shift+tab", "focus_previous", "Previous pane", id="pane.previous", show=False),
        Binding("n", "next_flag", "Next flag", id="flag.next"),
        Binding("N", "previous_flag", "Previous flag", id="flag.previous"),
        Binding("e", "edit", "Edit", id="field.edit"),
        Binding("a", "accept_flag", "Accept flag", id="flag.accept"),
        Binding("space", "toggle_verified", "Verified", id="field.verified"),
        Binding("r", "learn_name", "Learn name", id="name.learn", show=False),
        Binding("plus", "add", "Add", id="structure.add", show=False),
        Binding("x,delete", "delete", "Delete", id="structure.delete", show=False),
        Binding("m", "move_section", "Move section", id="structure.move", show=False),
        Binding("ctrl+z", "undo", "Undo", id="undo"),
        Binding("ctrl+y", "redo", "Redo", id="redo", show=False),
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("V", "verify", "Verify", id="record.verify"),
        Binding("slash", "search", "Search", id="search"),
        Binding("question_mark,f1", "help", "Help", id="help"),
        Binding("q", "quit_review", "Quit", id="quit"),
        Binding("escape", "cancel_load", "Cancel opening", id="load.cancel", show=False),
    ]

    def __init__(self, path: str | Path, config, roster, out_dir: Path | None = None, reviewer: str | None = None):
        super().__init__()
        self.path = Path(path)
        self.config = config
        self.roster = roster
        self.out_dir = out_dir
        self.reviewer = reviewer or config.reviewer or None
        self.session = None
        self._tree_moves = 0  # moves of the tree's cursor asked for: a deferred move older than the last is dropped
        self.nodes: list[outline.Node] = []
        self.field: str | None = None
        self.current_flag = None
        self.search_text = ""
        self.load_error: str | None = None
        self._shown: tuple = (None, None)
        self._cancel_load = threading.Event()  # set: the reader of the file being opened stops at once
        if config.keys:
            self.set_keymap(dict(config.keys))

    # -- layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"{escape(one_line(self.path.name))} · opening… (escape cancels)", id="status")
        yield ProgressBar(total=None, id="loading", show_eta=False)
        with Horizontal(id="panes"):
            yield RawView(id="raw")
            with Vertical(id="side"):
                yield StructureTree("Referat", id="tree")
                yield DetailPane(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#raw", RawView).border_title = "Raw text"
        self.query_one("#tree", Tree).border_title = "Structure"
        self.query_one("#detail", DetailPane).border_title = "Detail"
        self.query_one("#tree", Tree).focus()
        self.guard_signals()  # SIGTERM stops the screen at once, not at the next key
        self.load()

    def on_unmount(self) -> None:
        self.unguard_signals()

    # -- loading (a worker: it never touches a widget)
    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        from workbench.review import ReviewSession

        from workbench.ingest import Cancelled

        cancel = self._cancel_load  # this load's own: a next file gets a new one

        def progress(done: int, total: int) -> None:
            if cancel.is_set():
                raise Cancelled(f"{self.path}: opening cancelled after {done} of {total} pages")
            self.call_from_thread(self._progress, done, total)

        try:
            session = ReviewSession.open(self.path, self.config, self.roster, out_dir=self.out_dir,
                                         reviewer=self.reviewer, progress=progress, cancel=cancel)
        except UserError as exc:
            self._tell(self._failed, str(exc))
            return
        if cancel.is_set():  # cancelled (or quit) as the reading ended: the session is not wanted
            session.close()
            self._tell(self._failed, f"{self.path}: opening cancelled")
            return
        if not self._tell(self._loaded, session):
            session.close()

    def _tell(self, method, *args) -> bool:
        """From the worker: run on the screen's thread, unless the app has gone meanwhile (quit)."""
        try:
            self.call_from_thread(method, *args)
            return True
        except RuntimeError:
            return False

    def action_cancel_load(self) -> None:
        if self.session is None and self.load_error is None:
            self._cancel_load.set()  # the PDF reader is killed within a tenth of a second
            self.query_one("#status", Static).update(f"{escape(one_line(self.path.name))} · cancelling…")

    def _progress(self, done: int, total: int) -> None:
        bar = self.query_one("#loading", ProgressBar)
        bar.update(total=total, progress=done)

    def _failed(self, message: str) -> None:
        self.load_error = message
        self.query_one("#loading").add_class("hidden")
        self.query_one("#status", Static).update(f"[red]{escape(visible(message))}[/red]")
        self.notify(escape(visible(message)), title="Cannot open", severity="error", timeout=30)

    def _loaded(self, session) -> None:
        self.session = session
        self.query_one("#loading").add_class("hidden")
        if session.read_only:
            self.notify(f"Held by {session.lock_holder}: opened read-only.", title="In use", severity="warning", timeout=15)
        self.refresh_all()
        tree = self.query_one("#tree", Tree)
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
        self._rebuild_tree()
        self._show_detail()

    def _status(self) -> None:
        s = self.session
        review = s.record.review
        open_n = len(s.open_flags())
        state = "[green]verified[/green]" if review.status == "verified" else "draft"
        extra = " · [yellow]read-only[/yellow]" if s.read_only else ""
        unsaved = " · [b]unsaved[/b]" if s.dirty else ""
        # what matters first: a long file name is cut at the right, never the count or "read-only"
        self.query_one("#status", Static).update(
            f"{state} · {open_n} open flag{'s' if open_n != 1 else ''}{unsaved}{extra} · {escape(one_line(self.path.name))}")
        self.sub_title = f"{one_line(self.path.name)} — {review.status}, {open_n} open"

    def _rebuild_tree(self) -> None:
        tree = self.query_one("#tree", Tree)
        expanded = {n.data.field for n in _tree_nodes(tree.root) if n.data is not None and n.is_expanded}
        first = not self.nodes  # the first time everything is open: n never has to unfold the tree
        keep = self.field
        self.nodes = outline.build(self.session.record)
        verified = set(self.session.record.review.verified_fields)
        flags = outline.FlagIndex(self.session.record.flags)  # counted per node: indexed once
        tree.clear()
        tree.root.data = None

        def add(parent, node: outline.Node) -> None:
            n_open = len(outline.flags_under(flags, node.field))
            label = escape(visible(node.label))  # a value may hold ESC, BEL, …: drawn escaped
            if n_open:
                label += f" [yellow]⚑{n_open}[/yellow]"
            if node.field in verified:
                label += " [green]✓[/green]"
            if node.children:
                child = parent.add(label, data=node, expand=node.field in expanded or (first and parent is tree.root))
                for c in node.children:
                    add(child, c)
            else:
                parent.add_leaf(label, data=node)

        for node in self.nodes:
            add(tree.root, node)
        tree.root.expand()
        if keep:
            # the rebuilt tree knows its lines only after the next refresh: move the cursor then, so it
            # stays on the node acted on (or the nearest surviving one) and never falls back to the root
            self.call_after_refresh(self._cursor_to, keep, self._tree_moves)

    def _cursor_to(self, field: str, keys: int | None = None) -> None:
        """The tree's cursor onto the field's node (unfolding what hides it). `keys`: a move asked
        for before a refresh, dropped if the cursor has been moved since (by a key of the tree's,
        or to another field by n, N or a search): it must never jump back to where it was."""
        if keys is None:
            self._tree_moves += 1
        elif keys != self._tree_moves:
            return
        tree = self.screen_stack[0].query_one("#tree", Tree)
        target = None
        for n in _tree_nodes(tree.root):
            if n.data is not None and (n.data.field == field or field.startswith(n.data.field + ".")
                                       or field.startswith(n.data.field + "[")):
                if target is None or len(n.data.field) > len(target.data.field):
                    target = n
        if target is None:
            return
        parent = target.parent
        unfolded = False
        while parent is not None:
            if not parent.is_expanded:
                parent.expand()
                unfolded = True
            parent = parent.parent
        if unfolded:  # the tree knows the new lines only after its next refresh
            self.call_after_refresh(self._move_tree_cursor, target, self._tree_moves)
        elif tree.cursor_node is not target:
            tree.move_cursor(target)

    def _move_tree_cursor(self, target, keys: int) -> None:
        """A deferred cursor move, unless she has moved the tree with a key since: the cursor must
        never jump back under her to where it was before she moved it."""
        if keys == self._tree_moves:
            self.screen_stack[0].query_one("#tree", Tree).move_cursor(target)

    def _node(self) -> outline.Node | None:
        if self.field is None:
            return None
        return next((n for n in outline.walk(self.nodes) if n.field == self.field), None)

    def _show_detail(self) -> None:
        self._shown = (self.field, self.current_flag)
        body = self.query_one("#detail", DetailPane)
        s = self.session
        if s is None or self.field is None:
            body.show("[dim]Select a field in the structure, or press n for the next flag.[/dim]")
            return
        node = self._node()
        parts = [f"[b]{escape(self.field)}[/b]"]
        if node is not None and node.leaf:
            try:
                value = s.get(self.field)
            except Exception:
                value = None
            if isinstance(value, list) and _ROW.match(self.field):  # a table row: its cells, as in the tree
                shown = " | ".join(_as_typed(v) for v in value)
            else:
                shown = _as_typed(value)
            parts.append(escape(shown) if value not in (None, "", []) else "[dim](no value)[/dim]")
        elif node is not None:
            parts.append(escape(node.label))
        if self.field in s.record.review.verified_fields:
            parts.append("[green]✓ verified[/green]")
        flags = outline.flags_under(s.record.flags, self.field, open_only=False)
        if flags:
            parts.append("")
            parts.append("[b]Flags[/b]")
        for f in flags:
            mark = "▶ " if self.current_flag is not None and f.id == self.current_flag.id else ""
            parts.append(f"{mark}[{SEVERITY_STYLE[f.severity]}]{f.severity} {f.kind}[/] "
                         f"(lines {f.lines[0]}–{f.lines[1]}) [dim]{f.resolution}[/dim]")
            parts.append(f"  {escape(f.message)}")
            if f.excerpt:
                parts.append(f"  [dim]seen:[/dim] {escape(f.excerpt)}")
            if f.suggestion:
                parts.append(f"  [dim]suggestion:[/dim] {escape(f.suggestion)}")
        history = s.history(self.field)
        if history:
            parts.append("")
            parts.append("[b]History[/b]")
            for c in history:
                parts.append(f"  {c.at:%Y-%m-%d %H:%M:%S}  {escape(_as_typed(c.before))} → {escape(_as_typed(c.after))}"
                             + (f" [dim]({escape(c.note)})[/dim]" if c.note else ""))
        body.show("\n".join(parts))

    # -- selection
    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        self._highlight(event.node.data)


    def _highlight(self, node) -> None:
        if node is None or (node.field == self.field and self._shown == (self.field, self.current_flag)):
            return  # already on show (n moved the cursor here)
        self.field = node.field
        if self.current_flag is not None and not outline._within(self.current_flag.field, node.field) \
                and not outline._within(node.field, self.current_flag.field):
            self.current_flag = None
        span = self.current_flag.lines if self.current_flag is not None else node.span
        self.query_one("#raw", RawView).select(span)
        self._show_detail()

    def goto_field(self, field: str) -> None:
        self.field = field
        self._cursor_to(field)
        self._show_detail()

    # -- flags
    def _flag_step(self, delta: int) -> None:
        s = self.session
        if s is None:
            return
        flags = self.unresolved()
        if not flags:
            self.notify("No open flags.", timeout=3)
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
        node = outline.node_for_flag(self.nodes, flag)
        self.field = node.field if node is not None else flag.field
        if node is not None:
            self._cursor_to(node.field)
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
            moves = tree is not None and event.key in tree._bindings.key_to_bindings  # a key of the tree's own
            line = tree.cursor_line if moves else None
            self._tree_moves += moves
            handled = await self._check_bindings(event.key, priority=True) or await self._check_bindings(event.key)
            if moves and tree.cursor_line != line and tree.cursor_node is not None:
                self._highlight(tree.cursor_node.data)  # the key moved the tree: the next key acts there
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

    def _do(self, op, *args, **kw):
        """Run one session operation; a refusal is a notification, never a crash."""
        if self.session is None:
            return None
        try:
            result = op(*args, **kw)
        except UserError as exc:
            self.notify(escape(visible(str(exc))), severity="error", timeout=8)
            return None
        self.roster = self.session.roster  # a learned name (or its undo) changes the roster
        self.refresh_all()
        return result

    def _selected_flag(self):
        if self.current_flag is not None and self.current_flag.resolution == "open":
            return self.current_flag
        if self.field is None or self.session is None:
            return None
        flags = outline.flags_under(self.session.record.flags, self.field)
        return flags[0] if flags else None

    def _refuse_read_only(self) -> bool:
        """In a read-only review, say so before anything is typed."""
        if self.session is not None and self.session.read_only:
            self.notify(f"Read-only: {self.session.lock_holder} is reviewing this referat.", severity="warning", timeout=5)
            return True
        return False

    def action_edit(self) -> None:
        if self._refuse_read_only():
            return
        node = self._node()
        if self.session is not None and node is not None and _TABLE.match(node.field):
            self._columns_form(node.field)
            return
        if self.session is None or node is None or not node.leaf:
            self.notify("Select a field to edit (a leaf of the structure).", timeout=3)
            return
        if _ROW.match(node.field):
            self._row_form(node.field)
            return
        if _ATTACHMENT.match(node.field):
            self._attachment_form(_ATTACHMENT.match(node.field).group("att"))
            return
        try:
            value = self.session.get(node.field)
        except Exception:
            value = None
        text = "" if value is None else (value.strftime("%H:%M") if hasattr(value, "strftime") and node.kind == "time"
                                         else str(value))
        field = node.field

        def done(result: str | None) -> None:
            if result is None or result == text:
                return
            self._do(self.session.edit, field, result)

        self.push_screen(EditScreen(field, text, node.kind, self.roster, title=node.label), done)

    def _section_choices(self) -> list[tuple[str, str]]:
        """The configured section headings by name (their key after it), in config order."""
        return [(key, f"{heads[0].rstrip(' *')}  ({key})" if heads else key)
                for key, heads in self.config.section_headings.items()]

    def _try(self, op, *args) -> str | None:
        """Make one change for a form; the reason it was refused, or None once it is made."""
        try:
            op(*args)
        except UserError as exc:
            return str(exc)
        self.refresh_all()
        return None

    def _row_form(self, field: str, new: bool = False) -> None:
        """A table row as cells: one field per column."""
        table_field = field.rsplit(".rows", 1)[0]
        table = self.session.get(table_field)
        columns = list(table.get("columns") or []) if isinstance(table, dict) else list(table.columns)
        rows = table.get("rows") if isinstance(table, dict) else table.rows
        width = len(columns) or max((len(r) for r in rows), default=2)
        cells = [""] * width if new else [str(c) for c in self.session.get(field)]
        cells += [""] * (width - len(cells))
        labels = columns or [f"Kolonne {k + 1}" for k in range(width)]
        fields = [(str(k), labels[k] or f"Kolonne {k + 1}", cells[k]) for k in range(width)]

        def apply(values: dict) -> str | None:
            row = [values[str(k)].strip() for k in range(width)]
            if new:
                return self._try(self.session.add, field, row)
            return None if row == cells else self._try(self.session.edit, field, row)

        self.push_screen(FormScreen("New row" if new else f"Row {field}", fields, apply))

    def _columns_form(self, field: str) -> None:
        """A table's columns: rename one, empty its name to remove it (with its cells in every row), or
        name a new one in the last field (an empty cell is added to every row)."""
        table = self.session.get(field)
        columns, rows = list(table.get("columns") or []), [list(r) for r in table.get("rows") or []]
        header = bool(columns)
        width = len(columns) or max((len(r) for r in rows), default=0)
        names = columns if header else [f"({k + 1})" for k in range(width)]
        fields = [(str(k), f"Kolonne {k + 1}", names[k]) for k in range(width)]
        fields.append(("new", "Ny kolonne (tom: ingen)", ""))

        def apply(values: dict) -> str | None:
            keep = [k for k in range(width) if values[str(k)].strip()]
            added = values["new"].strip()
            if not keep and not added:
                return "a table needs at least one column"
            new_rows = [[(row[k] if k < len(row) else "") for k in keep] + ([""] if added else []) for row in rows]
            new_columns = ([values[str(k)].strip() for k in keep] + ([added] if added else [])) if header else []
            if new_columns == columns and new_rows == rows:
                return None
            return self._try(self.session.edit, field, {"columns": new_columns, "rows": new_rows})

        self.push_screen(FormScreen(f"Columns of {field}", fields, apply))

    def _attachment_form(self, field: str, new: bool = False) -> None:
        """An attachment's number, access (åben/lukket), title and document number."""
        old = {} if new else (self.session.get(field) or {})
        fields = [("number", "Nummer", str(old.get("number") or "")),
                  ("access", "Adgang (åben / lukket)", {"open": "åben", "closed": "lukket"}.get(old.get("access"), "")),
                  ("title", "Titel", old.get("title") or ""), ("ref", "Dokumentnummer", old.get("ref") or "")]

        def apply(values: dict) -> str | None:
            number = values["number"].strip()
            if number and not number.isdigit():
                return f"the number must be a whole number, not '{number}'"
            access = _ACCESS_WORDS.get(values["access"].strip().casefold(), values["access"].strip())
            if access and access not in ("open", "closed"):
                return f"access is åben or lukket, not '{values['access']}'"
            obj = {"number": int(number) if number else None, "access": access or None,
                   "title": values["title"].strip() or None, "ref": values["ref"].strip() or None}
            if new:
                return self._try(self.session.add, field, {k: v for k, v in obj.items() if v is not None})
            changed = {k: v for k, v in obj.items() if v != old.get(k)}
            return None if not changed else self._try(self.session.edit, field, changed)

        self.push_screen(FormScreen("New attachment" if new else f"Attachment {field}", fields, apply))

    def action_accept_flag(self) -> None:
        flag = self._selected_flag()
        if flag is None:
            self.notify("No open flag here: n goes to the next one.", timeout=3)
            return
        if flag.severity == "error":  # the record is wrong as it stands unless she says why it is not
            if self._refuse_read_only():
                return

            def because(reason: str | None) -> None:
                if reason and self._do(self.session.resolve, flag.id, "accepted", reason) is not None:
                    self.notify(f"Accepted: {flag.kind} ({reason})", timeout=3)
                    self.current_flag = None

            self.push_screen(PromptScreen(f"Error {flag.kind}: why is the record right as it stands? "
                                          "(kept in the record; escape: correct it instead)"), because)
            return
        if self._do(self.session.resolve, flag.id, "accepted") is not None:
            self.notify(f"Accepted: {flag.kind}", timeout=2)
            self.current_flag = None

    def action_toggle_verified(self) -> None:
        if self.field is not None:
            self._do(self.session.toggle_verified, self.field)

    def action_learn_name(self) -> None:
        """r on a name_unknown flag: learn the name, as another name of a roster person (ranked, her
        choice) or as a new person with a title. Nothing is bound without asking; ctrl+z takes it back."""
        flag = self._selected_flag()
        if flag is None or flag.kind != "name_unknown" or self.session is None:
            self.notify("r works on a name_unknown flag.", timeout=3)
            return
        if self._refuse_read_only():
            return
        from workbench.userdata import writable_roster

        name = flag.excerpt
        path = writable_roster(self.config.roster_path)
        choices = [(f"alias\x1f{m.person.name}", f"Another name of {m.person.name}"
                    + (f" ({', '.join(m.person.titles[:2])})" if m.person.titles else ""))
                   for m in self.roster.match(name, limit=5)]
        choices.append(("person", f"A new person: {name}"))

        def learn(learned: dict) -> None:
            if self._do(self.session.learn_name, flag.id, learned, path) is not None:
                self.roster = self.session.roster
                self.notify(f"Learned {learned['name']!r} (ctrl+z takes it back).", timeout=4)

        def chosen(choice: str | None) -> None:
            if not choice:
                return
            if choice.startswith("alias\x1f"):
                learn({"as": "alias", "name": name, "person": choice.split("\x1f", 1)[1]})
                return
            self.push_screen(PromptScreen(f"Title of {name} (e.g. Økonomichef), or empty:"),
                             lambda title: None if title is None else learn(
                                 {"as": "person", "name": name, "title": title.strip() or None}))

        self.push_screen(ChoiceScreen(f"Learn '{name}' as…", choices), chosen)

    def action_add(self) -> None:
        if self._refuse_read_only():
            return
        node = self._node()
        if node is None or self.session is None:
            return
        field = node.field if not node.leaf else node.field.rsplit(".", 1)[0].rsplit("[", 1)[0]
        group = field.rsplit(".", 1)[-1]
        if field.endswith(".sections") or (node.leaf and ".sections." in node.field):
            item = int(node.field.split("[")[1].split("]")[0])

            def add_section(key: str | None) -> None:
                if key:
                    self._do(self.session.add_section, item, key)

            self.push_screen(ChoiceScreen("Add which section?", self._section_choices()), add_section)
            return
        table = re.match(r"^(items\[\d+\]\.tables\[\d+\])(?:\.rows(?:\[\d+\])?)?$", node.field)
        if table:
            self._row_form(table.group(1) + ".rows", new=True)
            return
        if group == "attachments" or (node.field.startswith("items[") and node.field.count(".") == 0):
            self._attachment_form(field if group == "attachments" else node.field + ".attachments", new=True)
            return
        if group not in ("items", "attachments", "members", "absent", "people", "decisions", "signatures"):
            if node.field.startswith("items[") and node.field.count(".") == 0:
                field, group = node.field + ".attachments", "attachments"
            else:
                self.notify("Nothing to add here: select items, attachments, people, decisions or signatures.", timeout=4)
                return
        question = {"items": "New item's title:", "attachments": "New attachment's title:",
                    "decisions": "New decision's text:"}.get(group, "Name (title first, e.g. 'Økonomichef Bettina Andersen'):")

        def add(value: str | None) -> None:
            if not value:
                return
            if group == "items":
                obj = {"title": value}
            elif group == "attachments":
                obj = {"title": value}
            elif group == "decisions":
                obj = {"text": value}
            else:
                from workbench.names import split_title

                title, name = split_title(value, self.roster)
                obj = {"title": title, "name": name}
            self._do(self.session.add, field, obj)

        self.push_screen(PromptScreen(question), add)

    def action_delete(self) -> None:
        node = self._node()
        if node is None or self.session is None:
            return
        field = node.field
        for suffix in (".name", ".title", ".text"):
            if field.endswith(suffix) and field[: -len(suffix)].endswith("]"):
                field = field[: -len(suffix)]
        what = _describe(self.session.get(field))

        def confirmed(yes: bool | None) -> None:
            if yes and self._do(self.session.delete, field) is not None:
                self.notify(f"Deleted {field} (ctrl+z undoes it).", timeout=4)

        self.push_screen(ConfirmScreen(f"Delete {escape(visible(what))} ({field})?"), confirmed)

    def action_move_section(self) -> None:
        if self._refuse_read_only():
            return
        node = self._node()
        if node is None or ".sections." not in node.field:
            self.notify("m moves a section: select one first.", timeout=3)
            return
        item = int(node.field.split("[")[1].split("]")[0])
        key = node.field.rsplit(".", 1)[1]

        def move(new_key: str | None) -> None:
            if new_key:
                self._do(self.session.move_section, item, key, new_key)
                self.field = f"items[{item}].sections.{new_key}"

        choices = [(k, label) for k, label in self._section_choices() if k != key]
        self.push_screen(ChoiceScreen(f"Move section '{key}' under which heading?", choices), move)

    def action_undo(self) -> None:
        if self.session is not None and self._do(self.session.undo) is None:
            self.notify("Nothing to undo.", timeout=2)

    def action_redo(self) -> None:
        if self.session is not None and self._do(self.session.redo) is None:
            self.notify("Nothing to redo.", timeout=2)

    def action_save(self) -> None:
        path = self._do(self.session.save) if self.session is not None else None
        if path is not None:
            self.notify(f"Saved {path}", timeout=3)

    def action_verify(self) -> None:
        s = self.session
        if s is None:
            return
        if s.record.review.status == "verified":
            def back(reason: str | None) -> None:
                if reason:
                    self._do(s.unverify, reason)

            self.push_screen(PromptScreen("The record is verified. Why return it to draft?"), back)
            return

        def verify(name: str | None) -> None:
            if not name:
                return
            self.reviewer = name
            if self._do(s.verify, name) is not None or s.record.review.status == "verified":
                self.notify(f"Verified by {name} and saved.", timeout=4)

        if self.reviewer:
            verify(self.reviewer)
        elif s.open_flags():
            self._do(s.verify, None)  # refused with the reason, before asking anything
        else:
            self.push_screen(PromptScreen("Who is verifying? (your name)"), verify)

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
                self.notify(f"'{text}' is not in the text.", timeout=3)
                raw.refresh()
                return
            nxt = next((n for n in hits if n > raw.cursor), hits[0])
            raw.select((nxt, nxt))
            raw.focus()
            self.notify(f"{len(hits)} line{'s' if len(hits) > 1 else ''} with '{text}'", timeout=3)

        self.push_screen(PromptScreen("Search the raw text:", self.search_text), find)

    def action_help(self) -> None:
        focused = self.focused
        widget = focused
        while widget is not None and not getattr(widget, "HELP", None):
            widget = widget.parent
        text = getattr(widget, "HELP", "") if widget is not None else ""
        lines = ["# Help", "", text or "The review workbench.", "", "## Keys here", ""]
        if widget is not None:
            for b in getattr(widget, "BINDINGS", []):
                lines.append(f"- `{self._keys_shown(b)}` {b.description}")
        lines += ["", "## Keys everywhere", ""]
        for b in self.BINDINGS:
            lines.append(f"- `{self._keys_shown(b)}` {b.description}")
        lines += ["- `ctrl+p` command palette (save, verify, go to item N, next file, theme)"]
        self.push_screen(HelpScreen("\n".join(lines)))

    def _keys_shown(self, binding) -> str:
        """A binding's keys as people write them (?, F1, /, +), each remapped key as it is now."""
        keys = dict(self.config.keys).get(binding.id, binding.key) if binding.id else binding.key
        shown = (self.get_key_display(dataclasses.replace(binding, key=k.strip())) for k in keys.split(","))
        return ", ".join(re.sub(r"^f(\d+)$", r"F\1", k) for k in shown)

    def action_next_file(self) -> None:
        folder = self.path.parent
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".pdf", ".txt", ".md") and p.is_file())
        later = [p for p in files if p.name > self.path.name]
        if not later:
            self.notify("No next file in this folder.", timeout=3)
            return

        def go(choice: str | None = "save") -> None:
            if choice == "keep":
                return
            if choice == "save" and self.session is not None and self.session.dirty:
                self._do(self.session.save)
            if self.session is not None:
                self.session.close()
            self.path = later[0]
            self.session = None
            self.field = None
            self.current_flag = None
            self.query_one("#loading").remove_class("hidden")
            self._cancel_load = threading.Event()
            self.query_one("#status", Static).update(f"{escape(one_line(self.path.name))} · opening… (escape cancels)")
            self.load()

        if self.session is not None and self.session.dirty:
            self.push_screen(QuitScreen(), go)
        else:
            go()

    def action_quit_review(self) -> None:
        s = self.session
        if s is None or not s.dirty:
            self._close_and_exit()
            return

        def choice(answer: str) -> None:
            if answer == "keep":
                return
            if answer == "save" and self._do(s.save) is None:
                return
            self._close_and_exit(discard=answer == "discard")

        self.push_screen(QuitScreen(), choice)

    def _close_and_exit(self, discard: bool = False) -> None:
        self._cancel_load.set()  # quitting while a file is opened: its reader stops at once
        if self.session is not None:
            if discard:
                self.session.discard()
            self.session.close()
        self.exit()

    # -- raw pane repairs
    def on_raw_view_repair(self, event: RawView.Repair) -> None:
        s = self.session
        if s is None:
            return
        line = s.source.lines[event.line - 1].text
        column = source_column(line, event.column)
        if event.kind == "split" and not 0 < column < len(line):
            self.notify("Put the cursor inside the line (left/right) where it should be split.", timeout=4)
            return
        if self._do(s.repair, event.kind, event.line, column if event.kind == "split" else None) is not None:
            self.notify({"join": "Joined with the next line", "split": "Split", "furniture": "Marked as page furniture"}[event.kind]
                        + " (ctrl+z undoes it).", timeout=3)


_TABLE = re.compile(r"^items\[\d+\]\.tables\[\d+\]$")
_ROW = re.compile(r"^items\[\d+\]\.tables\[\d+\]\.rows\[\d+\]$")
_ATTACHMENT = re.compile(r"^(?P<att>items\[\d+\]\.attachments\[\d+\])(?:\.\w+)?$")
_ACCESS_WORDS = {"åben": "open", "aaben": "open", "open": "open", "lukket": "closed", "closed": "closed"}


def _as_typed(value) -> str:
    """A value of the history as the secretary typed or saw it, not as Python writes it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        if value and all(isinstance(v, list) for v in value):
            return " / ".join(" | ".join(map(str, row)) for row in value)
        return ", ".join(_as_typed(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_as_typed(v)}" for k, v in value.items())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _describe(value) -> str:
    """A value as a person recognises it in a question: its title, name or text, shortened."""
    for key in ("title", "name", "text"):
        got = value.get(key) if isinstance(value, dict) else getattr(value, key, None)
        if got:
            value = got
            break
    text = " ".join(str(value).split())
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _tree_nodes(node):
    yield node
    for child in node.children:
        yield from _tree_nodes(child)


def build_app(path, config, roster, out_dir=None, reviewer=None) -> WorkbenchApp:
    """The one factory, for the command line and the tests alike."""
    return WorkbenchApp(path, config, roster, out_dir=out_dir, reviewer=reviewer)
