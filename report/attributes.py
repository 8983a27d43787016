"""Pandoc's attributes, `{#id .class key="value"}`: how they are read from
the source, and what the reader asks of them.

mdit-py-plugins' attrs plugin reads fewer values than pandoc (`pandoc_values`
teaches it Pandoc's rule); a heading's or caption's attributes stand at the
end of its words (`TRAILING`, `strip_trailing`), whose quotes the
typographer has curled (so they are read `straight`); a div's or span's
`.content-visible`/`.content-hidden` decide whether it is `shown`.
"""

from __future__ import annotations

import re

from mdit_py_plugins.attrs import parse as attrs_parse

from .model import Text
from .typography import straight

# A heading's or a caption's trailing `{#x .class}` (`\{#x}` is text).
TRAILING = re.compile(r"\s*(?<!\\)\{([^{}]*)\}\s*$")


def pandoc_values() -> None:
    """Pandoc's attribute values: in double or single quotes (`{width='50%'}`),
    or bare up to a space or `}` ({width=50%}, {height=3.5in}), backslash
    escapes read; keys may hold dots. mdit-py-plugins 0.7.0 takes double
    quotes only and bare letters, digits and `_:-`, and leaves the rest as
    text: an image with a width printed its braces, and was no figure. Its
    value states learn Pandoc's rule."""
    handlers = attrs_parse.HANDLERS
    handlers[_State.SCANNING_VALUE] = _value
    handlers[_State.SCANNING_BARE_VALUE] = _bare_value
    handlers[_State.SCANNING_QUOTED_VALUE] = _quoted_value
    handlers[_State.SCANNING_KEY] = _key
    attrs_parse.TokenState.compile = _compiled


_State = attrs_parse.State
_handle_key = attrs_parse.handle_scanning_key
# The plugin's own compile, even where this module is read again after the patch.
_compile = getattr(attrs_parse.TokenState.compile, "unescaped", attrs_parse.TokenState.compile)


def _value(char: str, pos: int, tokens) -> _State:
    tokens.set_start(pos)
    if char in "\"'":
        tokens.quote = char
        return _State.SCANNING_QUOTED_VALUE
    if char == "}" or char.isspace():
        raise attrs_parse.ParseError(f"Unexpected character whilst scanning value: {char}", pos)
    return _State.SCANNING_BARE_VALUE


def _bare_value(char: str, pos: int, tokens) -> _State:
    if char == "}" or char.isspace():
        tokens.append(tokens.start, pos, "value")
        return _State.DONE if char == "}" else _State.SCANNING
    return _State.SCANNING_BARE_VALUE


def _quoted_value(char: str, pos: int, tokens) -> _State:
    if char == tokens.quote:
        tokens.append(tokens.start + 1, pos, "value")
        return _State.SCANNING
    return _State.SCANNING_ESCAPED if char == "\\" else _State.SCANNING_QUOTED_VALUE


def _key(char: str, pos: int, tokens) -> _State:
    return _State.SCANNING_KEY if char == "." else _handle_key(char, pos, tokens)


def _compiled(tokens, string: str) -> dict[str, str]:
    return {name: _ESCAPED.sub(r"\1", text) for name, text in _compile(tokens, string).items()}


_compiled.unescaped = _compile  # called again, it wraps the plugin's own once


_ESCAPED = re.compile(r"\\([!-/:-@[-`{-~])")


# Quarto's conditional content (`.content-visible when-format="html"`):
# the article is read once for every output, as a PDF would be (the brief
# and handout are PDFs, and the deck is drawn from the brief's text), and
# Quarto's "pdf" and "latex" both name a PDF.
_FORMATS = {"pdf", "latex"}


def shown(attributes: dict) -> bool:
    """Whether Quarto's `.content-visible`/`.content-hidden` keep a div or
    span in a PDF, by its `when-format` and `unless-format` (all must
    hold); `when-meta` and `when-profile` are not read: kept as visible."""
    classes = str(attributes.get("class", "")).split()
    visible, hidden = "content-visible" in classes, "content-hidden" in classes
    if not (visible or hidden):
        return True
    holds = all(_matches(attributes[key]) == (key == "when-format")
                for key in ("when-format", "unless-format") if key in attributes)
    return holds if visible else not holds


def _matches(formats: str) -> bool:
    return bool(_FORMATS & set(re.split(r"[\s,]+", formats.lower())))


def attributes_of(params: str) -> dict:
    """Pandoc's `{#id .class key="value"}` as a dict ("id", "class" joined by
    spaces); a div's bare `slide` is its class. Quotes the typographer curled
    in a caption count as straight; what cannot be read yields its ids alone."""
    params = params.strip()
    if not params.startswith("{"):
        return {"class": params}
    try:
        return attrs_parse.parse(straight(params))[1]
    except attrs_parse.ParseError:
        ident = next((a[1:] for a in params.strip("{}").split() if a.startswith("#")), "")
        return {"id": ident} if ident else {}


def strip_trailing(children: list, suffix: str) -> None:
    """`suffix` as written (`{#x key="v"}`) taken off the last words, where
    the typographer has curled its quotes."""
    if children and isinstance(children[-1], Text):
        text = children[-1].text
        cut = next((at for at in range(len(text), -1, -1)
                    if straight(text[at:]) == straight(suffix)), len(text))
        children[-1].text = text[:cut].rstrip()
        if not children[-1].text:  # "**Methods** {#m}": nothing left of the last words
            children.pop()
