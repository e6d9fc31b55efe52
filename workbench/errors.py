"""Errors a user can cause: each carries one line fit to print, never a traceback."""


class UserError(Exception):
    """A problem with the user's input, files or settings. `str(err)` is the whole message."""

    exit_code = 2


class InputError(UserError):
    """A source file that cannot be read as a referat."""


class ConfigError(UserError):
    """A config.toml (or a file it names) that is not valid."""


class RecordError(UserError):
    """A saved record that cannot be read back."""
