"""`python -m report html|pdf|slides|handout [SOURCE] [-o OUT]`.

Read once, cite once, write: each command ends with one line per output,
its path, its size in pages or slides, and the time taken. Errors in the
input are one line naming file, line and column, and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from .errors import ReportError

COMMANDS = {
    # name: (default output, help)
    "html": ("build/brief.html", "the brief as one self-contained HTML page"),
    "pdf": ("build/brief.pdf", "the APA 7 brief as PDF"),
    "slides": ("build/slides.pptx", "the slide deck as PowerPoint"),
    "handout": ("build/handout.pdf", "the audience handout as PDF"),
}


def main(argv: list[str] | None = None) -> int:
    args = _parser(_build_command(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    started = time.perf_counter()
    # SIGTERM unwinds like Ctrl-C, so a half-written output is removed.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return _run(args, started)
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as stop:
        print("interrupted; no output was written", file=sys.stderr)
        return 128 + (signal.SIGTERM if isinstance(stop, Terminated) else signal.SIGINT)
    except Exception as error:  # a bug of ours, not the user's input
        if os.environ.get("REPORT_DEBUG"):
            raise
        print(f"internal error: {type(error).__name__}: {error}\n"
              "  this is a bug in report; rerun with REPORT_DEBUG=1 for the traceback "
              "and report it", file=sys.stderr)
        return 2


class Terminated(KeyboardInterrupt):
    """SIGTERM: stops as Ctrl-C does, and exits 143 as a shell reports it."""


def _interrupt(signum, frame):
    raise Terminated


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        """A mistake on the command line exits 1, as one in the input does:
        argparse's 2 is what an internal error of report's exits with."""
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: error: {message}\n  see {self.prog} --help\n")


def _build_command(argv: list[str]) -> str | None:
    """The output the command line builds, if it starts with one."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `only`, the parser of that build
    command alone, which reads its line alike: every subparser, each with
    its help, is a sixth of what a deck does before it starts reading."""
    parser = _Parser(
        prog="python -m report",
        description="Turn one article (Pandoc Markdown + CSL-JSON) into an APA 7 brief, "
                    "a slide deck and a handout.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (default, help_text) in COMMANDS.items():
        if only not in (None, name):
            continue
        command = commands.add_parser(name, help=help_text, description=help_text + ".")
        command.add_argument("source", nargs="?", default="article.md", type=Path,
                             help="the article (default: article.md); its bibliography is "
                                  "the front matter's, else refs.json beside it")
        command.add_argument("-o", "--output", type=Path, default=Path(default),
                             help=f"where to write it (default: {default})")
        command.add_argument("--depfile", type=Path, metavar="FILE",
                             help="also write a Makefile rule naming every file the output "
                                  "is made from (images, metadata files, the style)")
        if name == "handout":
            _handout_options(command)
    if only is None:
        _add_reference_commands(commands)
        _add_watch_command(commands)
    return parser


def _handout_options(command) -> None:
    """Overrides of the front matter's `handout:` mapping."""
    from .handoutopts import NOTES, PER_PAGE
    command.add_argument("--per-page", type=int, choices=PER_PAGE,
                         help="slides on a page (default: 3)")
    command.add_argument("--notes", choices=NOTES,
                         help="beside each slide: lines to write on (default), or the "
                              "speaker notes")


def _run(args, started: float) -> int:
    if getattr(args, "handler", None):
        return args.handler(args)
    from . import pipeline
    heavy = args.command != "html"  # its writer's imports take longer than reading
    doc = pipeline.load(args.source, (lambda: pipeline.prepare(args.command)) if heavy else None,
                        args.command)
    _check_outputs(args, doc)
    if args.command == "handout":
        from .handoutopts import command_line
        command_line(doc, args.per_page, args.notes)
    count = pipeline.write(args.command, doc, args.output)
    from .output import counted, write_depfile
    if args.depfile:
        from .inputs import inputs_of
        write_depfile(args.depfile, args.output, inputs_of(doc))
    elapsed = time.perf_counter() - started
    print(f"{args.output}  {counted(args.command, count)}  {elapsed:.1f} s")
    return 0


def _check_outputs(args, doc) -> None:
    """Before anything is written: neither output over a file the build
    reads or over the other, a depfile where one can be written, and a
    warning for an output named as another format."""
    from .inputs import named_inputs
    from .output import refuse_overwriting, source_date_epoch, warn_other_format, writable
    outputs = {"-o": args.output, **({"--depfile": args.depfile} if args.depfile else {})}
    refuse_overwriting(outputs, named_inputs(doc))
    if args.depfile:
        writable(args.depfile, "--depfile")
    source_date_epoch()  # read at the end of writing: a bad one named now
    warn_other_format(args.command, args.output)


# --- `bib` and `check`: the citation engine and the reference lint, alone ------

def _add_reference_commands(commands) -> None:
    bib = commands.add_parser(
        "bib", help="render citations and a reference list from a bibliography",
        description="Render citation clusters in Pandoc syntax (one per line) and the "
                    "reference list: each cluster on its line, a blank line, then one "
                    "entry per line (the cited works, or all when no clusters).")
    bib.add_argument("--refs", type=Path, required=True, help="CSL-JSON or BibTeX file")
    bib.add_argument("--cites", help="file of clusters, one per line; '-' for stdin")
    bib.add_argument("--format", choices=("text", "html"), default="text",
                     help="plain UTF-8 text, or HTML keeping italics as <i> (default: text)")
    bib.add_argument("--lang", default="en-US",
                     help="the language, as an article's 'lang:': its terms, locators "
                          "('S. 5' in de-DE) and title case (default: en-US)")
    bib.set_defaults(handler=_bib)
    check = commands.add_parser(
        "check", help="lint the references for APA completeness (exit 1 on errors)",
        description="Lint the bibliography for APA completeness; exit 1 on errors.")
    check.add_argument("source", nargs="?", default="article.md", type=Path,
                       help="the article whose bibliography to check (default: article.md)")
    check.add_argument("--refs", type=Path, help="check this bibliography file instead")
    check.set_defaults(handler=_check)


def _bib(args) -> int:
    from .bib import run
    _bibliography_file(args.refs)
    sys.stdout.write(run(args.refs, args.cites, args.format, sys.stdin, args.lang))
    return 0


def _check(args) -> int:
    from .bibcheck import run
    checks = [(args.refs, None)]
    if args.refs is not None:
        _bibliography_file(args.refs)
    else:
        from .frontmatter import DEFAULT_BIBLIOGRAPHY
        from .source import read
        meta = read(args.source).meta
        checks = [(path, None) for path in meta.bibliography]
        checks += [(args.source, meta.inline_references)] if meta.inline_references else []
        if not checks:
            raise ReportError("there is no bibliography to check", args.source,
                              hint=f"put {DEFAULT_BIBLIOGRAPHY} beside the article, name one "
                                   "in 'bibliography:', or give --refs")
    status = 0
    for path, inline in checks:
        report, found = run(path, inline)
        sys.stdout.write(report)
        status = max(status, found)
    return status


def _bibliography_file(path: Path) -> None:
    """A ReportError unless --refs names a file there is, one to read."""
    hint = "give --refs the path of a CSL-JSON, BibTeX or CSL YAML file, e.g. --refs refs.json"
    if not path.exists():
        raise ReportError("the bibliography does not exist", path, hint=hint)
    if path.is_dir():
        raise ReportError("--refs names a directory, not a bibliography file", path, hint=hint)
    if not os.access(path, os.R_OK):
        raise ReportError("cannot read the bibliography (permission denied)", path,
                          hint="make it readable (chmod +r) or give --refs a copy you can read")


# --- `watch`: a warm process that rebuilds what a save changes ------------------

def _add_watch_command(commands) -> None:
    watch = commands.add_parser(
        "watch", help="rebuild the outputs that a saved file changes, until Ctrl-C",
        description="Build the outputs, then, at each save of the article, its "
                    "references, its images or styles/, rebuild those that depend on "
                    "the saved file and show something new, and print them and the "
                    "time since the save.")
    watch.add_argument("source", nargs="?", default="article.md", type=Path,
                       help="the article (default: article.md)")
    watch.add_argument("--to", nargs="+", choices=list(COMMANDS), metavar="OUTPUT",
                       default=["pdf", "slides", "handout"],
                       help="the outputs to keep built, at their default paths: "
                            f"{', '.join(COMMANDS)} (default: pdf slides handout)")
    watch.set_defaults(handler=_watch)


def _watch(args) -> int:
    from .watch import run
    return run(args.source, {kind: Path(COMMANDS[kind][0]) for kind in args.to})
