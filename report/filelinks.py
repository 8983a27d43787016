"""Links to the article's files, as paths from the output's folder.

An article links to a file beside it as the author sees it from there,
`[the data](data/table.csv)`; its outputs are elsewhere, in build/. A reader
of a PDF, a browser and PowerPoint resolve a relative link against the
output's own folder, so the link is written as the way there from it:
"../data/table.csv". WeasyPrint wrote the file:// URL it resolved,
file:///home/ann/paper/data/table.csv: a dead link for a reader who has the
brief and the data elsewhere, the author's folders in the PDF, and the same
article built in two folders made two PDFs.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit


def from_output(url: str, article_folder: Path, output_folder: Path) -> str:
    """`url` as the article's folder reads it, as the output's folder does:
    a link to a file made relative to `output_folder`; any other as it is."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        where = unquote(parts.path)
    elif parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return url  # a web address, mail, an absolute path or a place in the output itself
    else:
        where = article_folder / unquote(parts.path)
    path = Path(os.path.relpath(os.path.realpath(where), os.path.realpath(output_folder)))
    return (quote(path.as_posix()) + (f"?{parts.query}" if parts.query else "")
            + (f"#{parts.fragment}" if parts.fragment else ""))


def relative_file_links(document, output_folder: Path) -> None:
    """Each link to a file of WeasyPrint's rendered `document` (a file://
    URL, as it resolves them), from `output_folder`."""
    for page in document.pages:
        page.links[:] = [(kind, from_output(target, output_folder, output_folder)
                          if kind == "external" else target, rectangle, box)
                         for kind, target, rectangle, box in page.links]
