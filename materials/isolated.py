"""Reading a file in a child process, so no file can hang or bring down the worker.

The extraction libraries read whatever staff upload. A hostile or
pathological file could keep one busy for ever or make it crash; run in the
worker's own process, that would stop every later file from being read.
Here each file is read in a forked child: the worker waits at most
``MATERIALS_EXTRACTION_SECONDS`` (plus ``MATERIALS_OCR_SECONDS_PER_PAGE`` for
each page OCR may read), then kills it and reports ``timeout``; a child that
dies reports ``corrupt``. The child touches no database connection and
leaves with ``os._exit`` (multiprocessing's fork), so the worker's own
connections are untouched.
"""

import logging
import multiprocessing

from django.conf import settings

from . import extraction

logger = logging.getLogger(__name__)


def _read_into(sender, path, kind):
    try:
        outcome = ("read", extraction.extract(path, kind))
    except extraction.ExtractionFailed as failure:
        outcome = ("failed", failure.reason, failure.detail)
    except Exception as error:  # whatever the file did to the library
        outcome = ("failed", "corrupt", repr(error))
    sender.send(outcome)
    sender.close()


def time_limit(kind):
    seconds = getattr(settings, "MATERIALS_EXTRACTION_SECONDS", 600)
    if kind == extraction.PDF:
        ocr_pages = getattr(settings, "MATERIALS_OCR_MAX_PAGES", 50)
        seconds += ocr_pages * getattr(settings, "MATERIALS_OCR_SECONDS_PER_PAGE", 60)
    return seconds


def extract(path, kind, seconds=None):
    """``extraction.extract(path, kind)`` in a child process, within ``seconds``."""
    seconds = time_limit(kind) if seconds is None else seconds
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_read_into, args=(sender, path, kind), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            child.kill()
            raise extraction.ExtractionFailed("timeout", f"over {seconds} s")
        try:
            outcome = receiver.recv()
        except EOFError:  # the child died without a word (a crash, the memory killer)
            raise extraction.ExtractionFailed("corrupt", "the reading process died") from None
    finally:
        receiver.close()
        child.join()
    if outcome[0] == "failed":
        raise extraction.ExtractionFailed(outcome[1], outcome[2])
    return outcome[1]
