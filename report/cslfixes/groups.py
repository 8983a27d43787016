"""cs:group (and a macro) suppressed by what rendered, as CSL 1.0.2 says.

A group is left out when it calls variables and all are empty. citeproc-py
decided by the style's text rather than the rendering, so apa.csl printed
"(Publication)" for a thesis without a number; here each element tells the
group around it what it called and printed, as in citeproc-js.
"""

from __future__ import annotations

from citeproc import model, string
from citeproc.source import VariableError

from .textcase import data_language


# CSL 1.0.2, cs:group: a group is suppressed when it calls at least one
# variable and every variable it calls is empty. citeproc-py decided by the
# style's text, not by the rendering: a child that printed anything counted
# as a printed variable if any branch of its cs:choose had one. So apa.csl's
# "(Publication No. 123)" printed "(Publication)" for a thesis without a
# number (the cs:choose that printed "Publication" names `genre` in another
# branch), and a hearing without a witness "(testimony of)". Here, as in
# citeproc-js, each cs:text, cs:number, cs:date, cs:names and cs:label
# tells the innermost group being rendered what it did: called a variable,
# printed one, or printed a term or value; a group that prints counts as a
# printed variable for the group around it.
# The groups being rendered, innermost last: what the elements of each did.
_frames: list[list[bool]] = []
_CALLED, _PRINTED, _TERM = 0, 1, 2  # called a variable, printed one, printed a term or value


def by_what_rendered() -> None:
    def process(self, item, context=None, **kwargs):
        output = _as_group(_children_rendered, self, item, context, kwargs)
        if output is None:
            raise VariableError
        return self.join(output)

    model.Group.process = process
    for cls in (model.Number, model.Date, model.Names):
        _tells_variable(cls)
    _tells_text(model.Text)
    _tells_term(model.Label)


def _children_rendered(group, item, context, kwargs) -> list:
    """What the group's children print, those with no variable left out."""
    output = []
    delimiter = group.get("delimiter", "")  # a cs:choose child's too, as citeproc-py
    for child in group.iterchildren():
        try:
            if isinstance(child, model.Choose):
                text = child.render(item, context=context, delimiter=delimiter, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except VariableError:
            continue
        if text is not None:
            output.append(text)
    return output


# A cs:names marked so renders, telling its group what it printed, and
# returns nothing: a citation without its author (cslengine's "rest"
# variant) whose group still counts the author as printed.
SILENT = "_silent"


def silent_names() -> None:
    original = model.Names.render

    def render(self, *args, **kwargs):
        text = original(self, *args, **kwargs)
        return None if self.get(SILENT) else text

    model.Names.render = render


def _tell(called: bool, printed: bool, term: bool = False) -> None:
    """Tell the innermost group what one of its elements did."""
    if _frames:
        frame = _frames[-1]
        frame[_CALLED] |= called
        frame[_PRINTED] |= printed
        frame[_TERM] |= term


def _tells_variable(cls) -> None:
    original = cls.render

    def render(self, *args, **kwargs):
        try:
            text = original(self, *args, **kwargs)
        except VariableError:
            _tell(True, False)
            raise
        _tell(True, bool(text))
        return text

    cls.render = render


def _tells_term(cls) -> None:
    original = cls.render

    def render(self, *args, **kwargs):
        text = original(self, *args, **kwargs)
        _tell(False, False, bool(text))
        return text

    cls.render = render


# A macro is a group of its own, as citeproc-js builds it (expandMacro: "Macro
# group is treated as a real node") and pandoc renders it: one that calls
# variables and prints none of them prints nothing, its terms neither. So a
# style's macro "translator", the term "translated by" and the names, left
# "Dated, translated by , P." for a work with no translator (citeproc-py
# rendered a macro's elements as if they were the caller's).
def _as_group(render, *args, **kwargs):
    """`render(*args, **kwargs)`'s output, in a frame of its own as a
    cs:group's (or a macro's): None when it is empty, or called variables
    and printed none and no term; tells the group around it. (Hot: no
    lambda, one call less for every group and macro.)"""
    frame = [False, False, False]
    _frames.append(frame)
    try:
        output = render(*args, **kwargs)
    finally:
        _frames.pop()
    called, printed, term = frame
    if output and (printed or (term and not called)):
        _tell(True, True)
        return output
    _tell(called, False)
    return None


def _tells_text(cls) -> None:
    """citeproc-py's cs:text, telling what it printed: a variable, a term or value.

    A macro's elements tell for themselves; citeproc-py's year suffix is no
    variable of the data and counts only when printed. (The method itself,
    not a wrapper of `render`, which would read the attributes once more for
    every cs:text, macros included: most of what a reference renders.)
    """
    def process(self, item, context=None, **kwargs):
        if context is None:
            context = self
        attrib = self.attrib
        language = _language(self, attrib, item)
        text = None
        if "variable" in attrib:
            called = attrib["variable"] != "year-suffix"
            try:
                text = self._variable(item, context)
            except VariableError:
                _tell(called, False)
                raise
            _tell(called, bool(text))
        elif "macro" in attrib:  # a sort key's name options reach its macro's macros
            text = _as_group(self.get_macro(attrib["macro"]).render, item, context,
                             sort_options=kwargs.get("sort_options"))
        elif "term" in attrib:
            text = self._term(item)
            _tell(False, False, bool(text))
        elif "value" in attrib:
            text = string.String(self.preformat(attrib["value"]))
            _tell(False, False, bool(text))
        return text, language

    cls.process = process


def _language(text, attrib, item) -> str | None:
    """The language a cs:text's output is title-cased as: the data's for a
    variable alone (as citeproc-js has it), None for the style's own words
    (a macro, term or value: title-cased in any language)."""
    if item.reference.get("jurisdiction"):  # not raising
        # A work with a `jurisdiction` (a state's bill, a court's case, a
        # statute, as Zotero and Juris-M export them) is printed as written,
        # never title-cased: citeproc-js's rule (text-case="title" becomes
        # "passthrough" for an item with a jurisdiction), for legal titles
        # whose capitals are the law's own: "An act relating to water, S.B.
        # 101 (2018)" (pandoc title-cases it). "" is no language: title case
        # is for English, "en", alone (titlecase.title_case), and None would
        # be the style's own words, read as English (textcase.text_case).
        return ""
    if "variable" in attrib:
        return data_language(item.reference.get("language")  # not raising
                             or text.get_root().get("default-locale", "en"))
    return None
