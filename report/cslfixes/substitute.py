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

from . import RENDERING


# CSL 1.0.2, cs:substitute: "Substituted variables are considered empty for
# the remainder of the output". citeproc-py only remembered the `variable`
# attribute of the substituting element, so a title reached through a macro
# (apa.csl's way) was printed twice: as the author and again as the title.
# We record every variable that the winning substitute renders, and both
# cs:text and cs:names then treat it as empty for the rest of the entry.

_SUPPRESSED = "*suppressed"
_RECORDING = "*recording"


def suppresses_variables() -> None:
    original_variable = model.Text._variable
    original_names = model.Names.process
    original_number = model.Number.process

    def substitute_render(self, item, context=None, **kwargs):
        repressed = context.get_layout().repressed
        for child in self.getchildren():
            outer = repressed.get(_RECORDING)
            repressed[_RECORDING] = recorded = set()
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search('./parent::cs:names[1]')[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                text = None
            finally:
                repressed[_RECORDING] = outer
            if outer is not None:
                outer |= recorded
            if text:
                repressed.setdefault(_SUPPRESSED, set()).update(recorded)
                return text
        return None

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

    def names_process(self, item, names_context=None, context=None, **kwargs):
        roles = self.get("variable")
        live = [r for r in roles.split() if not _used(self if context is None else context, r)]
        if not live:
            raise model.VariableError
        # Ask for the remaining variables only, for this one rendering.
        self.set("variable", " ".join(live))
        try:
            return original_names(self, item, names_context=names_context,
                                  context=context, **kwargs)
        finally:
            self.set("variable", roles)

    def layout_render_children(self, item, *args, **kwargs):
        # cs:names is often processed without a context, so it cannot find
        # its layout; it finds the entry being rendered here instead.
        RENDERING.append(self)
        try:
            return original_children(self, item, *args, **kwargs)
        finally:
            RENDERING.pop()

    original_children = model.Layout.render_children
    model.Substitute.render = substitute_render
    model.Text._variable = text_variable
    model.Names.process = names_process
    model.Number.process = number_process
    model.Layout.render_children = layout_render_children


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
