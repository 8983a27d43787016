"""A PDF's links to files, as paths from the PDF's own folder.

WeasyPrint resolves a link against the article's folder and writes what it
finds, file:///home/ann/paper/data/table.csv: a reader who has the brief
and the data elsewhere follows it to nothing, the author's folders are in
the PDF, and the same article built in two folders makes two PDFs. A PDF
reader resolves a relative link against the PDF's folder, as a browser does
the HTML brief's; so a link to a file is written as the way there from the
PDF's folder: "../data/table.csv" from build/.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit


def relative_file_links(document, pdf_folder: Path) -> None:
    """Each link of the rendered `document` to a file, from `pdf_folder`."""
    for page in document.pages:
        page.links[:] = [(kind, _from(pdf_folder, target) if kind == "external" else target,
                          rectangle, box) for kind, target, rectangle, box in page.links]


def _from(folder: Path, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "file":
        return url
    path = Path(os.path.relpath(unquote(parts.path), folder.resolve())).as_posix()
    return (quote(path) + (f"?{parts.query}" if parts.query else "")
            + (f"#{parts.fragment}" if parts.fragment else ""))
