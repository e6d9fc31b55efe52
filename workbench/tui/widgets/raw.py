"""The raw pane: the source lines with their numbers, drawn only where they are in view.

Page boundaries show in the gutter, page furniture is greyed, flagged lines are marked, the
selected field's lines are highlighted. `J`, `S` and `H` repair the source (join, split at
the cursor's column, mark as page furniture) as corrections laid over the lines.
"""
from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.tui.actions import bindings, translate
from workbench.tui import text as T

GUTTER = 8
SPLIT = " ⏎ "  # where a line was split in review: both parts stay on the line's own number


def shown_text(text: str) -> str:
    """A source line as the pane draws it: tabs expanded, a split shown between its two parts, and
    control characters (ESC, BEL, …) shown escaped, never sent to the terminal."""
    parts = [part.expandtabs(4) for part in text.split("\n")]
    out = SPLIT.join(parts)
    return "".join(ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}" for ch in out)


@lru_cache(maxsize=1 << 16)
def _width(text: str) -> int:
    """The shown width of a line, kept: every change draws the pane again, mostly of the same lines."""
    return len(shown_text(text))


def source_column(text: str, display: int) -> int:
    """The index in the source line `text` of display column `display` of `shown_text(text)`."""
    shown = 0
    part_start = 0  # tabs expand within each split part
    for i, ch in enumerate(text):
        if shown >= display:
            return i
        if ch == "\n":
            shown += len(SPLIT)
            part_start = shown
        elif ch == "\t":
            shown = part_start + ((shown - part_start) // 4 + 1) * 4
        else:
            shown += 1 if ch.isprintable() or ch == " " else 4
    return len(text)


def _marked(text: str, style: Style) -> list[Segment]:
    """Segments of a shown line, the split marker set off in its own colour."""
    out: list[Segment] = []
    for k, part in enumerate(text.split(SPLIT)):
        if k:
            out.append(Segment(SPLIT, style + Style(color="magenta", bold=True)))
        if part:
            out.append(Segment(part, style))
    return out


class RawView(ScrollView, can_focus=True):
    """Source lines 1..N; the cursor is a line and a column."""

    BINDINGS = bindings("raw")
    HELP = T.english("RAW_HELP")  # translated where it is shown

    cursor = reactive(1)
    column = reactive(0)

    class Repair(Message):
        def __init__(self, kind: str, line: int, column: int) -> None:
            super().__init__()
            self.kind, self.line, self.column = kind, line, column

    class Moved(Message):
        def __init__(self, line: int) -> None:
            super().__init__()
            self.line = line

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        translate(self)
        self.lines: list = []
        self.flagged: set[int] = set()
        self.selected: tuple[int, int] | None = None
        self.matches: set[int] = set()

    def show(self, source, flagged: set[int]) -> None:
        self.lines = list(source.lines) if source is not None else []
        self.flagged = flagged
        width = max((_width(ln.text) for ln in self.lines), default=0) + GUTTER + 2
        self.virtual_size = Size(width, len(self.lines))
        self.cursor = min(max(1, self.cursor), max(1, len(self.lines)))
        self.refresh()

    def append(self, page: int, texts: list[str]) -> None:
        """A page's lines after the others, while the file is still being read (`show` replaces them)."""
        from workbench.review import SourceLine  # the screen reads the model through the review layer

        start = len(self.lines)
        self.lines.extend(SourceLine(no=start + k + 1, text=t, page=page) for k, t in enumerate(texts))
        width = max((_width(t) for t in texts), default=0) + GUTTER + 2
        self.virtual_size = Size(max(width, self.virtual_size.width), len(self.lines))
        self.refresh()

    def select(self, span: tuple[int, int] | None, move: bool = True) -> None:
        self.selected = span
        if span and move:
            self.cursor = span[0]
            self.scroll_to_line(span[0], center=True)
        self.refresh()

    def scroll_to_line(self, line: int, center: bool = False) -> None:
        top = self.scroll_offset.y
        height = max(1, self.size.height)
        y = line - 1
        if center and not top <= y < top + height:
            self.scroll_to(y=max(0, y - height // 3), animate=False)
        elif y < top:
            self.scroll_to(y=y, animate=False)
        elif y >= top + height:
            self.scroll_to(y=y - height + 1, animate=False)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.size.width
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        line = self.lines[index]
        no = index + 1
        new_page = index == 0 or (line.page is not None and self.lines[index - 1].page != line.page)
        mark = "!" if no in self.flagged else " "
        page = f"p{line.page}" if new_page and line.page is not None else ""
        gutter = f"{page:>3}{no:>4}{mark}"
        base = Style(color="grey50") if line.furniture else Style()
        if self.selected and self.selected[0] <= no <= self.selected[1]:
            base += Style(bgcolor="grey23")
        if no in self.matches:
            base += Style(bgcolor="dark_goldenrod")
        gstyle = Style(color="grey42", bold=new_page)
        if no in self.flagged:
            gstyle = Style(color="yellow", bold=True)
        text = shown_text(line.text)
        segments = [Segment(gutter, gstyle), Segment(" ")]
        if no == self.cursor and self.has_focus:
            col = min(self.column, len(text))
            segments += _marked(text[:col], base) + [Segment(text[col:col + 1] or " ", base + Style(reverse=True))] \
                + _marked(text[col + 1:], base)
        else:
            segments += _marked(text, base + (Style(bold=True) if no == self.cursor else Style()))
        strip = Strip(segments)
        return strip.crop(scroll_x, scroll_x + width).extend_cell_length(width, self.rich_style)

    # -- keys
    def action_cursor(self, delta: int) -> None:
        self._move(self.cursor + delta)

    def action_page(self, delta: int) -> None:
        self._move(self.cursor + delta * max(1, self.size.height - 1))

    def action_column(self, delta: int) -> None:
        text = shown_text(self.lines[self.cursor - 1].text) if self.lines else ""
        self.column = max(0, min(len(text), self.column + delta))
        self._keep_column_in_view()
        self.refresh()

    def action_home(self) -> None:
        self.column = 0
        self._keep_column_in_view()
        self.refresh()

    def action_end(self) -> None:
        self.column = len(shown_text(self.lines[self.cursor - 1].text)) if self.lines else 0
        self._keep_column_in_view()
        self.refresh()

    def _keep_column_in_view(self) -> None:
        """The pane scrolls sideways so that the cursor never leaves the screen."""
        room = max(1, self.size.width - GUTTER - 2)
        x = self.scroll_offset.x
        col = self.column + GUTTER + 1
        if col < x + GUTTER + 1:
            self.scroll_to(x=max(0, self.column), animate=False)
        elif col >= x + room + GUTTER:
            self.scroll_to(x=col - room - GUTTER + 1, animate=False)

    def _move(self, line: int) -> None:
        if not self.lines:
            return
        self.cursor = max(1, min(len(self.lines), line))
        self.scroll_to_line(self.cursor)
        self.refresh()
        self.post_message(self.Moved(self.cursor))

    def action_repair(self, kind: str) -> None:
        if self.lines:
            self.post_message(self.Repair(kind, self.cursor, self.column))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
