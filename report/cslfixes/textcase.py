"""text-case as CSL 1.0.2 (and, for APA, §6.17) has it.

citeproc-py title-cased data in any language, left the style's own labels
alone, read markup as letters of words, joined a text's parts with spaces
and failed on formatted parts; title case here follows citeproc-js, and
APA's rules where apa.csl renders.

Known and kept: title case leaves a minor word that ends a title in
lowercase, "A Theory of Policy of", where CSL 1.0.2's engines (citeproc-js,
pandoc) capitalize a last word ("Policy Of"). APA 7 §6.17 lists what is
capitalized (the first word of a title and a subtitle, the first after a
colon, an em dash or end punctuation, major words, words of four letters
or more, both parts of a hyphenated major word) and lowercases minor words
with no exception for the last one, so an APA title keeps it lowercase.
"""

from __future__ import annotations

import functools
import re

from citeproc import model, string


# CSL 1.0.2, text-case="title": only English data is title-cased, an item
# whose `language` is English, or, with none, in a document in English (the
# style's default-locale, which cslengine sets to the article's `lang`, as
# pandoc and citeproc-js, given the document's language, have it): no
# "Revista de La Energía" in a Spanish article. The style's own words are
# title-cased in any language, labels and terms: "(Eds.)", "Trad." in
# Spanish, as both engines print them. citeproc-py left labels alone.

def text_case() -> None:
    original = model.TextCased.case

    def case(self, text, language=None):
        if language is None:  # a label or term: the style's words
            language = "en"
        form = self.get("text-case")
        if form == "title":
            return _title_case(self, text, language)
        if form == "capitalize-first" and _cased(text):
            return text
        if form in _CASES:
            return _cased_in_parts(text, form)
        return original(self, text, language)

    model.TextCased.case = case
    original_periods = model.StrippedPeriods.strip_periods

    def strip_periods(self, text):  # a citation number is an int
        return original_periods(self, str(text) if isinstance(text, int) else text)

    model.StrippedPeriods.strip_periods = strip_periods
    known = set(model.TextCased._stop_words)
    model.TextCased._stop_words.extend(w for w in _SKIP_WORDS if w not in known)


# The other text cases, part by part and around the markup of what the
# macro they apply to formatted ("<i>Title</i>"), the spaces as they are and
# a nocase part as written. citeproc-py split the text into words and joined
# them with spaces ("Undated article ." for a title with its suffix), read
# the markup as a word's letters (sentence case lowercased "<i>Dated" into
# "<i>dated"), uppercased the tags ("<I>"), and failed on a formatted part
# ("'str' object has no attribute 'words'", or 'capitalize_first') in
# university-of-hull-harvard's and an ABNT style's title macro.
_CASES = ("lowercase", "uppercase", "capitalize-first", "capitalize-all", "sentence")
_FORMATTED = re.compile(r"(<[^>]+>)")


def _cased_in_parts(text, form: str):
    parts = list(text) if isinstance(text, string.MixedString) else [text]
    shouting = _letters(parts).isupper()  # sentence case keeps a text in capitals
    out, starts, first = [], True, True  # `starts`: the next text starts a word
    for part in parts:
        if isinstance(part, string.NoCase) or not str(part):
            out.append(part)
            first = first and not str(part).strip()
            continue
        chunks = _FORMATTED.split(str(part))
        for n in range(0, len(chunks), 2):  # the text between the tags
            pieces = re.split(r"(\s+)", chunks[n])
            for m in range(0, len(pieces), 2):
                if pieces[m]:
                    pieces[m] = _cased_word(pieces[m], form, first, m > 0 or starts, shouting)
                    first = False
            chunks[n] = "".join(pieces)
            starts = chunks[n][-1:].isspace() if chunks[n] else starts
        out.append(string.String("".join(chunks)))
    return string.MixedString(out) if isinstance(text, string.MixedString) else out[0]


def _letters(parts) -> str:
    return "".join(_FORMATTED.sub("", str(p)) for p in parts if not isinstance(p, string.NoCase))


def _cased_word(word: str, form: str, first: bool, starts: bool, shouting: bool) -> str:
    if form == "lowercase":
        return word.lower()
    if form == "uppercase":
        return word.upper()
    if form == "sentence" and not shouting and not word.isupper():
        word = word.lower()
    if starts and (form == "capitalize-all" or first):
        lead = len(word) - len(word.lstrip(_OPENING))
        return word[:lead] + word[lead:lead + 1].upper() + word[lead + 1:]
    return word


@functools.lru_cache(maxsize=64)
def data_language(tag: str) -> str:
    """The language of a `language` tag as citeproc-js reads it
    (getFieldLocale): its first two letters in lowercase, so "en-US",
    "en_GB", "EN" and "English" are English, "es-ES" and "Spanish" not;
    a tag that starts otherwise (" en", "1") names no language."""
    return tag[:2].lower() if _TWO_LETTERS.match(tag) else ""


_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")


def _cased(text) -> bool:
    """Whether the first word already has a capital ("arXiv:1412.6980",
    "iOS 17"): capitalize-first leaves it as written, as citeproc-js does;
    citeproc-py printed "ArXiv:1412.6980"."""
    first = str(text).split(maxsplit=1)[:1]
    return bool(first) and not first[0].islower() and any(c.isupper() for c in first[0])


# Beyond CSL 1.0.2's list, title case leaves lowercase what citeproc-js
# does of its longer list (CSL.SKIP_WORDS) and APA 7 allows (§6.17: words
# of four letters or more are capitalized, "Between", "Without"): "v." and
# "vs." ("Brown v. Board"), "et al.", and the particles of names
# ("Agencia Española de Protección de Datos").
_SKIP_WORDS = ["v.", "vs.", "v", "vs", "et", "al.", "al", "de", "d'", "von", "van", "about"]


def _title_case(element, text, language):
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
_MINOR_WORDS = {False: frozenset(model.TextCased._stop_words + _SKIP_WORDS),
                True: frozenset(w for w in model.TextCased._stop_words + _SKIP_WORDS
                                if len(w.rstrip(".'")) < 4)}


_OPENING = "‘“\"'([«"
# What a word's capital comes after: opening quotes and the data's markup
# ("<i>e. coli</i>" → "<i>E. Coli</i>", as citeproc-js has it).
_LEAD = re.compile(rf"(?:[{_OPENING}]|<[a-z]+>)*")
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
