"""Quarto's shortcodes, `{{< name args >}}`, expanded before the Markdown is read.

Quarto expands them in the text, code included, before anything else; so
does report, one line at a time, so that every line keeps its number:

- `meta KEY` (a front-matter value; `a.b` reaches into a mapping),
  `var KEY` (from `_variables.yml` beside the article or in a folder above
  it), `env NAME [DEFAULT]`: the value, read as Markdown;
- `kbd KEYS`: the keys as code; `video URL`: the address as a link, as
  Quarto prints a video on paper;
- `pagebreak` alone on its line is left to the reader (a page break);
  among words it is left out, with a warning (a page break mid-paragraph);
- `{{{< … >}}}` is the shortcode's own text, as in Quarto.

`include` would put another file's lines among the article's; it is an
error, as is a value that is not there. Any other shortcode (`lipsum`,
`placeholder`, an extension's) is left out, with a warning.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from . import textfiles
from .errors import ReportError, warn
from .quartoproject import merge, shared, variables_file

_SHORTCODE = re.compile(r"(\{)?\{\{<\s*(.*?)\s*>\}\}(\})?")
_KEPT = {"pagebreak"}  # read by report/pandocrules.py
_LEFT_OUT = "\x00"
_GONE = re.compile(r"( ?)\x00( ?)")


def expand(body: str, front: str | list[str], path: Path, first_line: int,
           date: str = "") -> str:
    """`body` (the article's lines from `first_line`, 0-based) with its
    shortcodes expanded; `front` is the front matter's YAML (after its
    Quarto project's and folders' metadata files', if any), `date` the
    article's date as printed (for `date: today`)."""
    if "{{<" not in body:
        return body
    values = _Values(front, date)
    lines, in_comment = body.split("\n"), False
    for n, line in enumerate(lines):
        if "{{<" in line or in_comment or "<!--" in line:
            where = (path, first_line + n + 1)
            parts, in_comment = _outside_comments(line, in_comment)
            line, at = "", 0
            for part, outside in parts:
                line += _SHORTCODE.sub(lambda m, at=at: _replace(m, values, path, where, at),
                                       part) if outside else part
                at += len(part)
            # One space where a shortcode left out stood between words.
            lines[n] = _GONE.sub(lambda m: " " if m[1] and m[2] else "", line)
    return "\n".join(lines)


def meta_keys(body: str) -> set[str]:
    """The front-matter keys that `{{< meta key >}}` shortcodes print."""
    return {m[1].split(".")[0] for m in re.finditer(r"\{\{<\s*meta\s+([^\s>]+)", body)}


def warn_in_front(front: str, path: Path) -> None:
    """Quarto expands shortcodes in the front matter too; report does not."""
    for n, line in enumerate(front.split("\n")):
        if "{{<" in line:
            warn("a shortcode in the front matter is printed as written: report expands "
                 "them in the text only", path, n + 2, line.index("{{<") + 1)


class _Values:
    """The front matter as Quarto prints its values: as written ("1.10",
    "yes", "12:30"), not as YAML reads them; read when first asked, over
    the Quarto project's metadata (report/quartoproject.py)."""

    def __init__(self, front: str | list[str], date: str):
        self.fronts = [front] if isinstance(front, str) else front
        self.date, self._read = date, None

    def meta(self) -> dict:
        if self._read is None:
            *project, own = [_as_written(text) or {} for text in self.fronts]
            self._read = {}
            for values in [*map(shared, project), own]:
                self._read = merge(self._read, values)
            if str(self._read.get("date", "")).strip() in ("today", "now", "last-modified"):
                self._read["date"] = self.date
        return self._read


def _as_written(text: str):
    """YAML with every scalar kept as its text (YAML's base loader)."""
    loaded = yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506 — builds plain str/dict/list
    return loaded if isinstance(loaded, dict) else {}


def _outside_comments(line: str, in_comment: bool) -> tuple[list[tuple[str, bool]], bool]:
    """The line cut into (text, outside an HTML comment), and whether a
    comment is still open at its end: a shortcode commented out stays so."""
    parts, at = [], 0
    while at < len(line):
        found = line.find("-->" if in_comment else "<!--", at)
        stop = len(line) if found < 0 else found + 3 if in_comment else found
        if stop > at:
            parts.append((line[at:stop], not in_comment))
        if found < 0:
            break
        at, in_comment = stop, not in_comment
    return parts, in_comment


def _replace(match: re.Match, values: _Values, path: Path, where: tuple, at: int) -> str:
    """The shortcode `match` expanded; `at`: where its part of the line begins."""
    inner, column = match[2], at + match.start() + 1
    if match[1] and match[3]:  # `{{{< x >}}}`: the shortcode's own words
        return "{{< " + inner + " >}}"
    import shlex  # here: an article without shortcodes never needs it
    try:
        name, *args = shlex.split(inner)
    except ValueError:  # an unclosed quote: its words as they stand
        name, *args = inner.split() or [""]
    here = (*where, column)
    if name in _KEPT and match.string.strip() != match[0]:  # among words: no page there
        warn(f"the shortcode '{name}' among words is left out: a page break stands on a "
             "line of its own", *here)
        return _LEFT_OUT
    if not name or name in _KEPT:
        return match[0]
    positional = [a for a in args if "=" not in a]
    handler = _HANDLERS.get(name)
    if handler is None:
        warn(f"the shortcode '{name}' is left out: report runs Quarto's meta, var, env, "
             "kbd, video and pagebreak", *here)
        return _LEFT_OUT
    return (match[1] or "") + handler(positional, dict(a.split("=", 1) for a in args
                                                       if "=" in a), values, path, here) \
        + (match[3] or "")


def _meta(args, _kwargs, values, path, here) -> str:
    key = _one(args, "meta", here)
    return _text(_lookup(values.meta(), key, here, "the front matter",
                         f"add '{key.split('.')[0]}:' to the front matter"), key, here)


def _var(args, _kwargs, _values, path, here) -> str:
    key = _one(args, "var", here)
    found = variables_file(path)
    if found is None:
        raise ReportError(f"'{{{{< var {key} >}}}}' needs a _variables.yml", *here,
                          "write one beside the article, as Quarto reads it")
    try:
        variables = _as_written(textfiles.read(found, "the variables file"))
    except yaml.YAMLError as error:
        raise ReportError(f"not valid YAML: {error}", found) from None
    return _text(_lookup(variables, key, here, found.name, f"add '{key}:' to {found}"),
                 key, here)


def _env(args, _kwargs, _values, _path, here) -> str:
    if not args:
        raise ReportError("'env' names no variable", *here, "write {{< env NAME >}}")
    value = os.environ.get(args[0], args[1] if len(args) > 1 else None)
    if value is None:
        raise ReportError(f"the environment variable '{args[0]}' is not set", *here,
                          f"set it, or give a default: {{{{< env {args[0]} default >}}}}")
    return value


def _kbd(args, kwargs, _values, _path, here) -> str:
    keys = args[0] if args else kwargs.get("win") or kwargs.get("linux") or \
        kwargs.get("mac") or ""
    return f"`{keys}`" if keys else ""


def _video(args, kwargs, _values, _path, here) -> str:
    url = args[0] if args else kwargs.get("src", "")
    return f"<{url}>" if re.match(r"https?://", url) else url


def _include(args, _kwargs, _values, _path, here) -> str:
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
        elif isinstance(found, list) and part.isdecimal() and int(part) < len(found):
            found = found[int(part)]
        else:
            raise ReportError(f"'{key}' is not in {source}", *here, hint)
    return found


def _text(value, key: str, here: tuple) -> str:
    """A value as the words of one line: a list's items joined by commas, a
    person's name (`name:`, or `given:` and `family:`)."""
    if isinstance(value, list):
        return ", ".join(_text(v, key, here) for v in value)
    if isinstance(value, dict):
        name = value.get("name") or value.get("text") or " ".join(
            str(value[k]) for k in ("given", "family") if value.get(k))
        if not name:
            raise ReportError(f"'{key}' is a mapping, not a value to print", *here,
                              f"name one of its keys: {key}.{next(iter(value), 'key')}")
        return _text(name, key, here)
    return " ".join(str(value).split())
