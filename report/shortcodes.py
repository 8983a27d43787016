"""Quarto's shortcodes, `{{< name args >}}`, expanded before the Markdown is read.

Quarto expands them in the text, code included, before anything else; so
does report, one line at a time, so that every line keeps its number:

- `meta KEY` (a front-matter value; `a.b` reaches into a mapping),
  `var KEY` (from `_variables.yml` beside the article or in a folder above
  it), `env NAME [DEFAULT]`: the value, read as Markdown;
- `kbd KEYS`: the keys as code; `video URL`: the address as a link, as
  Quarto prints a video on paper;
- `pagebreak` alone on its line is left to the reader (a page break);
- `{{{< … >}}}` is the shortcode's own text, as in Quarto.

`include` would put another file's lines among the article's; it is an
error, as is a value that is not there. Any other shortcode (`lipsum`,
`placeholder`, an extension's) is left out, with a warning.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import yaml

from .errors import ReportError, warn

_SHORTCODE = re.compile(r"(\{)?\{\{<\s*(.*?)\s*>\}\}(\})?")
_KEPT = {"pagebreak"}  # read by report/markdown.py
_LEFT_OUT = "\x00"
_GONE = re.compile(r"( ?)\x00( ?)")


def expand(body: str, front: dict, path: Path, first_line: int) -> str:
    """`body` (the article's lines from `first_line`, 0-based) with its shortcodes expanded."""
    if "{{<" not in body:
        return body
    lines = body.split("\n")
    for n, line in enumerate(lines):
        if "{{<" in line:
            where = (path, first_line + n + 1)
            line = _SHORTCODE.sub(lambda m: _replace(m, front, path, where), line)
            # One space where a shortcode left out stood between words.
            lines[n] = _GONE.sub(lambda m: " " if m[1] and m[2] else "", line)
    return "\n".join(lines)


def _replace(match: re.Match, front: dict, path: Path, where: tuple) -> str:
    inner, column = match[2], match.start() + 1
    if match[1] and match[3]:  # `{{{< x >}}}`: the shortcode's own words
        return "{{< " + inner + " >}}"
    try:
        name, *args = shlex.split(inner)
    except ValueError:
        name, args = inner.split()[0] if inner.split() else "", []
    here = (*where, column)
    if not name or name in _KEPT:
        return match[0]
    positional = [a for a in args if "=" not in a]
    handler = _HANDLERS.get(name)
    if handler is None:
        warn(f"the shortcode '{name}' is left out: report runs Quarto's meta, var, env, "
             "kbd, video and pagebreak", *here)
        return _LEFT_OUT
    return (match[1] or "") + handler(positional, dict(a.split("=", 1) for a in args
                                                       if "=" in a), front, path, here) \
        + (match[3] or "")


def _meta(args, _kwargs, front, path, here) -> str:
    key = _one(args, "meta", here)
    return _text(_lookup(front, key, here, "the front matter",
                         f"add '{key.split('.')[0]}:' to the front matter"), key, here)


def _var(args, _kwargs, _front, path, here) -> str:
    key = _one(args, "var", here)
    found = _variables_file(path)
    if found is None:
        raise ReportError(f"'{{{{< var {key} >}}}}' needs a _variables.yml", *here,
                          "write one beside the article, as Quarto reads it")
    try:
        values = yaml.safe_load(found.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ReportError(f"not valid YAML: {error}", found) from None
    return _text(_lookup(values, key, here, found.name, f"add '{key}:' to {found}"), key, here)


def _env(args, _kwargs, _front, _path, here) -> str:
    if not args:
        raise ReportError("'env' names no variable", *here, "write {{< env NAME >}}")
    value = os.environ.get(args[0], args[1] if len(args) > 1 else None)
    if value is None:
        raise ReportError(f"the environment variable '{args[0]}' is not set", *here,
                          f"set it, or give a default: {{{{< env {args[0]} default >}}}}")
    return value


def _kbd(args, kwargs, _front, _path, here) -> str:
    keys = args[0] if args else kwargs.get("win") or kwargs.get("linux") or \
        kwargs.get("mac") or ""
    return f"`{keys}`" if keys else ""


def _video(args, kwargs, _front, _path, here) -> str:
    url = args[0] if args else kwargs.get("src", "")
    return f"<{url}>" if re.match(r"https?://", url) else url


def _include(args, _kwargs, _front, _path, here) -> str:
    name = args[0] if args else ""
    raise ReportError(f"'{{{{< include {name} >}}}}': report reads one file", *here,
                      f"paste the text of {name or 'the file'} here")


_HANDLERS = {"meta": _meta, "var": _var, "env": _env, "kbd": _kbd, "video": _video,
             "include": _include}


def _one(args: list[str], name: str, here: tuple) -> str:
    if not args:
        raise ReportError(f"'{name}' names no key", *here, f"write {{{{< {name} key >}}}}")
    return args[0]


def _lookup(values, key: str, here: tuple, source: str, hint: str):
    """`values[key]`, a dotted key reaching into mappings (and lists, by index)."""
    found = values
    for part in key.split("."):
        if isinstance(found, dict) and part in found:
            found = found[part]
        elif isinstance(found, list) and part.isdigit() and int(part) < len(found):
            found = found[int(part)]
        else:
            raise ReportError(f"'{key}' is not in {source}", *here, hint)
    return found


def _text(value, key: str, here: tuple) -> str:
    """A value as the words of one line: a list's items joined by commas."""
    if isinstance(value, list):
        value = ", ".join(_text(v, key, here) for v in value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("text") or ""
        if isinstance(value, dict):
            value = " ".join(str(v) for v in value.values())
    if value is None or isinstance(value, dict):
        raise ReportError(f"'{key}' is not a value to print", *here, "name a key whose "
                          "value is text or a number")
    return " ".join(str(value).split())


def _variables_file(path: Path) -> Path | None:
    """`_variables.yml` beside the article, or in a folder above it up to the
    Quarto project's (the one with `_quarto.yml`)."""
    for folder in [path.resolve().parent, *path.resolve().parent.parents]:
        if (folder / "_variables.yml").is_file():
            return folder / "_variables.yml"
        if (folder / "_quarto.yml").is_file():
            return None
    return None
