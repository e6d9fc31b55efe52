"""SourceText + config (+ roster) → Referat. See document.py for the order of work."""
from workbench.parse.document import parse

__all__ = ["parse"]
