"""Compiled regular expressions kept between runs, as Python keeps bytecode.

A cold deck compiles about 400 patterns at import: markdown-it's, PyYAML's,
citeproc-py's, python-pptx's and ours. Python's `re` parses and compiles
each in pure Python, every run: 30 ms of CPU, most of it in the process
that reads the article, which every output waits for. What `re` compiles
them to is a list of integers that depends only on the pattern, its flags
and the Python that compiled it. This module keeps those lists in a file
beside our bytecode, named for the Python and the regex engine, and hands
them to the engine (`_sre.compile`, what `re` itself calls) instead of
compiling again.

The patch is on `re._compiler.compile`, CPython's, and is made only if it
has the shape this was written for (3.11 to 3.13); any other Python, or a
file that cannot be read or written, and `re` compiles as it always did.
Only patterns of some length are kept: a short one compiles in a few
microseconds, and some libraries build theirs from sets, in a new order at
each run (markdown-it's characters that end a text). `save()` runs where a
process leaves with os._exit.
"""

from __future__ import annotations

import marshal
import os
import sys
from array import array

try:
    import _sre
    from re import _compiler, _parser
    # The code words are kept as an array of C ints: of the engine's size.
    _SHAPED = callable(getattr(_compiler, "_code", None)) and hasattr(_sre, "MAGIC") \
        and array("I").itemsize == getattr(_sre, "CODESIZE", 0)
except ImportError:  # another Python's re
    _SHAPED = False
_original = _compiler.compile if _SHAPED else None

# Compiled to fewer integers than this, a pattern is compiled again: 65 of
# a deck's 308 patterns, 1 ms of its 27.
_WORTH_KEEPING = 32
_MOST = 600  # patterns in the file (a build uses ~450); past this, only the last run's
_PATH = os.path.join(os.path.dirname(__file__), "__pycache__", "regex.{}-{}.marshal".format(
    sys.implementation.cache_tag, getattr(_sre, "MAGIC", 0) if _SHAPED else 0))

_kept: dict = {}  # (pattern, flags) -> (flags, code as bytes, groups, groupindex, indexgroup)
_new: dict = {}
_used: set = set()


def install() -> None:
    """Read the kept patterns and compile through them from now on."""
    global _kept
    if not _SHAPED or _compiler.compile is _compile:
        return
    _kept = _read()
    _compiler.compile = _compile


def _read() -> dict:
    try:
        with open(_PATH, "rb") as file:
            kept = marshal.load(file)
        return kept if isinstance(kept, dict) else {}
    except (OSError, EOFError, ValueError, TypeError):
        return {}


def _compile(p, flags=0):
    if not isinstance(p, (str, bytes)) or flags & _compiler.SRE_FLAG_DEBUG:
        return _original(p, flags)
    key = (p, int(flags))
    kept = _kept.get(key) or _new.get(key)
    if kept is not None:
        _used.add(key)
        return _sre.compile(p, kept[0], array("I", kept[1]).tolist(), *kept[2:])
    parsed = _parser.parse(p, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    state = parsed.state
    indexgroup = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    compiled = (int(flags | state.flags), code, state.groups - 1, dict(state.groupdict),
                tuple(indexgroup))
    if len(code) >= _WORTH_KEEPING:
        _new[key] = (compiled[0], array("I", code).tobytes(), *compiled[2:])
        _used.add(key)
    return _sre.compile(p, *compiled)


def save() -> None:
    """Add what this process compiled to the file, if anything: merged with
    what other processes added since it was read, and replaced whole, so a
    reader never sees half a file."""
    if not _new:
        return
    kept = _read()
    kept.update(_new)
    if len(kept) > _MOST:
        kept = {key: kept[key] for key in _used if key in kept}
    _new.clear()
    partial = f"{_PATH}.{os.getpid()}"
    try:
        os.makedirs(os.path.dirname(_PATH), exist_ok=True)
        with open(partial, "wb") as file:
            marshal.dump(kept, file)
        os.replace(partial, _PATH)
    except OSError:  # a read-only install: compiled again next time, as without this
        try:
            os.unlink(partial)
        except OSError:
            pass
