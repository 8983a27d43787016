"""The reader: `article.md` (YAML front matter + Pandoc Markdown) → Document."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ReportError, nearest, warn
from .markdown import Converter, parser, plain_text
from .model import Author, Document, Meta

RUNNING_HEAD_MAX = 50  # APA 7 §2.18: at most 50 characters

KNOWN_KEYS = {
    "title", "subtitle", "short-title", "author", "affiliation", "author-note",
    "abstract", "keywords", "paper", "course", "instructor", "date",
    "bibliography", "csl", "lang", "nocite", "slides", "handout", "papersize",
    # Pandoc/Quarto keys that an article may carry for other tools.
    "link-citations", "reference-section-title", "documentclass", "format",
    "output", "shorttitle", "description",
}


def read(path: Path) -> Document:
    text = _read_text(path)
    if not text.strip():
        raise ReportError("the article is empty", path, 1, 1,
                          "write front matter ('---', 'title: ...', '---') and the text")
    lines = text.split("\n")
    front, body_start = _front_matter(text, path)
    meta = _meta(front, path, body_start)
    body = "\n".join(lines[body_start:])
    if not body.strip():
        raise ReportError("the article has no text after its front matter", path,
                          body_start + 1, 1, "write the article below the closing '---'")
    converter = Converter(path, lines, body_start)
    blocks = converter.blocks(parser().parse(body))
    footnotes = [converter.footnotes[k] for k in sorted(converter.footnotes)]
    return Document(meta, blocks, path, footnotes)


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportError("no such file", path, hint="give the path of an article.md") from None
    except OSError as error:
        raise ReportError(f"cannot read it: {error.strerror}", path) from None
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise ReportError("the file is not UTF-8 text", path, line, column,
                          "save it as UTF-8 (your editor's 'Save with encoding')") from None


def _front_matter(text: str, path: Path) -> tuple[dict, int]:
    """The YAML mapping and the index of the first body line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ReportError("the article has no YAML front matter", path, 1, 1,
                          "begin the file with '---', a 'title:' line and '---'")
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise ReportError("the front matter is never closed", path, 1, 1,
                          "end it with a line of '---'")
    source = "\n".join(lines[1:end])
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        column = mark.column + 1 if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        raise ReportError(f"bad YAML in the front matter: {problem}", path, line, column,
                          "fix the YAML (a colon inside a value needs quotes)") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ReportError("the front matter must be a mapping of keys to values", path, 2, 1,
                          "write it as 'key: value' lines")
    data["__lines__"] = {key.value: key.start_mark.line + 2 for key, _ in node.value} if node else {}
    return data, end + 1


def _meta(front: dict, path: Path, body_start: int) -> Meta:
    lines = front.pop("__lines__")
    for key in front:
        if key not in KNOWN_KEYS:
            hint = nearest(str(key), KNOWN_KEYS)
            warn(f"unknown front-matter key '{key}'" + (f"; {hint}" if hint else ""),
                 path, lines.get(key), 1)
    if not front.get("title"):
        raise ReportError("the front matter has no title", path, 1, 1,
                          "add a line 'title: Your Title' between the '---' lines")
    meta = Meta(title=_inline(front["title"]))
    meta.subtitle = _inline(front.get("subtitle", ""))
    meta.short_title = _short_title(front, path, lines)
    meta.authors = _authors(front.get("author"))
    meta.affiliations = _strings(front.get("affiliation"))
    meta.author_note = _blocks(front.get("author-note", ""))
    meta.abstract = _blocks(front.get("abstract", ""))
    meta.keywords = _strings(front.get("keywords"))
    meta.paper = _choice(front, "paper", ("professional", "student"), path, lines)
    meta.course = str(front.get("course", "") or "")
    meta.instructor = str(front.get("instructor", "") or "")
    meta.date = str(front.get("date", "") or "")
    meta.lang = str(front.get("lang", "en-US"))
    meta.papersize = _choice(front, "papersize", ("letter", "a4"), path, lines)
    meta.csl = str(front.get("csl", "") or "")
    if meta.csl.endswith(".csl") or "/" in meta.csl:
        inside(path, Path(meta.csl), "csl", lines.get("csl"))
    meta.nocite = _nocite(front.get("nocite"))
    meta.slides = front.get("slides") or {}
    meta.bibliography = _bibliography(front, path, lines)
    return meta


def _inline(value) -> list:
    if not value:
        return []
    tokens = parser().parseInline(str(value))
    return Converter(Path(""), [], 0).inlines(tokens[0])


def _blocks(value) -> list:
    if not value:
        return []
    return Converter(Path(""), [], 0).blocks(parser().parse(str(value)))


def _strings(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(v) for v in value]


def _authors(value) -> list[Author]:
    if not value:
        return []
    if isinstance(value, (str, dict)):
        value = [value]
    authors = []
    for entry in value:
        if isinstance(entry, dict):
            affiliation = entry.get("affiliation") or entry.get("affiliations") or []
            if isinstance(affiliation, (str, dict)):
                affiliation = [affiliation]
            authors.append(Author(
                name=str(entry.get("name", "")),
                affiliation=[a.get("name", "") if isinstance(a, dict) else str(a)
                             for a in affiliation],
                orcid=str(entry.get("orcid", "") or ""),
                email=str(entry.get("email", "") or "")))
        else:
            authors.append(Author(name=str(entry)))
    return authors


def _short_title(front: dict, path: Path, lines: dict) -> str:
    value = str(front.get("short-title") or front.get("shorttitle") or "")
    if len(value) > RUNNING_HEAD_MAX:
        key = "short-title" if "short-title" in front else "shorttitle"
        raise ReportError(f"'{key}' is {len(value)} characters; APA allows a running head "
                          f"of at most {RUNNING_HEAD_MAX}", path, lines.get(key), 1,
                          "shorten it (an '&' may replace 'and')")
    return value


def _choice(front, key, allowed, path, lines) -> str:
    value = str(front.get(key, allowed[0]))
    if value not in allowed:
        raise ReportError(f"'{key}' must be one of {', '.join(allowed)}, not '{value}'",
                          path, lines.get(key), 1)
    return value


def _nocite(value) -> list[str]:
    if not value:
        return []
    keys = value if isinstance(value, list) else str(value).replace(",", " ").split()
    return [str(k).lstrip("@").strip("[]") for k in keys]


def _bibliography(front: dict, path: Path, lines: dict) -> Path:
    value = front.get("bibliography")
    if isinstance(value, list):
        value = value[0] if value else None
    relative = Path(str(value)) if value else Path("refs.json")
    bib = inside(path, relative, "bibliography", lines.get("bibliography", 1))
    if not bib.is_file():
        raise ReportError(f"the bibliography '{relative}' does not exist", path,
                          lines.get("bibliography", 1), 1,
                          "put refs.json beside the article or name it in 'bibliography:'")
    return bib


def inside(article: Path, relative: Path, key: str, line: int | None) -> Path:
    """`relative` resolved beside the article; refused if it leaves its folder."""
    folder = article.parent.resolve()
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder):
        raise ReportError(f"'{key}' points outside the article's folder: '{relative}'",
                          article, line, 1, "keep the files the article uses beside it")
    return target
