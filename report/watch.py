"""`python -m report watch [SOURCE]`: rebuild what a saved file changes.

A warm process: Python, WeasyPrint and python-pptx are loaded once and the
citations are remembered on disk (report/cslcache.py), so a save costs only
the outputs it touches. What each output depends on:

- the article, its bibliography, a CSL file beside it, its images: all;
- styles/brief.*: the brief; styles/deck*: the deck and the handout (which
  shows the deck's slides); styles/handout.*: the handout; anything else
  in styles/ (fonts, shared templates): all.

After each rebuild it prints one line per output, as the build commands
do, then the time from the save to the last output written.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from . import STYLES
from .errors import ReportError

UNITS = {"pdf": "pages", "html": "page", "slides": "slides", "handout": "pages"}
_STYLE_OUTPUTS = {"brief": {"pdf", "html"}, "deck": {"slides", "handout"},
                  "handout": {"handout"}}


def run(source: Path, targets: dict[str, Path]) -> int:
    """Build `targets` (kind → path), then rebuild on every save until interrupted."""
    from watchfiles import watch
    inputs = _build(source, targets, list(targets), {source.resolve()})

    def stale(_, path: str) -> bool:  # reads `inputs` as the last rebuild left it
        return bool(affected(Path(path), inputs))

    print(f"watching {source} and what it uses; Ctrl-C to stop", flush=True)
    while True:
        roots = _folders(inputs)
        changes = watch(*roots, recursive=False, raise_interrupt=False, watch_filter=stale)
        for batch in changes:
            saved = {Path(path) for _, path in batch}
            kinds = [k for k in targets if any(k in affected(p, inputs) for p in saved)]
            if kinds:
                inputs = _build(source, targets, kinds, inputs, _saved_at(saved))
            if _folders(inputs) != roots:
                break  # an input in a new folder: watch that one too
        else:
            return 0  # interrupted


def affected(path: Path, inputs: set[Path]) -> set[str]:
    """The outputs that a change to `path` makes stale."""
    path = path.resolve()
    if path in inputs:
        return set(UNITS)
    if not path.is_relative_to(STYLES) or path.name[:1] in ".#" or path.name.endswith("~"):
        return set()  # not ours, or an editor's backup or lock file
    stem = path.name.split(".")[0]
    return next((kinds for prefix, kinds in _STYLE_OUTPUTS.items()
                 if stem.startswith(prefix)), set(UNITS))


def inputs_of(doc) -> set[Path]:
    """The files a build of `doc` reads, besides styles/."""
    from .cite import style_path
    folder = doc.path.parent.resolve()
    found = {doc.path.resolve(), doc.meta.bibliography.resolve()}
    style = style_path(doc.meta.csl, doc.path).resolve()
    if style.is_relative_to(folder):
        found.add(style)
    return found | {(folder / src).resolve() for src in _images(doc.blocks)}


def _images(blocks):
    """The `src` of every figure, in lists, quotes and slides too."""
    from .model import Figure
    for block in blocks:
        if isinstance(block, Figure):
            yield block.src
        for item in getattr(block, "items", []):
            yield from _images(item)
        yield from _images(getattr(block, "blocks", []))


def _build(source: Path, targets: dict, kinds: list[str], inputs: set[Path],
           saved_at: float | None = None) -> set[Path]:
    """Rebuild `kinds`; return the inputs to watch from now on."""
    from . import pipeline
    started = time.time()
    try:
        doc = pipeline.load(source)
        inputs = inputs_of(doc)
        for kind in kinds:
            began = time.perf_counter()
            count = pipeline.write(kind, doc, targets[kind])
            size = f"{count} {UNITS[kind]}" if count is not None else "1 page"
            print(f"{targets[kind]}  {size}  {time.perf_counter() - began:.2f} s")
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        # Keep listening where the fix will be made, the file named included.
        return inputs | ({Path(error.path).resolve()} if error.path else set())
    if saved_at is None:
        print(f"built {', '.join(kinds)} in {time.time() - started:.2f} s", flush=True)
    else:
        print(f"rebuilt {', '.join(kinds)} {time.time() - saved_at:.2f} s after the save",
              flush=True)
    return inputs


def _folders(inputs: set[Path]) -> set[Path]:
    """Where to listen: each input's folder, styles/ and its subfolders."""
    return ({p.parent for p in inputs} | {STYLES}
            | {p for p in STYLES.rglob("*") if p.is_dir()})


def _saved_at(saved: set[Path]) -> float:
    """When the newest of the saved files was written (now, if it is gone)."""
    return max((p.stat().st_mtime for p in saved if p.exists()), default=time.time())
