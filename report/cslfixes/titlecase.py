"""Title case as CSL 1.0.2 and citeproc-js have it, and APA 7 (§6.17) where apa.csl renders.

citeproc-py capitalized a word after an opening quote or the data's markup
not at all, a minor word's other parts neither, and left a word alone if
it had a capital anywhere ("Self-driving"); it joined a text's parts with
spaces ("ebay , x"). Only English is title-cased (see textcase.py).

Known and kept: title case leaves a minor word that ends a title in
lowercase, "A Theory of Policy of", where CSL 1.0.2's engines (citeproc-js,
pandoc) capitalize a last word ("Policy Of"). APA 7 §6.17 lists what is
capitalized (the first word of a title and a subtitle, the first after a
colon, an em dash or end punctuation, major words, words of four letters
or more, both parts of a hyphenated major word) and lowercases minor words
with no exception for the last one, so an APA title keeps it lowercase.
"""

from __future__ import annotations

import re

from citeproc import model, string


# Beyond CSL 1.0.2's list, title case leaves lowercase what citeproc-js
# does of its longer list (CSL.SKIP_WORDS) and APA 7 allows (§6.17: words
# of four letters or more are capitalized, "Between", "Without"): "v." and
# "vs." ("Brown v. Board"), "et al.", and the particles of names
# ("Agencia Española de Protección de Datos").
SKIP_WORDS = ["v.", "vs.", "v", "vs", "et", "al.", "al", "de", "d'", "von", "van", "about"]


def title_case(element, text, language):
    """CSL title case, also for a word behind an opening quote ("‘Catastrophic’").

    Part by part, the spaces as they are: a nocase part ends no word, so
    "<span class="nocase">ebay</span>, x" keeps its comma after "ebay"
    (citeproc-py joined the words of its parts with spaces: "ebay , x")."""
    if language != "en":
        return text
    out, previous, starts = [], ":", True  # `starts`: the next text starts a word
    minor = _minor_words(element)
    for part in text if isinstance(text, string.MixedString) else [text]:
        pieces = re.split(r"(\s+)", str(part))
        for n in range(0, len(pieces), 2):
            word = pieces[n]
            if word and (n or starts) and not isinstance(part, string.NoCase):
                lead = _LEAD.match(word).end()
                pieces[n] = word[:lead] + _title_case_word(word[lead:], minor,
                                                           _opens(previous))
            previous = pieces[n] or previous
        out.append("".join(pieces))
        starts = not out[-1] or out[-1][-1].isspace()
    return "".join(out)


def _minor_words(element) -> frozenset:
    """The words title case leaves lowercase within a title: CSL's stop
    words; for APA, those of three letters or fewer, as APA capitalizes
    every word of four letters or more (§6.17): "Where We Come From", "Life
    With Dogs", "Into the Wild", where citeproc-js keeps CSL's "from"."""
    root = element.get_root()
    style_id = root.findtext("cs:info/cs:id", "", _CSL) or ""
    return _MINOR_WORDS[style_id.rstrip("/").endswith("/styles/apa")]


_CSL = {"cs": "http://purl.org/net/xbiblio/csl"}
_MINOR_WORDS = {False: frozenset(model.TextCased._stop_words + SKIP_WORDS),
                True: frozenset(w for w in model.TextCased._stop_words + SKIP_WORDS
                                if len(w.rstrip(".'")) < 4)}


OPENING = "‘“\"'([«"
# What a word's capital comes after: opening quotes and the data's markup
# ("<i>e. coli</i>" → "<i>E. Coli</i>", as citeproc-js has it).
_LEAD = re.compile(rf"(?:[{OPENING}]|<[a-z]+>)*")
_TRAIL = re.compile(r"(?:</[a-z]+>)+$")
# (A minor word that ends a title stays lowercase: see the module's docstring.)
# APA §6.17 capitalizes the first word of a title, and the first after a
# colon, an em dash or end punctuation ("Is Sleep Optional? On the Myth…";
# CSL said a colon only), and both parts of a hyphenated word ("Self-Driving
# Cars and At-Risk Pedestrians"), minor words within it aside
# ("State-of-the-Art"). citeproc-py left a word alone if a capital was in
# it ("Self-driving"); citeproc-js keeps a minor word's first part ("at-Risk").
# A period that ends an abbreviation ends no sentence: "Chevron U.S.A. Inc.
# v. Natural Resources", "Smith Co. v. Jones", as citeproc-js prints them
# (it capitalizes after ":", "?" and "!" only).
_OPENS = ":.?!\u2014"
# Within a word, the parts after a hyphen, an en dash or a slash are
# capitalized in their turn, minor words aside, as both engines print them:
# "Scientist–Practitioner", "Cat/Mouse", "Input/Output", but "and/or". After
# an em dash the same for CSL's engines ("Stability—with Job"); APA
# capitalizes the first word after one (§6.17: "Stability—With Job").
# (A slash between letters: "</i>" is a tag, "1/2" a number.)
_JOINS = re.compile("([-\u2013\u2014]|(?<=[^\\W\\d_])/(?=[^\\W\\d_]))")
_ABBREVIATION = re.compile(r"^(?:(?:[^\W\d_]+\.){2,}|(?:v|vs|al|etc|Inc|Co|Corp|Ltd|Bros"
                           r"|Dr|Mr|Mrs|Ms|St|Jr|Sr|Vol|Vols|Ed|Eds|Dept|Univ)\.)$")


# What follows a word within its part: closing tags and punctuation ("to:",
# "of</i>,"), stripped to tell whether the word is a minor one.
_WORD_END = re.compile(r"(?:</[a-z]+>|[.,;:!?”’)\]])+$")
# A letter alone is left lowercase, a variable as likely as a word ("k
# Means", "Journal of x and y Studies", "x-Rays"), as citeproc-js and pandoc
# leave it; not where it starts the title or a subtitle ("X Marks the Spot").
_LETTER_ALONE = re.compile(r"^[^\W\d_][.”’)\]]*(?:</[a-z]+>)*[.,;:!?]?$")


def _opens(previous: str) -> bool:
    """Whether the word after `previous` starts a sentence or a subtitle."""
    previous = _TRAIL.sub("", previous)  # "<i>Title:</i> subtitle"
    if _ABBREVIATION.match(previous):
        return False
    return previous[-1:] in _OPENS


def _title_case_word(word: str, stop_words, opens: bool) -> str:
    """One word in title case: the parts that are lowercase, each in its turn."""
    parts = _JOINS.split(word)
    apa = stop_words is _MINOR_WORDS[True]
    for n in range(0, len(parts), 2):
        part, after = parts[n], parts[n - 1] if n else None
        if not part.islower() or _LETTER_ALONE.match(part) and not (opens and n == 0):
            continue
        first = ((opens if n == 0 else after == "\u2014" and apa)
                 or (n == 0 and parts[1:2] == ["-"]))
        # A minor word is one with what follows it ("to:") stripped, as citeproc-js has it.
        if first or part not in stop_words and _WORD_END.sub("", part) not in stop_words:
            parts[n] = part[:1].upper() + part[1:]
    return "".join(parts)
