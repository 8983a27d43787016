"""Typography as pandoc sets the words it reads: dashes and ellipses, curly
quotes in the article's language, and its spaces around punctuation.

markdown-it's typographer curls quotes into stand-ins, one parser serving
every language; a core rule of ours (`pandoc_dashes`, after smartquotes)
sets them, the dashes and the spaces as the language being read
(`in_language`) wants them. The reader's other modules use `straight` to
read an attribute's value the typographer curled, and `DASHES` to match
headings as typeset.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar

from markdown_it.rules_core.smartquotes import process_inlines

from . import citesyntax, labels

# The typographer curls a pair of straight quotes into these stand-ins
# (Unicode noncharacters, never in a text), which _dashes then sets as the
# language being read sets them (labels.toml's `quotes`): "Schlaf" is
# „Schlaf“ in German, « Schlaf » in French. A parser is shared by every
# language, so the marks cannot be its options.
STAND_INS = "\ufdd0\ufdd1\ufdd2\ufdd3"
_MARKS: ContextVar[tuple[str, ...]] = ContextVar("quote_marks", default=("“", "”", "‘", "’"))
_SPACES: ContextVar[tuple[dict, dict]] = ContextVar("spaces", default=({}, {}))


@contextmanager
def in_language(lang: str):
    """Read Markdown in `lang`, meanwhile: its quotation marks and spaces,
    and its locators' words ("S. 5" in German, as pandoc reads it)."""
    words = labels.of(lang)
    token = _MARKS.set(tuple(words["quotes"]))
    spaces = _SPACES.set((words["space_before"], words["space_after"]))
    try:
        with citesyntax.locator_words(lang):
            yield
    finally:
        _SPACES.reset(spaces)
        _MARKS.reset(token)


def _quoted_as_read(text: str) -> str:
    """The stand-ins in `text` as the marks of the language being read."""
    if not any(mark in text for mark in STAND_INS):
        return text
    return text.translate(dict(zip(map(ord, STAND_INS), _MARKS.get())))


def _spaced(text: str) -> str:
    """The spaces an author wrote before "?" or after "«", as the language
    sets them (French: no-break ones, so that "?" never begins a line)."""
    before, after = _SPACES.get()
    if before:
        text = re.sub(f"[ \t]+([{re.escape(''.join(before))}])",
                      lambda m: before[m[1]] + m[1], text)
    if after:
        text = re.sub(f"([{re.escape(''.join(after))}])[ \t]+",
                      lambda m: m[1] + after[m[1]], text)
    return text


def straight(text: str) -> str:
    """`text` with its quotation marks straight again (an attribute's value,
    which the typographer curled): the language's double and single marks,
    then the English ones the language has none of (an apostrophe is ’)."""
    marks = _MARKS.get()
    pairs = [*((mark, '"') for mark in marks[:2]), *((mark, "'") for mark in marks[2:])]
    own = "".join(marks)
    pairs += [(mark, plain) for mark, plain in _ENGLISH_MARKS if mark not in own]
    for mark, plain in pairs:
        text = text.replace(mark, plain)
    return text


_ENGLISH_MARKS = [("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'")]


DASHES = [("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026")]


def pandoc_dashes(state) -> None:
    for token in state.tokens:
        _dashes(token.children or (), state)


def _dashes(tokens, state) -> None:
    before = " "  # the character before each token's text: for the quotes left straight
    for child in tokens:
        if child.type == "text_special" and child.markup == "\\ ":
            child.content = "\u00a0"  # pandoc's escaped space: one that never breaks
        if child.type == "text":
            child.content = _quoted_as_read(child.content)
            for plain, typographic in DASHES:
                child.content = child.content.replace(plain, typographic)
            child.content = _spaced(curled(child.content, before))
        if child.children:  # an image's caption: markdown-it's quotes skip it
            process_inlines(child.children, state)
            _dashes(child.children, state)
        if child.type in ("text", "code_inline"):
            before = (child.content or before)[-1:]
        elif child.type in ("softbreak", "hardbreak"):
            before = " "
        elif child.type in _WORDS_OF_THEIR_OWN:  # a citation's words end before a quote
            before = "x"


def typographic(text: str) -> str:
    """Plain text (a name in the front matter) as pandoc sets words it reads
    as Markdown: dashes and quotes typographic (O'Neil → O’Neil)."""
    for plain, typographic_ in DASHES:
        text = text.replace(plain, typographic_)
    return curled(text, " ")


def curled(text: str, before: str) -> str:
    """The straight quotes markdown-it leaves without a partner, curled as
    pandoc curls them: ' as an apostrophe (’tis, 5’10), " as an opening
    quote after a space or an opening bracket, or before a word and another
    " (x“y”), else as a closing one."""
    if "'" not in text and '"' not in text:
        return text
    out, open_ = [], False
    for n, char in enumerate(text):
        if char == "'":
            char = "\u2019"
        elif char == '"':
            opens = not open_ and ((out[-1] if out else before) in _OPENS_QUOTE or (
                text[n + 1:n + 2].strip() and '"' in text[n + 1:]))
            char, open_ = (_MARKS.get()[0], True) if opens else (_MARKS.get()[1], False)
        out.append(char)
    return "".join(out)


_WORDS_OF_THEIR_OWN = {"cite", "image", "raw_img", "math_inline", "math_inline_double",
                       "footnote_ref"}
_OPENS_QUOTE = set(" \t\n([{\u2014\u2013-/")
