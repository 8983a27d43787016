"""Independent work split between this process and a forked child.

Once disambiguation is done, rendering one cluster or one reference entry
depends on nothing else, and each takes a few milliseconds of pure Python:
a cold build of a long bibliography is hundreds of them. A forked child
starts with everything already loaded and parsed, takes every other job,
and sends its results back as JSON, so two cores take about half the time.
Anything wrong in the child (an error, an interrupt) and this process does
the child's share itself, raising what it raises.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import sys

MIN_JOBS = 64  # below this, a fork costs more than it saves


def run_all(jobs: list, run, min_jobs: int | None = None) -> list:
    """`[run(job) for job in jobs]`, JSON-able results, on up to two cores
    once there are `min_jobs` (default MIN_JOBS); the child takes jobs 1, 3,
    5…, so order them to balance the two."""
    if len(jobs) < max(MIN_JOBS if min_jobs is None else min_jobs, 2) or not _two_cores():
        return [run(job) for job in jobs]
    theirs = jobs[1::2]
    _reap()  # before the fork: a child inherits no other's pid to wait for
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(reader, writer, theirs, run)
    ours, answer = _beside_child(pid, reader, writer, lambda: [run(job) for job in jobs[0::2]])
    done = _read(json.loads, answer, pid)
    if done is None:
        done = [run(job) for job in theirs]
    results = [None] * len(jobs)
    results[0::2], results[1::2] = ours, done
    return results


def _child(reader: int, writer: int, jobs: list, run) -> None:
    """Run `jobs`, write their results, and leave without running anything else."""
    status = 1
    try:
        os.close(reader)
        answer = json.dumps([run(job) for job in jobs]).encode()
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(answer)
        status = 0
    finally:
        _leave(status)


def beside(task, meanwhile):
    """`task()`, run in a forked child while this process runs `meanwhile()`.

    A cold build is two halves that need nothing of each other until the
    end: reading the article and rendering its citations, and importing
    the writer (WeasyPrint alone takes a second). The child sends the
    result back pickled, or the exception it raised, which is raised here;
    if the child dies, this process runs `task()` itself.
    """
    if not _two_cores():
        meanwhile()
        return task()
    _reap()  # before the fork: a child inherits no other's pid to wait for
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        _pickling_child(reader, writer, task)
    _, answer = _beside_child(pid, reader, writer, meanwhile)
    sent = _read(pickle.loads, answer, pid)
    if sent is None:
        return task()
    raised, value = sent
    if raised:
        raise value
    return value


def _pickling_child(reader: int, writer: int, task) -> None:
    status = 1
    try:
        os.close(reader)
        try:
            answer = (False, task())
        except Exception as error:  # noqa: BLE001 — the parent raises it as its own
            answer = (True, error)
        data = pickle.dumps(answer)
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        _leave(status)


def _leave(status: int) -> None:
    """Leave the child without running anything of the parent's (its
    cleanup, its outputs are its own), keeping the patterns it compiled."""
    try:
        from . import regexcache
        regexcache.save()
    finally:
        os._exit(status)


def _beside_child(pid: int, reader: int, writer: int, meanwhile) -> tuple:
    """`meanwhile()`'s result and the child's whole answer, read once it
    closes its end of the pipe. An error or an interrupt here makes the
    child's work moot: it is killed."""
    os.close(writer)
    try:
        ours = meanwhile()
        with os.fdopen(reader, "rb") as pipe:
            return ours, pipe.read()
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise


def _read(load, answer: bytes, pid: int):
    """The child's answer, loaded; None if it sent none or only part of one
    (it failed). The child's exit, which frees its memory (3 ms of a cold
    deck's critical path), is not waited for before the answer is used: it
    is reaped at the next fork, or by the system when this process ends."""
    try:
        loaded = load(answer) if answer else None
    except Exception:  # noqa: BLE001 — a partial answer: the child died writing it
        loaded = None
    if loaded is None:
        os.waitpid(pid, 0)
    else:
        _unreaped.append(pid)
    return loaded


_unreaped: list[int] = []  # children whose answers are in, not yet waited for


def _reap() -> None:
    while _unreaped:
        try:
            os.waitpid(_unreaped.pop(), 0)
        except ChildProcessError:  # reaped already
            pass


def _two_cores() -> bool:
    if not hasattr(os, "fork"):
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) >= 2
