"""Social-media usernames, APA 7 §10.15: the reference list gives a post's
author with the username in square brackets after the name, "APA Education
[@APA_Education]", but a citation names the author alone, "(APA Education,
2020)", "APA Education (2020)".

A reference writes the username as Zotero users write it in CSL-JSON, in
the group's name: `{"literal": "APA Education [@APA_Education]"}` (or a
Reddit user's "[u/…]"). The engines print the bracket everywhere, in the
citations too, and take "Centers for Disease Control and Prevention
[@CDCgov]" for another author than the CDC: its tweet of 2025 got no
letter beside the CDC's pages of 2025, and both were cited "(Centers for
Disease Control and Prevention, 2025)".

So the works are rendered with the name alone, which the citations print
and by which the list is ordered and lettered (§9.46), and the bracket is
put back after the name in the work's reference entry. A person's username
is written in the given name, `{"family": "Gates", "given": "Bill
[@BillGates]"}`: the engines already print "Gates, B. [@BillGates]" in the
list and "Gates" in a citation, so it is left as it is.
"""

from __future__ import annotations

import html
import re

from .errors import warn
from .groupnames import group_name, unbracketed

# A username as APA brackets it, "@APA_Education" or a Reddit user's "u/…"
# (report check warns of one written as a name of its own: bibcheck.py).
HANDLE = r"(?:@|u/)[^\[\]\s]+"
_USERNAME = re.compile(rf"(?P<name>\S.*?)\s*(?P<handle>\[\s*{HANDLE}\s*\])\s*", re.S)
USERNAME_ALONE = re.compile(rf"\[?\s*{HANDLE}\s*\]?")


def split(items: list[dict]) -> tuple[list[dict], dict[str, list[tuple[str, str]]]]:
    """The items with each author's username taken off its name, and for
    each work's key (in lowercase) its (name, "[@username]") pairs."""
    out, handles = [], {}
    for item in items:
        authors = item.get("author")
        if not isinstance(authors, list):
            out.append(item)
            continue
        bare = []
        for name in authors:
            name, found = unbracketed(name, _USERNAME)
            if found:
                handles.setdefault(str(item["id"]).lower(), []).append(
                    (group_name(name), "".join(found["handle"].split())))
            bare.append(name)
        out.append({**item, "author": bare} if str(item["id"]).lower() in handles else item)
    return out, handles


def restore(key: str, entry: str | None, handles: dict, where=None) -> str | None:
    """A reference entry's HTML with each username back after its name's
    first printing; `where`, a name's file and line, for a warning when the
    entry does not print it."""
    if entry is None:
        return None
    at = 0
    for name, handle in handles.get(key.lower(), ()):
        found = _printed(name).search(entry, at)
        if found is None:
            if where is not None:
                warn(f"'{key}': its entry does not print '{name}', so its username "
                     f"{handle} is left out of the reference list", *where)
            continue
        end = found.end()
        entry = f"{entry[:end]} {html.escape(handle, quote=False)}{entry[end:]}"
        at = end + len(handle) + 1
    return entry


# The engine's HTML may keep "&" raw or escape it, and curls apostrophes
# and quotes: a name is found however it came out.
_SAME = {"&": "&(?:amp;)?", "<": "(?:<|&lt;)", ">": "(?:>|&gt;)",
         "'": "(?:['’]|&#39;|&#x27;)", "’": "(?:['’]|&#39;|&#x27;)",
         '"': '(?:["“”]|&quot;)', "“": '(?:["“]|&quot;)',
         "”": '(?:["”]|&quot;)'}


def _printed(name: str) -> re.Pattern:
    return re.compile("".join(r"\s+" if part.isspace() else _SAME.get(part, re.escape(part))
                              for part in re.findall(r"\s+|.", name, re.S)))
