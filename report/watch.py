"""`python -m report watch [SOURCE]`: rebuild what a saved file changes.

A warm process: Python, WeasyPrint and python-pptx are loaded once and the
citations are remembered on disk (report/cslcache.py), so a save costs only
the outputs it touches. What each output depends on:

- the article, its bibliography, a CSL file beside it, its images, its
  `_variables.yml`, its Quarto project's `_quarto.yml` and its folders'
  `_metadata.yml` (one saved later too): all;
- styles/brief.*: the brief; styles/deck*: the deck and the handout (which
  shows the deck's slides); styles/handout.*: the handout; anything else
  in styles/ (fonts, shared templates): all.

A save to the article or its references rebuilds only the outputs whose
content it changes: each output's fingerprint is what its writer draws
(the brief's HTML, the deck's layout, the handout's HTML) and the images
they hold, a few milliseconds to compute where writing takes hundreds, so
an edit to the text leaves the deck alone, and one to a slide the brief.
A save in styles/ rebuilds what it touches, whatever the fingerprints.
The outputs to write are written two at a time (report/parallel.py).

After each rebuild it prints one line per output, as the build commands
do ("unchanged" for one left alone), then the time from the save to the
last output written.
"""

from __future__ import annotations

import contextlib
import gc
import io
import sys
import time
from pathlib import Path

from . import STYLES
from .errors import ReportError
from .inputs import image_sources, inputs_of
from .output import counted

KINDS = ("pdf", "html", "slides", "handout")
_STYLE_OUTPUTS = {"brief": {"pdf", "html"}, "deck": {"slides", "handout"},
                  "handout": {"handout"}}


def run(source: Path, targets: dict[str, Path]) -> int:
    """Build `targets` (kind → path), then rebuild on every save until
    interrupted. Ctrl-C (or SIGTERM) is how a watch ends, status 0, whenever
    it comes: an output being written is left as it was (report/output.py)."""
    gc.enable()  # off for one-shot commands (report/__main__.py); a watch lives long
    builds = Builds(source, targets)
    try:
        builds.build(list(targets), forced=True)
        print(f"watching {source} and what it uses; Ctrl-C to stop", flush=True)
        _listen(builds)
    except KeyboardInterrupt:
        pass
    return 0


def _listen(builds: Builds) -> None:
    from watchfiles import watch

    def stale(_, path: str) -> bool:  # reads the inputs as the last rebuild left them
        return bool(affected(Path(path), builds.inputs))

    while True:
        roots = _folders(builds.inputs)
        changes = watch(*roots, recursive=False, raise_interrupt=True, watch_filter=stale)
        for batch in changes:
            saved = {Path(path) for _, path in batch}
            kinds = [k for k in builds.targets
                     if any(k in affected(p, builds.inputs) for p in saved)]
            if kinds:
                styled = any(p.resolve().is_relative_to(STYLES) for p in saved)
                builds.build(kinds, forced=styled, saved_at=_saved_at(saved))
            if _folders(builds.inputs) != roots:
                break  # an input in a new folder: watch that one too


def affected(path: Path, inputs: set[Path]) -> set[str]:
    """The outputs that a change to `path` makes stale."""
    path = path.resolve()
    if path in inputs:
        return set(KINDS)
    if not path.is_relative_to(STYLES) or path.name[:1] in ".#" or path.name.endswith("~"):
        return set()  # not ours, or an editor's backup or lock file
    stem = path.name.split(".")[0]
    return next((kinds for prefix, kinds in _STYLE_OUTPUTS.items()
                 if stem.startswith(prefix)), set(KINDS))


class Builds:
    """The outputs kept built, with the inputs and fingerprints of the last build."""

    def __init__(self, source: Path, targets: dict[str, Path]):
        self.source, self.targets = source, targets
        self.inputs: set[Path] = {source.resolve()}
        self.fingerprints: dict[str, str] = {}

    def build(self, kinds: list[str], forced: bool, saved_at: float | None = None) -> None:
        """Rebuild those of `kinds` that changed (all of them if `forced`)."""
        from . import pipeline
        started = time.time()
        try:
            doc = pipeline.load(self.source)
            self.inputs = inputs_of(doc)
            with contextlib.redirect_stderr(io.StringIO()):  # the writers warn, once
                prints = {kind: fingerprint(kind, doc) for kind in kinds}
            todo = [k for k in kinds if forced or prints[k] != self.fingerprints.get(k)
                    or not self.targets[k].exists()]
            written = self._write(doc, todo)
        except ReportError as error:
            print(f"error: {error}", file=sys.stderr, flush=True)
            # Keep listening where the fix will be made, the file named included.
            self.inputs |= {Path(error.path).resolve()} if error.path else set()
            self.fingerprints.clear()  # what is on disk is no longer known
            return
        self.fingerprints.update(prints)
        for kind in kinds:
            size = "unchanged" if kind not in written else (
                f"{counted(kind, written[kind][0])}  {written[kind][1]:.2f} s")
            print(f"{self.targets[kind]}  {size}")
        _said(todo, started, saved_at)
        if "report.pdfspeed" in sys.modules:  # a PDF was written here: free its leftovers
            sys.modules["report.pdfspeed"].free_leftovers()  # now, not after the next save

    def _write(self, doc, kinds: list[str]) -> dict[str, tuple]:
        """kind → (pages or slides, seconds) of each output written, two at a
        time: those whose writers remember work for the next save here, the
        others in a forked child (report/parallel.py)."""
        from . import pipeline
        from .parallel import beside, run_all

        def write(kind: str) -> tuple:
            began = time.perf_counter()
            count = pipeline.write(kind, doc, self.targets[kind])
            return count, time.perf_counter() - began

        here = [k for k in kinds if k in REMEMBERING]
        there = sorted((k for k in kinds if k not in here), key=COST.index)
        if not here or not there:
            return dict(zip(here + there, run_all(here + there, write, min_jobs=2)))
        written: dict[str, tuple] = {}
        theirs = beside(lambda: [write(k) for k in there],
                        lambda: written.update((k, write(k)) for k in here))
        return written | dict(zip(there, theirs))


# The outputs whose writers keep what they laid out for the next save (the
# handout's pages: report/handout.py), kept in this process; the others,
# from the costliest to write, for run_all to share out.
REMEMBERING = ("handout",)
COST = ["pdf", "slides", "html"]


def fingerprint(kind: str, doc) -> str:
    """A digest of what the output `kind` shows: rebuilt only when it changes."""
    from .cache import digest, files_digest
    if kind in ("pdf", "html"):
        from .brief import render_html
        drawn = render_html(doc)
    else:
        from .slidemodel import deck_theme
        from .slides import plan
        with deck_theme(doc):
            layout = plan(doc)
            if kind == "slides":
                drawn = repr((layout, doc.meta))
            else:
                from .handout import options, render_html
                drawn = render_html(doc, layout, options(doc), {})
    images = sorted((doc.path.parent / src).resolve() for src in set(image_sources(doc.blocks)))
    return digest(kind, drawn, files_digest(images))


def _said(kinds: list[str], started: float, saved_at: float | None) -> None:
    if saved_at is None:
        print(f"built {', '.join(kinds)} in {time.time() - started:.2f} s", flush=True)
    elif kinds:
        print(f"rebuilt {', '.join(kinds)} {time.time() - saved_at:.2f} s after the save",
              flush=True)
    else:
        print(f"rebuilt nothing: the outputs show what they showed "
              f"({time.time() - saved_at:.2f} s after the save)", flush=True)


def _folders(inputs: set[Path]) -> set[Path]:
    """Where to listen: each input's folder, styles/ and its subfolders."""
    return ({p.parent for p in inputs} | {STYLES}
            | {p for p in STYLES.rglob("*") if p.is_dir()})


def _saved_at(saved: set[Path]) -> float:
    """When the newest of the saved files was written (now, if it is gone)."""
    return max((p.stat().st_mtime for p in saved if p.exists()), default=time.time())
