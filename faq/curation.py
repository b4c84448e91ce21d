"""What the IT desk should look at next: stale, unhelpful and popular FAQs, and open questions."""

from django.db.models import Count, Q
from django.utils import timezone

from intranet.visibility import visible_pages

from .models import FaqPage, OpenQuestion


def overdue_reviews(user, limit=10):
    """Live FAQs (that ``user`` may open) whose review date has passed, longest overdue first."""
    today = timezone.localdate()
    pages = visible_pages(user, FaqPage.objects.live()).only(
        "title", "url_path", "last_reviewed_on", "first_published_at", "review_interval_days"
    )
    overdue = [(page, page.review_due_on()) for page in pages]
    overdue = [(page, due) for page, due in overdue if due is not None and due < today]
    overdue.sort(key=lambda item: item[1])
    return overdue[:limit]


def lowest_rated(user, limit=5):
    """Live FAQs (that ``user`` may open) found unhelpful, the worst share of "no" votes first."""
    pages = (
        visible_pages(user, FaqPage.objects.live())
        .annotate(
            helpful_votes=Count("feedback", filter=Q(feedback__helpful=True)),
            unhelpful_votes=Count("feedback", filter=Q(feedback__helpful=False)),
        )
        .filter(unhelpful_votes__gt=0)
        .only("title", "url_path")
    )
    rated = sorted(
        pages,
        key=lambda page: (
            -page.unhelpful_votes / (page.helpful_votes + page.unhelpful_votes),
            -page.unhelpful_votes,
        ),
    )
    return rated[:limit]


def waiting_questions(limit=5):
    """Open questions nobody has answered yet, the oldest first, and how many there are."""
    waiting = OpenQuestion.objects.filter(status=OpenQuestion.Status.OPEN).order_by("created_at")
    return list(waiting[:limit]), waiting.count()
