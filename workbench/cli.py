"""The command line: argparse, and the only place that knows both the domain and the screen.

    workbench parse FILE [-o OUT.toml]   the draft record (standard output without -o)
    workbench text FILE                  the numbered source lines
    workbench check FILE                 the flags, one per line; exit 1 if any is an error
    workbench review FILE                the review workbench (no argument at all: the bundled sample)

Every error a user can cause prints one line to standard error and exits 2.
"""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from workbench.errors import UserError

SAMPLE = Path(__file__).parent / "data" / "001_9a154efafadaaa85.pdf"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("referat-workbench")
    except PackageNotFoundError:
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="workbench", description="Review Danish municipal referater and save them as referat/1 TOML records.")
    ap.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("file", metavar="FILE", help="a referat: .pdf, .txt or .md")
        p.add_argument("--config", metavar="PATH", help="config.toml to use (default: ./config.toml, else the packaged one)")
        return p

    p = add("parse", "print the draft referat/1 record of FILE as TOML")
    p.add_argument("-o", "--output", metavar="OUT.toml", help="write the record here instead of standard output")
    p = add("text", "print the source lines of FILE that flags point into (bare lines: what score.py and other tools read)")
    p.add_argument("-n", "--numbers", action="store_true", help="put each line's number before it, as the review screen does")
    p = add("review", "open FILE in the review workbench")
    p.add_argument("--out", metavar="DIR", help="where records and journals are kept (default: [output] dir of the config)")
    p.add_argument("--reviewer", metavar="NAME", help="your name, written into verified records")
    p = add("check", "print the flags of FILE; exit 1 if any is an error")
    p.add_argument("--format", choices=("auto", "table", "tsv", "toml"), default="auto",
                   help="a table on a terminal, tab-separated lines when piped, or TOML")
    return ap


def _stop(signum, frame) -> None:
    """A polite stop (SIGTERM) unwinds like ctrl+c: the PDF reader and temp files are cleaned up."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        argv = ["review", str(SAMPLE)]  # no argument: the bundled sample
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    try:
        return _run(args)
    except UserError as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _run(args) -> int:
    from workbench.config import load_config

    config = load_config(args.config)
    if args.command == "text":
        from workbench.ingest import load_source

        source = load_source(args.file, config)
        out = sys.stdout
        width = len(str(len(source.lines)))
        for line in source.lines:
            out.write(f"{line.no:>{width}}  {line.text}\n" if args.numbers else f"{line.text}\n")
        return 0
    if args.command == "review":
        return _review(args, config)
    from workbench.pipeline import analyse

    if args.command == "parse" and args.output:
        from workbench.record import check_output

        check_output(Path(args.output))  # a device, FIFO, folder or link is refused before the work
    ref = analyse(args.file, config)
    if args.command == "parse":
        from workbench.record import dumps, to_dict, write_atomic

        text = dumps(to_dict(ref))
        if args.output:
            write_atomic(Path(args.output), text)
        else:
            sys.stdout.write(text)
        return 0
    if args.command == "check":
        from workbench.report import print_flags

        print_flags(ref, args.format, sys.stdout)
        return 1 if any(f.severity == "error" for f in ref.flags) else 0
    return 2


def _review(args, config) -> int:
    from workbench.pipeline import load_roster

    from workbench.ingest import check_input

    path = Path(args.file)
    check_input(path)  # missing, a folder, a device, a FIFO or a socket: refused before the screen opens
    roster = load_roster(config)
    from workbench.tui.app import build_app  # Textual only for the screen

    out_dir = Path(args.out) if args.out else None
    if out_dir is None:
        from workbench.userdata import move_old_records, records_dir

        if config.output_dir == records_dir():
            move_old_records(records_dir())  # records an older version kept inside the package
    app = build_app(path, config, roster, out_dir=out_dir, reviewer=args.reviewer)
    app.run()
    if app.load_error:
        print(f"workbench: {app.load_error}", file=sys.stderr)
        return 2
    return 0
