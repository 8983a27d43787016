"""Writing outputs safely: all or nothing, and the old file kept on failure.

Every writer renders into a temporary file beside the target, which is
renamed over it only when complete; a failed or interrupted build leaves
the previous output as it was.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import zipfile


def writable(target: Path, option: str = "-o") -> Path:
    """Where an output named `target` is written: the file a symbolic link
    names, written through rather than replaced by a file. A ReportError if
    it cannot be: a directory or a device is there, or the folder cannot be
    made or written in (`option`: the one that named it, which the hint names)."""
    from .errors import ReportError
    output = "the output" if option == "-o" else "the depfile"
    real = target.resolve() if target.is_symlink() else target
    if real.exists() and not real.is_file():
        what = "a directory" if real.is_dir() else "a pipe, socket or device, not a file"
        raise ReportError(f"{output}'s path is {what}", target,
                          hint=f"give {option} a file's name")
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportError(f"cannot make {output}'s folder ({error.strerror})", target,
                          hint=f"give {option} a path in a folder you can write to") from None
    probe = real.parent / f".{real.name}.{os.getpid()}.probe"  # what access() cannot say:
    try:                                                       # a read-only mount, /sys
        probe.touch()
        probe.unlink()
    except OSError as error:
        raise ReportError(f"cannot write in {output}'s folder ({error.strerror})", target,
                          hint=f"give {option} a path in a folder you can write to") from None
    return real


def refuse_overwriting(outputs: dict[str, Path], inputs: dict[Path, str]) -> None:
    """A ReportError, before anything is written, if an output (by the
    option that names it: "-o") is one of the build's `inputs` (each with
    what it is: "the article itself") or another output: written, it would
    be lost, as the article was under a PDF of it. The same file by any
    name: a symbolic link, `./`, an absolute path, another hard link."""
    from .errors import ReportError
    named = list(outputs.items())
    for index, (option, target) in enumerate(named):
        clash = next((what for path, what in inputs.items() if _same_file(target, path)), None)
        clash = clash or next((f"the same file as {other}" for other, path in named[:index]
                               if _same_file(target, path)), None)
        if clash:
            link = ", through a symbolic link" if _real(target) != _absolute(target) else ""
            raise ReportError(f"{option} names {clash}{link}", target, hint="give another path")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one is not there (yet): then by the path it would have
        return _real(a) == _real(b)


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _absolute(path: Path) -> str:
    return os.path.normpath(os.path.abspath(path))


# What each command writes, and the ends of other formats' names: a PDF
# named slides.pptx is written as asked, but no program opens it as one.
WRITES = {"pdf": ("a PDF", (".pdf",)), "handout": ("a PDF", (".pdf",)),
          "slides": ("a PowerPoint deck", (".pptx",)),
          "html": ("an HTML page", (".html", ".htm", ".xhtml"))}
OTHER_FORMATS = {".pdf", ".pptx", ".ppt", ".potx", ".odp", ".key", ".html", ".htm", ".xhtml",
                 ".docx", ".doc", ".odt", ".rtf", ".epub", ".tex", ".md", ".txt", ".json",
                 ".png", ".jpg", ".jpeg", ".svg", ".ps", ".eps", ".zip"}


def warn_other_format(kind: str, target: Path) -> None:
    """A warning when `target`'s name ends as another format's does."""
    from .errors import warn
    what, ends = WRITES[kind]
    suffix = target.suffix.lower()
    if suffix in OTHER_FORMATS and suffix not in ends:
        warn(f"`{kind}` writes {what} ({ends[0]}), not the {suffix} the name says; it is "
             f"written there as asked, but name it {target.with_suffix(ends[0]).name} for "
             "programs to open it", target)


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH, the build's date for a reproducible build, in
    seconds since 1970 UTC; None when unset or empty. The one reader of it,
    so that a value no date can be made of is the user's error, named, and
    not a traceback where a writer first reads it."""
    from .errors import ReportError
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not value.strip():
        return None
    # ASCII digits, as `date +%s` writes them (int() would take '1_0' and '١٠');
    # up to the last second of 9999: the PDF's and the deck's dates have four digits.
    if not re.fullmatch(r"\s*[0-9]+\s*", value) or int(value) > LAST_EPOCH:
        raise ReportError(f"SOURCE_DATE_EPOCH is '{value}', not a date: it is a whole number "
                          f"of seconds since 1970-01-01 UTC, at most {LAST_EPOCH} (9999's end)",
                          hint="set it to one, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), "
                               "or unset it")
    return int(value)


LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z


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
    epoch = source_date_epoch()  # checked: fontTools would stop at a bad one
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH if epoch is None else str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


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
    with atomic(writable(path, "--depfile")) as temporary:
        temporary.write_text("\n".join(rules) + "\n", encoding="utf-8")


def _make_name(path: Path) -> str:
    """A path as a make rule writes it: from the working folder where it is
    in it, its spaces, '#' and '$' escaped."""
    name = os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) \
        else str(path)
    return name.replace("$", "$$").replace("#", "\\#").replace(" ", "\\ ")
