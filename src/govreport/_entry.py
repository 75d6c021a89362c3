"""The ``govreport`` command's entry point (also ``python -m govreport``).

A command renders or checks a report and exits, so this process is short-lived and its memory goes
back to the system at exit. The cyclic garbage collector is paused from the start (imports and one
render trigger a few hundred collections); ``govreport render`` turns it back on before a batch of
several reports, so that a long batch does not accumulate garbage. At exit the objects left are frozen
(:func:`gc.freeze`) rather than traversed by a last full collection. What needs cleaning up is cleaned
explicitly instead: an atexit handler removes WeasyPrint's folder of temporary font files
(:func:`govreport.renderers.pdf.release_engine`); files are written atomically and closed before;
atexit handlers and stream flushing still run. docs/performance.md has the measurement that keeps this.

SIGTERM is turned into :class:`govreport.errors.Terminated` (a KeyboardInterrupt), so that it is handled like Ctrl-C.
"""

from __future__ import annotations

import gc
import signal
from types import FrameType


def _terminate(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once
    from govreport.errors import Terminated

    raise Terminated


def main() -> None:
    gc.disable()
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _terminate)
    try:
        from govreport.cli import main as cli_main

        cli_main()
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
