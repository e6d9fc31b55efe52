"""What the workbench remembers of its user between runs: the reviewer's name, in a small TOML file in the user's config folder.

    ~/.config/referat-workbench/user.toml   (Linux; by platformdirs; WORKBENCH_CONFIG_DIR names another folder)

    reviewer = "Bettina Andersen"

Written atomically (temp file, fsync, os.replace). A file that cannot be read is as good as none:
the name is asked again, never a crash.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

APP = "referat-workbench"
FILE = "user.toml"


def config_dir() -> Path:
    named = os.environ.get("WORKBENCH_CONFIG_DIR")
    if named:
        return Path(named)
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False)


def path() -> Path:
    return config_dir() / FILE


def load() -> dict:
    """The remembered settings, or {} when there are none (or the file cannot be read)."""
    try:
        data = tomllib.loads(path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def reviewer() -> str | None:
    """The reviewer's remembered name, or None."""
    name = load().get("reviewer")
    name = " ".join(name.split()) if isinstance(name, str) else ""
    return name or None


def remember_reviewer(name: str) -> Path:
    """Keep `name` as the reviewer for the next runs (the other settings of the file are kept)."""
    import tomli_w

    from workbench.record import write_atomic

    data = load()
    data["reviewer"] = " ".join(str(name).split())
    target = path()
    write_atomic(target, tomli_w.dumps(data))
    return target
