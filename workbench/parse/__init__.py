"""SourceText + config (+ roster) → Referat. See document.py for the order of work."""
from workbench.parse.document import parse

# Which parser made a record (written as `source.parser`): raise it with a change that may
# give the same source other lines or values (how a PDF is read, new flags, the vocabulary).
PARSER_VERSION = 3

__all__ = ["parse", "PARSER_VERSION"]
