"""The files a build of an article reads, besides styles/ and the code:
what `report watch` watches and what a build's `--depfile` names for make;
and, each named for what it is, what `-o` and `--depfile` must not name."""

from __future__ import annotations

from pathlib import Path

from .errors import ReportError

ARTICLE, BIBLIOGRAPHY, STYLE, THEME = ("the article itself", "the bibliography",
                                       "the CSL style", "the slide theme")


def inputs_of(doc) -> set[Path]:
    """The files a build of `doc` reads, besides styles/."""
    from .frontmatter import DEFAULT_BIBLIOGRAPHY
    folder = doc.path.parent.resolve()
    root = doc.meta.project or folder  # the files of the project's, or the article's folder
    # The style and the theme only where they are the article's, not styles/' own.
    found = {path for path, what in named_inputs(doc).items()
             if what not in (STYLE, THEME) or path.is_relative_to(root)}
    # No bibliography yet: the one that would be read, once it is saved.
    return found if doc.meta.bibliography else found | {folder / DEFAULT_BIBLIOGRAPHY}


def named_inputs(doc) -> dict[Path, str]:
    """Each file a build of `doc` reads (styles/' too, where the article
    names one there), resolved, with what it is to the article as an error
    names it: "the bibliography"."""
    from .cslstyle import style_path
    from .slidemodel import theme_path
    folder = doc.path.parent.resolve()
    found = {doc.path.resolve(): ARTICLE}
    found.update((bib.resolve(), BIBLIOGRAPHY) for bib in doc.meta.bibliography)
    found[style_path(doc.meta.csl, doc.path).resolve()] = STYLE
    try:
        found[theme_path(doc)] = THEME
    except ReportError:  # no such theme: the deck's error, not the brief's
        pass
    found.update((file.resolve(), "a metadata file the article reads")  # metadata-files'
                 for file in doc.meta.project_files)
    if doc.meta.project:
        from .quartoproject import candidates, project_file
        found.update((file, "a file of the article's Quarto project")
                     for file in candidates(project_file(doc.path), doc.path))
    from .quartoproject import variables_file
    variables = variables_file(doc.path)  # what `{{< var >}}` prints
    if variables is not None:
        found[variables.resolve()] = "the article's variables file"
    found.update(((folder / src).resolve(), f"the image '{src}' the article shows")
                 for src in image_sources(doc.blocks))
    return found


def image_sources(blocks):
    """The `src` of every figure, in lists, quotes and slides too."""
    from .model import DefinitionList, Figure
    for block in blocks:
        if isinstance(block, Figure) and block.src:  # none: a code cell's, not run
            yield block.src
            yield from (panel.src for panel in block.panels[1:])
        elif isinstance(block, DefinitionList):
            for _, definitions in block.items:
                for definition in definitions:
                    yield from image_sources(definition)
        else:
            for item in getattr(block, "items", []):
                yield from image_sources(item)
            yield from image_sources(getattr(block, "blocks", []))
