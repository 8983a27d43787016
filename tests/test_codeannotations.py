"""Quarto's code annotations (`# <1>` at a line's end, a numbered list
after the code): the markers taken out of the code, the list labelled with
the lines it explains, in the brief and on the slide (report/codeannotations.py)."""

from __future__ import annotations

import pdfplumber
from conftest import run_report
from pptx import Presentation

ARTICLE = """\
---
title: Annotated
---

# Pipeline

```r
library(dplyr)
penguins |>                              # <1>
  mutate(                                # <2>
    ratio = depth / length               # <2>
  )                                      # <2>
```

1. Take `penguins`, and then,
2. add a column for the ratio.

::: slide
```python
import pandas as pd   # <1>
df = pd.read_csv(f)
df.head()             # <2>
```

1. Import pandas.
2. Look at the first rows.
:::

A comment of the code's own, with no list after it, stays:

```r
x <- 1  # <1>
```
"""


def _pdf_text(path) -> str:
    with pdfplumber.open(path) as doc:
        return "\n".join(page.extract_text() for page in doc.pages)


def test_markers_leave_the_code_and_label_their_lines(tmp_path):
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "refs.json").write_text("[]", encoding="utf-8")
    result = run_report("pdf", path, "-o", tmp_path / "brief.pdf")
    assert result.returncode == 0, result.stderr
    text = _pdf_text(tmp_path / "brief.pdf")
    annotated = text.split("A comment of the code")[0]
    assert "<1>" not in annotated and "<2>" not in annotated
    assert "penguins |>" in text and "ratio = depth / length" in text
    assert "Line 2\nTake penguins, and then," in text
    assert "Lines 3–5\nadd a column for the ratio." in text
    assert "x <- 1 # <1>" in text  # no list after it: as written

    deck = run_report("slides", path, "-o", tmp_path / "deck.pptx")
    assert deck.returncode == 0, deck.stderr
    words = "\n".join(shape.text_frame.text for slide in Presentation(tmp_path / "deck.pptx").slides
                      for shape in slide.shapes if shape.has_text_frame)
    assert "import pandas as pd" in words and "<1>" not in words and "<2>" not in words
    assert "Line 1" in words and "Import pandas." in words
    assert "Line 3" in words and "Look at the first rows." in words
