import gc
import os
import sys

# A command is one short run: the cyclic collector would walk every object
# imported and built, again and again, to free next to nothing (a sixth of
# a cold deck's CPU time), and what cycles are left, the exit frees. The one
# long-lived command, watch, turns it back on.
gc.disable()

from . import regexcache  # noqa: E402 — before any import compiles a pattern

regexcache.install()

from .cli import main  # noqa: E402 — after the collector is off: imports are half the work

status = main()
# Leave at once: every output is written, closed and in place, and what
# Python would do next is free each of the few hundred thousand objects a
# build made (0.05 s of a cold deck's 0.4), which the system does for free;
# but not the files a build leaves in /tmp, which are removed here.
try:
    sys.stdout.flush()
    sys.stderr.flush()
    regexcache.save()
    if "report.pdfspeed" in sys.modules:  # a PDF written: WeasyPrint's font folders too
        sys.modules["report.pdfspeed"].remove_font_folders()
finally:
    os._exit(status)
