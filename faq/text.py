"""Plain text ⇄ the answer's rich text, so that CSV import and export round-trip."""

import html
import re

from django.utils.html import escape, strip_tags

_LINE_BREAKS = re.compile(r"</p>|<br\s*/?>|</li>|</h\d>", re.IGNORECASE)


def plain_text_to_html(text):
    """One paragraph per non-empty line, every character escaped (no markup survives)."""
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def html_to_plain_text(markup):
    """The text of rich-text HTML, one line per paragraph or list item."""
    text = html.unescape(strip_tags(_LINE_BREAKS.sub("\n", markup or "")))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
