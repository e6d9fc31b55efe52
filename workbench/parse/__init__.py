"""SourceText + config (+ roster) → Referat. See document.py for the order of work."""
from workbench.parse.document import parse

# Which parser made a record (written as `source.parser`): raise it with a change that may
# give the same source other lines or values (how a PDF is read, new flags, the vocabulary).
# 3: pages after an unreadable one are kept, turned pages read upright, NFD read as NFC, 4-digit items.
# 4: typeset PDFs (ligatures, stretched spaces, wraps), new item/decision forms, order rules.
PARSER_VERSION = 4

__all__ = ["parse", "PARSER_VERSION"]
