"""Plain text ⇄ the answer's rich text, so that CSV import and export round-trip."""

from django.utils.html import escape

from intranet.sanitize import html_to_plain_text

__all__ = ["html_to_plain_text", "plain_text_to_html"]


def plain_text_to_html(text):
    """One paragraph per non-empty line, every character escaped (no markup survives)."""
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
