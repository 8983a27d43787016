"""Typed access to front matter (`FrontMatter`), apart from the reader:
the deck's and the handout's options are read with it in the process that
writes them, which need not import the reader (report/source.py, with
markdown-it and every pattern it compiles: 40 ms of a cold deck's tail)."""

from __future__ import annotations

from pathlib import Path

from .errors import ReportError

DEFAULT_BIBLIOGRAPHY = "refs.json"  # beside the article, when `bibliography:` names none


class FrontMatter:
    """Typed access to the front matter: a wrong type is an error naming the key."""

    def __init__(self, data: dict, path: Path, lines: dict, within: str = ""):
        # `within`: the mapping these keys stand under ("slides"), named in errors
        self.data, self.path, self.lines, self.within = data, path, lines, within

    def fail(self, key: str, message: str, hint: str = ""):
        name = f"{self.within}: {key}" if self.within else key
        return ReportError(f"'{name}' {message}", self.path, self.lines.get(key), 1, hint)

    def text(self, key: str, default: str = "") -> str:
        value = self.data.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        if hasattr(value, "isoformat"):  # YAML reads 2026-03-06 as a date
            return value.isoformat()
        raise self.fail(key, "must be text", f"write it as '{key}: some text'")

    def strings(self, key: str, split: bool = True) -> list[str]:
        """A list, or one string, comma-separated unless `split` is false
        (an affiliation: "Department of Psychology, Lakeside University")."""
        value = self.data.get(key)
        if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
            return [str(v) for v in value if str(v).strip()]
        text = self.text(key)
        return [part.strip() for part in (text.split(",") if split else [text]) if part.strip()]

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.text(key, allowed[0])
        if value not in allowed:
            raise self.fail(key, f"must be one of {', '.join(allowed)}, not '{value}'")
        return value

    def flag(self, key: str) -> bool:
        """A yes/no switch (`true`, `false`; absent: no)."""
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false", f"write '{key}: true'")
        return value

    def nested(self, data: dict, key: str) -> FrontMatter:
        """Typed access to a mapping inside `key`; its errors name `key`'s line."""
        return FrontMatter(data, self.path, {k: self.lines.get(key) for k in data})

    def entries(self, key: str) -> list:
        """A list of mappings (pandoc's `references:`)."""
        value = self.data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, "must be a list of entries", f"write '{key}:' then "
                            "'- id: …' entries, as pandoc's CSL YAML")
        return value

    def mapping(self, key: str) -> dict:
        value = self.data.get(key) or {}
        if not isinstance(value, dict):
            raise self.fail(key, "must be a mapping of options", f"write '{key}:' then "
                            "indented 'option: value' lines")
        return value
