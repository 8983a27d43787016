"""The Jinja2 environment over styles/: autoescaped, with a CSS-string filter."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import STYLES


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(STYLES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["css_string"] = css_string
    return env


def css_string(text: str) -> str:
    """A CSS string literal, so that no user text can end the rule early."""
    escaped = "".join(c if c.isalnum() or c in " .,;:!?'&-()" else f"\\{ord(c):x} "
                      for c in str(text))
    return f'"{escaped}"'
