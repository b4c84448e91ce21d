"""``search.find``: one search as a user, with paging and facets; an outage is a result.

The search page, the 質問箱's suggestions and any app that offers "related"
items call this instead of assembling a request, choosing an engine and
catching its errors themselves.

A search asks for every word (precision). When that finds fewer than
``FALLBACK_BELOW`` documents, it also asks for fewer of the words and shows
one list: the documents with every word first, in their order, then the
others in the relaxed search's order, each marked ``matched_all=False``.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from .access import access_tokens
from .backends import get_backend
from .backends.base import COUNT_CAP, ORDER_RELEVANCE, Hit, SearchRequest, SearchUnavailable
from .query import QueryWord

PAGE_SIZE = 20
# Nobody pages further; a larger page number shows the last page.
MAX_PAGE = 500
# Fewer documents with every word than this: the list goes on with documents that
# have some of the words. A handful is what a first screen shows without scrolling.
FALLBACK_BELOW = 5


def relaxed_minimum(word_count):
    """How many of the words a fallback hit must have: at least half of them (rounded up).

    One request with a minimum-should-match runs the same on every engine and
    lets each engine's ranking put the documents with more, and rarer, words
    first; dropping words one by one by document frequency would cost a
    count per word before the search even starts.
    """
    return max(1, (word_count + 1) // 2)


@dataclass(frozen=True)
class Filters:
    department_ids: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class Found:
    """What a search found: one page of hits, the total and the facets, or that it could not run.

    ``fallback``: the list goes on past the documents with every word (there
    were fewer than ``FALLBACK_BELOW``) with documents that have only some of
    them; ``all_words_total`` counts the former. When ``total_capped``, more
    than ``total`` documents matched and the facet counts are lower bounds.
    """

    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    type_counts: dict[str, int] = field(default_factory=dict)
    department_counts: dict[int, int] = field(default_factory=dict)
    page: int = 1
    page_size: int = PAGE_SIZE
    terms: tuple[str, ...] = ()
    unavailable: bool = False
    total_capped: bool = False
    fallback: bool = False
    all_words_total: int = 0
    words: tuple[QueryWord, ...] = ()

    @property
    def first_rank(self):
        return (self.page - 1) * self.page_size + 1

    @property
    def prefixes(self):
        """The words typed in kana that may begin a reading (see ``QueryWord.prefixes``)."""
        return tuple(dict.fromkeys(p for word in self.words for p in word.prefixes))

    @property
    def synonyms(self):
        """The curated words the search added to the typed ones, each once."""
        return tuple(dict.fromkeys(s for word in self.words for s in word.synonyms))


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
    backend=None,
    prefix=False,
    title_only=False,
    count_cap=COUNT_CAP,
):
    """Search as ``user``: only what they may see is found, counted or faceted.

    ``match_any`` finds documents with any of the words (for "related"
    suggestions) instead of all of them, and never falls back. A page past
    the last shows the last. ``backend`` names an engine other than the
    configured one (scripts comparing engines). ``prefix``, ``title_only``
    and ``count_cap`` go to the engine as they are (see ``SearchRequest``):
    suggestions while typing ask for titles that begin with what is typed,
    need no exact count, and never fall back.
    """
    filters = filters or Filters()
    page = min(max(1, int(page)), MAX_PAGE)
    request = SearchRequest(
        text=text,
        access=access_tokens(user),
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
    engine = get_backend(backend)
    try:
        results = engine.search(request)
        if _falls_back(request, results):
            return _with_fallback(engine, request, results, page, page_size)
        if results.total and not results.hits and page > 1:
            page = _last_page(results.total, page_size)
            results = engine.search(request.without(offset=(page - 1) * page_size))
    except SearchUnavailable:
        return Found(
            page=page,
            page_size=page_size,
            terms=request.terms,
            words=request.words,
            unavailable=True,
        )
    return Found(
        hits=results.hits,
        total=results.total,
        total_capped=results.total_capped,
        type_counts=results.type_counts,
        department_counts=results.department_counts,
        page=page,
        page_size=page_size,
        terms=request.terms,
        words=request.words,
        all_words_total=results.total if request.required == len(request.words) else 0,
    )


def _last_page(total, page_size):
    return max(1, min(MAX_PAGE, (total - 1) // page_size + 1))


def _falls_back(request, results):
    if request.prefix:  # suggestions while typing: the words typed so far, all of them
        return False
    # A count that is a lower bound (capped, or cut short by an engine's budget) may hide more.
    return (
        request.required == len(request.words) >= 2
        and results.total < FALLBACK_BELOW
        and not results.total_capped
    )


def _relaxed(request, minimum):
    # ``match_any`` says the same as a minimum of one to an engine that reads only that flag.
    return request.without(minimum_match=minimum, match_any=minimum == 1, offset=0)


def _with_fallback(engine, request, strict, page, page_size):
    """The documents with every word, then those with some of them, as one list.

    The relaxed ranking holds the documents with every word too, wherever
    the engine ranked them; so that paging stays coherent, a page is cut from
    the relaxed ranking read from its start, skipping those documents, after
    the few with every word. The list is as long as the count cap at most,
    so a later page reads at most that many hits. When half the words find
    nothing more, any one of them does.
    """
    if len(strict.hits) < strict.total or request.offset:
        strict = engine.search(request.without(offset=0, limit=FALLBACK_BELOW))
    first = strict.hits
    keys = {hit.key for hit in first}
    page = min(page, _last_page(request.count_cap, page_size))
    end = page * page_size
    for minimum in dict.fromkeys((relaxed_minimum(len(request.words)), 1)):
        found = engine.search(_relaxed(request, minimum).without(limit=end))
        if found.total > len(first):
            break
    rest = [replace(hit, matched_all=False) for hit in found.hits if hit.key not in keys]
    if not found.total_capped and len(found.hits) >= found.total:
        total = len(first) + len(rest)  # the whole list was read: count it exactly
    else:
        total = max(found.total, len(first))
    page = min(page, _last_page(total, page_size))
    fallback = total > len(first)
    counted = found if fallback else strict
    return Found(
        hits=(first + rest)[(page - 1) * page_size : page * page_size],
        total=total,
        total_capped=found.total_capped,
        type_counts=counted.type_counts,
        department_counts=counted.department_counts,
        page=page,
        page_size=page_size,
        terms=request.terms,
        words=request.words,
        fallback=fallback,
        all_words_total=strict.total,
    )
