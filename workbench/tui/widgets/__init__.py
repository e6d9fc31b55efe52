"""The widgets of the review screen: raw text, structure tree, detail pane."""
