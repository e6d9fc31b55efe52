"""Shared fixtures: the packaged config and roster, paths to ../shared, and a parse helper."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
REAL = SHARED / "real"
SCORE = SHARED / "tools" / "score.py"
SAMPLES = ROOT / "sample_docs"
AARHUS = REAL / "aarhus-byraad-2025-08-27-referat.pdf"
BALLERUP = REAL / "ballerup-sundheds-og-forebyggelsesudvalget-2012-12-04-referat.pdf"


@pytest.fixture(scope="session", autouse=True)
def private_user_folders(tmp_path_factory):
    """No test shares the user's data, config or cache folders, nor one run's with the next: HOME and
    XDG_* point into a temp folder for the whole session, so subprocesses and tmux panes get it too."""
    import os

    home = tmp_path_factory.mktemp("home")
    names = {"HOME": home, "XDG_DATA_HOME": home / ".local" / "share", "XDG_CONFIG_HOME": home / ".config",
             "XDG_CACHE_HOME": home / ".cache", "XDG_STATE_HOME": home / ".local" / "state"}
    saved = {k: os.environ.get(k) for k in names}
    os.environ.update({k: str(v) for k, v in names.items()})
    yield home
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Each test its own extraction cache (workbench/ingest/cache.py), never the user's nor another test's:
    what one test read is read again by the next, as it was before there was a cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def private_user_config(tmp_path_factory, monkeypatch):
    """Each test its own user config folder (workbench/userconfig.py): a reviewer's name one test
    remembered is not known to the next."""
    folder = tmp_path_factory.mktemp("userconfig")
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def language(request):
    """Every test speaks English unless it asks for a language: `@pytest.mark.language("da")` (or any code).
    Existing tests match English message text; the Danish ones opt in. Restored after the test."""
    from workbench import i18n

    marker = request.node.get_closest_marker("language")
    code = marker.args[0] if marker else "en"
    with i18n.using(code):
        yield code


@pytest.fixture(scope="session")
def config():
    from workbench.config import load_config

    return load_config(ROOT / "config.toml")


@pytest.fixture(scope="session")
def roster(config):
    from workbench.pipeline import load_roster

    return load_roster(config)


@pytest.fixture
def parse_text(tmp_path, config, roster):
    """Parse a small referat given as text; returns the Referat (with flags)."""
    from workbench.pipeline import analyse

    def run(text: str, name: str = "doc.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return analyse(path, config, roster)

    return run


def terminal_env() -> dict:
    """The environment for a program in a tmux pane: ours, less tmux's own variables and the
    COLUMNS and LINES that pytest-xdist's workers set (80×24): a program that finds them there
    believes them over the pane's real size, and draws a 120×40 pane as 80×24."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX") and k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    return env


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120, lang: str | None = "en") -> subprocess.CompletedProcess:
    """`python -m workbench ARGS` in English (`--lang en` first) unless `lang` names another; lang=None: as a user
    runs it, the language of the config (Danish by default)."""
    pinned = ["--lang", lang] if lang is not None and "--lang" not in args else []
    return subprocess.run([sys.executable, "-m", "workbench", *pinned, *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=timeout)


def needs(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not here (../shared beside the checkout)")
