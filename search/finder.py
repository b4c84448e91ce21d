"""``search.find``: one search as a user, with paging and facets; an outage is a result.

The search page, the 質問箱's suggestions and any app that offers "related"
items call this instead of assembling a request, choosing an engine and
catching its errors themselves.
"""

from dataclasses import dataclass, field
from datetime import date

from .backends import get_backend
from .backends.base import COUNT_CAP, ORDER_RELEVANCE, Hit, SearchRequest, SearchUnavailable
from .documents import user_access_tokens

PAGE_SIZE = 20
# Nobody pages further; a larger page number shows the last page.
MAX_PAGE = 500


@dataclass(frozen=True)
class Filters:
    department_ids: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class Found:
    """What a search found: one page of hits, the total and the facets, or that it could not run."""

    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    type_counts: dict[str, int] = field(default_factory=dict)
    department_counts: dict[int, int] = field(default_factory=dict)
    page: int = 1
    page_size: int = PAGE_SIZE
    terms: tuple[str, ...] = ()
    unavailable: bool = False

    @property
    def first_rank(self):
        return (self.page - 1) * self.page_size + 1


def find(
    user,
    text,
    *,
    types=(),
    filters=None,
    page=1,
    page_size=PAGE_SIZE,
    match_any=False,
    order=ORDER_RELEVANCE,
    prefix=False,
    title_only=False,
    count_cap=COUNT_CAP,
):
    """Search as ``user``: only what they may see is found, counted or faceted.

    ``match_any`` finds documents with any of the words (for "related"
    suggestions) instead of all of them. A page past the last shows the last.
    ``prefix``, ``title_only`` and ``count_cap`` go to the engine as they are
    (see ``SearchRequest``): suggestions while typing ask for titles that
    begin with what is typed, and need no exact count.
    """
    filters = filters or Filters()
    page = min(max(1, int(page)), MAX_PAGE)
    request = SearchRequest(
        text=text,
        access=user_access_tokens(user),
        types=tuple(types),
        department_ids=tuple(filters.department_ids),
        date_from=filters.date_from,
        date_to=filters.date_to,
        order=order,
        offset=(page - 1) * page_size,
        limit=page_size,
        match_any=match_any,
        prefix=prefix,
        title_only=title_only,
        count_cap=count_cap,
    )
    backend = get_backend()
    try:
        results = backend.search(request)
        if results.total and not results.hits and page > 1:
            page = (results.total - 1) // page_size + 1
            results = backend.search(request.without(offset=(page - 1) * page_size))
    except SearchUnavailable:
        return Found(page=page, page_size=page_size, terms=request.terms, unavailable=True)
    return Found(
        hits=results.hits,
        total=results.total,
        type_counts=results.type_counts,
        department_counts=results.department_counts,
        page=page,
        page_size=page_size,
        terms=request.terms,
    )
