"""`python -m report check`: is every reference complete enough for APA 7?

A CSL processor prints what it is given; a reference without a publisher
or a URL still renders, just wrong. These lints name the entry, the field
and what to add. Errors make the command exit 1; warnings do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import errors
from .errors import where
from .groupnames import group_name
from .usernames import USERNAME_ALONE

# Works read online: APA 7 §9.34–9.36 wants a DOI or a URL for them.
ONLINE = {"webpage", "post", "post-weblog", "software", "dataset"}
# Where each type says who published it (APA 7 §9.29, §9.25), unless a
# group is the author: then the publisher is the author, not named again
# (§9.24), as for a government agency's report.
NEEDS_PUBLISHER = {"book", "report", "thesis", "pamphlet", "standard"}
# Software names its publisher if it has one; an R package has none (§10.10).
MAY_NAME_PUBLISHER = {"software"}
# Types whose `number` is an episode's or a track's: their description is
# the `medium` ("Audio podcast episode"); a `genre` is printed with the
# number as a report's is, "(Audio Podcast Episode No. 47)".
EPISODES = {"broadcast", "song", "motion_picture"}
# An edition written as a word prints as written, "(second)", not "(2nd ed.)".
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                 "eighth", "ninth", "tenth")
NEEDS_CONTAINER = {"article-journal", "article-magazine", "article-newspaper", "chapter",
                   "paper-conference", "entry-encyclopedia", "entry-dictionary",
                   "review", "review-book"}


@dataclass
class Finding:
    key: str
    line: int | None
    severity: str  # "error" or "warning"
    message: str
    hint: str

    def format(self, path: Path) -> str:
        text = f"{where(path, self.line)}{self.severity}: entry '{self.key}': {self.message}"
        return errors.printable(f"{text}\n  {self.hint}" if self.hint else text)


def lint(items: list[dict], text: str) -> list[Finding]:
    from .refs import line_of
    found = []
    for item in items:
        for severity, message, hint in _problems(item):
            found.append(Finding(item["id"], line_of(item, text), severity, message, hint))
    return found


def _problems(item: dict):
    kind = item["type"]
    if kind in ONLINE and not (item.get("URL") or item.get("DOI")):
        yield ("error", f"an online work ({kind}) has neither 'URL' nor 'DOI'",
               "add the address readers can retrieve it from")
    severity = _missing_publisher(item)
    if severity:
        yield (severity, f"{_article(kind)} has no 'publisher'",
               "add the publisher (for a thesis, the university)" if severity == "error"
               else "add the publisher, if it has one and it is not the author")
    if kind in NEEDS_CONTAINER and not item.get("container-title"):
        yield ("error", f"{_article(kind)} has no 'container-title'",
               "add the journal, newspaper, book or site it appeared in")
    yield from _misplaced(item)
    yield from _abbreviation_in_parentheses(item)
    title = str(item.get("title", ""))
    letters = [c for c in title if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        yield ("warning", f"the title is in all capitals: {title!r}",
               "write it in sentence case; the style capitalizes where APA wants it")


def _misplaced(item: dict):
    """Fields that render, but not as APA writes them, for being where apa.csl
    does not look for them."""
    kind, genre, number = item["type"], item.get("genre"), item.get("number")
    if kind in EPISODES and genre and number and not item.get("medium"):
        yield ("warning", f"'genre' with a 'number' is printed before it as a report "
                          f"number's label, in title case: '(… No. {number})'",
               f"put '{genre}' in 'medium': '(No. {number}) [{genre}]' (APA §10.13)")
    page = str(item.get("page", ""))
    # "e3005", "aac4716": not "S12" or "A100", a supplement's pages
    if kind == "article-journal" and re.fullmatch(r"e\d{3,}|[a-z]{2,}\d+", page) and not number:
        yield ("warning", f"'page' {page!r} is an article number (eLocator)",
               f"move it to 'number': APA prints 'Article {page}' (§9.27)")
    edition = str(item.get("edition", "")).strip()
    if edition.lower() in ORDINAL_WORDS:
        yield ("warning", f"'edition' {edition!r} prints as written, '({edition})'",
               f"write its number, \"edition\": {ORDINAL_WORDS.index(edition.lower()) + 1}, "
               "printed as APA has it, '(2nd ed.)'")
    yield from _labelled(item)
    yield from _web_video(item)
    yield from _post(item)


# Fields the style labels itself, "(Version 3)", "(Report No. 12)": a label
# written in the value as well prints twice, "(Version Version 3)". Only a
# value that begins with the label: "NIH Publication No. 12-345" is APA's
# own form of a number (§10.4), printed as written.
_LABELLED = {"version": re.compile(r"(?i)(version\b|v(?=\d))\.?\s*(?P<rest>.*)"),
             "number": re.compile(r"(?i)(no\.|number\b)\s*(?P<rest>\S.*)"),
             "edition": re.compile(r"(?i)(?P<rest>\d+)(st|nd|rd|th)?\s+edition"),
             "section": re.compile(r"§+\s*(?P<rest>.*)")}  # "§§" before a range, itself


def _labelled(item: dict):
    for field, label in _LABELLED.items():
        value = str(item.get(field, "")).strip()
        found = label.fullmatch(value) or (_genre_label(item).fullmatch(value)
                                           if field == "number" else None)
        if found and found["rest"]:
            yield ("warning", f"'{field}' {value!r} holds the label the style prints itself",
                   f"write it alone, \"{field}\": \"{found['rest']}\"")


def _genre_label(item: dict) -> re.Pattern:
    """A number that begins with its genre, or the genre's last words, which
    the style prints before it: "Report No. 12" of a "Technical report"
    prints "(Technical Report Report No. 12)"."""
    words = str(item.get("genre", "")).split()
    if not words:
        return re.compile(r"(?!)")
    tails = "|".join(r"\s+".join(map(re.escape, words[n:])) for n in range(len(words)))
    return re.compile(rf"(?i)(?:{tails})\s+(?:(?:no\.|number\b)\s*)?(?P<rest>\S.*)")


# Where a video was posted is its publisher, APA §10.12: "[Video]. YouTube.";
# apa.csl reads a container as a series of films, "Title [Video]. In
# *YouTube*.", the title no longer in italics.
def _web_video(item: dict):
    site = item.get("container-title")
    if item["type"] == "motion_picture" and site and not item.get("publisher"):
        yield ("warning", f"'container-title' {site!r} prints as a series, "
                          f"'[Video]. In {site}.', the title set upright",
               f"put it in 'publisher': '*Title* [Video]. {site}.' (APA §10.12)")


POST_WORDS = 20  # APA §10.15: a post's title is its first 20 words


def _post(item: dict):
    """A social-media post as APA 7 §10.15 gives it: its first 20 words, and
    the author's username in brackets after the name, which the citations
    leave out (report/usernames.py)."""
    if item["type"] != "post":
        return
    words = str(item.get("title", "")).split()
    if len(words) > POST_WORDS:
        end = " ".join(words[POST_WORDS - 3:POST_WORDS])
        yield ("warning", f"the post's title has {len(words)} words",
               f"give its first {POST_WORDS}, ending '… {end}' (APA §10.15)")
    for name in item.get("author") or ():
        if not isinstance(name, dict):
            continue
        alone = next((v for f, v in name.items() if f in ("literal", "family", "suffix")
                      and isinstance(v, str) and USERNAME_ALONE.fullmatch(v.strip())), None)
        if alone:
            yield ("warning", f"the username {alone.strip()!r} is written as a name of its own,"
                              " printed as another author or after a comma",
                   "write it in brackets after the name: "
                   "\"given\": \"Bill [@BillGates]\", or for a group "
                   "\"literal\": \"APA Education [@APA_Education]\"")


# A group's abbreviation in parentheses after its name, "World Health
# Organization (WHO)": printed so in the list, which never shows it (APA
# §8.21), and cited "(World Health Organization (WHO), 2025)". In square
# brackets it is APA's: defined at the first citation, then used alone
# (report/groupnames.py).
_PARENTHESIZED = re.compile(r"(?P<name>\S.*?)\s*\((?P<short>[A-Z][A-Za-z&.]*[A-Z])\)")


def _abbreviation_in_parentheses(item: dict):
    for name in item.get("author") or ():
        group = group_name(name)
        found = _PARENTHESIZED.fullmatch(group.strip()) if isinstance(group, str) else None
        if found:
            yield ("warning", f"the abbreviation in {group.strip()!r} is printed in the list "
                              "and in each citation, in parentheses within parentheses",
                   f"write it in square brackets, \"{found['name']} [{found['short']}]\": "
                   "APA's form, given at the first citation and used after it (§8.21)")


def _missing_publisher(item: dict) -> str | None:
    """How much a missing publisher matters: "error", "warning" or None."""
    kind = item["type"]
    if item.get("publisher") or any("literal" in name for name in item.get("author", [])):
        return None
    if kind in NEEDS_PUBLISHER and not (kind == "thesis" and item.get("archive")):
        return "error"
    return "warning" if kind in MAY_NAME_PUBLISHER else None


def run(path: Path, inline: list | None = None) -> tuple[str, int]:
    """The report and the exit status: 1 if any error was found. `inline`:
    the entries of the article at `path` (its `references:`), not a file's."""
    from .refs import checked, load, read, yaml_entries
    # Reading the file warns too ("has no 'type'", a date it cannot read):
    # the summary counts those with the lints' own.
    before = errors.warned
    items = (checked(yaml_entries(inline), path, read(path)) if inline is not None
             else load(path))
    findings = lint(items, read(path))
    failed = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - failed + errors.warned - before
    lines = [f.format(path) for f in findings]
    lines.append(f"{path}: {_count(len(items), 'reference')}, {_count(failed, 'error')}, "
                 f"{_count(warnings, 'warning')}")
    return "\n".join(lines) + "\n", 1 if failed else 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _article(kind: str) -> str:
    """"a book", "an article-journal", "the software" (no "a software")."""
    if kind in MASS_NOUNS:
        return "the " + kind
    return ("an " if kind[:1] in "aeiou" else "a ") + kind


MASS_NOUNS = {"software"}
