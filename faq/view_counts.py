"""FAQ view counts without a database write on every page view.

Each process counts views in memory and writes them in one batch, one row per
FAQ and day, when ``FAQ_VIEW_FLUSH_EVERY`` views have piled up or
``FAQ_VIEW_FLUSH_SECONDS`` have passed since the last write, and when the
process exits. A crash loses at most that many views, which is acceptable for
a popularity list.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import FaqDailyViews, FaqPage

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_pending = Counter()
_last_flush = time.monotonic()


def record_view(page_id):
    """Count one view in memory; write the batch only when it is due."""
    with _lock:
        _pending[(page_id, timezone.localdate())] += 1
        due = (
            sum(_pending.values()) >= settings.FAQ_VIEW_FLUSH_EVERY
            or time.monotonic() - _last_flush >= settings.FAQ_VIEW_FLUSH_SECONDS
        )
    if due:
        flush()


def pending_views():
    with _lock:
        return sum(_pending.values())


def flush():
    """Write the views counted so far: one UPDATE (or INSERT) per FAQ and day."""
    global _last_flush
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not batch:
        return 0
    try:
        page_ids = {page_id for page_id, _day in batch}
        existing = set(FaqPage.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
        with transaction.atomic():
            for (page_id, day), views in batch.items():
                if page_id in existing:
                    _add_views(page_id, day, views)
    except DatabaseError:
        # Counting must never break reading an FAQ: keep the batch for the next write.
        logger.warning("FAQ view counts could not be written; kept for the next try", exc_info=True)
        with _lock:
            _pending.update(batch)
        return 0
    return sum(batch.values())


def _add_views(page_id, day, views):
    rows = FaqDailyViews.objects.filter(page_id=page_id, day=day)
    if rows.update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            FaqDailyViews.objects.create(page_id=page_id, day=day, views=views)
    except IntegrityError:  # another process created the row first
        rows.update(views=F("views") + views)


def discard_pending():
    """Forget the views not yet written and start the clock again (for tests).

    Without the clock, a test that ran a minute after the last write would
    see its first view written at once, whatever the test meant to check.
    """
    global _last_flush
    with _lock:
        _pending.clear()
        _last_flush = time.monotonic()


atexit.register(flush)
