"""cs:substitute as CSL 1.0.2 has it.

A substituted variable is empty for the rest of the entry, however the
substitute reached it (through a macro, as apa.csl does: the title was
printed twice, as the author and as the title), and a cs:names in a
substitute inherits the original cs:names' cs:name wherever it stands
(a script writer cited "(B. Oakley, J. Weinstein, 1995)", not APA's
"(Oakley & Weinstein, 1995)").
"""

from __future__ import annotations

from citeproc import model

from . import ITEMS, RENDERING


# CSL 1.0.2, cs:substitute: "Substituted variables are considered empty for
# the remainder of the output". citeproc-py only remembered the `variable`
# attribute of the substituting element, so a title reached through a macro
# (apa.csl's way) was printed twice: as the author and again as the title.
# We record every variable that the winning substitute renders, and both
# cs:text and cs:names then treat it as empty for the rest of the entry.

_SUPPRESSED = "*suppressed"
_RECORDING = "*recording"


def suppresses_variables() -> None:
    _substitute_records_what_it_renders()
    _text_and_numbers_skip_suppressed()
    _names_skip_suppressed()
    _layouts_known_while_rendering()


def _substitute_records_what_it_renders() -> None:
    def render(self, item, context=None, **kwargs):
        repressed = context.get_layout().repressed
        for child in self.getchildren():
            outer = repressed.get(_RECORDING)
            repressed[_RECORDING] = recorded = set()
            try:
                text = _rendered_child(self, child, item, context, kwargs)
            finally:
                repressed[_RECORDING] = outer
            if outer is not None:  # a substitute within a substitute's macro
                outer |= recorded
            if text:  # the first that renders wins, and takes its variables
                repressed.setdefault(_SUPPRESSED, set()).update(recorded)
                return text
        return None

    model.Substitute.render = render


def _rendered_child(substitute, child, item, context, kwargs):
    """One choice of a cs:substitute, rendered; None if its variables are empty."""
    try:
        if isinstance(child, model.Names) and child.name is None:
            names = substitute.xpath_search('./parent::cs:names[1]')[0]
            return child.render(item, names_context=names, context=context, **kwargs)
        return child.render(item, context=context, **kwargs)
    except model.VariableError:
        return None


def _text_and_numbers_skip_suppressed() -> None:
    original_variable = model.Text._variable
    original_number = model.Number.process

    def text_variable(self, item, context):
        if _used(self if context is None else context, self.get("variable")):
            return None
        return original_variable(self, item, context)

    def number_process(self, item, context=None, **kwargs):
        # An edition reached through the substitute (a book with no author
        # is listed by "Title (2nd ed.)") is not printed again after the date.
        if _used(self if context is None else context, self.get("variable")):
            raise model.VariableError
        return original_number(self, item, context=context, **kwargs)

    model.Text._variable = text_variable
    model.Number.process = number_process


def _names_skip_suppressed() -> None:
    original = model.Names.process

    def process(self, item, names_context=None, context=None, **kwargs):
        roles = self.get("variable")
        live = [r for r in roles.split() if not _used(self if context is None else context, r)]
        if not live:
            raise model.VariableError
        # Ask for the remaining variables only, for this one rendering.
        self.set("variable", " ".join(live))
        try:
            return original(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            self.set("variable", roles)

    model.Names.process = process


# cs:names is often processed without a context, so it cannot find its
# layout; it finds the entry being rendered in RENDERING instead.
def _layouts_known_while_rendering() -> None:
    original = model.Layout.render_children

    def render_children(self, item, *args, **kwargs):
        RENDERING.append(self)
        ITEMS.append(item)
        try:
            return original(self, item, *args, **kwargs)
        finally:
            RENDERING.pop()
            ITEMS.pop()

    model.Layout.render_children = render_children


def _used(element, variable: str) -> bool:
    """Record `variable` as rendered; True if a substitution already took it."""
    layouts = element.xpath_search("./ancestor-or-self::cs:layout[1]") or RENDERING[-1:]
    if not layouts:  # a sort key's macro: nothing to track
        return False
    repressed = layouts[0].repressed
    if variable in repressed.get(_SUPPRESSED, ()):
        return True
    if repressed.get(_RECORDING) is not None:
        repressed[_RECORDING].add(variable)
    return False


# CSL 1.0.2, cs:substitute: a cs:names without cs:name in it "inherits the
# attributes values set on the cs:name and cs:et-al child elements of the
# original cs:names element", also where it stands inside a cs:choose, as in
# apa.csl's citation for a broadcast's script writer or an event's chair.
# citeproc-py passed the original's cs:name to direct children only; the
# others got a cs:name of defaults, long form, and no "&": "(B. Oakley, J.
# Weinstein, 1995)" for APA's (§8.17) "(Oakley & Weinstein, 1995)".
def names_inherit() -> None:
    original = model.Names.process

    def process(self, item, names_context=None, context=None, **kwargs):
        if names_context is None and self.name is None:
            found = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
            names_context = found[0] if found else None
        return original(self, item, names_context=names_context, context=context, **kwargs)

    model.Names.process = process
