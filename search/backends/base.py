"""The one interface every search engine implements, and the shapes it speaks in."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ..query import QueryWord, parse

ORDER_RELEVANCE = "relevance"
ORDER_DATE = "date"
# Counts and facets stop at this many matches: a word found in half the intranet
# need not cost a pass over every match. ``SearchResults.total_capped`` says so.
COUNT_CAP = 1000

# The tiers of every engine's score: a document matching more of the words ranks above one
# matching fewer, then more words in the title (and keywords), then more words matched by
# one of their own terms rather than only by a phrase of a compound's parts. Text score and
# boost stay below EXACT_TIER, so they order documents within a tier only.
WORD_TIER = 1000
TITLE_TIER = 100
EXACT_TIER = 10


@dataclass(frozen=True)
class SearchRequest:
    """A search: the words, who asks (their access tokens) and how to narrow and sort."""

    text: str
    access: frozenset[str] | None  # None: may see everything
    types: tuple[str, ...] = ()
    department_ids: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    order: str = ORDER_RELEVANCE
    offset: int = 0
    limit: int = 20
    match_any: bool = False  # at least one word instead of all: for "related" suggestions
    # At least this many of the words must match (None: every word; match_any: one).
    minimum_match: int | None = None
    prefix: bool = False  # the last word matches index terms that begin with it (suggestions)
    title_only: bool = False  # match titles (and keywords) only (suggestions)
    count_cap: int = COUNT_CAP
    words: tuple[QueryWord, ...] = field(default=(), compare=False)

    def __post_init__(self):
        if not self.words and self.text:
            object.__setattr__(self, "words", tuple(parse(self.text, prefix=self.prefix)))

    @property
    def terms(self):
        """Every index term of the query, for highlighting; empty when there is nothing to find."""
        return tuple(dict.fromkeys(t for word in self.words for t in word.all_terms()))

    @property
    def required(self):
        """How many of the words a document must match."""
        if self.match_any:
            return 1 if self.words else 0
        if self.minimum_match is None:
            return len(self.words)
        return max(1, min(self.minimum_match, len(self.words)))

    def without(self, **changes):
        return replace(self, **changes)


@dataclass(frozen=True)
class Hit:
    key: str
    doc_type: str
    object_id: str
    title: str
    body: str
    url: str
    date: datetime | None
    department_id: int | None
    score: float
    group: str = ""  # see SearchDocument: the whole this hit is a part of
    part: str = ""
    marks: tuple[str, ...] = ()
    matched_all: bool = True  # False: a fallback hit that lacks some of the query's words


@dataclass(frozen=True)
class SearchResults:
    """One page of hits; the total and the facets count at most ``request.count_cap`` matches.

    When there are more, ``total`` is the cap and ``total_capped`` is true; the
    facet counts are then lower bounds too (each at most the cap).
    """

    hits: list[Hit]
    total: int
    type_counts: dict[str, int]
    department_counts: dict[int, int]
    total_capped: bool = False


EMPTY_RESULTS = SearchResults(hits=[], total=0, type_counts={}, department_counts={})


def searchable(request):
    """Whether the request has words, each with something to match (else nothing is found)."""
    return bool(request.words) and all(w.terms or w.phrases for w in request.words)


class SearchUnavailable(Exception):
    """The engine cannot be reached or refused the query; pages say so instead of failing."""


class SearchBackend:
    """index / delete / search / count / clear, the same for every engine.

    ``transactional`` engines keep their index in the application's database,
    so an index change can run inside the same transaction as the change it
    reflects; the others are updated once the transaction has committed.
    """

    name = ""
    transactional = False

    def index(self, documents):
        raise NotImplementedError

    def delete(self, keys):
        raise NotImplementedError

    def search(self, request):
        raise NotImplementedError

    def count(self, request):
        return self.search(request.without(offset=0, limit=0)).total

    def clear(self):
        raise NotImplementedError

    def rebuild(self, documents, batch_size=500, progress=None):
        """Replace the whole index with these documents; returns how many were indexed."""
        self.clear()
        return self._index_in_batches(documents, batch_size, progress)

    def _index_in_batches(self, documents, batch_size, progress):
        batch, total = [], 0
        for document in documents:
            batch.append(document)
            if len(batch) >= batch_size:
                self.index(batch)
                total += len(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            self.index(batch)
            total += len(batch)
            if progress:
                progress(len(batch))
        return total
