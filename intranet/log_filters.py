"""Log filters every handler the project configures runs: secrets never reach a log.

A calendar feed's address holds its secret (``/reservations/feeds/<secret>.ics``):
whoever reads an access log could subscribe to someone's schedule. ``MaskSecrets``
replaces the secret with ``***`` in the message and in its arguments (runserver's
request line is an argument), before any handler writes or sends it.
"""

import logging
import re

FEED_SECRET = re.compile(r"(/feeds/)[^/\s?#\"']+(\.ics)")
MASK = r"\1***\2"


def mask(text):
    """``text`` with every feed secret replaced by ``***``."""
    return FEED_SECRET.sub(MASK, text)


class MaskSecrets(logging.Filter):
    """Masks feed secrets in a record's message; never drops a record."""

    def filter(self, record):
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, ()
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str) and mask(path) != path:
            # The e-mail to the administrators prints the request: send none.
            record.request = None
        return True
