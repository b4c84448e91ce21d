"""Addresses in typed text made into links, where Japanese text runs right up to them.

Django's ``urlize`` looks for addresses between spaces, and Japanese has
none: in 「詳しくはこちら。https://example.jp/をご覧ください」 the address
begins right after 。 and ends where the Japanese begins again. Here an
address is ``http(s)://`` followed by the characters an address may hold
(ASCII only, RFC 3986), without the punctuation that closes a sentence
after it, and with a closing parenthesis only when the address opened one.
"""

import re

from django.utils.html import escape, format_html

ADDRESS = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
TRAILING = ".,;:!?'\"*"


def _trimmed(address):
    """The address without the sentence's punctuation that follows it."""
    while address:
        last = address[-1]
        if last in TRAILING:
            address = address[:-1]
        elif last == ")" and address.count(")") > address.count("("):
            address = address[:-1]
        else:
            break
    return address


def link_addresses(text):
    """``text`` as escaped HTML, each http(s) address in it a link (opened without referrer)."""
    parts, start = [], 0
    for match in ADDRESS.finditer(text):
        address = _trimmed(match.group())
        if len(address) <= len("https://"):
            continue
        parts.append(escape(text[start : match.start()]))
        parts.append(format_html('<a href="{0}" rel="nofollow">{0}</a>', address))
        start = match.start() + len(address)
    parts.append(escape(text[start:]))
    return "".join(parts)
