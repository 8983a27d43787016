"""TeX macros an article defines (`\\newcommand{\\R}{\\mathbb{R}}`), expanded.

Pandoc's latex_macros extension, on for Markdown: a definition written in
the text (`\\newcommand`, `\\renewcommand`, `\\providecommand`, `\\def`,
`\\let`, `\\DeclareMathOperator`, `\\newenvironment`) defines a macro for what
follows it, and
prints nothing but in TeX output; each later use, in math or among words,
stands for its expansion (`$x \\in \\R$`: "x ∈ ℝ"). Among words the
expansion is read as raw TeX is (report/rawinline.py), Markdown and all.

rawinline.py reads a definition as one `tex_macro` token; `expand_all`,
a core rule after the inline one, walks the tokens in the order they are
written, defines as it meets definitions and expands what follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

DEFINERS = {"newcommand", "renewcommand", "providecommand", "def", "gdef", "edef", "xdef",
            "let", "DeclareMathOperator", "newenvironment", "renewenvironment"}
_ENVIRONMENT_DEFINERS = ("newenvironment", "renewenvironment")
_CONTROL = re.compile(r"\\(?:[A-Za-z]+|.)", re.S)
_DEFINER = re.compile(rf"\\({'|'.join(sorted(DEFINERS))})(?![A-Za-z])(\*?)")
_SPACE = re.compile(r"\s*")
_COUNT = re.compile(r"\[\s*(\d)\s*\]")
# `\\def\\x#1#2{…}`, `\\def\\x#1.{…}`, `\\def\\x(#1,#2){…}`: what comes before `{`
_PARAMETERS = re.compile(r"[^{}%]*")
_ENVIRONMENT_NAME = re.compile(r"\s*\{([A-Za-z@]+\*?)\}")
_XSPACE = re.compile(r"\\xspace(?![A-Za-z])\s*")  # the space written after the use serves
_LIMIT = 1000  # expansions of one text: `\\def\\a{\\a}` stops, its use left as written
MATH_TOKENS = {"math_inline", "math_inline_double", "math_block"}
# A paragraph that is display math alone, which report/mdblocks.py reads from its source.
_MATH_PARAGRAPH = re.compile(r"\$\$.*\$\$\s*(\{#[^{}]*\})?|\\begin\{[A-Za-z]+\*?\}.*\\end\{"
                             r"[A-Za-z]+\*?\}", re.S)
_TIE = re.compile(r"(?<!\\)~")  # TeX's unbreakable space, not Markdown's subscript
NAMES = "tex_macro_names"  # env: the names defined so far, for rawinline.py


@dataclass(frozen=True, eq=False)  # never compared: no __eq__, __hash__ to compile
class Macro:
    """A macro the article defines: what its use expands to, and how it reads its arguments."""
    body: str
    params: int = 0
    default: str | None = None  # the first argument's, when it is optional
    primitive: bool = False  # `\\let` to a command never defined: stands for it, read no further
    # A `\\def`'s delimiters: the text its use must open with, then each
    # argument's closing text ('' for an argument that is a group or a token).
    delimiters: tuple[str, ...] = ()
    end: str | None = None  # an environment's `\\end` (its `\\begin` is `body`)


def definition(src: str, pos: int, stop: int) -> tuple[str, str, Macro, int] | None:
    """(definer, name, macro, end) of the definition at `pos`, or None when
    what is written there is none (a group never closed)."""
    found = _DEFINER.match(src, pos, stop)
    if not found:
        return None
    definer, i = found[1], found.end()
    if definer in _ENVIRONMENT_DEFINERS:
        return _environment(definer, src, i, stop)
    name, i = _name(src, i, stop)
    if name is None:
        return None
    if definer == "let":
        i = _SPACE.match(src, i, stop).end()
        i += src.startswith("=", i)
        i = _SPACE.match(src, i, stop).end()
        target = _CONTROL.match(src, i, stop)
        return (definer, name, Macro(target[0], primitive=True), target.end()) if target else None
    params, default, delimiters = 0, None, ()
    if definer in ("newcommand", "renewcommand", "providecommand"):
        params, default, i = _counted(src, i, stop)
        if params is None:
            return None
    elif definer != "DeclareMathOperator":  # \def
        params, delimiters, i = _def_parameters(src, i, stop)
        if params is None:
            return None
    body, i = _group(src, i, stop)
    if body is None:
        return None
    if definer == "DeclareMathOperator":
        body = f"\\mathop{{\\mathrm{{{body}}}}}"  # as pandoc writes it
    return definer, name, Macro(body, params, default, delimiters=delimiters), i


def _counted(src: str, i: int, stop: int) -> tuple[int | None, str | None, int]:
    """A `\\newcommand`'s `[2]` and optional first argument's `[default]`."""
    i = _SPACE.match(src, i, stop).end()
    count = _COUNT.match(src, i, stop)
    if not count:
        return 0, None, i
    params, i = int(count[1]), count.end()
    if not src.startswith("[", i):
        return params, None, i
    close = _closing(src, i, stop, "[", "]")
    if close is None:
        return None, None, i
    return params, src[i + 1:close], close + 1


def _def_parameters(src: str, i: int, stop: int) -> tuple[int | None, tuple[str, ...], int]:
    """A `\\def`'s parameter text, `#1#2` or delimited (`#1.`, `(#1,#2)`): how
    many, and the delimiters (all '' when none is delimited)."""
    written = _PARAMETERS.match(src, i, stop)
    parts = re.split(r"#(\d)", written[0])
    numbers = parts[1::2]
    if numbers != [str(n) for n in range(1, len(numbers) + 1)] \
            or not numbers and written[0].strip():
        return None, (), i  # `#2#1`, or words before a group: no definition of ours
    delimiters = tuple(part if n else part.lstrip() for n, part in enumerate(parts[::2]))
    if not any(delimiters):
        delimiters = ()
    return len(numbers), delimiters, written.end()


def _group(src: str, i: int, stop: int) -> tuple[str | None, int]:
    """The text of the group at `i` (spaces before it skipped), `\\xspace`
    left out, and the offset after it; None when there is none."""
    i = _SPACE.match(src, i, stop).end()
    if not src.startswith("{", i):
        return None, i
    close = _closing(src, i, stop)
    if close is None:
        return None, i
    return _XSPACE.sub("", src[i + 1:close]), close + 1


def _environment(definer: str, src: str, i: int, stop: int):
    """`\\newenvironment{name}[n][default]{begin}{end}`: a macro named
    `begin{name}`, as pandoc expands it (its arguments in `begin`)."""
    name = _ENVIRONMENT_NAME.match(src, i, stop)
    if not name:
        return None
    params, default, i = _counted(src, name.end(), stop)
    if params is None:
        return None
    begin, i = _group(src, i, stop)
    end, i = _group(src, i, stop) if begin is not None else (None, i)
    if end is None:
        return None
    return definer, f"begin{{{name[1]}}}", Macro(begin, params, default, end=end), i


def _name(src: str, i: int, stop: int) -> tuple[str | None, int]:
    """The macro's name, `\\R` or `{\\R}`, and the offset after it."""
    i = _SPACE.match(src, i, stop).end()
    braced = src.startswith("{", i)
    control = _CONTROL.match(src, i + braced, stop)
    if not control:
        return None, i
    end = control.end()
    if braced:
        end = _SPACE.match(src, end, stop).end()
        if not src.startswith("}", end):
            return None, i
        end += 1
    return control[0][1:], end


def _closing(src: str, i: int, stop: int, opening: str = "{", close: str = "}") -> int | None:
    """The offset of what closes the group opened at `i`, or None."""
    depth, n = 0, i
    while n < stop:
        char = src[n]
        if char == "\\":
            n += 2
            continue
        depth += (char == opening) - (char == close)
        if depth == 0:
            return n
        n += 1
    return None


def define(macros: dict[str, Macro], definer: str, name: str, macro: Macro) -> None:
    if definer == "providecommand" and name in macros:
        return
    if definer == "let" and macro.body[1:] in macros:  # the meaning it has now
        macro = macros[macro.body[1:]]
    macros[name] = macro


def expand(tex: str, macros: dict[str, Macro]) -> str:
    """`tex` with each use of `macros` replaced by its expansion, read again
    (a macro may use another), as TeX reads it."""
    if not macros:
        return tex
    done, rest, count = "", tex, 0
    while count < _LIMIT:
        found = next((m for m in _CONTROL.finditer(rest) if _named(rest, m) in macros), None)
        if found is None:
            break
        count += 1
        macro = macros[_named(rest, found)]
        arguments, end = _arguments(rest, _past_name(rest, found), macro)
        if arguments is not None and macro.end is not None:
            arguments, end = _environment_use(rest, found, macro, arguments, end)
        if arguments is None:  # its arguments never written: left as written
            done, rest = done + rest[:found.end()], rest[found.end():]
            continue
        expansion = _substituted(macro, arguments)
        before = done + rest[:found.start()]
        expansion = _apart(before, expansion, rest[end:])
        if macro.primitive:  # what it stands for is read no further
            done, rest = before + expansion, rest[end:]
        else:
            done, rest = before, expansion + rest[end:]
    return done + rest


def _named(text: str, control: re.Match) -> str:
    """The macro a control sequence would use: its name, or an
    environment's `begin{name}`."""
    if control[0] == "\\begin":
        name = _ENVIRONMENT_NAME.match(text, control.end())
        return f"begin{{{name[1]}}}" if name else "begin"
    return control[0][1:]


def _past_name(text: str, control: re.Match) -> int:
    if control[0] == "\\begin":
        return _ENVIRONMENT_NAME.match(text, control.end()).end()
    return control.end()


def _environment_use(text: str, begin: re.Match, macro: Macro, arguments: list[str],
                     i: int) -> tuple[list[str] | None, int]:
    """An environment's use, up to its `\\end`: its arguments and content
    (None when never ended). pandoc's `\\bgroup`…`\\egroup` around it is a
    group here, as math sets them alike."""
    name = _named(text, begin)[len("begin"):]
    depth, content = 1, i
    for found in re.finditer(rf"\\(begin|end)\s*{re.escape(name)}", text[i:]):
        depth += 1 if found[1] == "begin" else -1
        if depth == 0:
            stop = i + found.start()
            return [*arguments, text[content:stop]], i + found.end()
    return [*arguments, None], i  # never ended: its `\\begin` alone, as pandoc has it


def _arguments(text: str, i: int, macro: Macro) -> tuple[list[str] | None, int]:
    """A use's arguments: an optional first in brackets, then each a group
    or one token, or, for a `\\def` with delimiters, the text up to each;
    an empty group after a macro of none (`\\R{}`) is read too."""
    if macro.delimiters:
        return _delimited(text, i, macro.delimiters)
    arguments = []
    for n in range(macro.params):
        if n == 0 and macro.default is not None:
            close = _closing(text, i, len(text), "[", "]") if text.startswith("[", i) else None
            arguments.append(macro.default if close is None else text[i + 1:close])
            i = i if close is None else close + 1
            continue
        i = _SPACE.match(text, i).end()
        if i >= len(text):
            return None, i
        if text[i] == "{":
            close = _closing(text, i, len(text))
            if close is None:
                return None, i
            arguments.append(text[i + 1:close])
            i = close + 1
        else:
            token = _CONTROL.match(text, i)
            end = token.end() if token else i + 1
            arguments.append(text[i:end])
            i = end
    if not macro.params and text.startswith("{}", i):
        i += 2
    return arguments, i


def _delimited(text: str, i: int, delimiters: tuple[str, ...]) -> tuple[list[str] | None, int]:
    """A `\\def`'s arguments by its delimiters: the use opens with the first
    (its prefix); each argument runs to its delimiter outside groups (one
    without is a group or a token). A group's braces are dropped, as
    pandoc drops them (`\\foo {a.b}.` gives `a.b`)."""
    i = _SPACE.match(text, i).end()
    if not text.startswith(delimiters[0], i):
        return None, i
    i += len(delimiters[0])
    arguments = []
    for delimiter in delimiters[1:]:
        if not delimiter:
            undelimited, i = _arguments(text, i, Macro("", 1))
            if undelimited is None:
                return None, i
            arguments += undelimited
            continue
        stop = _outside_groups(text, i, delimiter)
        if stop is None:
            return None, i
        arguments.append(_ungrouped(text[i:stop]))
        i = stop + len(delimiter)
    return arguments, i


def _outside_groups(text: str, i: int, delimiter: str) -> int | None:
    """Where `delimiter` next stands in `text` from `i`, outside groups."""
    depth, n = 0, i
    while n < len(text):
        if depth == 0 and text.startswith(delimiter, n):
            return n
        if text[n] == "\\":
            n += 2
            continue
        depth += (text[n] == "{") - (text[n] == "}")
        if depth < 0:
            return None
        n += 1
    return None


def _ungrouped(argument: str) -> str:
    """An argument with its groups' outer braces dropped."""
    out, n = [], 0
    while n < len(argument):
        close = _closing(argument, n, len(argument)) if argument[n] == "{" else None
        if close is not None:
            out.append(argument[n + 1:close])
            n = close + 1
            continue
        step = 2 if argument[n] == "\\" else 1
        out.append(argument[n:n + step])
        n += step
    return "".join(out)


def _substituted(macro: Macro, arguments: list[str]) -> str:
    if macro.end is not None:  # an environment: its content is the last argument
        *arguments, content = arguments
        begin = "{" + _substituted(Macro(macro.body, macro.params), arguments)
        return begin if content is None else begin + content + macro.end + "}"
    if macro.primitive or not macro.params:
        return macro.body
    return re.sub(r"#(#|\d)", lambda m: "#" if m[1] == "#" else
                  arguments[int(m[1]) - 1] if 0 < int(m[1]) <= len(arguments) else "",
                  macro.body)


def _apart(before: str, expansion: str, after: str) -> str:
    """The expansion with a space where, written in its place, it would run
    into a control word (`\\alpha` then `b`: "\\alpha b", not "\\alphab")."""
    if re.search(r"\\[A-Za-z]+$", before) and expansion[:1].isalpha():
        expansion = " " + expansion
    if re.search(r"\\[A-Za-z]+$", expansion) and after[:1].isalpha():
        expansion += " "
    return expansion


# --- the core rule ---------------------------------------------------------------

def register(md) -> None:
    names = [rule.name for rule in md.core.ruler.__rules__]
    after = "footnote_tail" if "footnote_tail" in names else "inline"  # a note's words too
    md.core.ruler.after(after, "tex_macros", expand_all)


def expand_all(state) -> None:
    """Define and expand in the order the article is written: math's TeX,
    and raw TeX among words, read again as raw TeX is."""
    if not state.env.get(NAMES):
        return  # no definitions: nothing to do
    macros: dict[str, Macro] = {}
    for token in state.tokens:
        if token.type in MATH_TOKENS:
            token.content = expand(token.content, macros)
        elif token.type == "inline":
            if _MATH_PARAGRAPH.fullmatch(token.content.strip()):
                token.content = expand(token.content, macros)
            token.children = _children(state, token.children or [], macros)


def _children(state, children: list[Token], macros: dict[str, Macro]) -> list[Token]:
    out = []
    for child in children:
        if child.type == "tex_macro":
            define(macros, *child.meta["definition"])
            continue
        if child.type in MATH_TOKENS:
            child.content = expand(child.content, macros)
        elif child.type == "raw_tex" and _used(child.content, macros):
            out += _read(state, expand(child.content, macros), child)
            continue
        if child.children:
            child.children = _children(state, child.children, macros)
        out.append(child)
    return out


def _used(tex: str, macros: dict[str, Macro]) -> bool:
    control = _CONTROL.match(tex)
    return bool(control) and control[0][1:] in macros


def _read(state, text: str, use: Token) -> list[Token]:
    """An expansion among words as inline tokens, as raw TeX's are read; TeX
    in it that prints nothing among words is said to be the use's, where
    the use is written."""
    tokens: list[Token] = []
    env = {**state.env, NAMES: set()}  # expanded already: no second expansion
    state.md.inline.parse(_TIE.sub("\u00a0", text), state.md, env, tokens)
    for token in tokens:
        if token.type == "raw_tex":
            token.content, token.meta = use.content, use.meta
    return tokens
