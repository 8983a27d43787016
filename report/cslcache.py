"""Citations remembered: clusters and entries, from the store or the engine.

Rendering one item in one variant is a function of the item's CSL-JSON, of
what disambiguation decided for it, of the cite's locator, prefix and
suffix, and of `env`: the style, the locale files, and the code that
renders (citeproc-py's and ours). A memo key is a digest of exactly these,
so a stored value is what rendering would give, and a change to any of
them is a miss. What is remembered:

- the context: disambiguation for the listed works and their list order,
  keyed by all their items (it depends on every one of them);
- pieces (one item in one variant), clusters and reference-list entries.

A build whose bibliography and style are unchanged finds everything and
never loads citeproc-py.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from .cache import digest, files_digest
from . import cslstyle, cslsubstitute
from .cslengine import Engine
from .inlinehtml import cited
from .model import Cite, CiteItem

_NS = {"cs": "http://purl.org/net/xbiblio/csl"}
# The position citeproc-js renders a cite in to compare it with others.
_LATER = ("subsequent", "near-note")


class Citations:
    def __init__(self, items: list[dict], style: Path, lang: str, listed: list[str], store,
                 first_notes: dict[str, int] | None = None):
        self.items, self.style, self.lang, self.listed = items, style, lang, listed
        # A note style's first note of each work, which its later cites may
        # print: a style that prints it is never remembered (_memoizable).
        self.first_notes = first_notes or {}
        self.spelling = {k.lower(): k for k in listed}
        self.digests = {i["id"].lower(): digest(i) for i in items}
        self.env = digest(_code_version(), files_digest([style]), lang, _locale_digest(lang))
        # Output that depends on earlier citations is no function of the
        # inputs above: such a style renders everything, every time.
        self.store = store if _memoizable(style) else _Unmemoized()
        self._engine: Engine | None = None
        self.subsequent = _et_al_subsequent(style)
        context = self.store.get(self._key("context", [self.digests[k] for k in self.spelling]),
                                 self._context)
        self.states, self.order = context["states"], context["order"]
        if self._engine is not None:  # it numbered the works before the store did
            self._engine.number(self.order)
        self.collapses = _collapses(style)
        # CSL's cite grouping: by a collapse, or by a cite-group-delimiter alone
        self.groups = self.collapses or _cite_group_delimiter(style)
        self.substitute = cslsubstitute.rule(style)
        # (HTML with the names, key of the entry above) of each entry printed
        # with the style's subsequent-author-substitute (cslsubstitute.py).
        self.substitutions: dict[str, tuple[str, str]] = {}

    @property
    def engine(self) -> Engine:
        """citeproc-py, loaded on the first miss."""
        if self._engine is None:
            self._engine = Engine(self.items, self.style, self.lang)
            self._engine.set_state(self.states)
            self._engine.number(self.order)
        return self._engine

    def _key(self, kind: str, *parts) -> str:
        return digest(self.env, kind, *parts)

    def _context(self) -> dict:
        """Disambiguation and the reference-list order of the listed works."""
        self._engine = engine = Engine(self.items, self.style, self.lang)

        def cites(keys: list[str]) -> list[str]:
            """Each work's whole cite, as disambiguation compares them (csldisambig.py):
            its text, in a later position where the style tells positions
            apart, with the note that first cited it; misses two at a time."""
            # (ASA's later cites, "Doe et al.", are told apart as they print)
            later = _LATER if engine.positional or self.subsequent else ()
            items = [CiteItem(k, positions=later, first_note=self.first_notes.get(k, 0))
                     for k in keys]
            jobs = [(self._piece_key("full", item, False, False, engine.state(item.key)),
                     lambda item=item: engine.render("full", item, False, False))
                    for item in items]
            self.store.fill(jobs)
            return [_text(self.store.get(key, compute)) for key, compute in jobs]

        engine.disambiguate(self.listed, cites)
        return {"states": {k: engine.state(k) for k in self.spelling},
                "order": engine.order(self.listed)}

    def _piece(self, variant: str, item, prefix: bool, suffix: bool, state=None) -> str:
        """One item in one variant of the citation layout."""
        return self.store.get(self._piece_key(variant, item, prefix, suffix, state),
                              lambda: self.engine.render(variant, item, prefix, suffix))

    def _piece_key(self, variant: str, item, prefix: bool, suffix: bool, state=None) -> str:
        key = item.key.lower()
        state = self.states[key] if state is None else state
        return self._key("piece", variant, self.digests[key], state, _form(item, prefix, suffix))

    def render(self, cites: list[Cite]) -> tuple[list[str], list[tuple[str, str]]]:
        """Each cluster's HTML, and (key, HTML) of each reference-list entry.

        What is not remembered is rendered two at a time (report/parallel.py).
        """
        if self.subsequent:
            _count_positions(cites)
        self.store.fill([(self._cluster_key(c), lambda c=c: self._render_cluster(c))
                         for c in cites]
                        + [(self._entry_key(k), lambda k=k: self.engine.entry(k, self.order))
                           for k in self.order], setup=lambda: self.engine)
        return [self.cluster(c) for c in cites], self.references()

    # --- clusters --------------------------------------------------------------

    def cluster(self, cite: Cite) -> str:
        """The cluster as HTML, parentheses and all."""
        return self.store.get(self._cluster_key(cite), lambda: self._render_cluster(cite))

    def _cluster_key(self, cite: Cite) -> str:
        form = [[self.digests[i.key.lower()], self.states[i.key.lower()], _form(i, True, True),
                 i.suppress_author] for i in cite.items]
        return self._key("cluster", cite.narrative, form)

    def _render_cluster(self, cite: Cite) -> str:
        engine = self.engine
        if cite.narrative and len(cite.items) > 1:
            return self._render_narrative_cluster(cite)
        if cite.narrative:
            # As pandoc's citeproc: the author, then the rest in the
            # citation's parentheses; only the author when there is no rest
            # (MLA's "Adams", no page), and the citation itself when the
            # style names nobody there (IEEE's "[1, p. 5]").
            item = cite.items[0]
            author = self._narrative_author(item)
            if item.author_only:  # the rest is in a note of its own (report/notecites.py)
                return item.prefix + cited(item.key.lower(), author) if author else ""
            rest = self._piece("rest", item, False, True)
            whole = engine.enclose(rest) if rest else ""
            named = f"{author} {whole}" if author and whole else author or whole
            return item.prefix + cited(item.key.lower(), named)
        items = _in_order(cite.items, self._sort)
        runs = [(g, members) for g, (_, members) in
                zip(self._groups(items), self._by_author(items), strict=True) if g]
        if engine.collapse == "citation-number" and len(runs) == len(items) > 2:
            return engine.enclose(engine.delimiter.join(self._ranges(items, [g for g, _ in runs])))
        if not runs:  # nothing to print: pandoc prints nothing, not "()"
            return ""
        out = runs[0][0]
        for (_, before), (group, _) in zip(runs, runs[1:]):
            out += self._between(before) + group
        return engine.enclose(out)

    def _between(self, before: list) -> str:
        """The delimiter after one author's works, before the next author's,
        as citeproc-js chooses it (CSL.getSpliceDelimiter): the style's
        after-collapse-delimiter where it sets one, Chicago's "(Whittaker
        1967, 1975; Wiens 1989a)", and even after an author's one work,
        "(Whittaker 1967; Wiens 1989b)" — but not after a lone work under
        `collapse="year-suffix"`, nor with none set: the layout's delimiter."""
        engine = self.engine
        if engine.after_collapse is None:
            return engine.delimiter
        if before[-1].locator or len(before) > 1 or engine.collapse != "year-suffix":
            return engine.after_collapse
        return engine.delimiter

    def _render_narrative_cluster(self, cite: Cite) -> str:
        """`@a [see @b; @c]`, one citation as pandoc reads it: a's author in
        the text, then a's year and the cluster in one pair of parentheses,
        "Alpha (2001; see Beta, 2002; Gamma, 2003)". The cluster is ordered
        as any other; a's works right after it are collapsed into its
        year, "Alpha (2001, 2005)", as pandoc prints them."""
        engine, item = self.engine, cite.items[0]
        groups = self._by_author(_in_order(cite.items[1:], self._sort))
        symbol = self._piece("author-symbol", item, False, False)
        mine = [item]
        if groups and self.collapses and symbol and groups[0][0].lstrip("-") == symbol \
                and not groups[0][1][0].prefix and not item.suffix:
            mine += groups.pop(0)[1]
        inside = [self._group("-" + symbol, mine)] + [self._group(*g) for g in groups]
        inside = [part for part in inside if part]
        author = self._narrative_author(item)
        whole = engine.wrap(engine.open + engine.delimiter.join(inside) + engine.close) \
            if inside else ""
        author = cited(item.key.lower(), author) if author else ""  # none in a numeric style
        return f"{author} {whole}" if author and whole else author or whole

    def _narrative_author(self, item) -> str:
        """The author as the sentence names them: "and" (APA §8.17), unless
        apaquarto's `[&]` keeps the ampersand; "’s" after, for its `['s]`."""
        author = self._piece("author-symbol" if item.ampersand else "author", item, True, False)
        return author + "\u2019s" if author and item.possessive else author

    def _sort(self, items: list) -> list:
        """By the style's citation sort; works it ranks alike (one author's,
        of one year) in reference-list order, as their letters run: "(Kim,
        2020a, 2020b)" (APA §8.12), whichever the article names first. A
        style that sorts no citation keeps the article's order, as pandoc does."""
        if not self.engine.sorts:
            return list(items)
        rank = {key: n for n, key in enumerate(self.order)}
        return self.engine.sort(sorted(items, key=lambda i: rank.get(i.key.lower(), len(rank))))

    def _ranges(self, items: list, groups: list[str]) -> list[str]:
        """CSL `collapse="citation-number"`: three or more numbers in a row
        are a range, Nature's "1–3"; a work printed with more than its number
        (a locator, words of its own) stands alone."""
        number = {key: n for n, key in enumerate(self.order, 1)}
        plain = [number.get(i.key.lower()) if not (i.prefix or i.suffix)
                 and _number_shape(_text(g), number.get(i.key.lower())) else None
                 for i, g in zip(items, groups, strict=True)]
        shapes = [_number_shape(_text(g), n) if n else None for g, n in zip(groups, plain)]
        out, start = [], 0
        while start < len(groups):
            end = start
            while plain[start] is not None and end + 1 < len(groups) \
                    and plain[end + 1] == plain[end] + 1 and shapes[end + 1] == shapes[start]:
                end += 1
            if end - start >= 2:
                out.append(f"{groups[start]}\u2013{groups[end]}")
            else:
                out += groups[start:end + 1]
            start = end + 1
        return out

    def _groups(self, items) -> list[str]:
        """The cluster's items, works of one author collapsed.

        CSL `collapse="year"`: "(Smith, 2019, 2020a, 2020b)" — after the
        first, a work by the same author shows only its date and locator.
        Only where the style collapses so, and works that name an author.
        """
        return [self._group(author, members) for author, members in self._by_author(items)]

    def _by_author(self, items) -> list[tuple[str, list]]:
        """The items in runs of one author's works, each with its author
        ("-" before it where it is suppressed)."""
        groups: list[tuple[str, list]] = []
        for item in items:
            author = self._piece("author-symbol", item, False, False)
            if item.suppress_author:
                author = "-" + author  # collapses with its like, prints no author
            # Words after a work end its run, as a prefix starts one: "(Smith,
            # 2019, for details; Smith, 2010)", as pandoc prints it, not
            # "(Smith, 2019, for details, 2010)".
            # CSL's cite grouping: a work joins its author's run, wherever in
            # the cluster that began ("[@a; @c; @b]" is "(Haslanger 2012,
            # 2010; Adams 2009)"), as in pandoc. A work whose author is
            # suppressed is still its author's: "Haslanger [-@a; @b]" is
            # "Haslanger (2012, 2010)", the run's author shown or not as its
            # first work's.
            # A work cited by its title (a legal case, a work with no author)
            # cited again joins no run of its own: "(Kim v. Clark, 1953; Kim
            # v. Clark, 1953, p. 87)", as citeproc-js prints it (and pandoc
            # a case), not "(Kim v. Clark, 1953, 1953, p. 87)". Two works of
            # one title still collapse, as the README has it ("Clean Air
            # Act, 1970a, 1970b"), where citeproc-js repeats the title.
            run = next((g for g in reversed(groups) if g[0].lstrip("-") == author.lstrip("-")),
                       None)
            if run and any(i.key.lower() == item.key.lower() for i in run[1]) \
                    and self._cited_by_title(item, author):
                run = None
            if run and not item.prefix and not run[1][-1].suffix and author.lstrip("-") \
                    and self.groups:
                run[1].append(item)
            else:
                groups.append((author, [item]))
        return groups

    def _cited_by_title(self, item, author: str) -> bool:
        """Whether the work's author part is its title (the style's
        substitute for names it has none of)."""
        data = self._data().get(item.key.lower(), {})
        said = _bare(author)
        return bool(said) and any(_bare(data.get(v)) == said
                                  for v in ("title", "title-short", "shortTitle"))

    def _data(self) -> dict:
        if not hasattr(self, "_by_key"):
            self._by_key = {i["id"].lower(): i for i in self.items}
        return self._by_key

    def _group(self, author: str, members: list) -> str:
        """One author's works, each marked as naming its own (inlinehtml.cited).

        A prefix introduces the author, not the first work named: "[see @kimB;
        @kimA]" is "(see Kim, 2020a, 2020b)", the works in the style's order
        (APA §8.12) as in a cluster without a prefix; a suffix stays put."""
        if len(members) == 1 and not author.startswith("-"):
            return cited(members[0].key.lower(), self._piece("full", members[0], True, True))
        if not self.collapses and not author.startswith("-"):
            # grouped, not collapsed: each work whole, "Aalto 2000, Aalto 2001"
            engine = self.engine
            joiner = engine.group_delimiter if engine.after_collapse is None \
                else engine.after_collapse
            return joiner.join(cited(i.key.lower(), self._piece("full", i, True, True))
                               for i in _in_order(members, self._sort, prefixes=False))
        prefix = members[0].prefix
        members = _in_order(members, self._sort, prefixes=False)
        rests = [self._piece("rest", i, False, True) for i in members]
        if not author.startswith("-"):  # the author once, with the first work
            rests[0] = author + self._joiner(author, members[0], rests[0]) + rests[0]
        if not any(rests):  # an author suppressed, and nothing else (MLA's "[-@b]")
            return ""
        runs = self._suffix_runs(members)
        out = prefix
        for n, run in enumerate(runs):
            head = run[0]
            if n and rests[head]:  # a work with nothing but its author prints nothing: "(Doe)"
                out += self._after(members[runs[n - 1][-1]])
            if rests[head]:
                out += cited(members[head].key.lower(), rests[head])
            out += self._suffixes([members[i] for i in run])
        return out

    def _suffix_runs(self, members: list) -> list[list[int]]:
        """The members' indexes in runs: a work, then the works after it
        that print only their year suffix, CSL's `collapse="year-suffix"`
        ("Lee 2021a, b"): one author's works of one year, each with a
        suffix, none with a locator or words of its own (which fall back to
        "year"). Without that collapse, each work a run of its own."""
        runs = [[0]]
        if not self.engine.collapse.startswith("year-suffix"):
            return [[n] for n in range(len(members))]
        bare = [self._unsuffixed(i) for i in members]
        for n in range(1, len(members)):
            before, item = members[n - 1], members[n]
            if bare[n] is not None and bare[n] == bare[n - 1] and not (
                    before.locator or before.suffix or item.locator or item.prefix
                    or item.suffix):
                runs[-1].append(n)
            else:
                runs.append([n])
        return runs

    def _unsuffixed(self, item) -> str | None:
        """The work's rest without its year suffix; None when it prints no
        suffix there (the suffix in its list entry only, or none given)."""
        key = item.key.lower()
        suffix = self.states[key]["suffix"]
        if not suffix:
            return None
        state = dict(self.states[key], suffix=None)

        def compute():
            engine = self.engine
            engine.set_state({key: state})
            try:
                return engine.render("rest", item, False, True)
            finally:
                engine.set_state({key: self.states[key]})
        bare = self.store.get(self._piece_key("rest", item, False, True, state), compute)
        return None if bare == self._piece("rest", item, False, True) else bare

    def _suffixes(self, members: list) -> str:
        """What follows a run's first work: the others' year suffixes, each
        after the style's `year-suffix-delimiter`, ", b, c"; with
        "year-suffix-ranged", three or more letters in a row are a range,
        "2000a–c, e" (the works inside it unmarked, as in `_ranges`)."""
        engine = self.engine
        letters = [self.states[i.key.lower()]["suffix"] for i in members]
        out, start = "", 0
        while start < len(members):
            end = start
            if engine.collapse == "year-suffix-ranged":
                while end + 1 < len(members) and _letter_number(letters[end + 1]) \
                        == _letter_number(letters[end]) + 1:
                    end += 1
            if end - start < 2:
                end = start
            if start:  # the run's first work is printed whole
                out += engine.suffix_delimiter + cited(members[start].key.lower(),
                                                       letters[start])
            if end > start:
                out += "\u2013" + cited(members[end].key.lower(), letters[end])
            start = end + 1
        return out

    def _after(self, item) -> str:
        """The delimiter after one of an author's works: CSL's cite-group
        delimiter ("Smith, 2019, 2020"), but after a work with a locator or
        words of its own, its after-collapse one, as pandoc has it: "(see
        Smith, 2019, p. 2; 2020)", so that the page is not read as the next
        year's. citeproc-js keeps the cite-group delimiter there, "(see
        Smith, 2019, p. 2, 2020)", with apa.csl (which sets neither). Where
        the style sets an after-collapse delimiter, citeproc-js puts the
        layout's between the works, as its cite-group one."""
        engine = self.engine
        if item.locator or item.suffix:
            return engine.delimiter if engine.after_collapse is None else engine.after_collapse
        return engine.group_delimiter if engine.after_collapse is None else engine.delimiter

    def _joiner(self, author: str, item, rest: str) -> str:
        """What the style puts between an author and the rest of a citation:
        APA's ", " ("Kim, 2020"), Chicago's " " ("Kim 2020"), read off the
        work's whole citation."""
        whole = self._piece("full", item, False, True)
        if whole.startswith(author) and whole.endswith(rest) \
                and len(whole) >= len(author) + len(rest):
            return whole[len(author):len(whole) - len(rest)]
        return ", "

    # --- the reference list ------------------------------------------------------

    def references(self) -> list[tuple[str, str]]:
        """(key, HTML) of each entry in the style's order; empty entries left out."""
        out = []
        for key in self.order:
            html = self.store.get(self._entry_key(key),
                                  lambda key=key: self.engine.entry(key, self.order))
            if html is not None:
                out.append((self.spelling[key], html))
        return self._substituted(out) if self.substitute else out

    def _substituted(self, entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The entries with the style's subsequent-author-substitute, decided
        here in list order: each remembered entry is its own item's alone."""
        text, chosen = self.substitute
        items = {i["id"].lower(): i for i in self.items}
        keys = [key.lower() for key, _ in entries]
        variables = [self.store.get(self._entry_key(k, "names"),
                                    lambda k=k: cslsubstitute.first_names(self.engine, k,
                                                                          self.order))
                     for k in keys]
        names = [items[k].get(v) if v else None for k, v in zip(keys, variables, strict=True)]
        out = []
        for n, (spec, (key, html)) in enumerate(zip(cslsubstitute.plan(chosen, names), entries,
                                                     strict=True)):
            if spec is not None:
                k, variable = keys[n], variables[n]
                substituted = self.store.get(
                    self._entry_key(k, "substituted", variable, spec, text),
                    lambda: cslsubstitute.render(self.engine, k, self.order, variable, spec,
                                                 text))
                if substituted is not None and substituted != html:
                    self.substitutions[key] = (html, entries[n - 1][0])
                    html = substituted
            out.append((key, html))
        return out

    def _entry_key(self, key: str, *kind) -> str:
        return self._key("entry", self.digests[key], self.states[key], *kind)


def _letter_number(letters: str) -> int:
    """A year suffix's place in "a", …, "z", "aa", … (csldisambig._suffix)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("a") + 1
    return number


def _text(html: str) -> str:
    import re
    return re.sub(r"<[^>]*>", "", html)


def _in_order(items: list, sort, prefixes: bool = True) -> list:
    """A cluster's items in pandoc's order: a prefix starts a run and a
    suffix ends one, and in each run the works between its affixed ends are
    sorted. So "(Sampson, 2020; see also Augustine, 2017; Melara, 2018)",
    APA's own example (§8.12), keeps its words where the author put them.
    Without `prefixes`, suffixes alone hold works in place."""
    runs: list[list] = []
    for item in items:
        if not runs or prefixes and item.prefix or runs[-1][-1].suffix:
            runs.append([])
        runs[-1].append(item)
    ordered = []
    for run in runs:
        first = 1 if prefixes and run[0].prefix else 0
        last = len(run) - 1 if run[-1].suffix and len(run) > first else len(run)
        middle = run[first:last]
        ordered += run[:first] + (sort(middle) if len(middle) > 1 else middle) + run[last:]
    return ordered


def _form(item, prefix: bool, suffix: bool) -> list:
    """What of a cite item reaches citeproc-py, besides its reference."""
    locator = [item.locator.label, item.locator.value] if item.locator else None
    form = [locator, item.prefix if prefix else "", item.suffix if suffix else ""]
    if item.author_only or item.positions or item.first_note:  # a note style's
        form += [item.author_only, list(item.positions), item.first_note]
    if item.possessive or item.ampersand:  # apaquarto's tags
        form += [item.possessive, item.ampersand]
    return form


class _Unmemoized:
    """For a style whose output depends on order: everything rendered, in order."""

    def get(self, key, compute):
        return compute()

    def fill(self, jobs, setup=None):
        pass


# --- env: what every key depends on ---------------------------------------------

# Our modules that decide what citeproc-py renders, and how we assemble it
# (with every module of the package cslfixes/, read below).
_OURS = ("cslcache.py", "cslengine.py", "csldisambig.py", "cslspeed.py", "rawdatereading.py",
         "cslrichtext.py", "cslyearsuffix.py", "cslsubstitute.py")


def _citeproc() -> Path:
    """citeproc-py's folder, found without importing it."""
    import importlib.util
    return Path(importlib.util.find_spec("citeproc").submodule_search_locations[0])


def _code_version() -> str:
    here = Path(__file__).parent
    return files_digest([here / name for name in _OURS] + sorted((here / "cslfixes").glob("*.py"))
                        + _installed(_citeproc()))


def _installed(folder: Path) -> list[Path]:
    """What says citeproc-py's code: the RECORD of its installation, where
    the installer wrote the hash of every file it installed (one file read
    instead of 22: 0.9 ms of every build); without one (a source tree), its
    Python files themselves."""
    records = sorted(folder.parent.glob(f"{folder.name}_py-*.dist-info/RECORD"))
    return records if len(records) == 1 else _python_files(folder)


def _python_files(folder: Path) -> list[Path]:
    """`sorted(folder.rglob("*.py"))`, by os.walk: pathlib's rglob took
    5 ms over citeproc-py's 28 folders, every build (os.walk, 0.5 ms)."""
    import os
    return sorted(Path(top, name) for top, folders, names in os.walk(folder)
                  for name in folders + names if name.endswith(".py"))


def _locale_digest(lang: str) -> str:
    locales = _citeproc() / "data" / "locales"
    language = lang.split("-")[0]
    return files_digest(sorted(locales.glob(f"locales-{language}*.xml"))
                        + [locales / "locales-en-US.xml", locales / "locales.json"])


def _collapses(style: Path) -> bool:
    """Whether the style's citations collapse one author's works ("year",
    "year-suffix", "year-suffix-ranged"), as APA's do."""
    citation = cslstyle.tree(style).find("cs:citation", _NS)
    return citation is not None and citation.get("collapse", "").startswith("year")


def _number_shape(text: str, number: int | None) -> str | None:
    """A cite printed as its number alone, with the marks of the style's
    own around it ("[1]", as in IEEE's): those marks, "[#]"; else None. Numbers
    in one shape in a row make a range, "[1]–[4]", as citeproc-js prints it."""
    if number is None:
        return None
    marks = re.fullmatch(rf"(\D*){number}(\D*)", text)
    return f"{marks[1]}#{marks[2]}" if marks else None


def _cite_group_delimiter(style: Path) -> bool:
    """Whether the style groups one author's works by a cite-group-delimiter."""
    citation = cslstyle.tree(style).find("cs:citation", _NS)
    return citation is not None and bool(citation.get("cite-group-delimiter"))


def _et_al_subsequent(style: Path) -> bool:
    """Whether an in-text style shortens the names of a work cited before
    (et-al-subsequent-min or -use-first: ASA's), which asks each cite's
    position; a note style's are counted with its notes (notecites.py)."""
    tree = cslstyle.tree(style)
    return tree.getroot().get("class") != "note" and "et-al-subsequent" in cslstyle.uses(tree)


def _count_positions(cites: list[Cite]) -> None:
    """Each item's CSL position in the text (first, subsequent, ibid …), by
    pandoc's rules, as a note style's are counted; a cite whose position is
    given keeps it. The position is part of what is remembered (_form)."""
    from .notecites import Track  # the note styles' counter, notes aside
    track = Track(_NEAR_NOTE)
    for cite in cites:
        if any(item.positions for item in cite.items):
            continue
        track.cite(cite.items, None)
        for item in cite.items:
            item.first_note = 0  # no note in the text: none to print


_NEAR_NOTE = 5  # CSL's default near-note-distance


def _memoizable(style: Path) -> bool:
    """False for a style whose output depends on earlier citations.

    Position tests (ibid, subsequent) and citation numbers depend on what
    came before; so does a localized date with date-part overrides, which
    citeproc-py 0.11.1 writes into the shared locale element.
    """
    return not cslstyle.uses(cslstyle.tree(style)) & {
        "position", "citation-number", "first-reference-note-number", "localized-date-parts"}


def _bare(text) -> str:
    """Text as words alone, to compare a title with what prints it: no
    markup, quotes, case or punctuation."""
    if not isinstance(text, str):
        return ""
    return re.sub(r"[\W_]+", "", unescape(re.sub(r"<[^>]*>", "", text))).casefold()
