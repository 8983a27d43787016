"""English in running text, as APA 7 writes it."""

from __future__ import annotations


def series(parts: list) -> str:
    """"A", "A and B", "A, B, and C" (the serial comma, §6.3). Works for
    plain strings and for markupsafe.Markup, whose joins escape the parts."""
    if not parts:
        return ""
    text = type(parts[0])
    if len(parts) <= 2:
        return text(" and ").join(parts)
    return text(", ").join(parts[:-1]) + text(", and ") + parts[-1]
