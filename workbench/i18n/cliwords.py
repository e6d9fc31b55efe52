"""argparse's own words (the usage line, the headings, its errors) through our catalog, under the context
"argparse": `install()` points argparse's module-level `_` and `ngettext` at it, so `--help` and a usage
error read in the language spoken. Its templates keep argparse's `%(name)s` fields; a translation keeps them.
"""
from __future__ import annotations

import argparse

from workbench.i18n import NP_, npgettext, pgettext

CONTEXT = "argparse"
# the messages of argparse (3.10–3.13) a user of `workbench` can meet; what is not here shows in English
WORDS = (
    NP_("argparse", "usage: "), NP_("argparse", "options"), NP_("argparse", "positional arguments"),
    NP_("argparse", "show this help message and exit"), NP_("argparse", "show program's version number and exit"),
    NP_("argparse", "%(prog)s: error: %(message)s\n"), NP_("argparse", "unrecognized arguments: %s"),
    NP_("argparse", "the following arguments are required: %s"), NP_("argparse", "expected one argument"),
    NP_("argparse", "argument %(argument_name)s: %(message)s"), NP_("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    NP_("argparse", "invalid %(type)s value: %(value)r"), NP_("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    NP_("argparse", "ignored explicit argument %r"), NP_("argparse", "expected at most one argument"),
    NP_("argparse", "expected at least one argument"), NP_("argparse", "not allowed with argument %s"),
    NP_("argparse", "one of the arguments %s is required"), NP_("argparse", "unexpected option string: %s"),
    NP_("argparse", "%(prog)s: error: %(message)s\n"),
)


def _gettext(message: str) -> str:
    return pgettext(CONTEXT, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return npgettext(CONTEXT, singular, plural, n)


def install() -> None:
    """argparse speaks the language spoken now, and whichever is set later (its words are looked up when used)."""
    argparse._ = _gettext
    argparse.ngettext = _ngettext
