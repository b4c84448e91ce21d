"""What a notice looks like outside the intranet's pages: in a feed reader or an e-mail.

Both need absolute links (a reader or a mail client has no page to be
relative to) and the body as plain text (neither should render HTML staff wrote).
"""

import html
import re

from django.conf import settings
from django.utils.html import strip_tags

_LINE_BREAKS = re.compile(r"<br\s*/?>|</(?:p|li|h[1-6]|div)>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")


def absolute_url(path):
    """``path`` on the intranet as the address staff reach it by (WAGTAILADMIN_BASE_URL)."""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def plain_text(body):
    """The body with its markup gone and its paragraphs and line breaks kept as new lines."""
    text = _LINE_BREAKS.sub(lambda match: match.group(0) + "\n", body or "")
    text = html.unescape(strip_tags(text)).replace("\r\n", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
