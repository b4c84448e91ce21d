"""The search log: what staff searched for, found and opened, for the IT desk."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone

from .models import SearchClick, SearchQueryLog
from .text import normalize


def record_search(user, query, hits, all_words_hits=None):
    """Log a search under the searcher's department, never their name.

    ``hits``: how many results the user was shown; ``all_words_hits``: how many
    of them have every word of the query (all of them, unless said).
    """
    profile = getattr(user, "staff_profile", None)
    return SearchQueryLog.objects.create(
        query=normalize(query)[:200],
        department_id=profile.department_id if profile else None,
        hits=hits,
        all_words_hits=hits if all_words_hits is None else all_words_hits,
    )


def record_click(log_id, document_key, rank):
    if SearchQueryLog.objects.filter(pk=log_id).exists():
        SearchClick.objects.create(log_id=log_id, document_key=document_key[:200], rank=rank)


def _since(days):
    return timezone.now() - timedelta(days=days)


def top_queries(days=30, limit=20):
    return list(
        SearchQueryLog.objects.filter(created_at__gte=_since(days))
        .values("query")
        .annotate(searches=Count("id"), last_hits=Max("hits"))
        .order_by("-searches", "query")[:limit]
    )


def zero_result_queries(days=30, limit=20):
    return list(
        SearchQueryLog.objects.filter(created_at__gte=_since(days), hits=0)
        .values("query")
        .annotate(searches=Count("id"))
        .order_by("-searches", "query")[:limit]
    )


def partial_result_queries(days=30, limit=20):
    """Queries that found only results lacking some of their words (candidates for synonyms)."""
    return list(
        SearchQueryLog.objects.filter(created_at__gte=_since(days), hits__gt=0, all_words_hits=0)
        .values("query")
        .annotate(searches=Count("id"))
        .order_by("-searches", "query")[:limit]
    )


def unclicked_queries(days=30, limit=20):
    """Queries that found something, yet nobody opened any of the results."""
    return list(
        SearchQueryLog.objects.filter(created_at__gte=_since(days), hits__gt=0)
        .values("query")
        .annotate(searches=Count("id", distinct=True), clicks=Count("clicks"))
        .filter(clicks=0)
        .order_by("-searches", "query")[:limit]
    )


def prune(days=None):
    """Delete log entries older than the retention period; returns how many."""
    days = settings.SEARCH_LOG_RETENTION_DAYS if days is None else days
    _total, by_model = SearchQueryLog.objects.filter(~Q(created_at__gte=_since(days))).delete()
    return by_model.get(SearchQueryLog._meta.label, 0)
