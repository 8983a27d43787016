"""Issue 5: the deck's theme: contrast computed from its colours, and the
master (styles/deck-master.pptx) in agreement with styles/deck.toml."""

from __future__ import annotations

import shutil
import tomllib
import zipfile

import pytest
from conftest import DEFAULT_ARTICLE, run_report
from lxml import etree
from pptx import Presentation

from report import STYLES
from report.slidemodel import _merge
from report.slides import contrast
from test_deck import TOLD_APART, delta_e

THEME = tomllib.loads((STYLES / "deck.toml").read_text(encoding="utf-8"))
COLORS = THEME["colors"]
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
AA = 4.5  # WCAG 2 level AA, normal-size text


def test_every_text_colour_reads_on_its_ground():
    light = ["title", "text", "muted", "cite", "accent", "link"]
    dark = ["on_dark", "on_dark_muted", "on_dark_accent"]
    for name in light:
        assert contrast(COLORS[name], COLORS["background"]) >= AA, name
    for name in dark:
        assert contrast(COLORS[name], COLORS["dark"]) >= AA, name


def test_code_reads_on_its_ground_in_every_theme():
    for path in [STYLES / "deck.toml", *STYLES.glob("deck-*.toml")]:
        code = {**THEME["code"], **tomllib.loads(path.read_text(encoding="utf-8")).get("code", {})}
        assert contrast(code["color"], code["fill"]) >= AA, path.name


def test_the_slices_colours_are_told_apart_and_carry_a_readable_label():
    """A doughnut's slices take the lead, the slice colours and "the rest":
    no two alike, and each under a value in text or on_dark at AA."""
    chart = THEME["chart"]
    fills = [chart["lead"], *chart["slices"], chart["rest"]]
    for a in fills:
        assert max(contrast(COLORS["text"], a), contrast(COLORS["on_dark"], a)) >= AA, a
        for b in fills:
            assert a == b or delta_e(a, b) >= TOLD_APART, (a, b)
    assert len(set(fills)) == len(fills)


def test_contrast_matches_wcag_reference_values():
    assert round(contrast("000000", "FFFFFF"), 2) == 21.0
    assert round(contrast("777777", "FFFFFF"), 2) == 4.48  # the classic near miss
    assert contrast("FFFFFF", "FFFFFF") == 1.0


def _theme_xml():
    with zipfile.ZipFile(STYLES / THEME["master"]) as master:
        name = next(n for n in master.namelist() if n.startswith("ppt/theme/theme"))
        return etree.fromstring(master.read(name))


def test_the_master_carries_the_themes_fonts_and_colours():
    root = _theme_xml()
    for which in ("majorFont", "minorFont"):
        latin = root.find(f".//{A}fontScheme/{A}{which}/{A}latin")
        assert latin.get("typeface") == THEME["font"]["name"]
    scheme = {slot.tag.removeprefix(A): slot[0].get("val")
              for slot in root.find(f".//{A}clrScheme")}
    assert scheme["dk1"] == COLORS["text"]
    assert scheme["lt1"] == COLORS["background"]
    assert scheme["dk2"] == COLORS["title"]
    assert scheme["accent1"] == COLORS["accent"]
    assert scheme["hlink"] == COLORS["link"]


def test_the_master_has_the_named_16_by_9_layouts():
    from pptx import Presentation
    master = Presentation(str(STYLES / THEME["master"]))
    assert (master.slide_width.pt, master.slide_height.pt) == (THEME["slide"]["width"],
                                                               THEME["slide"]["height"])
    assert [layout.name for layout in master.slide_layouts] == [
        "Title", "Section", "Content", "Two Content", "References"]
    assert len(master.slides) == 0
    for layout in master.slide_layouts:
        for shape in layout.placeholders:
            body_pr = shape._element.find(f".//{A}bodyPr")
            for autofit in ("normAutofit", "spAutoFit"):
                assert body_pr.find(f"{A}{autofit}") is None, (layout.name, shape.name)


def test_the_deck_fonts_have_arials_metrics():
    """Liberation Sans is metric-compatible with Arial: same advance widths."""
    from fontTools.ttLib import TTFont
    regular = TTFont(str(STYLES / THEME["font"]["regular"]))
    assert regular["head"].unitsPerEm == 2048
    assert regular["hmtx"][regular.getBestCmap()[ord("a")]][0] == 1139  # Arial's "a"


# --- `slides: theme:` ------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(STYLES.glob("deck-*.toml")), ids=lambda p: p.stem)
def test_a_shipped_theme_keeps_every_text_colour_readable(path):
    look = tomllib.loads((STYLES / "deck.toml").read_text(encoding="utf-8"))
    _merge(look, tomllib.loads(path.read_text(encoding="utf-8")))
    colors = look["colors"]
    for name in ("title", "text", "muted", "cite", "accent", "link"):
        assert contrast(colors[name], colors["background"]) >= AA, name
    for name in ("on_dark", "on_dark_muted", "on_dark_accent"):
        assert contrast(colors[name], colors["dark"]) >= AA, name
    assert contrast(colors["on_dark"], look["table"]["header_fill"]) >= AA


def _deck_with(tmp_path, theme: str, extra: dict[str, str] | None = None):
    for name in ("article.md", "refs.json"):
        shutil.copy(DEFAULT_ARTICLE.parent / name, tmp_path / name)
    for name, text in (extra or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    article = tmp_path / "article.md"
    text = article.read_text(encoding="utf-8")
    assert "\nslides:\n" in text  # the article's own deck options, the theme added
    article.write_text(text.replace("\nslides:\n", f"\nslides:\n  theme: {theme}\n", 1),
                       encoding="utf-8")
    return run_report("slides", "article.md", cwd=tmp_path)


def _cover_ground(tmp_path) -> str:
    slide = Presentation(tmp_path / "build" / "slides.pptx").slides[0]
    return str(slide.background.fill.fore_color.rgb)


def test_the_light_theme_and_an_authors_own_change_the_deck(tmp_path):
    shipped, own = tmp_path / "shipped", tmp_path / "own"
    shipped.mkdir()
    own.mkdir()
    assert _deck_with(shipped, "light").returncode == 0
    assert _cover_ground(shipped) == "F1F3F6"
    theme = '[colors]\ndark = "3B1F4A"\n'
    assert _deck_with(own, "ours.toml", {"ours.toml": theme}).returncode == 0
    assert _cover_ground(own) == "3B1F4A"


def test_an_unknown_theme_is_an_error_naming_the_line(tmp_path):
    result = _deck_with(tmp_path, "neon")
    assert result.returncode == 1
    assert "article.md:" in result.stderr and "no theme 'neon'" in result.stderr
    assert "light" in result.stderr and "Traceback" not in result.stderr


def test_an_authors_theme_cannot_point_at_files(tmp_path):
    result = _deck_with(tmp_path, "ours.toml", {"ours.toml": 'master = "../../etc/passwd"\n'})
    assert result.returncode == 1 and "ours.toml" in result.stderr
    assert "not 'master' or 'font'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("toml,said", [('[colors]\ndark = "navy"\n', "colors.dark"),
                                       ('[body]\nsize = "big"\n', "body.size")])
def test_an_authors_theme_with_a_wrong_value_is_an_error(tmp_path, toml, said):
    result = _deck_with(tmp_path, "ours.toml", {"ours.toml": toml})
    assert result.returncode == 1 and f"the theme's '{said}'" in result.stderr
    assert "Traceback" not in result.stderr
