"""The review screen (Textual): a thin layer over workbench.review. Only this package imports Textual."""
