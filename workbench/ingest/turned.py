"""Pages whose text runs sideways or upside down (a page turned by /Rotate, a landscape page laid out
turned): their characters turned back upright, so that words and lines are found in reading order;
text set in another direction than the page's own is reported (a warning naming the page)."""
from __future__ import annotations

from collections import Counter

from workbench.model import ReadProblem

# the reading direction on the screen (y down) → the unit vectors (along the text, down the lines)
_AXES = {0: ((1, 0), (0, 1)), 90: ((0, 1), (-1, 0)), 180: ((-1, 0), (0, -1)), 270: ((0, -1), (1, 0))}


def direction(char: dict) -> int:
    """Which way a character's text runs on the screen, in quarter turns clockwise from left-to-right."""
    matrix = char.get("matrix")
    if not matrix:
        return 0 if char.get("upright", True) else 90
    a, b = matrix[0], matrix[1]
    dx, dy = a, -b  # PDF space has y up; the page as shown has y down
    if abs(dx) >= abs(dy):
        return 0 if dx >= 0 else 180
    return 90 if dy > 0 else 270


def turn_upright(chars: list[dict], width: float, height: float, number: int
                 ) -> tuple[list[dict] | None, list[ReadProblem]]:
    """(the characters turned so that the page's own direction reads left to right — None when it already
    does — and a warning if some text runs another way)."""
    if not chars:
        return None, []
    ways = Counter(direction(c) for c in chars if not c.get("text", "").isspace())
    if not ways:
        return None, []
    main, _ = ways.most_common(1)[0]
    problems = []
    other = sum(n for way, n in ways.items() if way != main)
    if other >= 3:
        sample = "".join(c["text"] for c in chars if direction(c) != main)[:24]
        problems.append(ReadProblem(
            f"page {number} has {other} characters set in another direction than its other text (vertical or "
            f"turned: '{sample}'): they may be read out of order, or joined to the wrong lines", severity="warning",
            page=number))
    if main == 0:
        return None, problems
    along, down = _AXES[main]

    def turn(x: float, y: float) -> tuple[float, float]:
        return x * along[0] + y * along[1], x * down[0] + y * down[1]

    corners = [turn(x, y) for x in (0, width) for y in (0, height)]
    left = min(u for u, _ in corners)
    top = min(v for _, v in corners)
    out = []
    for c in chars:
        points = [turn(x, y) for x in (c["x0"], c["x1"]) for y in (c["top"], c["bottom"])]
        us = [u - left for u, _ in points]
        vs = [v - top for _, v in points]
        turned = dict(c)
        turned.update(x0=min(us), x1=max(us), top=min(vs), bottom=max(vs), doctop=min(vs), upright=True,
                      width=max(us) - min(us), height=max(vs) - min(vs))
        if direction(c) != main:
            turned["upright"] = False
        else:
            turned["size"] = max(vs) - min(vs)  # pdfminer's size of a turned character is its advance
        out.append(turned)
    return out, problems
