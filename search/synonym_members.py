"""The words of a synonym group, as the IT desk types them: split, checked, made into terms.

One text field holds a group's words, a word per line or separated by 「・」
or commas (パソコン・PC・端末), so a group is edited the way it is spoken of.
Two words are the same for search when the pipeline makes the same index
terms of them (パソコン and ぱそこん), so a group needs two that differ.
"""

import re

from django.utils.translation import gettext as _

from .text import query_terms

MAX_MEMBERS = 30
MAX_MEMBER_CHARS = 50
MAX_MEMBERS_CHARS = 2000
SEPARATORS = re.compile(r"[・･、,，]")
# Control and direction characters never belong in a word (PostgreSQL refuses NUL outright).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def has_control_characters(text):
    return bool(_CONTROL.search(text or ""))


def split(members):
    """The words of ``members`` as written (white space trimmed), and the lines with a gap.

    Blank lines and a separator at the end of a line are allowed; two
    separators with nothing between them are not.
    """
    words, gaps = [], []
    for line in (members or "").splitlines():
        pieces = [piece.strip() for piece in SEPARATORS.split(line)]
        if pieces and not pieces[-1]:
            pieces.pop()
        if line.strip() and any(not piece for piece in pieces):
            gaps.append(line.strip())
        words.extend(piece for piece in pieces if piece)
    return words, gaps


def with_terms(members):
    """(word as written, its index terms) for each word of ``members`` that search can use."""
    pairs = []
    for word in split(members)[0]:
        terms = tuple(query_terms(word))
        if terms:
            pairs.append((word, terms))
    return pairs


def problem(members):
    """What is wrong with ``members``, in words the IT desk can act on, or None."""
    if len(members) > MAX_MEMBERS_CHARS:
        return _("The words are too long: at most %(limit)d characters in all.") % {
            "limit": MAX_MEMBERS_CHARS
        }
    if has_control_characters(members):
        return _("The words contain control characters; type them again.")
    words, gaps = split(members)
    if gaps:
        return _(
            "「%(line)s」 has nothing between two separators; remove the extra 「・」 or comma."
        ) % {"line": gaps[0][:60]}
    if len(words) > MAX_MEMBERS:
        return _("At most %(limit)d words in one group; split it into smaller groups.") % {
            "limit": MAX_MEMBERS
        }
    seen = {}
    for word in words:
        if len(word) > MAX_MEMBER_CHARS:
            return _("「%(word)s…」 is too long: a word has at most %(limit)d characters.") % {
                "word": word[:20],
                "limit": MAX_MEMBER_CHARS,
            }
        terms = tuple(query_terms(word))
        if not terms:
            return _("「%(word)s」 has nothing search can use (only symbols or particles).") % {
                "word": word
            }
        if terms in seen:
            return _("「%(word)s」 and 「%(other)s」 are the same word for search; keep one.") % {
                "word": word,
                "other": seen[terms],
            }
        seen[terms] = word
    if len(seen) < 2:
        return _("Write at least two different words, e.g. 「パソコン・PC」.")
    return None


def added(members, word):
    """``members`` with ``word`` on a line of its own after them."""
    members = (members or "").rstrip()
    return f"{members}\n{word}" if members else word
