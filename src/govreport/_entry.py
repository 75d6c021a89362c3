"""The ``govreport`` command's entry point (also ``python -m govreport``).

A command renders or checks a report and exits, so this process is short-lived and its memory goes
back to the system at exit. On a machine with several cores, ``render`` of one report to PDF starts
the PDF engine in a second process before anything else (:mod:`govreport._pdf_process`). Two costs of
the interpreter that buy nothing here are avoided:

* the cyclic garbage collector is paused from the start (imports and one render trigger about 300
  collections, ≈ 0.14 s; the peak RSS of a render of the sample grows by ≈ 6 MB, of a 238-page
  report by ≈ 8 MB). The CLI turns it back on before a batch of several reports
  (:func:`resume_collection`), so a long batch does not accumulate garbage;
* at exit the objects left are frozen (:func:`gc.freeze`) rather than traversed by a last full
  collection (≈ 0.2 s). What needs cleaning up is cleaned explicitly instead: an atexit handler removes
  WeasyPrint's folder of temporary font files (:func:`govreport.renderers.pdf.release_engine`), which
  its finalizer would otherwise only remove when collected; files are written atomically and closed
  before; atexit handlers and stream flushing still run.
"""

from __future__ import annotations

import gc
import sys


def resume_collection() -> None:
    """Turn the garbage collector back on (the CLI calls this before rendering several reports)."""
    gc.enable()


def main() -> None:
    gc.disable()
    from govreport import _pdf_process

    _pdf_process.start_early(sys.argv[1:])
    try:
        from govreport.cli import main as cli_main

        cli_main()
    finally:
        _pdf_process.discard()
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
