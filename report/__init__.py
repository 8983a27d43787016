"""report: one article (Markdown + CSL-JSON) → an APA 7 brief, a deck, a handout."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STYLES = ROOT / "styles"
