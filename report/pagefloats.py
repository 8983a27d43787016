"""Page floats, as LaTeX places a figure that does not fit where it stands.

WeasyPrint 70.0 has no page floats (CSS GCPM's `float: top` is not
implemented): a figure, or a short table kept whole (brief.css), that does
not fit what is left of a page goes to the next page, and the rest of the
page stays blank, half a page at times. LaTeX (the apa7 class) defers the
figure instead: the text after it fills the page, and the figure stands at
the top of the next. APA 7 (§7.6) allows it: a table or figure is embedded
in the text after its first callout, at the top or bottom of a page, and
moving it later keeps it after its callout.

Here WeasyPrint's pagination is followed page by page. When a page is
made and the next one would start with such floats (one, or several in a
row; after the headings kept with them), while this one ends with more
blank than their container's `--float-gap` (styles/brief.css: look and
feel), the floats are deferred:

1. the page is laid out again, once, as a trial, with the floats moved
   after what follows them up to the next barrier: another figure or table
   (the floats stay in their order, so their numbers, given in reading
   order before layout, stay in print order), a forced page break
   (`\\newpage`, an appendix, the references) or the end of their container;
2. where that trial page ends is where the floats go, so that they start
   the next page: before the block that starts it, or, if a block runs
   over, inside it, which is cut in two there: a paragraph between its
   lines on this page and those on the next (the second part not
   indented), a list or quotation between two of its items; unless that
   second part calls a float out (never before its first callout);
3. pagination goes on from this page, WeasyPrint's own repagination
   (made for page counters) keeping the pages before it as they were.

Floats are deferred once at most, only forward, and only over blocks in
their own container. Each deferral costs two pages' layout (the trial, and
the page made again); with none, the pages are WeasyPrint's, byte for byte.
Without `--float-gap` (the handout), nothing moves.
"""

from __future__ import annotations

import copy

_VERSION = "70.0"
_applied = False
ORIGINALS: dict = {}  # what the patches replaced, by name: for the tests
GAP_PROPERTY = "--float-gap"
_FORCED = {"page", "left", "right", "recto", "verso"}


def apply() -> None:
    """Patch WeasyPrint's pagination; called by pdffixes.apply()."""
    global _applied
    if _applied:
        return
    import weasyprint
    from weasyprint import layout
    from weasyprint.layout import page
    if weasyprint.__version__ != _VERSION:
        raise RuntimeError(f"report.pagefloats patches weasyprint {_VERSION}, not "
                           f"{weasyprint.__version__}; see requirements.txt")
    ORIGINALS["make_all_pages"] = layout.make_all_pages
    ORIGINALS["remake_page"] = page.remake_page
    layout.make_all_pages = make_all_pages  # what layout_document calls
    page.remake_page = _remake_page  # what make_all_pages calls
    _applied = True


def make_all_pages(context, root_box, html, pages):
    """WeasyPrint's make_all_pages, with the floats deferred (see above)."""
    original = ORIGINALS["make_all_pages"]
    if pages or context.running_elements:
        # A repagination for page counters (the floats are placed), or
        # running elements, whose pages a trial would overwrite.
        yield from original(context, root_box, html, pages)
        return
    footnotes = list(context.footnotes)  # each remade page lays out its own again
    seen: set = set()  # floats looked at: each once
    kept: list = []
    while True:
        made: list = []
        for page in original(context, root_box, html, kept):
            made.append(page)
            if _deferred(context, root_box, html, made, seen, footnotes):
                break
        else:
            yield from made
            return
        # Page len(made) - 1 is made again; those before it stand.
        kept = made[:-1]
        context.page_maker[len(kept)][-1]["content_changed"] = True
        _forget_page(context, footnotes)


def _remake_page(index, context, root_box, html):
    """WeasyPrint's remake_page, noting whether footnotes or out-of-flow boxes
    came over from the page before: a page that starts with some is not laid
    out again alone, as their state is not kept."""
    carried = context.__dict__.setdefault("report_carried", {})
    carried[index] = bool(context.reported_footnotes or context.broken_out_of_flow)
    return ORIGINALS["remake_page"](index, context, root_box, html)


def _forget_page(context, footnotes) -> None:
    """The state a page starts in when nothing came over from the one before."""
    context.footnotes = list(footnotes)
    context.reported_footnotes = []
    context.broken_out_of_flow = {}


# --- finding a float to defer ---------------------------------------------------------

def _deferred(context, root_box, html, made, seen, footnotes) -> bool:
    """Whether the floats that start the page after the last one made are
    deferred (the tree rearranged, that page to be made again)."""
    index = len(made) - 1
    found = _floats_after(context, root_box, index)
    if found is None:
        return False
    chain, container, at, count = found
    floats = container.children[at:at + count]
    if any(box.element in seen for box in floats):
        return False
    seen.update(box.element for box in floats)
    if _blank(made[index], chain) <= _threshold(container.style):
        return False
    run = _run(container.children, at, count)
    if not run:
        return False
    order = _trial(context, root_box, html, index, chain, (container, at, count, run),
                   footnotes)
    if order is None:
        return False
    container.children = order
    return True


def _floats_after(context, root_box, index):
    """(chain, container, at, count) if page `index + 1` starts, unforced,
    inside a container with a `--float-gap`, at `count` floats in a row (at
    `at`), or at the headings kept with them; None otherwise."""
    page_maker = context.page_maker
    if index + 1 >= len(page_maker) or context.report_carried.get(index):
        return None
    resume_at, next_page = page_maker[index + 1][:2]
    if resume_at is None or next_page["break"] not in ("any", "auto") or next_page["page"]:
        return None
    chain = _chain(root_box, resume_at)
    for depth, (box, start, below) in enumerate(chain):
        if _threshold(box.style) is None:
            continue
        if below is not None:
            return None  # inside a block, not at its start
        children, at = box.children, start
        while at < len(children) and _kept_with_next(children[at]):
            at += 1
        count = 0
        while at + count < len(children) and _is_float(children[at + count]):
            count += 1
        return (chain[:depth + 1], box, at, count) if count else None
    return None


def _chain(root_box, skip) -> list:
    """[(box, index, skip below)] from the root down to where `skip`, a
    skip stack, says a page starts."""
    chain, box = [], root_box
    while skip and len(skip) == 1 and getattr(box, "children", None):
        (index, skip), = skip.items()
        if not isinstance(index, int) or index >= len(box.children):
            break
        chain.append((box, index, skip))
        box = box.children[index]
    return chain


def _threshold(style) -> float | None:
    """The container's `--float-gap` in CSS pixels, or None if it has none."""
    from weasyprint.css.units import LENGTHS_TO_PIXELS
    value = style[GAP_PROPERTY.replace("-", "_")]
    tokens = [t for t in value or () if t.type not in ("whitespace", "comment")]
    if not tokens:
        return None
    if len(tokens) == 1:
        token = tokens[0]
        if token.type == "dimension" and token.unit.lower() in LENGTHS_TO_PIXELS:
            return token.value * LENGTHS_TO_PIXELS[token.unit.lower()]
        if token.type == "number" and token.value == 0:
            return 0.0
    raise _bad_gap(" ".join(t.serialize() for t in tokens))


def _bad_gap(value: str):
    """The error that names where brief.css sets `--float-gap`."""
    from . import STYLES
    from .errors import ReportError
    css = STYLES / "brief.css"
    lines = css.read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if f"{GAP_PROPERTY}:" in text), None)
    return ReportError(f"{GAP_PROPERTY} must be one length, not {value!r}", css, line,
                       hint="write it as 72pt, or 1in")


def _blank(page, chain) -> float:
    """The height left blank on `page` under the container's last block,
    above the footnotes; 0 if the container is not on it."""
    root, footnote_area = page.children[0], page.children[1]
    bottom = page.content_box_y() + page.height
    if footnote_area.children:
        bottom = footnote_area.position_y
    box = root
    for original, _, _ in chain[1:]:  # chain[0] is the root
        box = next((child for child in getattr(box, "children", ())
                    if child.element is original.element
                    and child.element_tag == original.element_tag), None)
        if box is None:
            return 0.0
    if not box.children:
        return 0.0
    last = box.children[-1]
    return bottom - (last.position_y + last.margin_height())


def _kept_with_next(box) -> bool:
    """A heading, kept with what follows it (brief.css)."""
    return box.style["break_after"] in ("avoid", "avoid-page") and not _is_figure(box)


def _is_figure(box) -> bool:
    return box.element_tag == "figure"


def _is_float(box) -> bool:
    """A figure, or a table kept whole: what may be deferred."""
    return _is_figure(box) and box.style["break_inside"] in ("avoid", "avoid-page")


def _run(children, at, count) -> list:
    """The blocks after the floats that they may be moved past."""
    noted = any(_has_footnote(box) for box in children[at:at + count])
    run = []
    for box in children[at + count:]:
        if (_is_figure(box) or box.style["break_before"] in _FORCED
                or box.style["break_after"] in _FORCED  # `\newpage` is a block
                or not box.is_in_normal_flow()
                or (noted and _has_footnote(box))):  # footnotes stay in their order
            break
        run.append(box)
    return run


def _has_footnote(box) -> bool:
    return any(getattr(b, "footnote", None) is not None for b in box.descendants())


# --- the trial, and where the floats go ---------------------------------------------

def _trial(context, root_box, html, index, chain, found, footnotes):
    """The container's children with the floats where they go (see the
    module's docstring), or None to leave them where they are."""
    container, at, count, run = found
    children = list(container.children)
    floats, end = children[at:at + count], at + count + len(run)
    container.children = children[:at] + run + floats + children[end:]
    try:
        resume_at = _lay_out_alone(context, root_box, html, index, footnotes)
    finally:
        container.children = children
    depth = len(chain) - 1
    below = _chain(root_box, resume_at) if resume_at else []
    if len(below) <= depth or [step[:2] for step in below[:depth + 1]] != \
            [step[:2] for step in chain[:depth]] + [(container, below[depth][1])]:
        return None
    cut, skip = below[depth][1] - at, below[depth][2]  # in the run
    if cut >= len(run):
        return children[:at] + run + floats + children[end:]  # all of it fits
    if cut < 0 or (cut == 0 and skip is None):
        return None  # none of it does
    before, block, after = children[:at] + run[:cut], run[cut], run[cut + 1:] + children[end:]
    halves = _block_halves(block, skip) if skip is not None else None
    if halves is not None and not _calls(halves[1], floats):
        return before + [halves[0], *floats, halves[1]] + after
    if skip is not None and _calls(block, floats):
        return before + [block, *floats] + after  # never before its callout
    return before + [*floats, block] + after  # at the top of the next page


def _lay_out_alone(context, root_box, html, index, footnotes):
    """Where page `index + 1` starts if page `index` is laid out as the
    tree now stands; WeasyPrint's state is then as it was."""
    page_maker = context.page_maker
    kept = list(page_maker)
    remake_state = copy.deepcopy(page_maker[index][-1])
    state = (context.footnotes, context.reported_footnotes, context.broken_out_of_flow)
    _forget_page(context, footnotes)
    try:
        ORIGINALS["remake_page"](index, context, root_box, html)
        return page_maker[index + 1][0]
    finally:
        page_maker[:] = kept
        page_maker[index][-1].clear()
        page_maker[index][-1].update(remake_state)
        context.footnotes, context.reported_footnotes, context.broken_out_of_flow = state


def _block_halves(block, skip):
    """A block cut where `skip` says the page breaks it, as two blocks: a
    paragraph between two lines (the second part not indented), a list or
    quotation between two of its blocks; None if it cannot be cut there."""
    from weasyprint.formatting_structure.boxes import BlockContainerBox, LineBox
    if len(skip) != 1 or block.element is None or block.element.get("id") is not None \
            or not isinstance(block, BlockContainerBox):
        return None  # an anchor is not printed twice
    (index, below), = skip.items()
    children = list(block.children)
    if any(isinstance(child, LineBox) for child in children):
        return _paragraph_halves(block, skip)
    inner = _block_halves(children[index], below) if below is not None else None
    if inner is not None:
        head, tail = children[:index] + [inner[0]], [inner[1]] + children[index + 1:]
    elif index > 0:  # what of the block it was cut in goes over whole
        head, tail = children[:index], children[index:]
    else:
        return None
    return _parts(block, head, tail)


def _paragraph_halves(block, skip):
    from weasyprint.css.properties import Dimension
    from weasyprint.formatting_structure.boxes import LineBox
    if block.element_tag != "p" or len(block.children) != 1 \
            or not isinstance(block.children[0], LineBox) or list(skip) != [0]:
        return None
    halves = _halves(block.children[0], skip[0])
    if halves is None or not all(half.children for half in halves):
        return None
    first, second = _parts(block, [halves[0]], [halves[1]])
    # It goes on, and starts no paragraph: not indented (the line box sets
    # the indent, from a style of its own).
    for box in (second, second.children[0]):
        box.style = box.style.copy()
        box.style["text_indent"] = Dimension(0, "px")
    return first, second


def _parts(block, head, tail):
    """`block` as two, `head` and `tail` its children, cut where the page
    breaks: no margin, border or padding on either side of the cut."""
    first, second = block.copy_with_children(head), block.copy_with_children(tail)
    first.remove_decoration_sides, second.remove_decoration_sides = {"bottom"}, {"top"}
    return first, second


def _halves(box, skip):
    """`box`, an inline box or its text, cut at `skip`: (before, after),
    either None if empty; None if it cannot be cut there."""
    from weasyprint.formatting_structure.boxes import InlineBox, LineBox, TextBox
    if not skip or len(skip) != 1:
        return None
    (index, below), = skip.items()
    if isinstance(box, TextBox):
        text = box.text.encode()
        if below is not None or text[:index].endswith("\u00ad".encode()):
            return None  # a soft hyphen would lose its hyphen at the paragraph's end
        head, tail = text[:index].decode(), text[index:].decode()
        return (box.copy_with_text(head) if head else None,
                box.copy_with_text(tail) if tail else None)
    if not isinstance(box, (LineBox, InlineBox)):
        return None  # an image, an inline block: not cut
    children = list(box.children)
    if below is None:
        head, tail = children[:index], children[index:]
    else:
        halves = _halves(children[index], below)
        if halves is None:
            return None
        head = children[:index] + [half for half in halves[:1] if half]
        tail = [half for half in halves[1:] if half] + children[index + 1:]
    return box.copy_with_children(head), box.copy_with_children(tail)


def _calls(box, floats) -> bool:
    """Whether `box` links to one of `floats` (or to one of its panels)."""
    names = {f"#{element.get('id')}" for float_box in floats
             for element in float_box.element.iter() if element.get("id")}
    return any(b.element_tag == "a" and b.element is not None
               and b.element.get("href") in names for b in box.descendants())
