"""Writing outputs safely: all or nothing, and the old file kept on failure.

Every writer renders into a temporary file beside the target, which is
renamed over it only when complete; a failed or interrupted build leaves
the previous output as it was.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import zipfile


def writable(target: Path) -> Path:
    """Where an output named `target` is written: the file a symbolic link
    names, written through rather than replaced by a file. A ReportError if
    it cannot be: a directory or a device is there, or the folder cannot be
    made or written in."""
    from .errors import ReportError
    real = target.resolve() if target.is_symlink() else target
    if real.exists() and not real.is_file():
        what = "a directory" if real.is_dir() else "a pipe, socket or device, not a file"
        raise ReportError(f"the output's path is {what}", target, hint="give -o a file's name")
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportError(f"cannot make the output's folder ({error.strerror})", target,
                          hint="give -o a path in a folder you can write to") from None
    probe = real.parent / f".{real.name}.{os.getpid()}.probe"  # what access() cannot say:
    try:                                                       # a read-only mount, /sys
        probe.touch()
        probe.unlink()
    except OSError as error:
        raise ReportError(f"cannot write in the output's folder ({error.strerror})", target,
                          hint="give -o a path in a folder you can write to") from None
    return real


@contextmanager
def atomic(target: Path):
    """Yield a temporary path beside `target`; move it into place on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # Named before it exists, so that an interrupt at any instant finds
    # the name in `finally` (mkstemp would leave a window between the two).
    temporary = target.parent / f".{target.name}.{os.getpid()}.part"
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


FIXED_EPOCH = "315532800"  # 1980-01-01, the zip format's first date
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_member(name: str) -> zipfile.ZipInfo:
    """A compressed zip member dated as every build dates it: the same bytes
    at every build, where the zip module dates it by the clock."""
    import zipfile  # here: a cold build's first imports, before it forks, need it not
    member = zipfile.ZipInfo(name, ZIP_EPOCH)
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o644 << 16
    return member


@contextmanager
def fixed_clock():
    """SOURCE_DATE_EPOCH set while writing, to the user's value or a fixed one.

    fontTools stamps every font subset it writes with the time unless this
    is set; with it, rebuilds of the same sources give the same bytes.
    """
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = before or FIXED_EPOCH
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def counted(kind: str, count: int | None) -> str:
    """What a build of `kind` wrote, as its line says it: "5 pages", "1 slide"
    (None: the HTML brief, one page)."""
    count = 1 if count is None else count
    return f"{count} {'slide' if kind == 'slides' else 'page'}{'' if count == 1 else 's'}"


def write_depfile(path: Path, target: Path, inputs: set[Path]) -> None:
    """A Makefile rule, as `gcc -MD` writes one: `target` depends on each of
    `inputs` there is, so that make rebuilds it when an image, a metadata
    file or a CSL style the article names changes (the Makefile's own rule
    knows only the article, refs.json and styles/). A file not there is left
    out: make would rebuild every time for it. Each has an empty rule of its
    own (`gcc -MP`), so that one deleted since makes a rebuild, not an error."""
    names = sorted(_make_name(p) for p in inputs if p.is_file())
    rules = [f"{_make_name(target)}: {' '.join(names)}", *(f"{name}:" for name in names)]
    with atomic(writable(path)) as temporary:
        temporary.write_text("\n".join(rules) + "\n", encoding="utf-8")


def _make_name(path: Path) -> str:
    """A path as a make rule writes it: from the working folder where it is
    in it, its spaces, '#' and '$' escaped."""
    name = os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) \
        else str(path)
    return name.replace("$", "$$").replace("#", "\\#").replace(" ", "\\ ")
