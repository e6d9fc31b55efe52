"""The inbox screen: every referat of a folder with its date, body, pages, state and review cost, a summary line, search and a filter by state; enter opens a review.

The folder and its states are the domain's (workbench.inbox.Inbox); this screen only shows them.
Two timers keep it current without a thread of its own: a quick one takes finished background
readings in and starts the next (`Inbox.pump`, on the shared executor), a slower one looks at the
folder's listing again (`Inbox.scan`: stat only), so files put into the folder appear without a
restart. The list is drawn again only when something changed; a reading's progress updates one cell.
"""
from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static

from workbench.errors import UserError, one_line
from workbench.tui import actions, text as T
from workbench.tui.screens.dialogs import HelpScreen, PromptScreen
from workbench.visible import visible

PUMP_SECONDS = 0.2   # background readings taken in
SCAN_SECONDS = 1.0   # the folder looked at again (stat only)
REDRAW_SECONDS = 1.0  # while files are read, the list is drawn again at most this often (keys stay quick)
FILTERS = (None, "unreviewed", "new", "draft", "verified", "changed")


def state_text(entry) -> Text:
    """The state cell: ny, læses 3/12, kladde · 5 flag, godkendt af …, ændret siden godkendt."""
    state = entry.state
    if state == "reading":
        done, total = entry.progress
        label = T.INBOX_READING_PAGES.format(done=done, total=total) if total else T.INBOX_STATE["reading"]
        return Text(label, style="cyan")
    label = T.INBOX_STATE.get(state, state)
    if state == "verified":
        when = entry.verified_at.strftime("%d-%m-%Y %H:%M") if entry.verified_at else ""
        label = T.INBOX_VERIFIED_BY.format(name=entry.reviewer or "?", when=when).strip()
        return Text(label, style="green")
    if state in ("draft", "new") and entry.flags is not None:
        label = f"{label} · {T.counted(T.INBOX_FLAGS, entry.flags)}"
    style = {"draft": "yellow", "changed": "magenta", "unreadable": "red"}.get(state, "")
    return Text(label, style=style)


def summary_line(summary) -> str:
    parts = [T.counted(T.INBOX_NEW, summary.count("new") + summary.count("reading")),
             T.INBOX_DRAFTS.format(n=summary.count("draft"), flags=summary.draft_flags),
             T.INBOX_VERIFIED.format(n=summary.count("verified"))]
    if summary.count("changed"):
        parts.append(T.INBOX_CHANGED.format(n=summary.count("changed")))
    if summary.count("unreadable"):
        parts.append(T.INBOX_UNREADABLE.format(n=summary.count("unreadable")))
    line = T.INBOX_SUMMARY_LINE.format(total=T.counted(T.INBOX_SUMMARY, summary.total),
                                       parts=T.INBOX_JOIN.join(parts))
    if summary.seconds or summary.corrections:
        line += T.INBOX_JOIN + T.INBOX_COST.format(time=T.duration(summary.seconds), n=summary.corrections)
    return line


def home_short(folder: Path) -> str:
    """The folder as she knows it: under her home folder as ~/…, elsewhere in full."""
    try:
        return str(Path("~") / Path(folder).resolve().relative_to(Path.home().resolve()))
    except (ValueError, RuntimeError, OSError):
        return str(folder)


class InboxTable(DataTable):
    BINDINGS = [b for b in actions.bindings("inbox") if b.id in ("inbox.down", "inbox.up")]
    HELP = T.INBOX_HELP

    def __init__(self, *args, **kw) -> None:
        super().__init__(*args, **kw)
        actions.translate(self)  # its bindings in the language spoken now, not when the class was made


class InboxScreen(Screen):
    BINDINGS = [b for b in actions.bindings("inbox") if b.id not in ("inbox.down", "inbox.up")]

    def __init__(self, inbox) -> None:
        super().__init__()
        actions.translate(self)  # its bindings in the language spoken now, not when the class was made
        self.inbox = inbox
        self.state_filter: str | None = None
        self.search_text = ""
        self._rows: list = []  # the entries shown, in order
        self._drawn = 0.0       # when the list was last drawn (monotonic)
        self._stale = False     # a reading changed the list since

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="summary")
        yield ProgressBar(total=None, id="reading", show_eta=False)
        yield Static("", id="inbox-status")
        yield InboxTable(id="inbox", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.app.sub_title = T.INBOX_HEAD.format(folder=one_line(home_short(self.inbox.folder)))
        table = self.query_one("#inbox", InboxTable)
        for label in T.INBOX_COLUMNS:
            table.add_column(label, key=label)
        table.focus()
        self._scan()
        self.redraw()
        self.set_interval(PUMP_SECONDS, self._pump)
        self.set_interval(SCAN_SECONDS, self._rescan)
        self._pump()

    def on_screen_resume(self) -> None:
        """Back from a review: its record may have changed the counts."""
        if self.is_mounted:
            self._scan()
            self.redraw()  # always: the app may have scanned already (after V)

    # -- the timers
    def _scan(self) -> bool:
        try:
            return self.inbox.scan()
        except UserError as exc:
            self.query_one("#inbox-status", Static).update(f"[red]{escape(visible(str(exc)))}[/red]")
            return False

    def _rescan(self) -> None:
        if self.app.screen is self and self._scan():
            self.redraw()

    def _pump(self) -> None:
        import time

        reading_before = self.inbox.reading()
        if not self.inbox.pump():
            if self._stale and not self.inbox.busy():
                self.redraw()
            return
        now = self.inbox.reading()
        if now is not None and now is reading_before and self._progress_only(now):
            return
        if self.inbox.busy() and time.monotonic() - self._drawn < REDRAW_SECONDS:
            self._stale = True  # many small files read in a row: drawn once a second, not after each
            self._reading_bar()
            return
        self.redraw()

    def _progress_only(self, entry) -> bool:
        """Only the reading's progress moved: one cell and the bar, not the list."""
        table = self.query_one("#inbox", InboxTable)
        try:
            table.update_cell(entry.name, T.INBOX_COLUMNS[3], state_text(entry))
        except Exception:  # the row is not shown (filtered out)
            pass
        self._reading_bar()
        return True

    # -- drawing
    def redraw(self) -> None:
        import time

        self._drawn, self._stale = time.monotonic(), False
        table = self.query_one("#inbox", InboxTable)
        keep = self._selected()
        rows = self.inbox.shown(self.state_filter, self.search_text)
        self._rows = rows
        table.clear()
        for e in rows:
            table.add_row(e.date.strftime("%d-%m-%Y") if e.date else "", escape(visible(e.body or "")),
                          "" if e.pages is None else str(e.pages), state_text(e), T.duration(e.seconds),
                          "" if e.corrections is None else str(e.corrections), visible(e.name), key=e.name)
        if keep is not None and keep.name in {e.name for e in rows}:
            table.move_cursor(row=[e.name for e in rows].index(keep.name), animate=False)
        self.query_one("#summary", Static).update(escape(summary_line(self.inbox.summary())))
        self._status_line(rows)
        self._reading_bar()

    def _status_line(self, rows) -> None:
        total = len(self.inbox.entries)
        if total == 0:
            text = T.INBOX_EMPTY.format(folder=visible(str(self.inbox.folder)))
        elif not rows:
            text = T.INBOX_NONE_SHOWN
        elif self.state_filter is not None or self.search_text:
            text = T.INBOX_FILTERED.format(shown=len(rows), total=total, state=T.INBOX_FILTER_NAMES[self.state_filter])
            if self.search_text:
                text += T.INBOX_JOIN + T.INBOX_SEARCHED.format(text=self.search_text)
        else:
            text = ""
        self.query_one("#inbox-status", Static).update(escape(text))

    def _reading_bar(self) -> None:
        bar = self.query_one("#reading", ProgressBar)
        entry = self.inbox.reading()
        if entry is None:
            bar.add_class("hidden")
            return
        bar.remove_class("hidden")
        done, total = entry.progress
        bar.update(total=total or None, progress=done)

    def _selected(self):
        table = self.query_one("#inbox", InboxTable)
        if not self._rows or table.cursor_row is None or not 0 <= table.cursor_row < len(self._rows):
            return None
        return self._rows[table.cursor_row]

    @property
    def shown(self) -> list:
        """The entries on show, in order (the tests read it)."""
        return list(self._rows)

    # -- keys
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        entry = self._selected()
        if entry is not None:
            self.app.open_review(Path(entry.path))

    def action_search(self) -> None:
        def search(text: str | None) -> None:
            if text is None:
                return
            self.search_text = " ".join(text.split())
            self.redraw()

        self.app.push_screen(PromptScreen(T.INBOX_SEARCH_PROMPT, self.search_text), search)

    def action_filter(self) -> None:
        self.state_filter = FILTERS[(FILTERS.index(self.state_filter) + 1) % len(FILTERS)]
        self.redraw()

    def action_clear(self) -> None:
        if self.state_filter is not None or self.search_text:
            self.state_filter, self.search_text = None, ""
            self.redraw()

    def action_help(self) -> None:
        lines = [f"# {T.INBOX_TITLE}", "", T.INBOX_HELP, "", f"## {T.KEYS_HERE}", ""]
        for b in actions.bindings("inbox"):
            lines.append(f"- `{b.key}` {b.description}")
        self.app.push_screen(HelpScreen("\n".join(lines)))

    def action_quit_inbox(self) -> None:
        self.inbox.stop()
        self.app.exit()
