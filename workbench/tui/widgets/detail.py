"""The detail pane: the selected field's value, its flags and its history.

A ScrollView that draws its lines itself, with the vertical scrollbar always there: new
content never changes the screen's layout, so showing a field repaints this pane alone.
"""
from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.tui import text as T
from workbench.visible import visible


class DetailPane(ScrollView, can_focus=True):
    DEFAULT_CSS = "DetailPane { overflow-y: scroll; overflow-x: hidden; }"
    HELP = T.english("DETAIL_HELP")  # translated where it is shown

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._markup = ""
        self._lines: list[Strip] = []
        self._width = 0

    def show(self, markup: str) -> None:
        """Show `markup`; a control character in it (from a value, a flag's evidence) is drawn escaped."""
        self._markup = visible(markup, keep="\n")
        self._layout_lines()
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def _layout_lines(self) -> None:
        width = max(10, self.scrollable_content_region.width or self.size.width or 40)
        console = self.app.console
        text = Text.from_markup(self._markup)
        lines = text.wrap(console, width)
        self._lines = [Strip(line.render(console)) for line in lines]
        self._width = width
        # the virtual height grows in steps: a new size would lay the whole screen out again
        height = max(64, -(-len(self._lines) // 64) * 64)
        if self.virtual_size != Size(width, height):
            self.virtual_size = Size(width, height)

    def on_resize(self) -> None:
        if self._markup:
            self._layout_lines()

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width or self.size.width
        if index < len(self._lines):
            return self._lines[index].crop(0, width).extend_cell_length(width, self.rich_style)
        return Strip.blank(width, self.rich_style)
