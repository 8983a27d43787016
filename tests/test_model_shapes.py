"""Issue 8: nodes of one shape share the methods @dataclass writes (report/model.py).

Emphasis, strong, sub- and superscripts, a paragraph … are each a run of
inlines: one dataclass writes their __init__, __repr__ and __eq__, which
@dataclass compiles at every start, once rather than nine times. Each
node must still be its own: its class's name in its repr, equal to a node
of its class with the same children only, unhashable, pickled as before.
"""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

from report import model, source
from report.model import (Code, DisplayMath, Emph, LineBreak, PageBreak, Para, RefsPlaceholder,
                          Rule, SmallCaps, Strikeout, Strong, Subscript, Superscript, Text,
                          Underline)

SHARED = {Emph: "children", Strong: "children", Subscript: "children",
          Superscript: "children", Strikeout: "children", SmallCaps: "children",
          Underline: "children", DisplayMath: "children", Para: "children", Text: "text",
          Code: "text", LineBreak: None, Rule: None, PageBreak: None, RefsPlaceholder: None}


def _node(cls, value):
    return cls(value) if SHARED[cls] else cls()


def test_each_is_its_own_dataclass():
    for cls, name in SHARED.items():
        value = "x" if name == "text" else [Text("x")]
        node = _node(cls, value)
        assert dataclasses.is_dataclass(node)
        assert [f.name for f in dataclasses.fields(cls)] == ([name] if name else [])
        assert repr(node) == (f"{cls.__name__}({name}={value!r})" if name
                              else f"{cls.__name__}()")
        assert node == _node(cls, "x" if name == "text" else [Text("x")])
        assert cls.__match_args__ == ((name,) if name else ())
        try:
            hash(node)
        except TypeError:
            pass
        else:
            raise AssertionError(f"{cls.__name__} is hashable")
        if name:
            assert node != _node(cls, "y" if name == "text" else [Text("y")])
            assert dataclasses.replace(node, **{name: value}) == node
        for other in SHARED:
            if other is not cls and SHARED[other] == name:
                assert node != _node(other, value), (cls, other)  # Emph(…) is not Strong(…)
        assert pickle.loads(pickle.dumps(node)) == node
        assert type(pickle.loads(pickle.dumps(node))) is cls


def test_a_read_article_holds_them_as_before(tmp_path):
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: T\n---\n\n*a* **b** H~2~O x^2^ ~~c~~ [d]{.smallcaps} "
                       "[e]{.underline} `f`  \ng\n\n***\n\n\\newpage\n\n::: {#refs}\n:::\n",
                       encoding="utf-8")
    blocks = source.read(Path(article)).blocks
    assert blocks == [
        Para([Emph([Text("a")]), Text(" "), Strong([Text("b")]), Text(" H"),
              Subscript([Text("2")]), Text("O x"), Superscript([Text("2")]), Text(" "),
              Strikeout([Text("c")]), Text(" "), SmallCaps([Text("d")]), Text(" "),
              Underline([Text("e")]), Text(" "), Code("f"), LineBreak(), Text("g")]),
        Rule(), PageBreak(), RefsPlaceholder()]
    assert blocks[0] != model.Heading(1, blocks[0].children)
