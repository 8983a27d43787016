"""TeX math (`$p < .05$`, `$$\\chi^2(1) = 4.2$$`) as the model's inlines.

APA sets statistics as text: letters that are variables or statistical
symbols in italics (*p*, *M*, *SD*), digits, Greek letters and operators
upright, exponents and indices raised and lowered (§6.45). So a formula
becomes inlines every writer already draws: Emph, Superscript, Subscript
and Text, with spaces around relations and binary operators. What a macro
stands for (`\\alpha` → α, `\\leq` → ≤) comes from pylatexenc's tables.

What text cannot stack is set on a line: a matrix as its rows, "(a b; c d)",
cases as "{1, x > 0; 0, otherwise"; an `aligned` environment's rows are
lines of their own in display math. A command neither knows is left out,
its argument kept, and named to the caller (`unknown`), who warns.
"""

from __future__ import annotations

import re
import unicodedata
from copy import copy
from functools import lru_cache
from typing import Callable

from .model import (Emph, Inline, LineBreak, Strikeout, Strong, Subscript, Superscript, Text,
                    Underline, plain_text)

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_]|\s+|.", re.S)
# Set with a space on each side, as TeX sets relations and binary operators.
_SPACED = set("=<>+\u2212±×÷≤≥≠≈∼≡∝→←↔⇒⇔∈∉⊂⊆∪∩·⟺⟹⟸↦≪≫≃≅≔⊕⊗∧∨")
# TeX's spaces as Unicode's: thin (no break: "1\\,000"), medium, thick, a
# word's, an em and two.
_SPACES = {",": "\u202f", ":": "\u2005", ";": "\u2004", "!": "", " ": " ",
           "thinspace": "\u2009", "enspace": "\u2002", "quad": "\u2003",
           "qquad": "\u2003\u2003"}
_UPRIGHT_ARGUMENT = {"text", "textrm", "mathrm", "operatorname", "mathsf", "texttt",
                     "mathtt", "textnormal", "textup", "mbox"}
_SIZING = {"left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl",
           "Bigr", "biggl", "biggr", "bigm", "displaystyle", "textstyle", "scriptstyle",
           "limits", "nolimits", "hline", "nonumber", "notag", "centering"}
# Commands whose argument is no part of the formula's text.
_DROPPED_WITH_ARGUMENT = {"label", "tag", "vspace", "phantom", "vphantom", "hphantom"}
# Commands that only shape their argument, which stands for them.
_SHAPING = {"boxed", "overbrace", "underbrace", "mathop", "mathrel", "mathbin", "mathord",
            "smash", "hbox", "ensuremath", "substack"}
_STRUCK = {"cancel", "bcancel", "xcancel", "sout"}
# Accents, as the combining mark that follows the letter: x̄, β̂.
_ACCENTS = {"bar": "\u0304", "overline": "\u0305", "hat": "\u0302", "widehat": "\u0302",
            "tilde": "\u0303", "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308",
            "vec": "\u20d7", "acute": "\u0301", "grave": "\u0300", "check": "\u030c"}
# TeX's named functions and the operators articles declare most, set upright.
_FUNCTIONS = {"log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "sinh",
              "cosh", "tanh", "coth", "arcsin", "arccos", "arctan", "max", "min", "lim",
              "sup", "inf", "det", "dim", "deg", "gcd", "hom", "ker", "arg", "Pr", "var",
              "cov", "argmax", "argmin", "tr", "diag", "rank", "sgn"}
# What pylatexenc's tables leave out.
_SYMBOLS = {"ne": "≠", "iff": "⟺", "implies": "⟹", "impliedby": "⟸", "land": "∧",
            "lor": "∨", "neg": "¬", "lnot": "¬", "colon": ":", "lbrack": "[", "rbrack": "]",
            "coloneqq": "≔", "models": "⊨", "bot": "⊥", "Re": "ℜ", "Im": "ℑ", "|": "‖",
            "mathellipsis": "…", "mid": " | ", "prime": "′", "limsup": "lim sup",
            "liminf": "lim inf", "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX 2ε"}
# Letters of another alphabet, by the start of their Unicode names: ℝ, 𝒪, 𝔤.
_ALPHABETS = {"mathbb": ("MATHEMATICAL DOUBLE-STRUCK", "DOUBLE-STRUCK"),
              "mathcal": ("MATHEMATICAL SCRIPT", "SCRIPT"),
              "mathscr": ("MATHEMATICAL SCRIPT", "SCRIPT"),
              "mathfrak": ("MATHEMATICAL FRAKTUR", "BLACK-LETTER")}
# Environments: a matrix's brackets; cases' brace; rows that are lines.
_MATRICES = {"matrix": "", "smallmatrix": "", "array": "", "subarray": "", "darray": "",
             "pmatrix": "()", "bmatrix": "[]", "Bmatrix": "{}", "vmatrix": "||", "Vmatrix": "‖‖"}
_CASES = {"cases": "{", "dcases": "{", "rcases": "}"}
_LINES = {"aligned", "alignedat", "gathered", "split", "multline", "gather", "align",
          "alignat", "flalign", "equation", "eqnarray", "displaymath", "math", "dmath",
          "dgroup", "subequations"}
# Environments that hold display environments (breqn's, amsmath's): each a line.
_GROUPS = {"dgroup", "subequations"}
_COLUMN_SPEC = {"array", "subarray", "alignedat", "alignat", "darray"}  # `{ll}`, `{2}`: not text
_CELL_ENDS = ("&", "\\\\", "\\end")
# Between a matrix's cells, a binomial's two parts: an en space, wider than
# the spaces inside a cell ("(x + 1  0; 0  1)").
_CELL_GAP = "\u2002"
# Between the equations of one row of an `align` (`a &= b & c &= d`): a
# quad and more, as amsmath spreads its columns apart.
_PAIRED = {"align", "alignat", "flalign", "aligned", "alignedat", "xalignat"}
_PAIR_GAP = "\u2003\u2003"

Unknown = Callable[[str, int], None]


def inlines(tex: str, display: bool = False, unknown: Unknown | None = None) -> list[Inline]:
    """The formula as inlines, spaced and merged as a reader sees it.
    `display`: set on lines of its own, so rows may be lines. `unknown` is
    called with a warning for what cannot be set (an unknown command, left
    out) and its offset in `tex`."""
    return _tidy(_Parser(tex, display, unknown).until(()))


class _Parser:
    def __init__(self, tex: str, display: bool = False, unknown: Unknown | None = None):
        self.tokens = _TOKEN.findall(tex)
        self.display = display
        self.unknown = unknown or (lambda what, offset: None)
        self.stops: tuple = ()  # what ends the sequence being read (`}`, a cell's end)
        self.i = 0

    def next(self) -> str | None:
        token = self.tokens[self.i] if self.i < len(self.tokens) else None
        self.i += 1
        return token

    def peek(self) -> str | None:
        """The next token that is not a space (the spaces skipped)."""
        while self.i < len(self.tokens) and self.tokens[self.i].isspace():
            self.i += 1
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def said(self, warning: str, token_index: int) -> None:
        self.unknown(warning, sum(map(len, self.tokens[:token_index])))

    def sequence(self, stop: str | None) -> list[Inline]:
        """Atoms up to `stop` (a closing brace), which is consumed."""
        out = self.until((stop,) if stop else ())
        self.i += 1
        return out

    def until(self, stops: tuple, out: list[Inline] | None = None) -> list[Inline]:
        """Atoms up to one of `stops`, which is left to read (added to `out`)."""
        outer, self.stops = self.stops, stops
        out = [] if out is None else out
        while self.i < len(self.tokens) and self.tokens[self.i] not in stops:
            out.extend(self.atom(out))
        self.stops = outer
        return out

    def argument(self) -> list[Inline]:
        """A macro's or a script's argument: a {group}, else one atom."""
        if self.peek() == "{":
            self.i += 1
            return self.sequence(stop="}")
        return self.atom([])

    def optional(self) -> str:
        """An optional `[...]` argument's text (`\\sqrt[3]`; `\\\\[2pt]`'s is set aside)."""
        if self.peek() != "[":
            return ""
        start = self.i + 1
        while self.next() not in ("]", None):
            pass
        return "".join(self.tokens[start:self.i - 1])

    def raw_argument(self) -> str:
        """A {group}'s text as written (for `\\text{...}`)."""
        self.peek()
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
        if token is None or token.isspace() or token in ("}", "&"):
            return []  # `&` outside an environment: an alignment mark
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
            if name in ("left", "right", "middle") and self.peek() == ".":
                self.i += 1  # `\\left.`: no delimiter
            return []
        if name in _UPRIGHT_ARGUMENT:
            if self.peek() == "*":
                self.i += 1  # `\\operatorname*`: limits below, as text the same
            return [Text(self.raw_argument())]
        if name in ("mathit", "textit", "emph"):
            return [Emph(self.argument())]
        if name in ("mathbf", "textbf", "boldsymbol", "bm"):
            return [Strong(self.argument())]
        if name in _ALPHABETS:
            return [Text(_lettered(plain_text(self.argument()), _ALPHABETS[name]))]
        if name in _ACCENTS:
            return _accented(self.argument(), _ACCENTS[name])
        if name in _FUNCTIONS:
            # After a variable or a closing mark ("c \\log x", "\\beta\\sin y")
            # a space, as TeX's thin one between an ordinary atom and an operator.
            return [Text(" ")] * _ordinary_before(before) + [Text(name)]
        return self.structure(name, before)

    def structure(self, name: str, before: list[Inline]) -> list[Inline]:
        """Commands built of their arguments: fractions, roots, binomials,
        moduli, environments; then symbols."""
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            numerator, denominator = self.argument(), self.argument()
            return _grouped(numerator) + [Text("/")] + _grouped(denominator)
        if name in ("over", "choose", "atop"):  # `{n \\choose k}`: all before it, all after
            numerator, denominator = before[:], self.until(self.stops)
            before.clear()
            if name == "over":
                return _grouped(numerator) + [Text("/")] + _grouped(denominator)
            return [Text("(")] + numerator + [Text(_CELL_GAP)] + denominator + [Text(")")]
        if name in ("binom", "dbinom", "tbinom"):
            top, bottom = self.argument(), self.argument()
            return [Text("(")] + top + [Text(_CELL_GAP)] + bottom + [Text(")")]
        if name == "sqrt":
            index = self.optional()  # `\\sqrt[3]{x}`: ³√x
            return [Superscript([Text(index)])] * bool(index) + [Text("√")] + _grouped(
                self.argument())
        if name in ("bmod", "mod"):
            return [Text(" mod ")]
        if name == "pmod":
            return [Text(" (mod ")] + self.argument() + [Text(")")]
        if name == "not":  # `\\not\\in`, `\\not=`: the symbol struck through
            return _negated(self.atom(before))
        if name in ("overset", "stackrel", "underset"):
            over, base = self.argument(), self.argument()
            return base + [(Subscript if name == "underset" else Superscript)(over)]
        if name in ("xrightarrow", "xleftarrow"):
            self.optional()
            return [_symbol("→" if name == "xrightarrow" else "←", before),
                    Superscript(self.argument())]
        if name in _SHAPING:
            return self.argument()
        if name in _STRUCK:
            return [Strikeout(self.argument())]
        if name == "underline":
            return [Underline(self.argument())]
        if name in _DROPPED_WITH_ARGUMENT:
            self.raw_argument()
            return []
        if name in ("hspace", "hskip", "kern"):
            self.raw_argument()
            return [Text(" ")]
        if name == "begin":
            return self.environment(self.i - 1, before)
        if name == "\\":  # a row's end outside an environment
            self.optional()
            return [LineBreak()] if self.display else [Text("; ")]
        meaning = _SYMBOLS.get(name) or _meaning(name)
        if name.isalpha() and meaning == name and name not in _SYMBOLS:  # none knows it
            self.said(f"the math command '\\{name}' is left out, its argument kept: "
                      "report sets math as text and knows no text for it", self.i - 1)
            return []
        return [_symbol(meaning, before)]

    def environment(self, start: int, before: list[Inline]) -> list[Inline]:
        """`\\begin{name}` … `\\end{name}` as text: its rows, its cells."""
        name = self.raw_argument().rstrip("*")
        if name in _COLUMN_SPEC:
            self.raw_argument()
        if name in _GROUPS:
            return self.group()
        rows = self.rows(aligned=name in _LINES or name not in _MATRICES and name not in _CASES,
                         paired=name in _PAIRED)
        if name in _MATRICES:
            brackets = _MATRICES[name] or "  "
            return ([Text(brackets[0])] + _joined(rows, Text(_CELL_GAP), Text("; "))
                    + [Text(brackets[1])])
        if name in _CASES:
            cases = _joined(rows, Text(", "), Text("; "))
            return [Text("{ ")] + cases if name != "rcases" else cases + [Text(" }")]
        if name not in _LINES:
            self.said(f"the math environment '{name}' is set as its rows: report sets "
                      "math as text and knows no layout for it", start)
        return _joined(rows, Text(""), LineBreak() if self.display else Text("; "))

    def group(self) -> list[Inline]:
        """A group's environments up to its `\\end{…}`, which is read: each
        on a line of its own (in display math)."""
        out: list[Inline] = []
        while self.peek() not in (None, "\\end"):
            if out and self.peek() == "\\begin":
                out.append(LineBreak() if self.display else Text("; "))
            out.extend(self.atom(out))
        self.next()
        self.raw_argument()
        return out

    def rows(self, aligned: bool, paired: bool = False) -> list[list[list[Inline]]]:
        """An environment's rows of cells (`&`, `\\\\`), up to its `\\end{…}`,
        which is read; a last empty row (after a closing `\\\\`) is none.
        `aligned`: `&` only aligns, so a row is one cell ("y &= x": "y = x");
        `paired` (align's kind): every second `&` parts two equations, by a gap."""
        rows, cells, marks = [], [], 0
        while True:
            if aligned and cells:
                self.until(_CELL_ENDS, cells[-1])
            else:
                cells.append(self.until(_CELL_ENDS))
            ended = self.next()
            if ended == "&":
                marks += 1
                if aligned and paired and marks % 2 == 0:
                    cells[-1].append(Text(_PAIR_GAP))
                continue
            rows.append(cells)
            cells, marks = [], 0
            if ended != "\\\\":
                if ended == "\\end":
                    self.raw_argument()
                return [row for row in rows if plain_text([n for c in row for n in c]).strip()
                        or any(not isinstance(n, Text) for c in row for n in c)]
            self.optional()


def _joined(rows: list[list[list[Inline]]], cell_gap: Inline, row_gap: Inline) -> list[Inline]:
    """Rows of cells on one line (or rows on lines: `row_gap` a LineBreak)."""
    out: list[Inline] = []
    for n, row in enumerate(rows):
        out += [copy(row_gap)] if n else []  # copies: _tidy changes texts in place
        for m, cell in enumerate(row):
            out += ([copy(cell_gap)] if m else []) + cell
    return out


def _lettered(text: str, names: tuple[str, str]) -> str:
    """`text` in another alphabet: each letter or digit the first of
    Unicode's characters named so (𝔸, then ℝ where Unicode has it apart)."""
    def one(char: str) -> str:
        if not char.isalnum() or not char.isascii():
            return char
        name = unicodedata.name(char).replace("LATIN ", "").replace("LETTER ", "")
        for prefix in names:
            try:
                return unicodedata.lookup(f"{prefix} {name}")
            except KeyError:
                continue
        return char
    return "".join(map(one, text))


def _negated(nodes: list[Inline]) -> list[Inline]:
    """The first symbol of `nodes` struck through (≠, ∉): its combining
    solidus, composed where Unicode has the two as one."""
    if nodes and isinstance(nodes[0], Text) and nodes[0].text.strip():
        text = nodes[0].text
        core = text.strip()
        nodes[0] = Text(text.replace(core, unicodedata.normalize("NFC", core[0] + "\u0338")
                                     + core[1:], 1))
    return nodes


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


def _ordinary_before(before: list[Inline]) -> bool:
    """Whether `before` ends in an ordinary atom: a variable, a number, a
    closing mark, a sub- or superscript (not an operator, an opening mark,
    a space)."""
    if not before:
        return False
    last = before[-1]
    if isinstance(last, (Emph, Strong, Subscript, Superscript)):
        return True
    end = last.text[-1:] if isinstance(last, Text) else ""
    return end.isalnum() or end in ")]|"


def _after_function(before: list[Inline]) -> bool:
    """Whether `before` ends in a function's name: an upright word ("log",
    an unknown macro's), not an upright letter (\\mathrm{d})."""
    if before and isinstance(before[-1], (Subscript, Superscript)):
        before = before[:-1]  # "\\max_x f": after the function's limits too
    text = before[-1].text if before and isinstance(before[-1], Text) else ""
    return bool(re.search(r"[A-Za-z]{2}$", text))
