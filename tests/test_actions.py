"""tui/actions.py: one table of actions makes the screens' bindings, the footer, the help screen and
the ids a [keys] remap names; importing it imports no Textual (config.py reads it)."""
from __future__ import annotations

import subprocess
import sys

from tui_helpers import copy_seed, loaded, make_app

SIZE = (120, 40)


def test_the_table_imports_no_textual_and_keys_reads_it():
    code = ("import sys, workbench.tui.actions, workbench.keys, workbench.config\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] == 'textual'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    from workbench import keys
    from workbench.tui import actions

    assert keys.BINDINGS == actions.defaults()
    assert len({a.id for a in actions.ACTIONS}) == len(actions.ACTIONS)  # one id, one row
    assert all(a.description for a in actions.ACTIONS)


async def test_footer_and_help_come_from_the_table(tmp_path, config, roster):
    from workbench.tui import actions
    from workbench.tui.screens.dialogs import HelpScreen

    app = make_app(copy_seed(tmp_path), config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        shown = {b.binding.id for b in app.screen.active_bindings.values() if b.binding.show and b.binding.id}
        tree_keys = {k for a in actions.of_scope("tree") for k in a.keys.split(",")}  # the focused tree's own come first
        assert shown == {a.id for a in actions.of_scope("main") if a.footer and not set(a.keys.split(",")) <= tree_keys}
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        for a in actions.of_scope("main") + actions.of_scope("tree"):
            assert f" {a.description}\n" in app.screen.text + "\n", a.id
        assert app.screen.text.endswith(actions.PALETTE_HELP)
