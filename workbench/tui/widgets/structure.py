"""The structure pane: the record's outline as a tree (⚑N open flags, ✓ verified), built lazily and updated in place, and moving its cursor onto a field without ever jumping back under the reviewer.

This is the one module of the screen that imports the outline (workbench.review.outline: nodes with a
label, a field path and source lines); the review screen reaches it through here.

The outline (plain data) is made again for every change; the widget's nodes are not. A node's
children are made when it is first unfolded, or when the cursor is sent below it (n, N, goto);
after a change, the nodes already made are matched to the new outline by position and field, and
only those whose label or shape changed are redrawn or made again. What is shown is what a tree
built whole would show (tests/test_tree.py holds them to it).
"""
from __future__ import annotations

from rich.cells import cell_len
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


def prefixes(field: str):
    """The field and every field above it, by spelling: "items[1].title" → items, items[1], items[1].title."""
    for i, ch in enumerate(field):
        if ch in ".[" and i:
            yield field[:i]
    yield field


def open_counts(flags) -> dict[str, int]:
    """Open flags (not info) under each field, counted once for all the fields (as `flags_under` counts one)."""
    counts: dict[str, int] = {}
    for f in flags:
        if f.resolution != "open" or f.severity == "info":
            continue
        for p in prefixes(f.field):
            counts[p] = counts.get(p, 0) + 1
    return counts


def markup(node: outline.Node, counts: dict[str, int], verified: set[str]) -> str:
    """A node's label as the tree draws it."""
    label = escape(visible(node.label))  # a value may hold ESC, BEL, …: drawn escaped
    n_open = counts.get(node.field, 0)
    if n_open:
        label += f" [yellow]⚑{n_open}[/yellow]"
    if node.field in verified:
        label += " [green]✓[/green]"
    return label


class StructureTree(Tree):
    BINDINGS = bindings("tree")
    HELP = T.TREE_HELP

    def __init__(self, label: str = T.TREE_ROOT, **kw) -> None:
        super().__init__(label, **kw)
        self.nodes: list[outline.Node] = []
        self.moves = 0  # moves of the cursor asked for: a deferred move older than the last is dropped
        self._by_field: dict[str, outline.Node] = {}  # the first node of each field, in outline order
        self._up: dict[int, tuple[outline.Node | None, int]] = {}  # id(node) → (its parent, its place)
        self._counts: dict[str, int] = {}
        self._verified: set[str] = set()
        self._drawn: dict = {}  # tree node id → the markup its label was made from

    def owns_key(self, key: str) -> bool:
        """A key of the tree's own bindings (j, k, space; arrows and enter are Tree's)."""
        return key in self._bindings.key_to_bindings

    def node_of(self, field: str | None) -> outline.Node | None:
        if field is None:
            return None
        return self._by_field.get(field)

    def node_for_flag(self, flag) -> outline.Node | None:
        """The deepest node whose field holds the flag's field (as outline.node_for_flag finds it)."""
        best = None
        for p in prefixes(flag.field):
            best = self._by_field.get(p, best)
        return best if best is not None else outline.node_for_flag(self.nodes, flag)

    # -- drawing
    def show(self, record, keep: str | None) -> None:
        """Draw the record's outline again; open nodes stay open (the first time everything is open:
        n never has to unfold the tree), and the cursor goes back onto `keep`."""
        expanded = {n.data.field for n in tree_nodes(self.root) if n.data is not None and n.is_expanded}
        first = not self.nodes
        self.nodes = outline.build(record)
        self._counts = open_counts(record.flags)
        self._verified = set(record.review.verified_fields)
        self._index()
        self.root.data = None
        needed = {p for f in expanded for p in prefixes(f)}  # made now: an open node hidden below a folded one
        self._sync(self.root, self.nodes, expanded, needed, first)
        self.root.expand()
        if keep:
            # the changed tree knows its lines only after the next refresh: move the cursor then, so it
            # stays on the node acted on (or the nearest surviving one) and never falls back to the root
            self.app.call_after_refresh(self.cursor_to, keep, self.moves)

    def _index(self) -> None:
        self._by_field, self._up = {}, {}

        def index(parent, nodes) -> None:
            for i, node in enumerate(nodes):
                self._by_field.setdefault(node.field, node)
                self._up[id(node)] = (parent, i)
                index(node, node.children)

        index(None, self.nodes)

    def _sync(self, parent, nodes: list[outline.Node], expanded: set[str], needed: set[str], first: bool) -> None:
        """Make `parent`'s children show `nodes`: those of the same field and shape are kept (relabelled
        if their label changed), the rest from the first that differs are made again."""
        old = list(parent.children)
        same = 0
        while same < min(len(old), len(nodes)) and old[same].data is not None \
                and old[same].data.field == nodes[same].field and old[same].allow_expand == bool(nodes[same].children):
            self._keep(old[same], nodes[same], expanded, needed)
            same += 1
        for gone in old[same:]:
            self._forget(gone)
            gone.remove()
        for node in nodes[same:]:
            self._add(parent, node, expanded, needed, first)

    def _keep(self, tn, node: outline.Node, expanded: set[str], needed: set[str]) -> None:
        tn.data = node
        label = markup(node, self._counts, self._verified)
        if self._drawn.get(tn.id) != label:
            tn._label = self.process_label(label)  # drawn at the refresh `show` asks for, not one by one
            tn._updates += 1
            self._drawn[tn.id] = label
        if tn.children:
            self._sync(tn, node.children, expanded, needed, False)

    def _add(self, parent, node: outline.Node, expanded: set[str], needed: set[str], first: bool):
        label = markup(node, self._counts, self._verified)
        if node.children:
            open_ = node.field in expanded or (first and parent is self.root)
            tn = parent.add(label, data=node, expand=open_)
            if open_ or node.field in needed:
                for child in node.children:
                    self._add(tn, child, expanded, needed, False)
        else:
            tn = parent.add_leaf(label, data=node)
        self._drawn[tn.id] = label
        return tn

    def _forget(self, tn) -> None:
        for n in tree_nodes(tn):
            self._drawn.pop(n.id, None)

    def fill(self, tn) -> None:
        """Make a node's children, if they are not made yet (folded, as a tree built whole has them)."""
        node = tn.data
        if node is None or tn.children or not node.children:
            return
        for child in node.children:
            self._add(tn, child, set(), set(), False)

    def _tree_node(self, node: outline.Node):
        """The widget's node of an outline node, made (with the nodes above it) if it is not made yet."""
        chain = []
        at: outline.Node | None = node
        while at is not None:
            parent, place = self._up[id(at)]
            chain.append(place)
            at = parent
        tn = self.root
        for place in reversed(chain):
            self.fill(tn)
            tn = tn.children[place]
        return tn

    def _toggle_node(self, node) -> None:
        if node.allow_expand and not node.is_expanded:
            self.fill(node)  # made before it opens: a key behind this one finds them
        super()._toggle_node(node)

    def action_toggle_expand_all(self) -> None:
        if self.cursor_node is not None and self.cursor_node.parent is not None:
            for sibling in self.cursor_node.siblings:
                self.fill(sibling)
        super().action_toggle_expand_all()

    def get_label_width(self, node) -> int:
        """As render_label's width, without drawing the label (the tree asks it of every line)."""
        icon = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else ""
        return cell_len(icon) + node.label.cell_len

    # -- the cursor
    def cursor_to(self, field: str, keys: int | None = None) -> None:
        """The cursor onto the field's node (unfolding what hides it). `keys`: a move asked for
        before a refresh, dropped if the cursor has been moved since (by a key of the tree's, or
        to another field by n, N or a search): it must never jump back to where it was."""
        if keys is None:
            self.moves += 1
        elif keys != self.moves:
            return
        found = self._deepest(field)
        if found is None:
            return
        target = self._tree_node(found)
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

    def _deepest(self, field: str) -> outline.Node | None:
        """The node of the longest field that holds `field`."""
        target = None
        for p in prefixes(field):
            node = self._by_field.get(p)
            if node is not None and within(field, node.field) and (target is None or len(p) > len(target.field)):
                target = node
        if target is None:  # a field not spelled as the outline spells it: look at every node
            for node in walk(self.nodes):
                if within(field, node.field) and (target is None or len(node.field) > len(target.field)):
                    target = node
        return target

    def _move_cursor(self, target, keys: int) -> None:
        """A deferred cursor move, unless she has moved the tree with a key since: the cursor must
        never jump back under her to where it was before she moved it."""
        if keys == self.moves:
            self.move_cursor(target)


def tree_nodes(node):
    yield node
    for child in node.children:
        yield from tree_nodes(child)

