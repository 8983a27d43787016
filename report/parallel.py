"""Independent jobs split between this process and a forked child.

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
import signal
import sys

MIN_JOBS = 64  # below this, a fork costs more than it saves


def run_all(jobs: list, run) -> list:
    """`[run(job) for job in jobs]`, JSON-able results, on up to two cores."""
    if len(jobs) < MIN_JOBS or not _two_cores():
        return [run(job) for job in jobs]
    theirs = jobs[1::2]
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        _child(reader, writer, theirs, run)
    os.close(writer)
    try:
        ours = [run(job) for job in jobs[0::2]]
        with os.fdopen(reader, "rb") as pipe:
            answer = pipe.read()
    except BaseException:  # an error or an interrupt here: the child's work is moot
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        _, status = os.waitpid(pid, 0)
    done = json.loads(answer) if answer and status == 0 else [run(job) for job in theirs]
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
        os._exit(status)  # never the parent's cleanup: its outputs are its own


def _two_cores() -> bool:
    if not hasattr(os, "fork"):
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) >= 2
