"""The command line: argparse, and the only place that knows both the domain and the screen.

    workbench parse FILE [-o OUT.toml]   the draft record (standard output without -o)
    workbench parse DIR [--jobs N]       every referat of DIR into draft records (resumable; batch.py)
    workbench inbox [DIR]                the inbox over a folder (plain `workbench`: [inbox] dir, else the samples)
    workbench text FILE                  the numbered source lines
    workbench check FILE                 the flags, one per line; exit 1 if any is an error
    workbench review FILE                the review workbench (no argument at all: the bundled sample)
    workbench export [DIR] --format F    the verified records as json, jsonl, csv or os2web (workbench/export/)
    workbench schema                     the JSON Schema of referat/1

Every error a user can cause prints one line to standard error and exits 2.
"""
from __future__ import annotations

from workbench.i18n import _, ngettext

import argparse
import contextlib
import os
import signal
import sys
from pathlib import Path

from workbench.errors import UserError, one_line

SAMPLES = Path(__file__).parent / "data"  # the four bundled sample referater
SAMPLE = SAMPLES / "001_9a154efafadaaa85.pdf"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("referat-workbench")
    except PackageNotFoundError:
        return "unknown"


def _lang_option(parser: argparse.ArgumentParser, default=None) -> None:
    parser.add_argument("--lang", metavar="CODE", default=default,
                        help=_("the language to speak: da (Danish, the default) or en; overrides [ui] language"))


def _parser() -> argparse.ArgumentParser:
    """The parser, its help in the language spoken now: build it after `_choose_language`."""
    from workbench.i18n import cliwords

    cliwords.install()  # argparse's own words (usage, options, its errors) through the catalog
    ap = argparse.ArgumentParser(prog="workbench", description=_('Review Danish municipal referater and save them as referat/1 TOML records.'))
    ap.add_argument("--version", action="version", version=f"%(prog)s {_version()}",
                    help=_("show the version and exit"))
    _lang_option(ap)
    sub = ap.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    common = argparse.ArgumentParser(add_help=False)
    _lang_option(common, argparse.SUPPRESS)  # after the command too, without undoing one given before it

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, parents=[common])
        p.add_argument("file", metavar="FILE", help=_('a referat: .pdf, .txt or .md'))
        p.add_argument("--config", metavar="PATH", help=_('config.toml to use (default: ./config.toml, else the packaged one)'))
        return p

    p = add("parse", "print the draft referat/1 record of FILE as TOML; a folder: parse each referat in it into a draft record")
    p.add_argument("-o", "--output", metavar="OUT.toml", help=_('write the record here instead of standard output'))
    p.add_argument("--jobs", metavar="N", type=_jobs, default=1, help=_('a folder: files parsed at once (default 1)'))
    p.add_argument("--out", metavar="DIR", help=_('a folder: where the draft records go (default: [output] dir of the config)'))
    p = add("text", "print the source lines of FILE that flags point into (bare lines: what score.py and other tools read)")
    p.add_argument("-n", "--numbers", action="store_true", help=_("put each line's number before it, as the review screen does"))
    p = add("review", "open FILE in the review workbench")
    p.add_argument("--out", metavar="DIR", help=_('where records and journals are kept (default: [output] dir of the config)'))
    p.add_argument("--reviewer", metavar="NAME", help=_('your name, written into verified records'))
    p = add("check", "print the flags of FILE; exit 1 if any is an error")
    p.add_argument("--format", choices=("auto", "table", "tsv", "toml"), default="auto",
                   help=_('a table on a terminal, tab-separated lines when piped, or TOML'))
    _export_parser(sub)
    sub.add_parser("schema", help=_('print the JSON Schema (draft 2020-12) of the referat/1 record as JSON'),
                   description=_('print the JSON Schema (draft 2020-12) of the referat/1 record as JSON'))
    p = sub.add_parser("inbox", help=_('open the inbox over DIR'),
                       description=_('open the inbox over DIR: every referat in it, its state, and a review of each'))
    p.add_argument("dir", metavar="DIR", nargs="?", help=_('the folder of referater (default: [inbox] dir of the config)'))
    p.add_argument("--out", metavar="DIR", help=_('where records and journals are kept (default: [output] dir of the config)'))
    p.add_argument("--reviewer", metavar="NAME", help=_('your name, written into verified records'))
    p.add_argument("--config", metavar="PATH", help=_('config.toml to use (default: ./config.toml, else the packaged one)'))
    p.add_argument("--first", action="store_true", help=argparse.SUPPRESS)  # plain `workbench`: a sample opened at once
    return ap


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if not 1 <= n <= 256:
        raise argparse.ArgumentTypeError(f"must be between 1 and 256, not {n}")
    return n


def _export_parser(sub) -> None:
    common = argparse.ArgumentParser(add_help=False)
    _lang_option(common, argparse.SUPPRESS)
    p = sub.add_parser("export", parents=[common], help=_('export the verified records of DIR as json, jsonl, csv or os2web'),
                       description=_('export the verified records of DIR as json, jsonl, csv or os2web'))
    p.add_argument("dir", metavar="DIR", nargs="?", help=_('the records folder (default: [output] dir of the config)'))
    p.add_argument("--format", required=True, choices=("json", "jsonl", "csv", "os2web"))
    p.add_argument("-o", "--output", metavar="OUT", help=_('the file (jsonl, csv) or folder (json, os2web) to write (default: DIR/exports/…)'))
    p.add_argument("--public", action="store_true", help=_('leave out the content of closed items, flags and corrections'))
    p.add_argument("--all", action="store_true", help=_('export drafts too (marked as drafts)'))
    p.add_argument("--sources", metavar="DIR", help=_('where the source PDFs are (os2web keeps a copy; default: DIR)'))
    p.add_argument("--config", metavar="PATH", help=_('config.toml to use (default: ./config.toml, else the packaged one)'))


def _export(args, config) -> int:
    from workbench.export import export

    done = export(Path(args.dir) if args.dir else config.output_dir, args.format,
                  Path(args.output) if args.output else None, args.public, args.all,
                  [Path(args.sources)] if args.sources else None, config.max_bytes)
    with _output() as out:
        out.write(_("exported {records} and {items}: {out}").format(
            records=ngettext("{n} record", "{n} records", done.records).format(n=done.records),
            items=ngettext("{n} item", "{n} items", done.items).format(n=done.items), out=done.out) + "\n")
    return 0


def _stop(signum, frame) -> None:
    """A polite stop (SIGTERM) unwinds like ctrl+c: the PDF reader and temp files are cleaned up."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        argv = ["inbox", "--first"]  # no argument: the inbox over [inbox] dir, else over the bundled samples
    from workbench import i18n

    before = i18n.language()
    try:
        return _main(argv)
    finally:  # a caller in the same process (a test) speaks what it spoke before
        i18n.set_language(before)


def _main(argv: list[str]) -> int:
    try:
        _choose_language(argv)
    except UserError as exc:  # a --lang the workbench does not speak: one line, exit 2
        _say(str(exc))
        return 2
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    try:
        code = _run(args)
        _flush_stdout()
        return code
    except UserError as exc:
        _say(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _say(_('interrupted'))
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except OSError as exc:
        _say(f"{exc.filename or _('a file')}: {exc.strerror or exc}")
        return 2
    except RecursionError:
        _say(_('the input nests too deeply to be read'))
        return 2
    except Exception as exc:  # a bug: still one line, never a traceback (WORKBENCH_DEBUG=1 shows it)
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        _say(_('internal error ({kind}: {exc}); please report it').format(kind=type(exc).__name__, exc=exc))
        return 70


def _choose_language(argv: list[str]) -> str:
    """`--lang` if given (anywhere on the line), else `[ui] language` of the config, else Danish: set before
    anything a person reads is made (the parser's help, any message, the screen: Textual is imported later).
    A config that cannot be read leaves the choice to the flag; its error is reported when it is loaded."""
    from workbench import i18n

    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    pre.add_argument("--config")
    known, _rest = pre.parse_known_args(argv)
    if known.lang is not None:
        i18n.set_language(known.lang)  # a bad --lang fails here, before the config is read
    configured = None
    try:
        from workbench.config import load_config

        configured = load_config(known.config).language
    except (UserError, OSError, ValueError):  # reported with the language chosen, when _run loads it
        pass
    return i18n.set_language_from(known.lang, configured)


def _say(message: str) -> None:
    """One line on standard error, whatever the message holds (a file name's newline, bytes that are not UTF-8)."""
    try:
        print(f"workbench: {one_line(message)}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _flush_stdout() -> None:
    with _output():  # now, inside the try: a full disk is then answered, not left to the exit
        pass


@contextlib.contextmanager
def _output():
    """Writing to standard output: a full disk or a closed terminal is one line and exit 2."""
    try:
        yield sys.stdout
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _quiet_stdout()
        raise UserError(_('standard output: cannot be written ({value})').format(value=exc.strerror or exc)) from None


def _quiet_stdout() -> None:
    """After a failed write: what is still buffered for stdout is dropped, so that the exit does not
    try (and fail, with a message of its own) to write it again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _run(args) -> int:
    if args.command == "schema":
        import json

        from workbench.schema import json_schema

        with _output() as out:
            out.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
        return 0
    from workbench.config import load_config

    config = load_config(args.config)
    if args.command == "export":
        return _export(args, config)
    if args.command == "text":
        from workbench.ingest import load_source

        from workbench.visible import visible

        source = load_source(args.file, config)
        width = len(str(len(source.lines)))
        with _output() as out:
            for line in source.lines:
                text = visible(line.text, keep="\t")  # a control character in the document never reaches the terminal
                out.write(f"{line.no:>{width}}  {text}\n" if args.numbers else f"{text}\n")
        return 0
    if args.command in ("review", "inbox"):
        return _review(args, config)
    if args.command == "parse" and Path(args.file).is_dir():
        return _batch(args, config)
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
            with _output() as out:
                out.write(text)
        return 0
    if args.command == "check":
        from workbench.report import print_flags

        with _output() as out:
            print_flags(ref, args.format, out)
        return 1 if any(f.severity == "error" for f in ref.flags) else 0
    return 2


def _batch(args, config) -> int:
    from workbench.batch import bar, parse_folder

    if args.output:
        raise UserError(_('{file}: is a folder; -o names one record: give the records folder with --out DIR').format(file=args.file))
    done = parse_folder(args.file, config, Path(args.out) if args.out else None, args.jobs, progress=bar())
    with _output() as out:
        out.write(done.line() + "\n")
        for line in done.refused:
            out.write(f"refused: {one_line(line)}\n")
    return 0


def _review(args, config) -> int:
    from workbench.pipeline import load_roster

    from workbench.ingest import check_input

    first = None
    if args.command == "inbox":
        folder = Path(args.dir) if args.dir else config.inbox_dir
        if folder is None:  # none named: the bundled samples, the first one open (the README's first command)
            folder = SAMPLES
            first = SAMPLE if args.first else None
        if not folder.is_dir():
            raise UserError((_('{folder}: no such folder') if not folder.exists() else _('{folder}: is not a folder')).format(folder=folder))
        path = folder
    else:
        path = Path(args.file)
        check_input(path)  # missing, a folder, a device, a FIFO or a socket: refused before the screen opens
    roster = load_roster(config)
    from workbench.tui.app import build_app  # Textual only for the screen

    out_dir = Path(args.out) if args.out else None
    if out_dir is None:
        from workbench.userdata import move_old_records, records_dir

        if config.output_dir == records_dir():
            move_old_records(records_dir())  # records an older version kept inside the package
    if args.command == "inbox":
        from workbench.inbox import Inbox

        inbox = Inbox(path, config, out_dir, roster)
        inbox.scan()  # a folder that cannot be listed: one line, before the screen opens
        app = build_app(first, config, roster, out_dir=out_dir, reviewer=args.reviewer, inbox=inbox)
    else:
        app = build_app(path, config, roster, out_dir=out_dir, reviewer=args.reviewer)
    app.run()
    signal.signal(signal.SIGTERM, _stop)  # the screen's own handler is gone with its event loop
    if app.stop_message:  # a signal, or a fault the screen could not recover from: the journal is kept
        _say(app.stop_message)
        return app.stop_code
    if app.load_error and app.inbox is None:
        _say(app.load_error)
        return 2
    return 0
