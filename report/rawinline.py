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
from html import unescape

from markdown_it.rules_inline import StateInline

from . import rawblocks, texmacros

# tag → the token pair that stands for it (report/mdinlines.py reads them).
_TAGS = {"sub": "sub", "sup": "sup", "em": "em", "i": "em", "cite": "em", "var": "em",
         "strong": "strong", "b": "strong", "s": "s", "del": "s", "strike": "s",
         "u": "span", "ins": "span", "span": "span", "a": "link"}
_CODE = {"script", "style", "template"}  # their content is code, not words: left out too
# HTML's own elements: any other `<name>` is words ("List<String>", "x<y and y>z").
_ELEMENTS = set("""a abbr acronym address area article aside audio b bdi bdo big blockquote
    br button canvas caption center cite code col colgroup data del details dfn dialog div dl
    em embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 header hr i iframe
    img input ins kbd label legend li link main map mark meta meter nav noscript object ol
    optgroup option output p param picture pre progress q rp rt ruby s samp script section
    select slot small source span strike strong style sub summary sup table tbody td template
    textarea tfoot th thead time title tr track tt u ul var video wbr""".split())
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][\w:.-]*"""
                  r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""")
_ATTR = re.compile(r"""([A-Za-z_:][\w:.-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")

# TeX commands whose argument is text: its style, and the argument read on.
_TEX_STYLES = {"emph": "em", "textit": "em", "textsl": "em", "textbf": "strong",
               "underline": "span", "textsc": "span", "sout": "s",
               "textsuperscript": "sup", "textsubscript": "sub",
               "text": None, "textrm": None, "textsf": None, "texttt": None, "mbox": None}
_TEX_WORDS = {"LaTeX": "LaTeX", "TeX": "TeX", "ldots": "…", "dots": "…", "textendash": "–",
              "textemdash": "—", "S": "§", "P": "¶", "textasciitilde": "~"}
_GROUP = r"\{(?:[^{}]|\{[^{}]*\})*\}"
_OPTION = r"\[[^\]\n]*\]"
# A command: its name, options, arguments, then any further options and
# arguments (`\\newcommand{\\tuple}[1]{…}`), all of it one command.
_TEX = re.compile(rf"\\([A-Za-z]+)\*?((?:{_OPTION})*)((?:{_GROUP})*)"
                  rf"(?:(?:{_OPTION})+(?:{_GROUP})+)*")


def register(md) -> None:
    md.inline.ruler.before("backticks", "raw_attribute", raw_attribute)
    md.inline.ruler.before("html_inline", "raw_html", raw_html)
    md.inline.ruler.before("escape", "raw_tex", raw_tex)
    texmacros.register(md)


_BACKTICKS = re.compile(r"`+")
_RAW_FORMAT = re.compile(r"\{=([A-Za-z0-9_+-]+)\}")


def raw_attribute(state: StateInline, silent: bool) -> bool:
    """Pandoc's raw span, `` `<b>x</b>`{=html} ``: HTML read as the tags
    among words are; any other format's (`{=latex}`, `{=openxml}`) left
    out, as pandoc leaves it out of all output but that format's."""
    opening = _BACKTICKS.match(state.src, state.pos, state.posMax)
    if not opening:
        return False
    closing = next((run for run in _BACKTICKS.finditer(state.src, opening.end(), state.posMax)
                    if len(run[0]) == len(opening[0])), None)  # as a code span closes
    form = closing and _RAW_FORMAT.match(state.src, closing.end(), state.posMax)
    if not form:
        return False  # a code span
    end = form.end()
    if form[1].lower() in rawblocks.HTML_FORMATS:
        if not silent:  # (up to the closing backticks: markdown-it's text rule stops at them)
            styled(state, None, {}, opening.end(), closing.start())
    elif state.src[state.pos - 1:state.pos].isspace() and state.src[end:end + 1] == " ":
        end += 1  # "and `x`{=latex} here": one space left, as pandoc leaves one
    state.pos = end
    return True


def raw_html(state: StateInline, silent: bool) -> bool:
    match = _TAG.match(state.src, state.pos, state.posMax)
    if not match or match[2].lower() not in _ELEMENTS:
        return False
    closing, name, attrs = match[1], match[2].lower(), match[3]
    if not silent and not closing:
        if name == "br":
            state.push("hardbreak", "br", 0)
        elif name == "img":  # its alt text, as `![alt](src)` among words (the reader warns)
            found = {k.lower(): unescape(v.strip("\"'")) for k, v in _ATTR.findall(attrs)}
            token = state.push("raw_img", "img", 0)
            token.content, token.attrs = found.get("alt", ""), {"src": found.get("src", "")}
        elif name in _TAGS or name in _CODE:
            end = _closing_tag(state.src, match.end(), state.posMax, name)
            if end is not None:
                if name in _TAGS:
                    kind, found = _TAGS[name], _attributes(name, attrs)
                    if kind == "link" and not _linkable(state, found["href"]):
                        kind = None  # its words, not its link
                    elif kind == "link":
                        found["href"] = state.md.normalizeLink(found["href"])
                    styled(state, kind, found, match.end(), end[0])
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


def _linkable(state: StateInline, url: str) -> bool:
    """Whether markdown-it would link `url` here: not `javascript:` and the
    like, and not inside another link."""
    return state.linkLevel == 0 and state.md.validateLink(state.md.normalizeLink(url))


def styled(state: StateInline, kind: str | None, attrs: dict, start: int, end: int) -> None:
    """`kind`_open, the text from `start` to `end` read as Markdown, `kind`_close
    (kind None: the text alone)."""
    maximum = state.posMax
    if kind:
        state.push(f"{kind}_open", "", 1).attrs = attrs
    state.linkLevel += kind == "link"
    state.pos, state.posMax = start, end
    state.md.inline.tokenize(state)
    state.linkLevel -= kind == "link"
    if kind:
        state.push(f"{kind}_close", "", -1)
    state.posMax = maximum


def raw_tex(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "\\":
        return False
    match = _TEX.match(state.src, state.pos, state.posMax)
    if not match:
        return False  # `\*` and the like: markdown-it's escapes
    name, braced = match[1], match[3]
    special = _definition(state, silent) if name in texmacros.DEFINERS else \
        _math_environment(state, silent) if name == "begin" else False
    if special:
        return True
    if silent:  # skipped over, as a link's label skips what it holds
        state.pos = match.end()
        return True
    if name in state.env.get(texmacros.NAMES, ()):  # a macro the article defines
        token = state.push("raw_tex", "", 0)  # expanded after (report/texmacros.py)
        token.content, token.meta = match[0], {"offset": state.pos}
    elif name in _TEX_WORDS and not braced.strip("{}"):
        state.push("text", "", 0).content = _TEX_WORDS[name]
    elif name in _TEX_STYLES and braced:
        first = match.start(3) + 1
        kind = _TEX_STYLES[name]
        attrs = {"class": "smallcaps" if name == "textsc" else "underline"} \
            if kind == "span" else {}
        styled(state, kind, attrs, first, first + _group_length(braced) - 2)
    elif name in ("url", "href") and braced:
        _tex_link(state, name, braced, match.start(3))
    else:
        token = state.push("raw_tex", "", 0)  # left out; the reader warns
        token.content, token.meta = match[0], {"offset": state.pos}
    state.pos = match.end()
    return True


def _definition(state: StateInline, silent: bool) -> bool:
    """`\\newcommand{\\R}{\\mathbb{R}}` and its kind: one token that prints
    nothing; the macro is expanded where it is used (report/texmacros.py)."""
    found = texmacros.definition(state.src, state.pos, state.posMax)
    if found is None:
        return False  # a group never closed: raw TeX as any other
    if not silent:
        state.env.setdefault(texmacros.NAMES, set()).add(found[1])
        token = state.push("tex_macro", "", 0)
        token.content, token.meta = state.src[state.pos:found[3]], {"definition": found[:3]}
    state.pos = found[3]
    return True


# Math environments among words: TeX's `math`, inline; the display ones.
_MATH_ENVIRONMENT = re.compile(r"\\begin\{(math|%s)(\*?)\}" % "|".join(rawblocks.DISPLAY_MATH))


def _math_environment(state: StateInline, silent: bool) -> bool:
    """`\\begin{math}x\\end{math}` among words: inline math, as in LaTeX;
    `\\begin{equation}` … `\\end{equation}` there: display math, as pandoc
    reads it (one alone in its paragraph is an equation: report/mdblocks.py)."""
    opening = _MATH_ENVIRONMENT.match(state.src, state.pos, state.posMax)
    end = opening and state.src.find(f"\\end{{{opening[1]}{opening[2]}}}", opening.end(),
                                     state.posMax)
    if not opening or end < 0:
        return False
    close = end + len(f"\\end{{{opening[1]}{opening[2]}}}")
    if not silent:
        inline = opening[1] == "math"
        token = state.push("math_inline" if inline else "math_inline_double", "math", 0)
        token.content = state.src[opening.end():end] if inline else state.src[state.pos:close]
        token.markup = "$" if inline else "$$"
    state.pos = close
    return True


def _group_length(braced: str) -> int:
    """The length of the first `{…}` group of `braced`."""
    depth = 0
    for n, char in enumerate(braced):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return n + 1
    return len(braced)


def _tex_link(state: StateInline, name: str, braced: str, start: int) -> None:
    """`\\url{u}`: the address as its own text; `\\href{u}{text}`."""
    length = _group_length(braced)
    url = braced[1:length - 1]
    linked = _linkable(state, url)
    if linked:
        state.push("link_open", "a", 1).attrs = {"href": state.md.normalizeLink(url)}
    if name == "href" and len(braced) > length:
        rest = start + length
        styled(state, None, {}, rest + 1, rest + _group_length(braced[length:]) - 1)
    else:
        state.push("text", "", 0).content = url
    if linked:
        state.push("link_close", "a", -1)
