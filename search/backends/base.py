"""The one interface every search engine implements, and the shapes it speaks in."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ..text import query_terms

ORDER_RELEVANCE = "relevance"
ORDER_DATE = "date"


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
    match_any: bool = False  # OR instead of AND: for "related" suggestions
    terms: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self):
        if not self.terms:
            object.__setattr__(self, "terms", tuple(query_terms(self.text)))

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


@dataclass(frozen=True)
class SearchResults:
    hits: list[Hit]
    total: int
    type_counts: dict[str, int]
    department_counts: dict[int, int]


EMPTY_RESULTS = SearchResults(hits=[], total=0, type_counts={}, department_counts={})


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
