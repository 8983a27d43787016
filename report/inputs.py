"""The files a build of an article reads, besides styles/ and the code:
what `report watch` watches and what a build's `--depfile` names for make."""

from __future__ import annotations

from pathlib import Path


def inputs_of(doc) -> set[Path]:
    """The files a build of `doc` reads, besides styles/."""
    from .cite import style_path
    from .source import DEFAULT_BIBLIOGRAPHY
    folder = doc.path.parent.resolve()
    root = doc.meta.project or folder  # the files of the project's, or the article's folder
    # No bibliography yet: the one that would be read, once it is saved.
    bibliographies = doc.meta.bibliography or [folder / DEFAULT_BIBLIOGRAPHY]
    found = {doc.path.resolve(), *(bib.resolve() for bib in bibliographies)}
    style = style_path(doc.meta.csl, doc.path).resolve()
    if style.is_relative_to(root):
        found.add(style)
    from .slidemodel import theme_path
    look = theme_path(doc)
    if look.is_relative_to(root):
        found.add(look)
    found |= {file.resolve() for file in doc.meta.project_files}  # metadata-files' too
    if doc.meta.project:
        from .quartoproject import candidates, project_file
        found |= set(candidates(project_file(doc.path), doc.path))
    from .shortcodes import variables_file
    variables = variables_file(doc.path)  # what `{{< var >}}` prints
    if variables is not None:
        found.add(variables.resolve())
    return found | {(folder / src).resolve() for src in image_sources(doc.blocks)}


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
