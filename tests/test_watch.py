"""Issue 8: `python -m report watch` and the work it splits across processes."""

from __future__ import annotations

import os
import pickle
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest
from conftest import DEFAULT_ARTICLE, ROOT, SLEEP_ARTICLE

from report import STYLES, parallel, source, watch

ALL = set(watch.KINDS)


# --- what depends on what ----------------------------------------------------------

def test_inputs_are_the_article_its_references_and_images():
    doc = source.read(SLEEP_ARTICLE)
    folder = SLEEP_ARTICLE.parent.resolve()
    assert watch.inputs_of(doc) == {folder / "article.md", folder / "refs.json",
                                    folder / "recall.png"}


def test_a_bibliography_saved_later_is_an_input(tmp_path):
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: T\n---\n\nText.\n", encoding="utf-8")
    doc = source.read(article)
    assert doc.meta.bibliography == []
    assert watch.inputs_of(doc) == {article.resolve(), (tmp_path / "refs.json").resolve()}


def test_every_bibliography_is_an_input(tmp_path):
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text("[]", encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: T\nbibliography: [a.json, b.json]\n---\n\nText.\n",
                       encoding="utf-8")
    assert watch.inputs_of(source.read(article)) == {
        article.resolve(), (tmp_path / "a.json").resolve(), (tmp_path / "b.json").resolve()}


@pytest.mark.parametrize("name,kinds", [
    ("brief.css", {"pdf", "html"}),
    ("brief.html.j2", {"pdf", "html"}),
    ("deck.toml", {"slides", "handout"}),
    ("deck-master.pptx", {"slides", "handout"}),
    ("handout.css", {"handout"}),
    ("fonts/LiberationSerif-Regular.ttf", ALL),
    ("brief.css~", set()),
    (".brief.css.swp", set()),
])
def test_a_style_file_touches_its_outputs(name, kinds):
    assert watch.affected(STYLES / name, set()) == kinds


def test_the_article_touches_every_output_and_its_build_folder_none():
    article = DEFAULT_ARTICLE.resolve()
    assert watch.affected(article, {article}) == ALL
    assert watch.affected(article.parent / "build" / "brief.pdf", {article}) == set()


# --- the command ---------------------------------------------------------------------

def _lines(process) -> queue.Queue:
    lines: queue.Queue = queue.Queue()

    def read():
        for line in process.stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return lines


def _wait_for(lines: queue.Queue, start: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=deadline - time.monotonic())
        except queue.Empty:
            break
        if line.startswith(start):
            return line
    pytest.fail(f"no line starting {start!r} within {seconds} s")


def test_a_save_rebuilds_and_says_so(tmp_path):
    for name in ("article.md", "refs.json"):
        shutil.copy(DEFAULT_ARTICLE.parent / name, tmp_path / name)
    process = subprocess.Popen([sys.executable, "-m", "report", "watch", "article.md",
                                "--to", "html"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True,
                               env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        lines = _lines(process)
        _wait_for(lines, "watching")
        time.sleep(1)  # "watching" is printed just before the listening starts
        with (tmp_path / "article.md").open("a", encoding="utf-8") as f:
            f.write("\nA sentence written while watching.\n")
        assert _wait_for(lines, "build/brief.html").endswith(" s")
        assert "after the save" in _wait_for(lines, "rebuilt html")
        html = (tmp_path / "build" / "brief.html").read_text(encoding="utf-8")
        assert "A sentence written while watching." in html
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=20)
    assert status == 0


# --- two processes ---------------------------------------------------------------------

def test_work_split_in_two_gives_the_serial_results():
    jobs = list(range(parallel.MIN_JOBS * 2))
    assert parallel.run_all(jobs, lambda n: [n, n * n]) == [[n, n * n] for n in jobs]


def test_a_failing_child_leaves_its_share_to_the_parent():
    parent = os.getpid()

    def square(n):
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return n * n

    jobs = list(range(parallel.MIN_JOBS))
    assert parallel.run_all(jobs, square) == [n * n for n in jobs]


def test_a_child_s_error_is_raised_here_as_it_was_raised():
    from report.errors import ReportError

    def fail():
        raise ReportError("no such key", "article.md", 4, 6, hint="add it")

    with pytest.raises(ReportError) as raised:
        parallel.beside(fail, lambda: None)
    assert str(raised.value) == "article.md:4:6: no such key\n  add it"


def test_beside_returns_the_child_s_result_and_runs_meanwhile_here():
    parent, ran = os.getpid(), []
    assert parallel.beside(lambda: os.getpid(), lambda: ran.append(os.getpid())) != parent
    assert ran == [parent]


def test_a_child_that_dies_leaves_the_task_to_the_parent():
    parent = os.getpid()

    def task():
        if os.getpid() != parent:
            os._exit(3)  # dies without a word
        return "done here"

    assert parallel.beside(task, lambda: None) == "done here"


def test_a_child_s_answer_is_used_before_its_exit_and_the_child_reaped_at_the_next_fork():
    """The parent does not wait for an answered child to free its memory
    (3 ms of a cold deck) before using its answer; no child is left a zombie
    past the next fork."""
    first = parallel.beside(os.getpid, lambda: None)
    assert parallel._unreaped == [first]
    second = parallel.beside(os.getpid, lambda: None)
    assert parallel._unreaped == [second]
    with pytest.raises(ChildProcessError):
        os.waitpid(first, os.WNOHANG)  # reaped already


def test_a_partial_answer_is_no_answer():
    """A child that died while writing its answer sent part of a pickle:
    the parent runs the task itself, and waits for that child at once."""
    pid = os.fork()
    if pid == 0:
        os._exit(1)
    whole = pickle.dumps((False, list(range(1000))))
    assert parallel._read(pickle.loads, whole[:len(whole) // 2], pid) is None
    assert pid not in parallel._unreaped
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


# --- rebuilding only what changed ----------------------------------------------------

def _builds(tmp_path, kinds=("pdf", "slides", "handout")):
    for name in ("article.md", "refs.json"):
        shutil.copy(DEFAULT_ARTICLE.parent / name, tmp_path / name)
    targets = {k: tmp_path / f"out.{k}" for k in kinds}
    return watch.Builds(tmp_path / "article.md", targets), targets


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_save_rebuilds_only_the_outputs_it_changes(tmp_path, capsys):
    builds, targets = _builds(tmp_path)
    builds.build(list(targets), forced=True)
    assert "built pdf, slides, handout" in capsys.readouterr().out
    written = {k: p.stat().st_mtime_ns for k, p in targets.items()}

    article = tmp_path / "article.md"
    # The text of a section whose slide has notes of its own: the brief's alone.
    _edit(article, "can largely be attributed to the growing anger",
          "can be attributed to the growing anger")
    builds.build(list(targets), forced=False, saved_at=time.time())
    out = capsys.readouterr().out
    assert "rebuilt pdf " in out and f"{targets['slides']}  unchanged" in out
    assert targets["slides"].stat().st_mtime_ns == written["slides"]
    assert targets["handout"].stat().st_mtime_ns == written["handout"]

    _edit(article, "- US-Mexico relations have rarely been perfect",
          "- US-Mexico relations have rarely been easy")  # a slide only
    builds.build(list(targets), forced=False, saved_at=time.time())
    out = capsys.readouterr().out
    assert "rebuilt slides, handout " in out and f"{targets['pdf']}  unchanged" in out
    from pptx import Presentation
    texts = [s.text_frame.text for slide in Presentation(targets["slides"]).slides
             for s in slide.shapes if s.has_text_frame]
    assert any("rarely been easy" in t for t in texts)

    builds.build(list(targets), forced=False, saved_at=time.time())  # saved unchanged
    assert "rebuilt nothing" in capsys.readouterr().out


def test_a_style_change_or_a_missing_output_rebuilds_whatever_the_fingerprint(tmp_path, capsys):
    builds, targets = _builds(tmp_path, ("html", "slides"))
    builds.build(list(targets), forced=True)
    targets["html"].unlink()
    builds.build(list(targets), forced=False, saved_at=time.time())
    assert "rebuilt html " in capsys.readouterr().out and targets["html"].exists()
    builds.build(list(targets), forced=True, saved_at=time.time())
    assert "rebuilt html, slides " in capsys.readouterr().out


def test_an_interrupt_in_the_middle_of_a_build_ends_the_watch_quietly(monkeypatch, tmp_path):
    def interrupted(self, kinds, forced, saved_at=None):
        raise KeyboardInterrupt  # as SIGTERM arriving while an output is written

    monkeypatch.setattr(watch.Builds, "build", interrupted)
    assert watch.run(tmp_path / "article.md", {"html": tmp_path / "out.html"}) == 0


def test_a_watch_collects_cycles_that_a_one_shot_command_leaves_to_the_exit(monkeypatch,
                                                                            tmp_path):
    import gc
    seen = []

    def build(self, kinds, forced, saved_at=None):
        seen.append(gc.isenabled())
        raise KeyboardInterrupt

    monkeypatch.setattr(watch.Builds, "build", build)
    gc.disable()  # as report/__main__.py leaves it
    try:
        watch.run(tmp_path / "article.md", {"html": tmp_path / "out.html"})
    finally:
        gc.enable()
    assert seen == [True]
    # A one-shot command runs without the collector, to its os._exit.
    command = [sys.executable, "-c", "import gc, os, runpy, sys\n"
               "sys.argv = ['report', 'html', 'missing.md']\n"
               "os._exit = lambda status: print('collector on:', gc.isenabled(), status)\n"
               "runpy.run_module('report', run_name='__main__')"]
    shown = subprocess.run(command, capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=str(ROOT))).stdout
    assert shown == "collector on: False 1\n"
