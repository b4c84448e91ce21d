"""Suggestions while typing in the header's search box: FAQ titles and popular searches.

The box asks ``/search/suggest/?q=…`` on every ``input`` event, also while the
IME is still composing, so what arrives is often hiragana typed as read
(ぱすわ for パスワード). Two kinds of suggestion answer it:

- FAQ titles with a word that begins with what is typed: one ``search.find``
  as the user, titles (and keywords) only, the last word as a prefix. The
  engine's access filter applies as for every hit, so a title the user may
  not open is never suggested.
- Popular searches: queries of the search log that found something, searched
  at least ``POPULAR_MIN_SEARCHES`` times in ``POPULAR_DAYS`` days, whose text
  or reading begins with what is typed. A query typed in one area (its
  project names, a colleague's name) must not travel to the rest of the
  office through this list, and the log keeps only the searcher's
  department. So a query is suggested only when at least
  ``POPULAR_MIN_DEPARTMENTS`` departments searched it (common knowledge, not
  one area's) and the personal-data guard finds nothing in it. Checking
  instead that the query finds something for *this* user would cost one
  search per candidate on every keystroke, and would not stop a query one
  area typed about its own affairs (which also finds public pages) from
  reaching everyone.

Hostile or odd input gives an empty list, never an error: the length is
capped, a single kana is too little to suggest from, and an engine that is
down answers with no FAQ titles.
"""

import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet import privacy
from intranet.kana import normalize_for_lookup, to_hiragana

from .finder import find
from .models import SearchQueryLog
from .text import _tokenizer, normalize

# At most this many suggestions in all, of which at most POPULAR_LIMIT past searches.
LIMIT = 8
POPULAR_LIMIT = 3
# Fewer characters suggest nothing; a single kanji (会, 旅) is already a word.
MIN_CHARS = 2
# More is not being typed into a search box letter by letter: no suggestion.
MAX_CHARS = 50

POPULAR_DAYS = 90
POPULAR_MIN_SEARCHES = 3
POPULAR_MIN_DEPARTMENTS = 3
# How many of the most searched queries are kept in memory to match against.
POPULAR_KEPT = 2000
POPULAR_CACHE_KEY = "search.suggest.popular"
POPULAR_CACHE_SECONDS = 300

KIND_QUERY = "query"
KIND_FAQ = "faq"


@dataclass(frozen=True)
class Suggestion:
    kind: str  # KIND_QUERY or KIND_FAQ
    text: str
    url: str


def _is_ideograph(char):
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def typed_key(text):
    """What is typed, folded for prefix matching: NFKC, lower case, hiragana, no spaces."""
    return normalize_for_lookup(text)


def worth_suggesting(text):
    """Whether ``text`` is long enough to suggest from, and short enough to be typed by hand."""
    key = typed_key(text)
    if not key or len(normalize(text)) > MAX_CHARS:
        return False
    return len(key) >= MIN_CHARS or _is_ideograph(key)


def reading(text):
    """The text's reading in hiragana, without spaces (会議室 予約 → かいぎしつよやく).

    Staff type a reading while the IME composes; a past search written in
    kanji is matched against its reading as well as its text.
    """
    from sudachipy import SplitMode

    tokenizer = _tokenizer()
    return "".join(
        to_hiragana(word.reading_form() or word.surface())
        for chunk in normalize(text).split()
        for word in tokenizer.tokenize(chunk, SplitMode.C)
    )


def _popular_entries():
    since = timezone.now() - timedelta(days=POPULAR_DAYS)
    rows = (
        SearchQueryLog.objects.filter(created_at__gte=since, hits__gt=0)
        .values("query")
        .annotate(searches=Count("id"), departments=Count("department", distinct=True))
        .filter(searches__gte=POPULAR_MIN_SEARCHES, departments__gte=POPULAR_MIN_DEPARTMENTS)
        .order_by("-searches", "query")[:POPULAR_KEPT]
    )
    entries = []
    for row in rows:
        query = row["query"]
        if not query.strip() or privacy.scan(query):
            continue
        keys = tuple(dict.fromkeys((typed_key(query), typed_key(reading(query)))))
        entries.append((query, keys))
    return entries


def popular_queries():
    """The queries that may be suggested, most searched first, each with its matching keys.

    Worked out from the log at most every few minutes and kept in the cache:
    the log grows by a search at a time, and a suggestion need not be fresher.
    """
    entries = cache.get(POPULAR_CACHE_KEY)
    if entries is None:
        entries = _popular_entries()
        cache.set(POPULAR_CACHE_KEY, entries, POPULAR_CACHE_SECONDS)
    return entries


def forget_popular_queries():
    cache.delete(POPULAR_CACHE_KEY)


def _results_url(query):
    return f"{reverse('search:results')}?{urlencode({'q': query})}"


def popular_suggestions(text, limit=POPULAR_LIMIT):
    key = typed_key(text)
    found = []
    for query, keys in popular_queries():
        if any(candidate.startswith(key) for candidate in keys):
            found.append(Suggestion(KIND_QUERY, query, _results_url(query)))
            if len(found) >= limit:
                break
    return found


def faq_suggestions(user, text, limit=LIMIT):
    """FAQ titles the user may open with a word beginning with ``text``, best first."""
    found = find(
        user,
        text,
        types=("faq",),
        page_size=limit,
        prefix=True,
        title_only=True,
        count_cap=limit,
    )
    suggestions, seen = [], set()
    for hit in found.hits:
        if hit.url in seen or not hit.title:
            continue
        seen.add(hit.url)
        suggestions.append(Suggestion(KIND_FAQ, hit.title, hit.url))
    return suggestions


def suggest(user, text):
    """Up to ``LIMIT`` suggestions for what ``user`` has typed so far: past searches first."""
    if not worth_suggesting(text):
        return []
    popular = popular_suggestions(text)
    return popular + faq_suggestions(user, text, limit=LIMIT - len(popular))


def suggestions_view(request):
    """The suggestions as JSON, grouped by kind; the box renders them as text only.

    Non-ASCII characters are written as they are, so what a response shows can
    be read (and searched for in tests) like any page.
    """
    text = request.GET.get("q", "")
    labels = {KIND_QUERY: _("Popular searches"), KIND_FAQ: _("FAQ")}
    suggestions = suggest(request.user, text)
    groups = [
        {
            "kind": kind,
            "label": label,
            "items": [{"text": s.text, "url": s.url} for s in suggestions if s.kind == kind],
        }
        for kind, label in labels.items()
    ]
    return JsonResponse(
        {"query": text[:MAX_CHARS], "groups": [group for group in groups if group["items"]]},
        json_dumps_params={"ensure_ascii": False},
    )
