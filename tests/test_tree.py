"""The structure tree, built lazily and updated in place, shows what a tree built whole shows; n reaches a flag below nodes not yet made."""
from __future__ import annotations

from rich.markup import escape
from rich.text import Text

from tui_helpers import copy_seed, loaded, make_app, settled
from workbench.review import outline
from workbench.tui.widgets.structure import tree_nodes
from workbench.visible import visible

SIZE = (120, 40)


def eager(record) -> list[tuple]:
    """(depth, label, label's styles, unfoldable) of every node of the tree as it was built whole
    before: each node's open flags found by searching the flags for it."""
    verified = set(record.review.verified_fields)
    out = []

    def add(node, depth):
        label = escape(visible(node.label))
        n_open = len(outline.flags_under(record.flags, node.field))
        if n_open:
            label += f" [yellow]⚑{n_open}[/yellow]"
        if node.field in verified:
            label += " [green]✓[/green]"
        text = Text.from_markup(label).split()[0]
        out.append((depth, text.plain, [(s.start, s.end, str(s.style)) for s in text.spans], bool(node.children)))
        for child in node.children:
            add(child, depth + 1)

    for node in outline.build(record):
        add(node, 0)
    return out


def unfolded(tree) -> list[tuple]:
    """The same of the lazy tree, every node unfolded as the reviewer unfolds it (enter)."""
    stack = [tree.root]
    while stack:  # unfold top down: children are made as their parent opens
        tn = stack.pop()
        if tn.allow_expand and not tn.is_expanded:
            tree._toggle_node(tn)
        stack.extend(reversed(tn.children))
    out = []

    def add(tn, depth):
        text = tn.label
        out.append((depth, text.plain, [(s.start, s.end, str(s.style)) for s in text.spans], tn.allow_expand))
        for child in tn.children:
            add(child, depth + 1)

    for tn in tree.root.children:
        add(tn, 0)
    return out


async def test_a_lazy_tree_unfolded_shows_what_the_whole_tree_shows(tmp_path, config, roster):
    app = make_app(copy_seed(tmp_path), config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        tree = app.query_one("#tree")
        made = sum(1 for _ in tree_nodes(tree.root)) - 1
        whole = eager(app.session.record)
        assert made < len(whole)  # folded nodes' children are not made yet
        s = app.session
        assert unfolded(tree) == whole
        # changes update the tree in place: it still shows what a whole tree of the new record shows
        flag = app.unresolved()[0]
        for op, args in ((s.toggle_verified, ("items[0].title",)), (s.resolve, (flag.id,)),
                         (s.delete, ("items[1]",)), (s.undo, ()), (s.delete, ("items[0].sections." +
                                                                                next(iter(s.record.items[0].sections)),))):
            app._do(op, *args)
            await pilot.pause()
            assert unfolded(tree) == eager(s.record), op.__name__


async def test_n_reaches_a_flag_below_nodes_not_yet_made(tmp_path, config, roster):
    app = make_app(copy_seed(tmp_path), config, roster, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        tree = app.query_one("#tree")
        deep = next(f for f in app.unresolved() if ".rows[" in f.field)  # a table row: item › table › row
        table = deep.field.rsplit(".rows[", 1)[0]
        assert not any(tn.data is not None and tn.data.field.startswith(table) for tn in tree_nodes(tree.root)
                       if tn.data is not None and tn.data.field != table), "the table's rows are made already"
        for _ in app.unresolved():
            await pilot.press("n")
            if app.current_flag.id == deep.id:
                break
        assert app.current_flag.id == deep.id
        await settled(pilot)
        node = tree.cursor_node
        assert node is not None and node.data.field == deep.field
        assert node.parent.is_expanded and node.parent.data.field == table
        assert app.field == deep.field
