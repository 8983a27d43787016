"""Writing outputs safely: all or nothing, and the old file kept on failure.

Every writer renders into a temporary file beside the target, which is
renamed over it only when complete; a failed or interrupted build leaves
the previous output as it was.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic(target: Path):
    """Yield a temporary path beside `target`; move it into place on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
