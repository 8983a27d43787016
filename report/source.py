"""The reader: `article.md` (YAML front matter + Pandoc Markdown) → Document."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import yaml

from . import (authors, citesyntax, crossref, headerrefs, labels, metablocks, quartoproject,
               shortcodes, textfiles, textrefs, yamlcore)
from .errors import Line, ReportError, nearest, warn
from .frontmatter import DEFAULT_BIBLIOGRAPHY, FrontMatter
from .markdown import parser
from .mdblocks import Converter
from .model import (RUNNING_HEAD_MAX, Document, Echo, Equation, Figure, Heading, Meta, Para,
                    RefsPlaceholder, Table, Text)
from .typography import in_language, typographic
from .walk import block_cites

KNOWN_KEYS = {
    "title", "subtitle", "short-title", "author", "affiliation", "author-note",
    "abstract", "keywords", "impact-statement", "paper", "course", "instructor", "date",
    "bibliography", "references", "csl", "lang", "nocite", "slides", "handout", "papersize",
    # Pandoc/Quarto keys that an article may carry for other tools.
    "link-citations", "reference-section-title", "documentclass", "format",
    "output", "shorttitle", "description", "suppress-bibliography", "notes-after-punctuation",
    "execute", "jupyter", "engine", "knitr", "editor", "filters", "project", "params",
    "execute-dir", "citation", "categories", "draft", "license", "copyright", "funding",
    # apaquarto's, read as their report equivalents (report/authors.py too).
    "affiliations", "professor", "duedate", "documentmode", "a4paper", "floatsintext",
    "suppress-abstract", "suppress-keywords", "suppress-impact-statement", *authors.SUPPRESS,
    "authornote",  # papaja's (report/authors.py)
    "meta-analysis",  # apaquarto's (report/cite.py)
    "mask", "masked-citations",  # apaquarto's masked review (report/masking.py)
    "author-summary", "plain-language-summary",  # PLOS's, AGU's: the impact statement
    *quartoproject.INCLUDE_KEYS,
}
# What pandoc's and Quarto's slide shows read, which the deck does in its own way.
SLIDESHOW = ("incremental", "slide-level", "reference-doc", "transition", "logo", "aspectratio",
             "slide-number")
_JOURNAL = "a journal template's option"
# Other tools' options for what report does not do, or does its own way
# (APA's page, set in styles/): said, not silently dropped.
UNUSED = dict.fromkeys((
    "numbered-lines",
    "no-ampersand-parenthetical", "draft-date", "word-count", "language",
    "blank-lines-above-title", "blank-lines-above-author-note", "first-page",
    "list-of-figures", "list-of-tables", "volume", "copyrightnotice",
    "copyrighttext", "note", "suppress-title-page", "suppress-title", "suppress-short-title",
    "suppress-author", "suppress-affiliation",
    "suppress-title-introduction"), "an apaquarto option") | dict.fromkeys((
    "crossref",), "a Quarto cross-reference option") | dict.fromkeys((
    # apaquarto's journal mode (`journal: Name`) and Quarto's journal
    # formats (quarto-journals: PLOS's `journal: id:`, ACM's, AGU's, JSS's).
    "journal", "acm-metadata", "keywords-formatted", "author-notes", "key-points"),
    _JOURNAL) | dict.fromkeys((
    "wordcount", "floatsintables", "figsintext", "linenumbers", "lineno", "figurelist",
    "tablelist", "footnotelist", "annotate_references", "replace_ampersands", "keep_tex"),
    "a papaja option") | dict.fromkeys((
    "header-includes", "include-before", "include-after", "geometry", "fontsize",
    "mainfont", "sansfont", "monofont", "mathfont", "fontfamily", "linestretch",
    "classoption", "pagestyle", "toc", "toc-depth", "toc-title", "lof", "lot",
    "numbersections", "number-sections", "colorlinks", "linkcolor", "urlcolor",
    "citecolor", "indent", "margin-left", "margin-right", "margin-top", "margin-bottom",
    "thanks", "abstract-title", "fig-cap-location", "tbl-cap-location", "keep-tex"),
    "a pandoc or Quarto layout option") | dict.fromkeys(SLIDESHOW,
                                                         "a pandoc or Quarto slide-show option")


# apaquarto's formats; its _extension.yml sets `execute: echo: false` for each.
_APAQUARTO = ("apaquarto-pdf", "apaquarto-typst", "apaquarto-docx", "apaquarto-html")
_DOCUMENT_MODES = {"man": "", "stu": "", "jou": "journal", "doc": "plain document"}


def _formats(front: dict) -> dict:
    """The formats `format:` names, each with the options written under it."""
    value = front.get("format")
    if isinstance(value, str):
        return {value: {}}
    if isinstance(value, list):
        return {str(v): {} for v in value if isinstance(v, (str, int))}
    if isinstance(value, dict):
        return {str(k): v if isinstance(v, dict) else {} for k, v in value.items()}
    return {}


def _format(levels: list[dict]) -> str:
    """The format the brief stands for (apaquarto's PDF, else Typst, Word,
    HTML; else pandoc's PDF; else the first, which Quarto renders first),
    among those Quarto renders: the article's and its folders', or else the
    project's (`levels`: the project's first, the article's last)."""
    names = [list(_formats(level)) for level in levels]
    inner = names[-1] + [name for folder in names[1:-1] for name in folder]
    formats = list(dict.fromkeys(inner)) or names[0]
    return next((n for n in (*_APAQUARTO, "pdf", "typst") if n in formats),
                next(iter(formats), ""))


def _format_options(front: dict, lines: dict, name: str) -> None:
    """The options under the brief's format `name` (`format: apaquarto-pdf:
    documentmode: stu`) read as the front matter's own, over them, as Quarto
    reads a format's options over the document's; `echo:` there as
    `execute: echo:` is, under it."""
    options = _formats(front).get(name, {})
    top = front.get("execute", {})
    if isinstance(top, dict):  # else not a mapping, which _meta says
        execute = {**({"echo": options["echo"]} if "echo" in options else {}), **top,
                   **(options.get("execute") if isinstance(options.get("execute"), dict)
                      else {})}
        if execute:
            front["execute"] = execute
    for key, value in options.items():
        if key in KNOWN_KEYS | set(UNUSED) and key not in ("format", "execute"):
            front[key], lines[key] = value, lines.get("format")


def _merged(levels: list[dict]) -> tuple[dict, Echo]:
    """The metadata of `levels` (the project's, its folders', the article's
    front matter: each with its `__lines__`) merged as Quarto merges them,
    each with its options for the brief's format over its own keys. Whether
    code cells show their code: apaquarto's and papaja's formats say no
    unless `execute: echo:` says yes; `fenced` shows each cell's fence too."""
    name = _format(levels)
    merged: dict = {}
    lines: dict = {}
    for level in levels:
        level = dict(level)
        own = dict(level.pop("__lines__"))
        _format_options(level, own, name)
        if len(levels) > 1:
            _joinable_bibliography(level, own, lines)
        merged = quartoproject.merge(merged, level)
        lines.update(own)
    merged["__lines__"] = lines
    hidden = name in _APAQUARTO or _papaja(merged.get("output"))
    execute = merged.get("execute") if isinstance(merged.get("execute"), dict) else {}
    return merged, Echo.of(execute.get("echo", not hidden))


def _joinable_bibliography(level: dict, own: dict, lines: dict) -> None:
    """One bibliography named as a list of one, which Quarto joins to the
    project's and folders' as it joins lists; the line of each, for its
    error."""
    named = level.get("bibliography")
    if isinstance(named, str):
        level["bibliography"] = named = [named]
    for each in named if isinstance(named, list) else []:
        if isinstance(each, str):
            lines[("bibliography", each)] = own.get("bibliography")


def _papaja(output) -> bool:
    """Whether R Markdown's `output:` is papaja's (`papaja::apa6_pdf`), whose
    formats hide chunks' code, as apaquarto's do."""
    names = output if isinstance(output, (dict, list)) else [output]
    return any(str(name).startswith("papaja::") for name in names)


def read(path: Path) -> Document:
    text = _read_text(path)
    if not text.strip():
        raise ReportError("the article is empty", path, 1, 1,
                          "write front matter ('---', 'title: ...', '---') and the text")
    lines = text.split("\n")
    front, body_start, front_text = _front_matter(lines, path)
    body_lines = lines[body_start:]
    front, block_texts = _body_metadata(front, body_lines, body_start, path)
    project, shared = _project(path)
    included = _included(front, path, path)  # the front matter's metadata-files, over it
    front, echo = _merged([*(data for _, data, _ in shared), front,
                           *(data for _, data, _ in included)])
    body = "\n".join(body_lines)
    meta = _meta(front, path, lines, echo, printed=shortcodes.meta_keys(body))
    meta.project, meta.project_files = project, [file for file, _, _ in shared + included]
    if not body.strip():
        raise ReportError("the article has no text after its front matter", path,
                          body_start + 1, 1, "write the article below the closing '---'")
    shortcodes.warn_in_front(front_text, path)
    body = shortcodes.expand(body, [*(text for _, _, text in shared), front_text,
                                    *(text for _, _, text in included), *block_texts],
                             path, body_start, meta.date)
    converter = Converter(path, lines, body_start, meta, note_base=len(meta.notes))
    with in_language(meta.lang):  # „Schlaf“ and "S. 5" in German, as captions too
        blocks = converter.parsed(body, {"references": headerrefs.placeholders(body)})
        footnotes = meta.notes + [converter.footnotes[k] for k in sorted(converter.footnotes)]
        headerrefs.resolve(blocks, footnotes)  # the headings' quotes as the language's
    textrefs.resolve(blocks, footnotes, path, lines)  # bookdown's `(ref:foo) Words.`
    blocks = _references_heading(blocks, meta)
    _headings_apart_from_floats(blocks, converter)
    doc = Document(meta, blocks, path, footnotes)
    crossref.number(doc)
    return doc


def _project(article: Path) -> tuple[Path | None, list[tuple[Path, dict, str]]]:
    """The Quarto project's folder, and the metadata it gives the article:
    its `_quarto.yml`'s, its active profiles' `_quarto-<name>.yml`'s, then
    its folders' `_metadata.yml`'s, outer first, each followed by the files
    its `metadata-files` name (none outside a project, as in Quarto): each
    file, read, and its text."""
    found = quartoproject.project_file(article)
    if found is None:
        return None, []
    config = _yaml_file(found)
    files = [*quartoproject.profile_files(found, config[1].get("profile")),
             *quartoproject.metadata_files(found, article)]
    levels = [_shared(config, article), *(_shared(_yaml_file(f), article) for f in files)]
    return found.parent.resolve(), [each for level in levels
                                    for each in (level, *_included(level[1], level[0], article))]


def _yaml_file(file: Path) -> tuple[Path, dict, str]:
    text = _read_text(file)
    return file, _mapping(text, file, _Place(1, file.name)), text


def _shared(read: tuple[Path, dict, str], article: Path) -> tuple[Path, dict, str]:
    """A project's or folder's metadata file, read: its keys about documents,
    the files they name as from the article's folder, and their lines
    in it, which errors name."""
    file, data, text = read
    source, lines = text.split("\n"), data.pop("__lines__")
    data = quartoproject.in_article_terms(quartoproject.shared(data), file.parent.resolve(),
                                          article)
    data["__lines__"] = {key: Line(line, file, source) for key, line in lines.items()
                         if (key[0] if isinstance(key, tuple) else key) in data}
    return file, data, text


def _included(data: dict, file: Path, article: Path) -> list[tuple[Path, dict, str]]:
    """The files a level's `metadata-files` (and `metadata-file`) name, from
    the folder of the `file` that names them, read as a project's are:
    Quarto merges them over that level, later files over earlier ones
    (includedMetadata, src/config/metadata.ts; merged over the document's
    in resolveFormatsFromMetadata, src/command/render/render-contexts.ts:
    `mergeQuartoConfigs(metadata, included.metadata, …)`)."""
    out = []
    for where, name in quartoproject.included_names(data):
        key = where[0] if isinstance(where, tuple) else where
        line = data["__lines__"].get(where, data["__lines__"].get(key))
        if not isinstance(name, str):
            raise ReportError(f"{key}: each entry must be a file's path", file, line,
                              1 if line else None, "write a YAML file's path, as "
                              f"'{key}: shared.yml' or one '- shared.yml' line for each")
        path = file.parent / name
        if not path.is_file():
            raise ReportError(f"{key}: no file '{name}'", file, line, 1 if line else None,
                              f"give a YAML file's path from {file.name}'s folder")
        out.append(_shared(_yaml_file(path), article))
    return out


def _headings_apart_from_floats(blocks: list, converter: Converter) -> None:
    """A heading's id made from its words ("Fig A": fig-a) is never the label
    of a figure, table or equation, which its cross-references link to."""
    floats = {b.ident for b in crossref.printed(blocks)
              if isinstance(b, (Figure, Table, Equation)) and b.ident}
    converter.idents |= floats
    for block in crossref.printed(blocks):
        if isinstance(block, Heading) and block.ident in floats & converter.generated:
            block.ident = converter.unique_ident(block.ident)


def _references_heading(blocks: list, meta: Meta) -> list:
    """The heading right over the reference list (before `::: {#refs}`, or
    last, where pandoc puts the list) is its title, not a section of its
    own: if a list is printed there, which takes citations."""
    place = next((n for n, b in enumerate(blocks) if isinstance(b, RefsPlaceholder)),
                 len(blocks))
    cited = meta.nocite or any(not (cite.bookdown or crossref.is_label(item.key))
                               for cite in block_cites(blocks, printed=True)
                               for item in cite.items)
    if place and isinstance(blocks[place - 1], Heading) and cited \
            and not meta.suppress_bibliography:
        heading = blocks[place - 1]
        meta.references_title, meta.references_ident = heading.children, heading.ident
        return blocks[:place - 1] + blocks[place:]
    return blocks


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportError("no such file", path, hint="give the path of an article.md") from None
    except OSError as error:
        raise ReportError(f"cannot read it: {error.strerror}", path) from None
    return _line_ends(textfiles.decode(raw, path, "the file").replace("\r\n", "\n"), path)


def _line_ends(text: str, path: Path) -> str:
    """`text` with its carriage returns alone dropped, as pandoc 3.9 drops
    them; a file whose lines all end in one (classic Mac OS's, some old
    editors') is then a single line to pandoc, with no front matter: said."""
    if "\r" not in text:
        return text
    if text.count("\r") > text.count("\n"):  # most lines
        raise ReportError("the article's lines end in a carriage return alone (classic Mac "
                          "line ends), which pandoc reads as one line", path, 1, 1,
                          "save it with Unix (LF) or Windows (CRLF) line ends, e.g. "
                          "tr '\\r' '\\n' < article.md > fixed.md")
    return text.replace("\r", "")


class _Place(NamedTuple):
    """Where a YAML mapping starts in its file (the front matter: on line 2)
    and what an error calls it."""
    first: int
    what: str


_FRONT = _Place(2, "the front matter")


def _front_matter(lines: list[str], path: Path) -> tuple[dict, int, str]:
    """The YAML mapping, the index of the first body line and the YAML's
    text; or pandoc's title block ('% Title', '% Authors', '% Date')."""
    if lines[0].startswith("%"):
        data, end = metablocks.title_block(lines)
        return data, end, ""
    if lines[0].strip() != "---":
        raise ReportError("the article has no YAML front matter", path, 1, 1,
                          "begin the file with '---', a 'title:' line and '---'")
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise ReportError("the front matter is never closed", path, 1, 1,
                          "end it with a line of '---'")
    source = "\n".join(lines[1:end])
    return _mapping(source, path, _FRONT), end + 1, source


def _body_metadata(front: dict, body: list[str], start: int, path: Path) -> tuple[dict, list]:
    """The front matter with what the YAML blocks in the text add, a later
    block's key over an earlier's, as pandoc merges them; each block's lines
    blanked in `body` (the text's lines from line index `start`). Returns
    the blocks' YAML too. A block that holds no mapping is text to pandoc;
    one it cannot read stops pandoc, and is text here, with a warning."""
    merged, texts = dict(front), []
    for first, last in metablocks.yaml_blocks(body, 0):
        source = "\n".join(body[first + 1:last])
        where = start + first + 1  # the '---' line, 1-based
        try:
            node = yamlcore.compose(source)
            data = yamlcore.construct(node)
        except (yaml.YAMLError, ValueError):
            warn("pandoc reads this '---' block as YAML metadata, and cannot: it is kept "
                 "as text (a blank line after a rule's '---' makes it text to pandoc too)",
                 path, where, 1)
            continue
        if not isinstance(data, dict):
            continue
        _lined(data, node, path, _Place(where + 1, f"the metadata block at line {where}"))
        merged["__lines__"] = {**merged["__lines__"], **data.pop("__lines__")}
        merged.update(data)
        body[first:last + 1] = [""] * (last + 1 - first)
        texts.append(source)
    return merged, texts


def _mapping(source: str, path: Path, place: _Place) -> dict:
    """The YAML mapping `source`, each key's line in `__lines__`."""
    node = None
    try:
        node = yamlcore.compose(source)
        data = yamlcore.construct(node)
    except yaml.YAMLError as error:
        raise _yaml_error(error, source, path, place) from None
    except ValueError:  # read as a date that is none: "2020-13-45"
        raise _impossible_value(node, source, path, place) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ReportError(f"{place.what} must be a mapping of keys to values", path,
                          place.first, 1, "write it as 'key: value' lines")
    return _lined(data, node, path, place)


def _lined(data: dict, node, path: Path, place: _Place) -> dict:
    """`data`, the mapping `node` holds, with each key's line in `__lines__`
    (a key written twice stops, as pandoc stops)."""
    _no_key_twice(node, path, place)
    data["__lines__"] = {key.value: key.start_mark.line + place.first
                         for key, _ in node.value} if node else {}
    data["__lines__"].update(_item_lines(node, place))
    return data


def _item_lines(node, place: _Place) -> dict:
    """The line of each file `metadata-files:` lists, as (key, n), for the
    error that names one."""
    return {(key.value, n): item.start_mark.line + place.first
            for key, value in (node.value if node else ())
            if key.value in quartoproject.INCLUDE_KEYS and isinstance(value, yaml.SequenceNode)
            for n, item in enumerate(value.value)}


def _yaml_error(error, source: str, path: Path, place: _Place) -> ReportError:
    """PyYAML's complaint at its place in the file. A quote never closed is
    found at the end of the front matter, and one closed only by the next
    quoted value, lines below, where that value's words follow it: each is
    named where it opens instead."""
    mark, hint = getattr(error, "problem_mark", None), \
        "fix the YAML (a colon inside a value needs quotes)"
    problem = getattr(error, "problem", None) or str(error)
    if (getattr(error, "context", None) or "").startswith("while scanning a quoted scalar"):
        mark, problem, hint = error.context_mark, "a quote is never closed", \
            "close it on the same value, or drop it"
    elif (runaway := _runaway_quote(source)) is not None:
        mark, problem, hint = runaway.start_mark, (
            f"a quote is not closed on its line: it runs on to line "
            f"{runaway.end_mark.line + place.first}, over the keys between"), \
            "close it on the same value, or drop it"
    elif (unclosed := _unclosed_bracket(error, source)) is not None:
        mark, problem, hint = unclosed
    elif (closed := _closed_early(error, source)) is not None:
        problem, hint = closed
    elif "'\\t'" in problem:
        hint = "indent with spaces: YAML allows no tab there"
    elif (tag := re.match(r"could not determine a constructor for the tag '(?:tag:yaml\.org,"
                          r"2002:)?(.+)'", problem)) is not None:
        # PyYAML's words for a tag a safe reader refuses to act on (Python's
        # objects); pandoc reads the value and ignores its tag.
        written = "!!" + tag[1] if problem.find("tag:yaml.org,2002:") > 0 else tag[1]
        problem = f"the tag '{written}' names no kind of value report reads"
        hint = f"delete '{written}' and keep the value, as pandoc reads it"
    line, column = (mark.line + place.first, mark.column + 1) if mark else (1, 1)
    return ReportError(f"bad YAML in {place.what}: {problem}", path, line, column, hint)


_CLOSE = {"[": "]", "{": "}", '"': '"', "'": "'"}


def _unclosed_bracket(error, source: str):
    """(mark, problem, hint) for a '[' or '{' that a line below finds open
    (`date: [April`): YAML complains at that line, the bracket is here."""
    context, mark = getattr(error, "context", None) or "", getattr(error, "context_mark", None)
    if not (context.startswith("while parsing a flow") and mark and error.problem_mark
            and error.problem_mark.line > mark.line):
        return None
    opening = source[mark.index]
    return mark, f"a '{opening}' is never closed", \
        f"close it with '{_CLOSE[opening]}' on the same value, or quote the whole value"


_VALUE = re.compile(r"\s*(?:-\s+)?(?:[^\s:][^:]*:\s+)?(?P<open>[\"'\[{])")


def _closed_early(error, source: str):
    """(problem, hint) for words after a value's closing quote or bracket
    (`title: [Draft] Clean Hands`, `title: 'It's mine'`): YAML reads the
    value up to there, and the words after it as a second value."""
    mark = getattr(error, "problem_mark", None)
    if not (mark and "expected <block end>, but found '<scalar>'" in str(error)):
        return None
    line = source.split("\n")[mark.line]
    value = _VALUE.match(line)
    if not value or value.start("open") >= mark.column:
        return None
    opening, start = value["open"], value.start("open")
    if opening in "[{":
        quoted = line[start:].rstrip().replace('"', '\\"')
        return (f"words follow the value's closing '{_CLOSE[opening]}': a value that starts "
                f"with '{opening}' is a {'list' if opening == '[' else 'mapping'} to YAML",
                f'put the whole value in double quotes: {line[:start].strip()} "{quoted}"')
    if opening == "'":
        return ("the value's single quotes end at the ' inside it, and words follow",
                "write the ' inside it twice ('It''s'), or put the value in double quotes")
    return ('the value\'s double quotes end at the " inside it, and words follow',
            'write the " inside it as \\", or put the value in single quotes')


def _runaway_quote(source: str):
    """The first quoted value, read before YAML gave up, that spans lines
    of which one looks like a key of its own (`author:`): a quote left
    open that the next value's opening quote closed."""
    try:
        for token in yaml.scan(source, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                inside = source[token.start_mark.index:token.end_mark.index].split("\n")[1:]
                if any(_KEY_LINE.match(line) for line in inside):
                    return token
    except yaml.YAMLError:
        pass
    return None


_KEY_LINE = re.compile(r"\s*(- )?[A-Za-z_][\w-]*:(\s|$)")


def _impossible_value(node, source: str, path: Path, place: _Place) -> ReportError:
    """The error for the key whose value YAML reads as a date there is not."""
    loader = yamlcore.Loader(source)
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        try:
            loader.construct_object(value, deep=True)
        except ValueError as error:
            mark = value.start_mark
            return ReportError(f"'{key.value}' holds an impossible date ({error})", path,
                               mark.line + place.first, mark.column + 1,
                               "write a date as 2020-01-31, or quote it")
    return ReportError(f"{place.what} holds an impossible date", path, place.first, 1,
                       "write a date as 2020-01-31, or quote it")


def _no_key_twice(node, path: Path, place: _Place) -> None:
    """A key said twice in one mapping is an error, as in pandoc: YAML
    loaders keep the last and silently drop the first."""
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in seen:
                raise ReportError(
                    f"'{key.value}' is given twice in {place.what} (first on line "
                    f"{seen[key.value]})", path, key.start_mark.line + place.first,
                    key.start_mark.column + 1, "merge the two into one")
            seen[getattr(key, "value", None)] = key.start_mark.line + place.first
            _no_key_twice(value, path, place)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _no_key_twice(item, path, place)


def _meta(front: dict, path: Path, source: list[str], echo: Echo,
          printed: set = frozenset()) -> Meta:
    """The front matter read; `printed`: keys the text prints with `{{< meta >}}`,
    which report need not know."""
    lines = front.pop("__lines__")
    for key in front:
        # A project's keys are for all its documents and outputs (the website,
        # Word, notebooks), which Quarto checks: report says nothing of those
        # it does not read. The article's are the author's for this one.
        if key in printed or isinstance(lines.get(key), Line):
            continue
        if key in UNUSED or str(key).startswith("suppress-corresponding-"):
            if front[key] in (False, None, 0, ""):  # switched off: nothing missed
                continue
            why = ("its deck shows every slide whole, as styles/ and 'slides:' (title, "
                   "subtitle, footer, theme) set it") if key in SLIDESHOW \
                else ("the brief is an APA manuscript, not the journal's layout, and prints "
                      "no text it holds") if UNUSED.get(key) == _JOURNAL \
                else "APA fixes what it sets (styles/)"
            warn(f"'{key}' is {UNUSED.get(key, 'an apaquarto option')} that report does "
                 f"not use: {why}", path, lines.get(key), 1)
        elif key not in KNOWN_KEYS:
            hint = nearest(str(key), KNOWN_KEYS)
            warn(f"unknown front-matter key '{key}'" + (f"; {hint}" if hint else ""),
                 path, lines.get(key), 1)
    fm = FrontMatter(front, path, lines)
    if not fm.text("title"):
        block = source[0].startswith("%")  # pandoc's title block: '% Title' has no '---'
        raise ReportError("the front matter has no title", path, 1 if block else 2, 1,
                          "write the title on the first '%' line ('% Your Title')" if block
                          else "add a line 'title: Your Title' between the '---' lines")
    lang = _lang(fm)
    with in_language(lang):  # its quotation marks and locators, as the text's
        meta = _meta_values(fm, source, echo, lang)
    meta.date = _date(fm, meta.lang, "date" if "date" in fm.data else "duedate")
    return meta


# A journal template's plain-language summary: APA's public significance
# statement, which apaquarto calls the impact statement.
_SUMMARIES = ("author-summary", "plain-language-summary")  # PLOS's, AGU's


def _impact_key(fm: FrontMatter) -> str:
    """The key that holds the impact statement: apaquarto's, or else a
    journal template's summary, said where it is written. The brief prints
    one: each other key written is said not to be printed."""
    written = [k for k in ("impact-statement", *_SUMMARIES) if fm.data.get(k) not in (None, "")]
    if not written:
        return "impact-statement"
    chosen, *dropped = written
    for key in dropped:
        warn(f"'{key}' is not printed: the brief has one impact statement (APA's public "
             f"significance statement), and prints '{chosen}' as it; join the two under "
             f"'{chosen}'", fm.path, fm.lines.get(key), 1)
    if chosen != "impact-statement":
        warn(f"'{chosen}' is printed under the abstract as the impact statement (APA's "
             "public significance statement); name it 'impact-statement' to say so",
             fm.path, fm.lines.get(chosen), 1)
    return chosen


def _meta_values(fm: FrontMatter, source: list[str], echo: Echo, lang: str) -> Meta:
    lines = fm.lines
    markdown = _MarkdownValues(fm, source)
    meta = Meta(title=markdown.inline("title"))
    meta.lang = lang
    meta.subtitle = markdown.inline("subtitle")
    meta.short_title = _short_title(fm)
    meta.authors = authors.read(fm)
    meta.affiliations = [] if authors.defined_affiliations(fm.data) else \
        fm.strings("affiliation", split=False)
    meta.author_note = _author_note(fm, meta.authors, markdown)
    _mask(fm, meta)
    meta.abstract = [] if fm.flag("suppress-abstract") else markdown.blocks("abstract")
    meta.impact_statement = [] if fm.flag("suppress-impact-statement") else \
        markdown.blocks(_impact_key(fm))  # apaquarto's, under the abstract
    meta.keywords = [] if fm.flag("suppress-keywords") else [  # Markdown, as pandoc reads them
        markdown.inline_text("keywords", keyword) for keyword in fm.strings("keywords")]
    mode = fm.text("documentmode")
    if _DOCUMENT_MODES.get(mode, mode):  # man (a manuscript) and stu are what report sets
        warn(f"'documentmode: {mode}' is "
             + (f"apaquarto's {_DOCUMENT_MODES[mode]} layout" if mode in _DOCUMENT_MODES
                else "no apaquarto mode (man, stu, jou, doc)")
             + ", which report does not set: the brief is APA's manuscript (man)",
             fm.path, lines.get("documentmode"), 1)
    student = mode == "stu"  # apaquarto's student paper
    meta.paper = fm.choice("paper", ("student", "professional") if student else
                           ("professional", "student"))
    meta.course = markdown.inline("course")  # Markdown, as pandoc reads them
    meta.instructor = markdown.inline("instructor") or markdown.inline("professor")
    meta.papersize = fm.choice("papersize", ("a4", "letter") if fm.flag("a4paper") else
                               ("letter", "a4"))
    meta.csl = fm.text("csl")
    if meta.csl.endswith(".csl") or "/" in meta.csl:
        beside(fm.path, Path(meta.csl), "csl", lines.get("csl"))  # no NUL in its name
    meta.nocite = _nocite(fm.data.get("nocite"))
    meta.suppress_bibliography = fm.flag("suppress-bibliography")
    meta.meta_analysis = fm.flag("meta-analysis")
    if "notes-after-punctuation" in fm.data:
        meta.notes_after_punctuation = fm.flag("notes-after-punctuation")
    fm.mapping("execute")  # a mapping, or an error that names it
    meta.echo = echo
    meta.references_title = (markdown.inline("reference-section-title")
                             or [Text(labels.of(meta.lang)["references"])])
    meta.slides = fm.mapping("slides")  # its options: slideopts.py
    meta.handout = fm.mapping("handout")
    meta.lines = lines
    meta.bibliography = _bibliography(fm)
    meta.inline_references = fm.entries("references")
    meta.notes = markdown.notes
    return meta


def _mask(fm: FrontMatter, meta: Meta) -> None:
    """apaquarto's masked review (APA §12.7): no authors, affiliations or
    author note, so that no output and no file's metadata can name them;
    `masked-citations` counts only then, as in apaquarto (report/masking.py)."""
    meta.mask = fm.flag("mask")
    if meta.mask:
        meta.authors, meta.affiliations, meta.author_note = [], [], []
        meta.masked_citations = fm.strings("masked-citations")


class _MarkdownValues:
    """Front-matter values that are Markdown, read with their place in the
    file, so that an unknown citation key in the abstract names its line."""

    def __init__(self, fm: FrontMatter, source: list[str]):
        self.fm, self.source = fm, source
        self.notes: list[list] = []  # the footnotes of all values, numbered in turn

    def inline(self, key: str) -> list:
        return self.inline_text(key, self.fm.text(key))

    def inline_text(self, key: str, text: str) -> list:
        """`text`, found under `key`, as inlines."""
        if not text:
            return []
        env: dict = {}
        inline = parser().parseInline(text, env)[0]
        converter = self.converter(key)
        value = converter.inlines(inline)
        # An inline value's notes (`^[…]`) stay in markdown-it's env: no
        # block parse ends it to make their blocks.
        for number, note in env.get("footnotes", {}).get("list", {}).items():
            if note.get("tokens") is not None:
                converter.footnotes[number] = [Para(converter.inlines_of(note["tokens"], inline))]
        return self.noted(converter, value)

    def blocks(self, key: str) -> list:
        text = self.fm.text(key)
        if not text:
            return []
        converter = self.converter(key)
        return self.noted(converter, converter.parsed(text))

    def noted(self, converter: Converter, value: list) -> list:
        """`value`, its footnotes (numbered after the values' before it) kept."""
        self.notes += [converter.footnotes[k] for k in sorted(converter.footnotes)]
        return value

    def converter(self, key: str) -> Converter:
        line = self.fm.lines.get(key, 1)  # the key's line, counted from 1
        # In the file that gave it: the article, or its Quarto project's.
        path, source = getattr(line, "path", None) or self.fm.path, \
            getattr(line, "text", None) or self.source
        # A block scalar (`abstract: |`) starts on the next line.
        block = source[line - 1].rstrip().endswith(("|", ">", "|-", ">-"))
        return Converter(path, source, line if block else line - 1, note_base=len(self.notes))


def _short_title(fm: FrontMatter) -> str:
    key = "short-title" if "short-title" in fm.data else "shorttitle"
    value = fm.text(key)
    if len(value) > RUNNING_HEAD_MAX:
        raise fm.fail(key, f"is {len(value)} characters; APA allows a running head of at "
                      f"most {RUNNING_HEAD_MAX}", "shorten it (an '&' may replace 'and')")
    return typographic(value)  # its quotes and dashes as the title's


def _author_note(fm: FrontMatter, people: list, markdown) -> list:
    """The author note as written (Markdown text), or composed from its parts
    and the authors (apaquarto's `author-note:` mapping, or none; papaja's
    `authornote:` text with the authors' roles and correspondence)."""
    note = fm.data.get("author-note")
    if note is not None and not isinstance(note, dict):
        return markdown.blocks("author-note")
    switches = {key: fm.flag(key) for key in authors.SUPPRESS}
    written = markdown.blocks("authornote") if note is None else []
    return authors.composed_note(people, note or {}, switches,
                                 lambda text: markdown.inline_text("author-note", text),
                                 labels.of(_lang(fm)), written)


def _date(fm: FrontMatter, lang: str, key: str = "date") -> str:
    """A date as written; a YAML date (2026-03-06) spelled out as APA's title
    page wants it: "March 6, 2026" (US English), "6 March 2026" (other English)."""
    value = _quarto_date(fm.data.get(key), fm.path)
    if not hasattr(value, "strftime"):
        return fm.text(key)
    spelled = labels.date(labels.of(lang), value.day, value.month, value.year)
    if spelled:
        return spelled
    if lang.lower() in ("en", "en-us") or not lang.lower().startswith("en"):
        return f"{value:%B} {value.day}, {value.year}"
    return f"{value.day} {value:%B %Y}"


def _quarto_date(value, path: Path):
    """Quarto's `today` (the build's day; SOURCE_DATE_EPOCH's, for a
    reproducible build) and `last-modified` (the article's)."""
    import datetime

    from .output import source_date_epoch  # its one reader, which checks it
    if value in ("today", "now"):
        epoch = source_date_epoch()
        moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc) \
            if epoch is not None else datetime.datetime.now()
        return moment.date()
    if value == "last-modified":  # as for `today`, SOURCE_DATE_EPOCH's if set
        epoch = source_date_epoch()
        seconds = epoch if epoch is not None else path.stat().st_mtime
        return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).date()
    return value


LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _lang(fm: FrontMatter) -> str:
    value = fm.text("lang", "en-US")
    if not LANG_TAG.match(value):
        raise fm.fail("lang", f"is not a language tag: '{value}'", "write e.g. 'en-US'")
    return value


def _nocite(value) -> list[str]:
    """The keys of pandoc's `nocite`, its citations in any form: "@a, @b",
    "[@a; @b]", "[@*]" (as pandoc writes it), a list; a bare key too."""
    if not value:
        return []
    keys = []
    for text in (value if isinstance(value, list) else [value]):
        text = str(text)
        found = [m["all"] or m["bkey"] or m["key"] for m in _NOCITE.finditer(text)]
        keys += found or [k.strip("[]@;") for k in text.replace(",", " ").split()]
    return [k for k in keys if k]


_NOCITE = re.compile(r"(?<![\w.@])@(?:(?P<all>\*)|" + citesyntax.KEY + ")")


def _bibliography(fm: FrontMatter) -> list[Path]:
    """The bibliographies named (one or a list, as in pandoc), else refs.json
    beside the article; none when it is not there, which only an article
    that cites nothing may be (report/cite.py says so at its first citation)."""
    names = fm.strings("bibliography")
    line = fm.lines.get("bibliography", 1)
    if not names:
        default = beside(fm.path, Path(DEFAULT_BIBLIOGRAPHY), "bibliography", line)
        return [default] if default.is_file() else []
    # Each where it is named: in the article, or in its Quarto project's files.
    named: dict[Path, int] = {}
    for name in names:  # a file named twice is read once
        where = fm.lines.get(("bibliography", name), line)
        named.setdefault(beside(fm.path, Path(name), "bibliography", where), where)
    found = list(named)
    for bib in found:
        if not bib.is_file():
            raise ReportError(f"the bibliography '{bib.name}' does not exist", fm.path,
                              named[bib], 1, f"put {DEFAULT_BIBLIOGRAPHY} beside the article "
                              "or name it in 'bibliography:'")
    return found


def beside(article: Path, relative: Path, key: str, line: int | None) -> Path:
    """`relative` resolved from the article's folder: beside it, or anywhere
    (a library Zotero exports for every paper, "~/Zotero/library.bib"),
    since it is read here, not fetched by WeasyPrint as an image is."""
    if "\0" in str(relative):  # no file has one; the system would refuse the name
        raise ReportError(f"'{key}' is no file name: it holds a NUL character", article, line,
                          1, "write the file's name, e.g. refs.json")
    try:
        relative = relative.expanduser()
    except RuntimeError:  # "~someone/…" for a user this system does not know
        raise ReportError(f"'{key}' names '{relative}', but this system has no home folder "
                          f"for '{relative.parts[0]}'", article, line, 1,
                          "write the path from the article's folder or from '/'") from None
    return (article.parent.resolve() / relative).resolve()
