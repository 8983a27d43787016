"""`python -m report bib`: citations and a reference list, without an article.

Reads a bibliography and citation clusters in Pandoc syntax (one per line),
renders them exactly as a build would (the same `cslengine.Engine`), and prints
each cluster, a blank line, then the reference list. Text output is plain
UTF-8; HTML output keeps italics as <i> and nothing else, which is also the
form the conformance suite compares.
"""

from __future__ import annotations

import html
from pathlib import Path

from . import textfiles
from .errors import ReportError
from .model import Cite, Emph, Position


def to_html(inlines) -> str:
    """Inlines as text with <i> the only markup (adjacent italics merged),
    italics within italics upright, as CSL's flip-flop sets them."""
    out = "".join(_html(node) for node in inlines)
    return out.replace("</i><i>", "").replace("<i></i>", "")


def _html(node, italic: bool = False) -> str:
    if isinstance(node, Emph):
        inner = "".join(_html(c, not italic) for c in node.children)
        return f"</i>{inner}<i>" if italic else f"<i>{inner}</i>"
    if hasattr(node, "children"):
        return "".join(_html(c, italic) for c in node.children)
    return html.escape(getattr(node, "text", ""), quote=False)


def to_text(inlines) -> str:
    return "".join(to_text(n.children) if hasattr(n, "children") else getattr(n, "text", "")
                   for n in inlines)


def read_cites(text: str, path: Path) -> list[Cite]:
    """Clusters one per line; blank lines are skipped, a bad line is an error."""
    from .citesyntax import parse_citation
    cites = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parsed = parse_citation(line)
        if parsed is None:
            raise ReportError("not a citation in Pandoc syntax", path, number, 1,
                              "write one per line: [@key, p. 3], [-@key] or @key [p. 3]")
        column = len(line) - len(line.lstrip()) + 1
        cites.append(Cite(parsed[0], parsed[1], line.strip(), Position(path, number, column)))
    return cites


def render(refs: Path, cites: list[Cite], lang: str = "en-US") -> tuple[list[Cite], list]:
    """Render `cites` in place; the reference list: cited works, or all."""
    from .cite import without_primary_sources, render_all
    # Only the cited works are listed: the others are not "unused" here;
    # nor a work read only "as cited in" another, as in the article (APA §8.6).
    references = render_all(refs, cites, nocite=[] if cites else ["*"], warn_unused=False,
                            lang=lang)
    return cites, without_primary_sources(references, cites)


def run(refs: Path, cites_path: str | None, fmt: str, stdin, lang: str = "en-US") -> str:
    """The `bib` command's whole output; `lang` as an article's `lang:`
    (report/source.py reads its citations in its words, then cite.py
    renders them in it)."""
    from .citesyntax import locator_words
    from .source import LANG_TAG
    if not LANG_TAG.match(lang):
        raise ReportError(f"--lang '{lang}' is not a language tag", hint="write e.g. 'en-US'")
    cites = []
    if cites_path:
        path = Path("<stdin>") if cites_path == "-" else Path(cites_path)
        with locator_words(lang):  # "S. 5" in German, as pandoc reads it
            cites = read_cites(stdin.read() if cites_path == "-" else _read(path), path)
    cites, references = render(refs, cites, lang)
    show = to_html if fmt == "html" else to_text
    lines = [show(c.rendered) for c in cites]
    lines.append("")
    lines += [show(r.rendered) for r in references]
    return "\n".join(lines) + "\n"


def _read(path: Path) -> str:
    try:
        return textfiles.read(path, "the citations file")
    except FileNotFoundError:
        raise ReportError("the citations file does not exist", path,
                          hint=CITES_HINT) from None
    except OSError as error:  # a directory, a file not readable
        raise ReportError(f"cannot read the citations file ({error.strerror})", path,
                          hint=CITES_HINT) from None


CITES_HINT = "give --cites a text file of clusters, one per line, or '-' for stdin"
