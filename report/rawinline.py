"""Raw HTML and raw TeX inside a paragraph, read as what they mean.

Pandoc passes `H<sub>2</sub>O` to HTML output and `\\emph{x}` to LaTeX
output, and leaves each out of every other. An article written for either
should read the same in all of ours, so the tags and commands that only
style text become the model's own inlines (the parser's usual tokens:
`sub_open` … `sub_close`), and their content is read as Markdown. Any other
tag is left out and its content kept (a script's or a style's, code, goes
too): nothing raw reaches the brief's HTML. Any other TeX command is left
out and named in a warning, as its words are lost.
"""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

# tag → the token pair that stands for it (report/markdown.py reads them).
_TAGS = {"sub": "sub", "sup": "sup", "em": "em", "i": "em", "cite": "em", "var": "em",
         "strong": "strong", "b": "strong", "s": "s", "del": "s", "strike": "s",
         "u": "span", "ins": "span", "span": "span", "a": "link"}
_CODE = {"script", "style", "template"}  # their content is code, not words: left out too
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*?)?)\s*/?>")
_ATTR = re.compile(r"""([A-Za-z_:][\w:.-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")

# TeX commands whose argument is text: its style, and the argument read on.
_TEX_STYLES = {"emph": "em", "textit": "em", "textsl": "em", "textbf": "strong",
               "underline": "span", "textsc": "span", "sout": "s",
               "textsuperscript": "sup", "textsubscript": "sub",
               "text": None, "textrm": None, "textsf": None, "texttt": None, "mbox": None}
_TEX_WORDS = {"LaTeX": "LaTeX", "TeX": "TeX", "ldots": "…", "dots": "…", "textendash": "–",
              "textemdash": "—", "S": "§", "P": "¶", "textasciitilde": "~"}
_TEX = re.compile(r"\\([A-Za-z]+)\*?((?:\[[^\]\n]*\])*)((?:\{(?:[^{}]|\{[^{}]*\})*\})*)")


def register(md) -> None:
    md.inline.ruler.before("html_inline", "raw_html", raw_html)
    md.inline.ruler.before("escape", "raw_tex", raw_tex)


def raw_html(state: StateInline, silent: bool) -> bool:
    match = _TAG.match(state.src, state.pos, state.posMax)
    if not match or state.src[state.pos] != "<":
        return False
    closing, name, attrs = match[1], match[2].lower(), match[3]
    if not silent and not closing:
        if name == "br":
            state.push("hardbreak", "br", 0)
        elif name in _TAGS or name in _CODE:
            end = _closing_tag(state.src, match.end(), state.posMax, name)
            if end is not None:
                if name in _TAGS:
                    _styled(state, _TAGS[name], _attributes(name, attrs), match.end(), end[0])
                state.pos = end[1]
                return True
    state.pos = match.end()  # a tag of no meaning here: left out, its content kept
    return True


def _closing_tag(src: str, start: int, stop: int, name: str):
    """(start, end) of the `</name>` that closes one opened before `start`."""
    depth = 1
    for tag in _TAG.finditer(src, start, stop):
        if tag[2].lower() == name:
            depth += -1 if tag[1] else 1
            if depth == 0:
                return tag.start(), tag.end()
    return None


def _attributes(name: str, text: str) -> dict:
    found = {key.lower(): value.strip("\"'") for key, value in _ATTR.findall(text)}
    if name == "a":
        return {"href": found.get("href", "")}
    if name in ("u", "ins"):
        return {"class": "underline"}
    if "smallcaps" in found.get("class", "").split() or "small-caps" in found.get("style", ""):
        return {"class": "smallcaps"}
    return {}


def _styled(state: StateInline, kind: str, attrs: dict, start: int, end: int) -> None:
    """`kind`_open, the text from `start` to `end` read as Markdown, `kind`_close."""
    maximum = state.posMax
    state.push(f"{kind}_open", "", 1).attrs = attrs
    state.pos, state.posMax = start, end
    state.md.inline.tokenize(state)
    state.push(f"{kind}_close", "", -1)
    state.posMax = maximum


def raw_tex(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "\\":
        return False
    match = _TEX.match(state.src, state.pos, state.posMax)
    if not match:
        return False  # `\*` and the like: markdown-it's escapes
    name, braced = match[1], match[3]
    if silent:  # skipped over, as a link's label skips what it holds
        state.pos = match.end()
        return True
    if name in _TEX_WORDS and not braced.strip("{}"):
        state.push("text", "", 0).content = _TEX_WORDS[name]
    elif name in _TEX_STYLES and braced:
        first = match.start(3) + 1
        end = first + _group_length(braced) - 2
        kind = _TEX_STYLES[name]
        attrs = {"class": "smallcaps" if name == "textsc" else "underline"}
        if kind:
            _styled(state, kind, attrs if kind == "span" else {}, first, end)
        else:
            _styled_plain(state, first, end)
    elif name in ("url", "href") and braced:
        _tex_link(state, name, braced, match.start(3))
    else:
        token = state.push("raw_tex", "", 0)  # left out; the reader warns
        token.content, token.meta = match[0], {"offset": state.pos}
    state.pos = match.end()
    return True


def _group_length(braced: str) -> int:
    """The length of the first `{…}` group of `braced`."""
    depth = 0
    for n, char in enumerate(braced):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return n + 1
    return len(braced)


def _styled_plain(state: StateInline, start: int, end: int) -> None:
    maximum = state.posMax
    state.pos, state.posMax = start, end
    state.md.inline.tokenize(state)
    state.posMax = maximum


def _tex_link(state: StateInline, name: str, braced: str, start: int) -> None:
    """`\\url{u}`: the address as its own text; `\\href{u}{text}`."""
    length = _group_length(braced)
    url = braced[1:length - 1]
    state.push("link_open", "a", 1).attrs = {"href": url}
    if name == "href" and len(braced) > length:
        rest = start + length
        _styled_plain(state, rest + 1, rest + _group_length(braced[length:]) - 1)
    else:
        state.push("text", "", 0).content = url
    state.push("link_close", "a", -1)
