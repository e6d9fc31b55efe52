"""The command palette (ctrl+p): what can be done now, by name."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ReviewCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        out: list[tuple[str, str, object]] = [
            ("Save", "write the record (ctrl+s)", app.action_save),
            ("Verify", "mark the record verified and save (V)", app.action_verify),
            ("Next flag", "go to the next open flag (n)", app.action_next_flag),
            ("Next file in the folder", "open the next referat beside this one", app.action_next_file),
            ("Help", "keys of the focused pane (?)", app.action_help),
        ]
        session = getattr(app, "session", None)
        if session is not None:
            for k, item in enumerate(session.record.items):
                label = f"Go to item {item.number}" if item.number is not None else f"Go to item '{item.title[:30]}'"
                out.append((label, item.title, partial(app.goto_field, f"items[{k}]")))
        return out

    async def discover(self) -> Hits:
        for name, help_text, call in self._commands():
            yield DiscoveryHit(name, call, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, call in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), call, help=help_text)
