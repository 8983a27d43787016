"""What WeasyPrint may load: files inside the article's folder and styles/.

Articles come from other people; a `![](/etc/passwd)` or an `http://`
image must not be read or requested. Anything else stops the build.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher


class RefusedResource(FatalURLFetchingError):
    """Raised for a URL outside the allowed folders; the CLI reports it."""


class ProjectFetcher(URLFetcher):
    def __init__(self, roots, **kwargs):
        super().__init__(**kwargs)
        self.roots = [Path(r).resolve() for r in roots]

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots):
                if not path.is_file():
                    raise RefusedResource(f"'{path}' does not exist")
                return super().fetch(url, headers)
            raise RefusedResource(f"'{path}' is outside the article's folder")
        raise RefusedResource(f"'{url}' is not a local file; the build fetches nothing "
                              "from the network")
