"""The command palette (ctrl+p): what can be done now, by name."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workbench.tui import text as T


class ReviewCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        review = self.app.review  # the review screen, whichever screen the palette opened on
        out: list[tuple[str, str, object]] = [
            (*T.CMD_SAVE, review.action_save),
            (*T.CMD_VERIFY, review.action_verify),
            (*T.CMD_NEXT_FLAG, review.action_next_flag),
            (*T.CMD_NEXT_FILE, review.action_next_file),
            (*T.CMD_HELP, review.action_help),
        ]
        session = review.session
        if session is not None:
            for k, item in enumerate(session.record.items):
                label = (T.CMD_GOTO.format(number=item.number) if item.number is not None
                         else T.CMD_GOTO_UNNUMBERED.format(title=item.title[:30]))
                out.append((label, item.title, partial(review.goto_field, f"items[{k}]")))
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
