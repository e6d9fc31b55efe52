"""Config patterns: compiled with `regex`, every match under a time limit, refused at load when they backtrack.

A pattern from config.toml is a user's regular expression run on every line of every source: one
with nested repetition (`(a|aa)+$`) can take longer than the age of the universe on a line of
forty letters. So each is (1) compiled with the `regex` package, whose matching methods take a
`timeout`; (2) tried when the config loads on a few adversarial lines (long runs of one character
with a mismatching end) under a short limit, and refused with one line naming its key when it
is too slow; (3) wrapped in a `ConfigPattern`, whose every match runs under `MATCH_SECONDS` and
turns a timeout into a one-line `ConfigError` naming the key. No signals (the screen parses in
a worker thread).
"""
from __future__ import annotations

from workbench.i18n import _

import regex

from workbench.errors import ConfigError
from workbench.settings import kind_of

MATCH_SECONDS = 1.0   # one match of one config pattern on one line, while parsing
PROBE_SECONDS = 0.25  # one trial match at load: a sound pattern takes microseconds
_RUNS = (40, 2000)    # exponential backtracking shows at 40 characters, polynomial at 2,000
_CHARS = "a1 .-/:"


class ConfigPattern:
    """A compiled config pattern that knows its key (`patterns.item[0]`); `match`, `search`,
    `fullmatch` and `finditer` as on `re.Pattern`, each under the time limit."""

    __slots__ = ("label", "key", "rx", "pattern", "groupindex", "groups")

    def __init__(self, label: str, key: str, rx: "regex.Pattern"):
        self.label, self.key, self.rx = label, key, rx
        self.pattern, self.groupindex, self.groups = rx.pattern, rx.groupindex, rx.groups

    def _run(self, method, string: str, pos: int | None, endpos: int | None):
        try:
            return method(string, pos, endpos, timeout=MATCH_SECONDS)
        except TimeoutError:
            raise ConfigError(_("{label}: '{key}' took more than {MATCH_SECONDS:g} s on a line of {n} characters (it backtracks without end); simplify it").format(label=self.label, key=self.key, MATCH_SECONDS=MATCH_SECONDS, n=len(string))) from None

    def match(self, string: str, pos: int | None = None, endpos: int | None = None):
        return self._run(self.rx.match, string, pos, endpos)

    def search(self, string: str, pos: int | None = None, endpos: int | None = None):
        return self._run(self.rx.search, string, pos, endpos)

    def fullmatch(self, string: str, pos: int | None = None, endpos: int | None = None):
        return self._run(self.rx.fullmatch, string, pos, endpos)

    def finditer(self, string: str, pos: int | None = None, endpos: int | None = None) -> list:
        return self._run(lambda *a, **k: list(self.rx.finditer(*a, **k)), string, pos, endpos)

    def __repr__(self) -> str:
        return f"ConfigPattern({self.key!r}, {self.pattern!r})"


def compile_pattern(label: str, key: str, source, groups: tuple[str, ...] = (), probe: bool = True) -> ConfigPattern:
    """`source` compiled case-insensitively; it must have the named `groups` the parser reads,
    and (with `probe`) must not backtrack without end on the adversarial lines."""
    if not isinstance(source, str):
        raise ConfigError(_("{label}: '{key}' must be a string (a regular expression), not {value}").format(label=label, key=key, value=kind_of(source)))
    try:
        rx = regex.compile(source, regex.IGNORECASE | regex.VERSION0)
    except regex.error as exc:
        raise ConfigError(_("{label}: '{key}' is not a valid regular expression: {exc}").format(label=label, key=key, exc=exc)) from None
    except (RecursionError, OverflowError, ValueError, MemoryError) as exc:
        raise ConfigError(_("{label}: '{key}' is not a valid regular expression: it is too complex ({kind})").format(label=label, key=key, kind=type(exc).__name__)) from None
    missing = [g for g in groups if g not in rx.groupindex]
    if missing:
        raise ConfigError(_("{label}: '{key}' needs a group named '{missing}' (this pattern's groups: {groups})").format(label=label, key=key, missing=missing[0], groups=', '.join(groups)))
    pattern = ConfigPattern(label, key, rx)
    if probe:
        _probe(pattern)
    return pattern


def adversarial_lines(source: str) -> list[str]:
    """Lines that make a backtracking pattern slow: runs of one character (a few common ones and
    the letters, digits and signs the pattern itself names) with a mismatching end; short runs
    also after the starts that lines of a referat have and after the words the pattern names
    ("Journal 1111…1!"), so that a pattern slow only past its own first words is found too."""
    chars = list(_CHARS)
    for c in source:
        if (c.isalnum() or c in " ,;:.-–/()") and c not in chars and len(chars) < 16:
            chars.append(c)
    literal = _GROUP_NAME.sub("(", source)
    words = list(dict.fromkeys(_WORD.findall(literal)))[:8]
    prefixes = ["", *_STARTS, *(w + " " for w in words), *words]
    lines = []
    for prefix in prefixes:
        for c in chars:
            lines.append(prefix + c * _RUNS[0] + ("!" if c != "!" else "?"))
    for c in chars:
        lines.append(c * _RUNS[1] + ("!" if c != "!" else "?"))
    for n in _RUNS:
        lines += ["ab" * (n // 2) + "!", "a " * (n // 2) + "!", "1." * (n // 2) + "!"]
    return lines


_WORD = regex.compile(r"(?<!\\)[^\W\d_]{2,}")  # a word of the pattern's text (not `\d`, `\s`)
_GROUP_NAME = regex.compile(r"\(\?P(?:<\w+>|=\w+\))")  # group names are not text
_STARTS = ("1. ", "1 ", "1: ", "Punkt 1: ", "Bilag 1: ", "- ")


_PASSED: set[str] = set()  # sources that passed the probe in this process: a config loads again fast


def _probe(pattern: ConfigPattern) -> None:
    if pattern.pattern in _PASSED:
        return
    for line in adversarial_lines(pattern.pattern):
        try:
            pattern.rx.search(line, timeout=PROBE_SECONDS)
        except TimeoutError:
            shown = line[:6] + "…" + line[-1]
            raise ConfigError(_("{label}: '{key}' takes too long on a line like '{shown}' ({n} characters): nested repetition such as (a|aa)+ backtracks without end; simplify it").format(label=pattern.label, key=pattern.key, shown=shown, n=len(line))) from None
    _PASSED.add(pattern.pattern)
