"""Allowlist sanitising for HTML that users (or imported files) supply, with bleach.

Wagtail's editor already limits rich text to its own features; this catches
HTML that reaches a page another way (imports, scripts, the API) before it is
stored: script and style elements are dropped with their content, event
handler attributes and ``javascript:`` links are removed.
"""

import html
import re

import bleach
from django.utils.html import strip_tags

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "b",
        "strong",
        "i",
        "em",
        "a",
        "ol",
        "ul",
        "li",
        "code",
        "h2",
        "h3",
        "h4",
        "embed",
        "hr",
    }
)
# Wagtail stores links to pages and documents, and embedded images, as these attributes.
ALLOWED_ATTRIBUTES = {
    "a": ["href", "linktype", "id"],
    "embed": ["embedtype", "id", "format", "alt", "url"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# bleach writes void elements as <embed ...>; Wagtail only expands <embed .../>.
_EMBED = re.compile(r"<embed(\b[^>]*?)\s*/?>")

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def clean_html(markup):
    """The markup with everything outside the allowlist removed."""
    cleaned = _cleaner.clean(_SCRIPT_OR_STYLE.sub("", markup or ""))
    return _EMBED.sub(r"<embed\1/>", cleaned)


_LINE_BREAKS = re.compile(r"</p>|<br\s*/?>|</li>|</h\d>", re.IGNORECASE)


def html_to_plain_text(markup):
    """The text of rich-text HTML, one line per paragraph or list item."""
    text = html.unescape(strip_tags(_LINE_BREAKS.sub("\n", markup or "")))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
