"""What the search page shows for a query, as data: the page and ``search_query`` both read it.

``results_page`` runs the search the page runs and puts the hits in the
order the page lists them, with the notices it shows above them; the view
only adds links, highlights and snippets, and ``manage.py search_query
--json`` prints ``as_data()``. One path, so the two cannot drift.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .backends.base import ORDER_RELEVANCE, Hit
from .finder import PAGE_SIZE, Found, find

# Between the curated words the notice lists (「PC・端末 を含めて検索しました」).
WORD_SEPARATOR = "・"


@dataclass(frozen=True)
class Shown:
    """A hit and its rank on the results (1 is the best of the whole list, not of a page)."""

    rank: int
    hit: Hit


@dataclass
class Entry:
    """One item of the list: a whole and the parts of it that were found, or a lone hit.

    A hit that names a ``group`` (a page of a material's file) joins the
    entry of that group: the whole's title is shown once, with the hit on the
    whole itself (``head``, if it was found) and the hits on its parts beneath.
    """

    first: Shown
    group: str = ""
    head: Shown | None = None
    parts: list[Shown] = field(default_factory=list)

    def shown(self):
        """The entry's hits in the order the page shows them: the whole, then its parts."""
        return ([self.head] if self.head else []) + self.parts


def entries(found):
    """The page's hits with the parts of one whole together, in the order first found."""
    items, by_group = [], {}
    for shown in (Shown(found.first_rank + i, hit) for i, hit in enumerate(found.hits)):
        hit = shown.hit
        entry = by_group.get(hit.group) if hit.group else None
        if entry is None:
            entry = Entry(first=shown, group=hit.group)
            items.append(entry)
            if hit.group:
                by_group[hit.group] = entry
        if hit.part:
            entry.parts.append(shown)
        elif entry.head is None:
            entry.head = shown
        else:  # a second whole in the same group: an entry of its own
            items.append(Entry(first=shown, head=shown))
    return items


def notices(found):
    """The sentences above the list, in the order shown."""
    sentences = []
    if found.synonyms:
        sentences.append(
            _("Also searched for %(words)s") % {"words": WORD_SEPARATOR.join(found.synonyms)}
        )
    if found.fallback and found.all_words_total:
        sentences.append(
            _("Few results contain all of the words, so results with some of them follow")
        )
    elif found.fallback:
        sentences.append(
            _("No result contains all of the words, so results with some of them are shown")
        )
    return sentences


@dataclass
class ResultsPage:
    """One page of the search page's results: the search, its entries and its notices."""

    query: str
    found: Found
    entries: list[Entry]
    notices: list[str]

    @property
    def pages(self):
        return max(1, -(-self.found.total // self.found.page_size))

    def as_data(self):
        """The page as plain data (JSON): the notices, then every hit in the order listed."""
        found = self.found
        return {
            "query": self.query,
            "total": found.total,
            "total_capped": found.total_capped,
            "all_words_total": found.all_words_total,
            "fallback": found.fallback,
            "synonyms": list(found.synonyms),
            "notices": self.notices,
            "page": found.page,
            "pages": self.pages,
            "hits": [
                {
                    "rank": shown.rank,
                    "title": shown.hit.title,
                    "part": shown.hit.part,
                    "url": shown.hit.url,
                    "type": shown.hit.doc_type,
                    "matched_all": shown.hit.matched_all,
                    "key": shown.hit.key,
                    "score": round(shown.hit.score, 6),
                    "date": shown.hit.date.isoformat() if shown.hit.date else None,
                }
                for entry in self.entries
                for shown in entry.shown()
            ],
        }


def results_page(
    user, text, *, types=(), filters=None, page=1, order=ORDER_RELEVANCE, backend=None
):
    """Search as ``user`` the way the search page does; None when the engine is unavailable."""
    found = find(
        user,
        text,
        types=types,
        filters=filters,
        page=page,
        page_size=PAGE_SIZE,
        order=order or ORDER_RELEVANCE,
        backend=backend,
    )
    if found.unavailable:
        return None
    return ResultsPage(query=text, found=found, entries=entries(found), notices=notices(found))
