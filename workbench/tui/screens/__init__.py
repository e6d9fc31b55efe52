"""The screens: review, dialogs, forms, the field editor."""
