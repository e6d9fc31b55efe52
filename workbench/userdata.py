"""Where a user's records, journals and learned names live when no config of their own says so.

With the config shipped inside the package, nothing is written into the package (an upgrade
would delete it): records and journals go to the user's data folder (platformdirs), and names
learned in review to a copy of the packaged roster there. Records an older version wrote into
the package are moved on first use.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from platformdirs import user_data_path

APP = "referat-workbench"
PACKAGE_DATA = Path(__file__).parent / "data"


def data_dir() -> Path:
    return user_data_path(APP, appauthor=False)


def records_dir() -> Path:
    return data_dir() / "records"


def roster_path() -> Path:
    """The user's roster: a copy of the packaged one, made when a name is first learned."""
    return data_dir() / "roster.toml"


def writable_roster(path: Path) -> Path:
    """The roster file to edit: the user's copy where `path` is the packaged roster (copied once)."""
    if path.resolve() != (PACKAGE_DATA / "roster.toml").resolve():
        return path
    mine = roster_path()
    if not mine.exists():
        from workbench.record import write_atomic

        write_atomic(mine, path.read_bytes())  # its temp file is new (O_EXCL), never a link
    return mine


def move_old_records(target: Path) -> list[Path]:
    """Records and journals an older version kept inside the package (data/out): moved into `target`,
    never over a file already there. Returns what was moved."""
    old = PACKAGE_DATA / "out"
    if not old.is_dir():
        return []
    moved = []
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(old.iterdir()):
        if entry.is_file() and not (target / entry.name).exists():
            shutil.move(str(entry), target / entry.name)
            moved.append(target / entry.name)
    return moved
