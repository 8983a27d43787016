"""TeX math (`$p < .05$`, `$$\\chi^2(1) = 4.2$$`) as the model's inlines.

APA sets statistics as text: letters that are variables or statistical
symbols in italics (*p*, *M*, *SD*), digits, Greek letters and operators
upright, exponents and indices raised and lowered (§6.45). So a formula
becomes inlines every writer already draws: Emph, Superscript, Subscript
and Text, with spaces around relations and binary operators. What a macro
stands for (`\\alpha` → α, `\\leq` → ≤) comes from pylatexenc's tables.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Emph, Inline, Strong, Subscript, Superscript, Text, plain_text

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_]|\s+|.", re.S)
# Set with a space on each side, as TeX sets relations and binary operators.
_SPACED = set("=<>+\u2212±×÷≤≥≠≈∼≡∝→←↔⇒⇔∈∉⊂⊆∪∩·")
# TeX's spaces as Unicode's: thin (no break: "1\\,000"), medium, thick, a
# word's, an em and two.
_SPACES = {",": "\u202f", ":": "\u2005", ";": "\u2004", "!": "", " ": " ",
           "thinspace": "\u2009", "enspace": "\u2002", "quad": "\u2003",
           "qquad": "\u2003\u2003"}
_UPRIGHT_ARGUMENT = {"text", "textrm", "mathrm", "operatorname", "mathsf", "texttt",
                     "mathtt", "textnormal"}
_SIZING = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
           "displaystyle", "textstyle", "limits", "nolimits"}
# Accents, as the combining mark that follows the letter: x̄, β̂.
_ACCENTS = {"bar": "\u0304", "overline": "\u0305", "hat": "\u0302", "widehat": "\u0302",
            "tilde": "\u0303", "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308",
            "vec": "\u20d7", "acute": "\u0301", "grave": "\u0300", "check": "\u030c"}
_FUNCTIONS = {"log", "ln", "exp", "sin", "cos", "tan", "max", "min", "lim", "sup", "inf",
              "det", "arg", "Pr", "var", "cov"}


def inlines(tex: str) -> list[Inline]:
    """The formula as inlines, spaced and merged as a reader sees it."""
    return _tidy(_Parser(tex).sequence(stop=None))


class _Parser:
    def __init__(self, tex: str):
        self.tokens = _TOKEN.findall(tex)
        self.i = 0

    def next(self) -> str | None:
        token = self.tokens[self.i] if self.i < len(self.tokens) else None
        self.i += 1
        return token

    def sequence(self, stop: str | None) -> list[Inline]:
        """Atoms up to `stop` (a closing brace), which is consumed."""
        out: list[Inline] = []
        while self.i < len(self.tokens) and self.tokens[self.i] != stop:
            out.extend(self.atom(out))
        self.i += 1
        return out

    def argument(self) -> list[Inline]:
        """A macro's or a script's argument: a {group}, else one atom."""
        while self.i < len(self.tokens) and self.tokens[self.i].isspace():
            self.i += 1
        if self.i < len(self.tokens) and self.tokens[self.i] == "{":
            self.i += 1
            return self.sequence(stop="}")
        return self.atom([])

    def raw_argument(self) -> str:
        """A {group}'s text as written (for `\\text{...}`)."""
        start = self.i
        depth = 0
        while self.i < len(self.tokens):
            token = self.next()
            depth += {"{": 1, "}": -1}.get(token, 0)
            if depth == 0:
                break
        return "".join(t for t in self.tokens[start:self.i] if t not in "{}").replace("\\", "")

    def atom(self, before: list[Inline]) -> list[Inline]:
        token = self.next()
        if token is None or token.isspace() or token == "}":
            return []
        if token == "{":
            return self.sequence(stop="}")
        if token in "^_":
            wrap = Superscript if token == "^" else Subscript
            return [wrap(self.argument())]
        if token.startswith("\\"):
            out = self.macro(token[1:], before)
            lettered = plain_text(out[:1])[:1].isalpha()  # "\\log \\mu": a space, as below
            return [Text(" ")] * (lettered and _after_function(before)) + out
        if token.isalpha():
            # After a function's name ("\\log x") a space, as TeX's thin one.
            return [Text(" ")] * _after_function(before) + [Emph([Text(token)])]
        return [_symbol(token, before)]

    def macro(self, name: str, before: list[Inline]) -> list[Inline]:
        if name in _SPACES:
            if _SPACES[name].strip(" ") and before and isinstance(before[-1], Text):
                before[-1] = Text(before[-1].text.rstrip(" "))  # ", \\quad": the quad alone
            return [Text(_SPACES[name])] if _SPACES[name] else []
        if name in _SIZING:
            return []
        if name in _UPRIGHT_ARGUMENT:
            return [Text(self.raw_argument())]
        if name in ("mathit", "textit", "emph"):
            return [Emph(self.argument())]
        if name in ("mathbf", "textbf", "boldsymbol", "bm"):
            return [Strong(self.argument())]
        if name in ("frac", "dfrac", "tfrac"):
            numerator, denominator = self.argument(), self.argument()
            return _grouped(numerator) + [Text("/")] + _grouped(denominator)
        if name in _ACCENTS:
            return _accented(self.argument(), _ACCENTS[name])
        if name == "sqrt":
            return [Text("√")] + _grouped(self.argument())
        if name in _FUNCTIONS:
            return [Text(name)]
        return [_symbol(_meaning(name), before)]


def _symbol(text: str, before: list[Inline]) -> Text:
    """An upright symbol; a relation or operator spaced, but a sign (a minus
    that starts the formula or follows an operator or bracket) not."""
    text = {"-": "\u2212", "*": "\u2217"}.get(text, text)
    if text in _SPACED:
        return Text(f" {text} " if _after_operand(before) else text)
    return Text(", " if text == "," else text)


def _after_operand(before: list[Inline]) -> bool:
    """Whether what comes before ends an operand (a minus after it subtracts)."""
    for node in reversed(before):
        if not isinstance(node, Text):
            return True  # a variable or a script
        last = node.text.rstrip()[-1:]
        if last:
            return last not in _SPACED and last not in "([{,"
    return False


def _accented(nodes: list[Inline], mark: str) -> list[Inline]:
    """The accent on the argument's last character, inside its italics."""
    node = nodes[-1] if nodes else None
    while node is not None and not isinstance(node, Text):
        node = node.children[-1] if node.children else None
    if node is None:
        return nodes + [Text(mark)]
    node.text += mark
    return nodes


def _grouped(nodes: list[Inline]) -> list[Inline]:
    """A fraction's part in parentheses when it is more than one symbol."""
    if len(plain_text(nodes).strip()) > 1:
        return [Text("(")] + nodes + [Text(")")]
    return nodes


@lru_cache(maxsize=256)
def _meaning(name: str) -> str:
    """What `\\name` prints as text: α for \\alpha, ≤ for \\leq; the name
    itself when pylatexenc knows none."""
    try:
        text = _converter().latex_to_text("\\" + name).strip()
    except Exception:  # noqa: BLE001 — a macro pylatexenc reads only with its arguments (\href)
        return name
    return name if not text or "%s" in text else text  # "%s": \url's template, unfilled


@lru_cache(maxsize=1)
def _converter():
    import logging

    from pylatexenc.latex2text import LatexNodes2Text
    # It logs a warning for a macro read without its arguments; _meaning answers those.
    logging.getLogger("pylatexenc").setLevel(logging.ERROR)
    return LatexNodes2Text()


def _tidy(nodes: list[Inline]) -> list[Inline]:
    """Neighbouring texts and italics merged, spaces collapsed, ends trimmed."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, (Superscript, Subscript, Emph, Strong)):
            node = type(node)(_tidy(node.children))
        if out and type(node) is type(out[-1]) and isinstance(node, (Text, Emph)):
            if isinstance(node, Text):
                out[-1] = Text(out[-1].text + node.text)
            else:
                out[-1] = Emph(_tidy(out[-1].children + node.children))
            continue
        out.append(node)
    for node in out:
        if isinstance(node, Text):
            node.text = re.sub(r" {2,}", " ", node.text)
    if out and isinstance(out[0], Text):
        out[0].text = out[0].text.lstrip()
    if out and isinstance(out[-1], Text):
        out[-1].text = out[-1].text.rstrip()
    return [n for n in out if not (isinstance(n, Text) and not n.text)]


def _after_function(before: list[Inline]) -> bool:
    """Whether `before` ends in a function's name: an upright word ("log",
    an unknown macro's), not an upright letter (\\mathrm{d})."""
    text = before[-1].text if before and isinstance(before[-1], Text) else ""
    return bool(re.search(r"[A-Za-z]{2}$", text))
