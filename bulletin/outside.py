"""What a notice looks like outside the intranet's pages: in a feed reader or an e-mail.

Both need absolute links (a reader or a mail client has no page to be
relative to) and the body as plain text (neither should render HTML staff wrote).
"""

from intranet.notifications import absolute_url
from intranet.sanitize import html_to_plain_text as plain_text

__all__ = ["absolute_url", "plain_text"]
