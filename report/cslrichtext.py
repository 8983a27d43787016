"""CSL-JSON rich text: the markup a field's value may hold, and nothing else.

A CSL-JSON string is text with a few HTML-like tags, as citeproc-js reads
them (its flip-flopper) and pandoc too: <i>, <b>, <sup>, <sub>, <sc>,
<span style="font-variant:small-caps;">, <span class="nocase"> and
<span class="nodecor">, each closed in its turn. Anything else is text:
"When a<b and c>d", "x < 5", "<foo>", "&amp;" and a tag left open print as
written. citeproc-py passed the value on as HTML, so that the reader of
its output took "<b and c>" for a tag and dropped it ("When ad").

`parse` gives citeproc-py's MixedString: the text escaped, the tags as the
HTML that report/inlinehtml.py reads, a nocase span as a NoCase part.
(Small caps and upright text are kept in the model; the conformance form,
report.bib.to_html, keeps italics alone, as do the engines' expectations.)
"""

from __future__ import annotations

import html
import re

# The tags as citeproc-js normalizes them first: spaces and a missing ";"
# in a span's attribute are all one ("<span style="font-variant: small-caps">").
_SMALL_CAPS = '<span style="font-variant:small-caps;">'
_NOCASE = '<span class="nocase">'
_NODECOR = '<span class="nodecor">'
_SPANS = ((re.compile(r'<span\s+style="font-variant:\s*small-caps;?"[^>]*>'), _SMALL_CAPS),
          (re.compile(r'<span\s+class="nocase"[^>]*>'), _NOCASE),
          (re.compile(r'<span\s+class="nodecor"[^>]*>'), _NODECOR))
# Each opening tag: its closing tag, and the HTML it becomes, open and close.
# Tags with no space in them, which title case would take for two words
# and capitalize the second: <sc> for small caps, <nodecor> for upright
# (inlinehtml reads both).
_OPENERS = {"<i>": ("</i>", "<i>", "</i>"), "<b>": ("</b>", "<b>", "</b>"),
            "<sup>": ("</sup>", "<sup>", "</sup>"), "<sub>": ("</sub>", "<sub>", "</sub>"),
            "<sc>": ("</sc>", "<sc>", "</sc>"), _SMALL_CAPS: ("</span>", "<sc>", "</sc>"),
            _NOCASE: ("</span>", "", ""), _NODECOR: ("</span>", "<nodecor>", "</nodecor>")}
# Text that title case leaves as written: a nocase span's, and small caps
# and upright text too, as citeproc-js and pandoc print them.
_UNCASED = {_NOCASE, _SMALL_CAPS, "<sc>", _NODECOR}
_CLOSERS = {closer for closer, _, _ in _OPENERS.values()}
_TAG = re.compile("(" + "|".join(re.escape(t) for t in [*_OPENERS, *sorted(_CLOSERS)]) + ")")
_HOLD = "\ufff9"  # a tag's place while the text around it gets its quotes


def parse(value: str, smarten=lambda text: text):
    """`value` as citeproc-py's MixedString of String and NoCase parts, its
    text given typographic quotes by `smarten` (across the tags: a quote
    may open before <i> and close after </i>)."""
    from citeproc.string import MixedString, NoCase, String
    tokens = _tokens(value)
    paired = _paired(tokens)
    held = smarten("".join(_HOLD if n in paired else t for n, t in enumerate(tokens)))
    texts = iter(held.split(_HOLD))
    out, part, uncased = MixedString(), [html.escape(next(texts), quote=False)], []
    for n in sorted(paired):
        tag = tokens[n]
        opens = tag in _OPENERS
        markup = _OPENERS[tag][1] if opens else _OPENERS[tokens[paired[n]]][2]
        if opens and tag in _UNCASED:  # the text so far is one part, the span's another
            out, part = _flush(out, part, NoCase if uncased else String), [markup]
            uncased.append(paired[n])
        elif uncased and uncased[-1] == n:
            out, part = _flush(out, part + [markup], NoCase), []
            uncased.pop()
        else:
            part.append(markup)
        part.append(html.escape(next(texts), quote=False))
    return _flush(out, part, NoCase if uncased else String)


def _flush(out, part: list, kind):
    text = "".join(part)
    return out + kind(text) if text else out


def _tokens(value: str) -> list[str]:
    """Text and tags in turn: even places text, odd ones a known tag."""
    for pattern, tag in _SPANS:
        value = pattern.sub(tag, value)
    return _TAG.split(value)


def _paired(tokens: list[str]) -> dict[int, int]:
    """The places of the tags that open and close in turn, each mapped to its
    partner's. A closing tag with no open partner is text; one that closes
    an outer tag leaves the tags opened within it as text, as citeproc-js
    reads "<i>a <b>b</i> c</b>" (the <b> and </b> are text), and so is a
    tag never closed."""
    paired, stack = {}, []
    for n in range(1, len(tokens), 2):
        tag = tokens[n]
        if tag in _OPENERS:
            stack.append((n, _OPENERS[tag][0]))
            continue
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][1] == tag), None)
        if depth is not None:
            paired[n], paired[stack[depth][0]] = stack[depth][0], n
            del stack[depth:]
    return paired
