"""Generate a large article and bibliography for benchmarks and scale tests.

    python tools/make_fixture.py --pages 200 --refs 1000 --cites 2000 --out DIR

Deterministic (seeded), realistic in shape: journal articles, books,
chapters, reports and web pages by one to five authors, APA headings at
levels 1 to 3, and exactly `--cites` citation clusters of every Pandoc
form, which cite every reference when there are at least as many.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

WORDS_PER_PAGE = 250  # APA double spacing, 12 pt, 1-in margins
SURNAMES = ["Smith", "García", "van der Berg", "Nguyen", "O'Brien", "Müller", "Kowalski",
            "Okafor", "Tanaka", "Silva", "Johansson", "Haddad", "Rossi", "Dubois", "Kim"]
GIVEN = ["Ana", "John", "Mei", "Olu", "Sara", "Pierre", "Ingrid", "Ravi", "Lena", "Tomás"]
NOUNS = ["memory", "policy", "trade", "migration", "sleep", "learning", "security",
         "health", "markets", "language", "attention", "climate", "cities", "voters"]
VERBS = ["shapes", "predicts", "reduces", "explains", "follows", "limits", "supports"]
TYPES = ["article-journal", "book", "chapter", "report", "webpage"]


def reference(rng: random.Random, n: int) -> dict:
    kind = rng.choice(TYPES)
    item = {
        "id": f"ref{n:04d}", "type": kind,
        "title": f"How {rng.choice(NOUNS)} {rng.choice(VERBS)} {rng.choice(NOUNS)}: "
                 f"Evidence from study {n}",
        "author": [{"family": rng.choice(SURNAMES), "given": rng.choice(GIVEN)}
                   for _ in range(rng.choice([1, 1, 2, 2, 3, 5]))],
        "issued": {"date-parts": [[rng.randint(1990, 2025)]]},
    }
    if kind == "article-journal":
        item.update({"container-title": f"Journal of {rng.choice(NOUNS).title()}",
                     "volume": str(rng.randint(1, 60)), "issue": str(rng.randint(1, 12)),
                     "page": f"{(p := rng.randint(1, 400))}-{p + rng.randint(5, 30)}",
                     "DOI": f"10.{rng.randint(1000, 9999)}/{n}"})
    elif kind == "chapter":
        item.update({"container-title": f"Handbook of {rng.choice(NOUNS)}",
                     "editor": [{"family": rng.choice(SURNAMES), "given": rng.choice(GIVEN)}],
                     "publisher": "Academic Press", "page": "10-30"})
    elif kind in ("book", "report"):
        item["publisher"] = rng.choice(["Oxford University Press", "World Bank", "Routledge"])
    else:
        item["container-title"] = "Example Institute"
        item["URL"] = f"https://example.org/{n}"
    return item


def cluster(rng: random.Random, key: str, keys: list[str]) -> str:
    form = rng.random()
    if form < 0.5:
        return f"[@{key}]"
    if form < 0.65:
        return f"[@{key}, p. {rng.randint(1, 300)}]"
    if form < 0.8:
        return f"[see @{key}; @{rng.choice(keys)}]"
    if form < 0.9:
        return f"@{key}"
    return f"[-@{key}]"


def sentence(rng: random.Random) -> str:
    words = [rng.choice(NOUNS + VERBS + ["the", "and", "of", "in", "that"])
             for _ in range(rng.randint(8, 20))]
    return " ".join(words).capitalize()


def article(rng: random.Random, pages: int, keys: list[str], cites: int) -> str:
    """`cites` clusters spread evenly over the text; every key cited once
    before any is cited twice, so that all references are listed."""
    sentences = max(1, pages * WORDS_PER_PAGE // 14)
    per_sentence = [0] * sentences
    for n in range(cites):
        per_sentence[n * sentences // cites] += 1
    order = rng.sample(keys, len(keys))
    lines = ["---", "title: A Generated Article for Measuring Scale",
             "short-title: Scale Fixture", "author: Bench Mark", "bibliography: refs.json",
             "---", ""]
    cited = 0
    for n in range(sentences):
        if n % 120 == 0:
            lines += ["", f"{'#' * (1 + (n // 120) % 3)} Section {n // 120 + 1}", ""]
        if n % 40 == 0 and n:
            lines += ["", "::: slide", f"- Point {n}", f"- Point {n + 1}", ":::", ""]
        if n % 6 == 0:
            lines.append("")
        text = sentence(rng)
        for _ in range(per_sentence[n]):
            # A comma after a narrative citation: "@a [see @b]" would be one
            # citation, as pandoc reads it, and the article has `cites`.
            text += ("," if text.endswith(tuple(keys)) else "") + " " \
                + cluster(rng, order[cited % len(order)], keys)
            cited += 1
        lines.append(text + ".")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--refs", type=int, default=1000)
    parser.add_argument("--cites", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    refs = [reference(rng, n) for n in range(args.refs)]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "refs.json").write_text(json.dumps(refs, ensure_ascii=False, indent=1),
                                        encoding="utf-8")
    text = article(rng, args.pages, [r["id"] for r in refs], args.cites)
    (args.out / "article.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
