"""The synonym dictionary (同義語辞書) the IT desk curates, as the query parser reads it.

The query parser asks ``lookup`` for every word of every query, so the whole
dictionary is kept in memory, built once per process. The server runs as
several processes (and threads), and the IT desk edits the dictionary in one
of them: before each lookup, one tiny query reads the dictionary's stamp (how
many groups there are and when the last one changed), and a stamp that
differs from the one the memory was built at rebuilds it. Deleting a group
changes the count, saving one changes the time, so every process sees an
edit with its next search, without a cache server and without a reindex.
"""

import threading
from dataclasses import dataclass, field

from django.db.models import Count, Max

from . import synonym_members
from .models import SynonymGroup


@dataclass(frozen=True)
class _Dictionary:
    stamp: tuple
    # {index term (a word's terms joined): ((member as written, its terms), ...)}
    others: dict = field(default_factory=dict)


_lock = threading.Lock()
_current = _Dictionary(stamp=None)


def _stamp():
    row = SynonymGroup.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    return (row["count"], row["latest"])


def _build(stamp):
    """Every word of every group, with the other words of the groups it is in."""
    others = {}
    for members in SynonymGroup.objects.order_by("pk").values_list("members", flat=True):
        words = synonym_members.with_terms(members)
        for _word, terms in words:
            key = "".join(terms)
            found = others.setdefault(key, {})
            for other, other_terms in words:
                if other_terms != terms:
                    # A word in several groups: each other word once, as first written.
                    found.setdefault(other_terms, (other, other_terms))
    return _Dictionary(stamp, {key: tuple(found.values()) for key, found in others.items()})


def _dictionary():
    global _current
    stamp = _stamp()
    dictionary = _current
    if dictionary.stamp != stamp:
        with _lock:
            if _current.stamp != stamp:
                _current = _build(stamp)
            dictionary = _current
    return dictionary


def table():
    """The whole dictionary as ``lookup`` reads it, checked once: for a caller with many terms.

    ``table().get(term, ())`` answers as ``lookup(term)`` does, and a query's
    parse costs one stamp query however many words and parts it has.
    """
    return _dictionary().others


def lookup(term):
    """The other members of every synonym group that holds ``term`` (an index term).

    Each as (the member as written, the member's index terms), e.g.
    ``lookup("ぱそこん")`` → ``[("PC", ("pc",)), ("端末", ("端末",))]``. A word
    of several terms (庁内LAN) is found by its terms joined (``"庁内lan"``).
    """
    return list(_dictionary().others.get(term, ()))
