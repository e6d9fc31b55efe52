"""The shapes of field paths the screen acts on (a table, a row, an attachment, a section, the list a node is in), read with workbench.review's parse_path.

No Textual here, and no path is taken apart by hand: a path is parsed into its parts (names and
0-based indices) and put together again with format_path.
"""
from __future__ import annotations

from workbench.review import PathError, format_path, parse_path


def parts(field: str | None) -> tuple:
    """The parts of a field path, or () for what is not one."""
    try:
        return parse_path(field)
    except (PathError, TypeError):
        return ()


def _shape(field: str, *names) -> tuple | None:
    """The parts when they are `names` in order (int: any index, str: any name), else None."""
    got = parts(field)
    if len(got) != len(names):
        return None
    for part, want in zip(got, names):
        if want in (int, str):
            if not isinstance(part, want):
                return None
        elif part != want:
            return None
    return got


def within(field: str, base: str) -> bool:
    """`field` is `base` or lies below it ("items[1].title" lies below "items[1]")."""
    if field == base:
        return True
    a, b = parts(field), parts(base)
    if not a or not b:  # not a field path: read by its spelling
        return field.startswith((base + ".", base + "["))
    return len(a) > len(b) and a[: len(b)] == b


def is_table(field: str) -> bool:
    return _shape(field, "items", int, "tables", int) is not None


def is_row(field: str) -> bool:
    return _shape(field, "items", int, "tables", int, "rows", int) is not None


def is_item(field: str) -> bool:
    return _shape(field, "items", int) is not None


def attachment_of(field: str) -> str | None:
    """The attachment a field is or belongs to (`items[1].attachments[0]` of `….title`), else None."""
    got = parts(field)
    if _shape(field, "items", int, "attachments", int) or _shape(field, "items", int, "attachments", int, str):
        return format_path(got[:4])
    return None


def table_of(field: str) -> str | None:
    """The table a field is, or whose rows or row it is (`items[1].tables[0]`), else None."""
    got = parts(field)
    shapes = (("items", int, "tables", int), ("items", int, "tables", int, "rows"),
              ("items", int, "tables", int, "rows", int))
    return format_path(got[:4]) if any(_shape(field, *shape) for shape in shapes) else None


def section_of(field: str) -> tuple[int, str] | None:
    """(item index, section key) of `items[k].sections.key`, else None."""
    got = _shape(field, "items", int, "sections", str)
    return (got[1], got[3]) if got else None


def in_sections(field: str) -> int | None:
    """The item index of an item's sections or one of them (`items[k].sections[.key]`), else None."""
    got = parts(field)
    if len(got) in (3, 4) and got[0] == "items" and isinstance(got[1], int) and got[2] == "sections":
        return got[1]
    return None


def add_target(field: str, leaf: bool) -> tuple[str, str]:
    """Where + adds from a node: (the list field, its name). A leaf adds to the list its element
    is in (`items[1].people[0].name` → `items[1].people`, an item's title → `items`)."""
    got = parts(field)
    if not got:
        return field, field
    if leaf:
        names = [i for i, p in enumerate(got) if isinstance(p, str) and i > 0]
        if names:
            got = got[: names[-1]]            # the last name and the indices after it
        indices = [i for i, p in enumerate(got) if isinstance(p, int)]
        if indices:
            got = got[: indices[-1]]          # the last index and what follows it
    names = [i for i, p in enumerate(got) if isinstance(p, str) and i > 0]
    group = format_path(got[names[-1]:]) if names else format_path(got)
    return format_path(got), group


def element_of(field: str) -> str:
    """The element a value of it names (`signatures[0].name` → `signatures[0]`): what x deletes."""
    got = parts(field)
    if len(got) >= 2 and got[-1] in ("name", "title", "text") and isinstance(got[-2], int):
        return format_path(got[:-1])
    return field
