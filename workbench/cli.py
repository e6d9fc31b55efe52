"""The command line: argparse, and the only place that knows both the domain and the screen.

    workbench parse FILE [-o OUT.toml]   the draft record (standard output without -o)
    workbench text FILE                  the numbered source lines
    workbench check FILE                 the flags, one per line; exit 1 if any is an error

Every error a user can cause prints one line to standard error and exits 2.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.errors import UserError

SAMPLE = Path(__file__).parent / "data" / "001_9a154efafadaaa85.pdf"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="workbench", description="Review Danish municipal referater and save them as referat/1 TOML records.")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("file", metavar="FILE", help="a referat: .pdf, .txt or .md")
        p.add_argument("--config", metavar="PATH", help="config.toml to use (default: ./config.toml, else the packaged one)")
        return p

    p = add("parse", "print the draft referat/1 record of FILE as TOML")
    p.add_argument("-o", "--output", metavar="OUT.toml", help="write the record here instead of standard output")
    add("text", "print the numbered source lines of FILE")
    p = add("check", "print the flags of FILE; exit 1 if any is an error")
    p.add_argument("--format", choices=("auto", "table", "tsv", "toml"), default="auto",
                   help="a table on a terminal, tab-separated lines when piped, or TOML")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 0
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
        for line in source.lines:
            out.write(f"{line.text}\n")
        return 0
    from workbench.pipeline import analyse

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
