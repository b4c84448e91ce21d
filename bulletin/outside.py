"""What a notice looks like outside the intranet's pages: in a feed reader or an e-mail.

Both need absolute links (a reader or a mail client has no page to be
relative to) and the body as plain text (neither should render HTML staff wrote).
"""

from django.conf import settings

from intranet.sanitize import html_to_plain_text as plain_text

__all__ = ["absolute_url", "plain_text"]


def absolute_url(path):
    """``path`` on the intranet as the address staff reach it by (WAGTAILADMIN_BASE_URL)."""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"
