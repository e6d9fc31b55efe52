"""The structure pane: the record's outline as a tree (⚑N open flags, ✓ verified), and moving its cursor onto a field without ever jumping back under the reviewer.

This is the one module of the screen that imports the outline (workbench.review.outline: nodes with a
label, a field path and source lines); the review screen reaches it through here.
"""
from __future__ import annotations

from rich.markup import escape
from textual.widgets import Tree

from workbench.review import outline  # the one import of the outline
from workbench.tui import text as T
from workbench.tui.actions import bindings
from workbench.tui.fields import within
from workbench.visible import visible

Node = outline.Node
flags_under = outline.flags_under
walk = outline.walk


class StructureTree(Tree):
    BINDINGS = bindings("tree")
    HELP = T.TREE_HELP

    def __init__(self, label: str = T.TREE_ROOT, **kw) -> None:
        super().__init__(label, **kw)
        self.nodes: list[outline.Node] = []
        self.moves = 0  # moves of the cursor asked for: a deferred move older than the last is dropped

    def owns_key(self, key: str) -> bool:
        """A key of the tree's own bindings (j, k, space; arrows and enter are Tree's)."""
        return key in self._bindings.key_to_bindings

    def node_of(self, field: str | None) -> outline.Node | None:
        if field is None:
            return None
        return next((n for n in outline.walk(self.nodes) if n.field == field), None)

    def node_for_flag(self, flag) -> outline.Node | None:
        return outline.node_for_flag(self.nodes, flag)

    def show(self, record, keep: str | None) -> None:
        """Draw the record's outline again; open nodes stay open (the first time everything is open:
        n never has to unfold the tree), and the cursor goes back onto `keep`."""
        expanded = {n.data.field for n in tree_nodes(self.root) if n.data is not None and n.is_expanded}
        first = not self.nodes
        self.nodes = outline.build(record)
        verified = set(record.review.verified_fields)
        flags = outline.FlagIndex(record.flags)  # counted per node: indexed once
        self.clear()
        self.root.data = None

        def add(parent, node: outline.Node) -> None:
            n_open = len(outline.flags_under(flags, node.field))
            label = escape(visible(node.label))  # a value may hold ESC, BEL, …: drawn escaped
            if n_open:
                label += f" [yellow]⚑{n_open}[/yellow]"
            if node.field in verified:
                label += " [green]✓[/green]"
            if node.children:
                child = parent.add(label, data=node, expand=node.field in expanded or (first and parent is self.root))
                for c in node.children:
                    add(child, c)
            else:
                parent.add_leaf(label, data=node)

        for node in self.nodes:
            add(self.root, node)
        self.root.expand()
        if keep:
            # the rebuilt tree knows its lines only after the next refresh: move the cursor then, so it
            # stays on the node acted on (or the nearest surviving one) and never falls back to the root
            self.app.call_after_refresh(self.cursor_to, keep, self.moves)

    def cursor_to(self, field: str, keys: int | None = None) -> None:
        """The cursor onto the field's node (unfolding what hides it). `keys`: a move asked for
        before a refresh, dropped if the cursor has been moved since (by a key of the tree's, or
        to another field by n, N or a search): it must never jump back to where it was."""
        if keys is None:
            self.moves += 1
        elif keys != self.moves:
            return
        target = None
        for n in tree_nodes(self.root):
            if n.data is not None and within(field, n.data.field):
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
            self.app.call_after_refresh(self._move_cursor, target, self.moves)
        elif self.cursor_node is not target:
            self.move_cursor(target)

    def _move_cursor(self, target, keys: int) -> None:
        """A deferred cursor move, unless she has moved the tree with a key since: the cursor must
        never jump back under her to where it was before she moved it."""
        if keys == self.moves:
            self.move_cursor(target)


def tree_nodes(node):
    yield node
    for child in node.children:
        yield from tree_nodes(child)
