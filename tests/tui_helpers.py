"""Driving the review app in tests: a copy of a seed in tmp_path, the app built by the one factory."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SEEDS


def copy_seed(tmp_path: Path, name: str = "001_9a154efafadaaa85.txt") -> Path:
    dst = tmp_path / "in" / name
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEEDS / name, dst)
    return dst


def make_app(path: Path, config, roster, out_dir: Path, reviewer: str | None = None):
    from workbench.tui.app import build_app

    return build_app(path, config, roster, out_dir=out_dir, reviewer=reviewer)


async def loaded(pilot, timeout: float = 30.0) -> None:
    """Wait until the worker has opened the session (or failed)."""
    waited = 0.0
    while pilot.app.session is None and pilot.app.load_error is None and waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05
    await pilot.pause()
    assert pilot.app.session is not None or pilot.app.load_error, "the session did not load"


async def type_into(pilot, field: str, text: str, submit: str = "enter") -> None:
    """Select `field`, open the editor with `e`, replace its value with `text` and submit."""
    pilot.app.goto_field(field)
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    await pilot.press("ctrl+a", "ctrl+k", *text, submit)
    await pilot.pause()


REASON = "stemmer med PDF'en"


async def accept_next(pilot) -> None:
    """n, then a: the next open flag accepted; an error flag asks why, and is given a reason."""
    from workbench.tui.screens.dialogs import PromptScreen

    await pilot.press("n", "a")
    await pilot.pause()
    if isinstance(pilot.app.screen, PromptScreen):
        await pilot.press(*REASON, "enter")
        await pilot.pause()


async def settled(pilot, timeout: float = 10.0) -> None:
    """Wait until the tree's cursor has caught up with the selected field (it moves after a
    refresh when nodes had to be unfolded): what a picture is taken of must be the final state."""
    app = pilot.app
    main = app.screen_stack[0]
    waited = 0.0
    while waited < timeout:
        node = main.query_one("#tree").cursor_node
        if app.field is None or (node is not None and node.data is not None and
                                 (app.field == node.data.field or app.field.startswith(node.data.field))):
            break
        await pilot.pause(0.05)
        waited += 0.05
    await pilot.pause()
