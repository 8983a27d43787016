"""A Quarto project's metadata, which the article takes on under its own.

An article inside a Quarto project (the folder that holds `_quarto.yml`,
the article's or the nearest above it) is rendered with the project's
metadata, then each folder's `_metadata.yml` from the project's folder
down to the article's, then its own front matter, each over the ones
before (quarto.org/docs/projects/quarto-projects.html, "Shared
Metadata"). Directory metadata is a project's: without `_quarto.yml`
none is read. Nothing above the project's folder is read.

This module finds the files and merges as Quarto does; report/source.py
reads them, as it reads the front matter.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

PROJECT_FILES = ("_quarto.yml", "_quarto.yaml")
METADATA_FILES = ("_metadata.yml", "_metadata.yaml")
# The project file's keys about the project, not about its documents
# (Quarto's project schema: src/resources/schema/project.yml), and its
# configuration profiles.
PROJECT_ONLY = frozenset({"project", "website", "book", "manuscript", "profile", "engines",
                          "type"})
# Keys whose values are files (a key inside another's: its path): Quarto
# resolves them from the folder of the file that names them, when there is
# such a file there (toInputRelativePaths, src/project/project-shared.ts).
PATH_KEYS = (("bibliography",), ("csl",), ("slides", "theme"))
# The keys that name more metadata files, merged over the one that names them.
INCLUDE_KEYS = ("metadata-file", "metadata-files")


def project_file(article: Path) -> Path | None:
    """`_quarto.yml` in the article's folder or the nearest folder above it,
    as the article's path is written (`_quarto.yml`, `../_quarto.yml`)."""
    folder = article.parent.resolve()
    for above in (folder, *folder.parents):
        for name in PROJECT_FILES:
            if (above / name).is_file():
                return _as_written(above / name, article)
    return None


def metadata_files(project: Path, article: Path) -> list[Path]:
    """Each folder's `_metadata.yml`, from the project's folder down to the
    article's (outer first)."""
    found = []
    for folder in _folders(project, article):
        names = [folder / name for name in METADATA_FILES if (folder / name).is_file()]
        found += [_as_written(names[0], article)] if names else []
    return found


def profile_files(project: Path, profile) -> list[Path]:
    """The active profiles' `_quarto-<name>.yml` beside `project`, merged
    over it in the order the profiles are named
    (quarto.org/docs/projects/profiles.html): the profiles QUARTO_PROFILE
    names (comma-separated), else `profile: default:`'s; and of each
    `profile: group:` none of whose profiles is active, its first."""
    spec = profile if isinstance(profile, dict) else {}
    active = _names(os.environ.get("QUARTO_PROFILE", "").split(",")) or \
        _names(spec.get("default"))
    groups = spec.get("group") if isinstance(spec.get("group"), list) else []
    if groups and not isinstance(groups[0], list):
        groups = [groups]  # one group, written as a list of names
    for group in groups:
        names = _names(group)
        if names and not set(names) & set(active):
            active.append(names[0])
    found = []
    for name in active:
        files = [project.parent / f"_quarto-{name}{ext}" for ext in (".yml", ".yaml")]
        found += [f for f in files if f.is_file()][:1]
    return found


def _names(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in values if isinstance(v, (str, int)) and str(v).strip()]


def included_names(data: dict) -> list[tuple[str | tuple[str, int], object]]:
    """(where, name) of each file a level's `metadata-file` and
    `metadata-files` name, in that order: `where` the key, or (key, n) for
    the n-th of its list, as `__lines__` holds their lines. A name may be
    no text (`metadata-files: 3`), which the reader stops at."""
    found: list = [("metadata-file", data.get("metadata-file"))]
    many = data.get("metadata-files")
    found += [(("metadata-files", n), name) for n, name in enumerate(many)] \
        if isinstance(many, list) else [("metadata-files", many)]
    return [(where, name) for where, name in found
            if name is not None and not (isinstance(name, str) and not name.strip())]


def candidates(project: Path, article: Path) -> list[Path]:
    """The files Quarto would read for the article, made or not yet: those
    whose change makes its outputs stale (report/watch.py)."""
    found = [project.resolve()]
    for folder in _folders(project, article):
        names = [folder / name for name in METADATA_FILES]
        found += [name for name in names if name.is_file()][:1] or names
    return found


def _folders(project: Path, article: Path) -> list[Path]:
    """The project's folder and those below it down to the article's."""
    root, folder = project.parent.resolve(), article.parent.resolve()
    chain = [folder, *folder.parents]  # the project's is among them: found there
    return list(reversed(chain[:chain.index(root) + 1]))


def _as_written(found: Path, article: Path) -> Path:
    """`found` as a path from the one the article was given by, for errors
    to name it so: `_quarto.yml`, `../_quarto.yml` (`papers/_quarto.yml`,
    not `papers/one/../_quarto.yml`, unless a link makes them two)."""
    written = article.parent / os.path.relpath(found, article.parent.resolve())
    short = Path(os.path.normpath(written))
    return short if short.resolve() == found.resolve() else written


def shared(data: dict) -> dict:
    """A project or folder file's metadata: its keys but those about the project."""
    return {key: value for key, value in data.items() if key not in PROJECT_ONLY}


def in_article_terms(data: dict, folder: Path, article: Path) -> dict:
    """The files `data` names (bibliography, csl, the deck's theme) that are
    in `folder`, the one of the file that names them, as paths from the
    article's folder: how Quarto reads a project's `bibliography:
    references.bib`. A name that is no file there is kept, and read from
    the article's folder."""
    def moved(name):
        if not isinstance(name, str) or not name or Path(name).expanduser().is_absolute():
            return name
        return os.path.relpath(folder / name, article.parent.resolve()) \
            if (folder / name).is_file() else name

    data = dict(data)
    for *outer, key in PATH_KEYS:
        holder = data
        for part in outer:  # copied on the way down: `data`'s values stay as read
            if not isinstance(holder.get(part), dict):
                break
            holder[part] = holder = dict(holder[part])
        else:
            if key in holder:
                value = holder[key]
                holder[key] = [moved(v) for v in value] if isinstance(value, list) \
                    else moved(value)
    return data


def merge(outer, inner):
    """`inner` over `outer`, as Quarto merges metadata (lodash's mergeWith
    and its array rule, src/core/config.ts): mappings key by key, lists
    (and a scalar beside a list) joined without repeats, outer first; any
    other value of `inner` replaces `outer`'s."""
    if isinstance(outer, list) or isinstance(inner, list):
        if _empty(outer):
            return inner
        if _empty(inner):
            return outer
        joined = (outer if isinstance(outer, list) else [outer]) + \
            (inner if isinstance(inner, list) else [inner])
        return _unique(joined)
    if isinstance(outer, dict) and isinstance(inner, dict):
        merged = dict(outer)
        for key, value in inner.items():
            merged[key] = merge(outer[key], value) if key in outer else value
        return merged
    return inner


def _unique(values: list) -> list:
    """The first of each value, as lodash's uniqBy over their JSON."""
    seen: set = set()
    kept = []
    for value in values:
        key = json.dumps(value, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def _empty(value) -> bool:
    """JavaScript's falsy values, which the array rule passes over (an
    empty list is not one)."""
    return value is None or value is False or (not isinstance(value, (list, dict))
                                               and value in ("", 0))


def variables_file(path: Path) -> Path | None:
    """`_variables.yml` beside the article, or in a folder above it up to the
    Quarto project's (the one with `_quarto.yml`)."""
    for folder in [path.resolve().parent, *path.resolve().parent.parents]:
        if (folder / "_variables.yml").is_file():
            return folder / "_variables.yml"
        if (folder / "_quarto.yml").is_file():
            return None
    return None
