"""The home page's 「今月の教訓」 panel: the lessons of the cases published this month.

Cards of title, lesson (shortened) and a link to the case. A month with no
new case shows the latest few instead, so the panel never goes empty while
the collection has lessons. Only published cases, and only their public text:
no reporter, no department, no date. One query, whatever the collection's size.
"""

from datetime import datetime, time

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from intranet import dashboard

from . import rules

PANEL_SIZE = 4
LESSON_CHARS = 80


def _start_of_month(now):
    today = timezone.localtime(now).date()
    return timezone.make_aware(datetime.combine(today.replace(day=1), time.min))


def lesson_cases(now=None):
    """This month's published cases with a lesson, or else the latest ones (one query)."""
    start = _start_of_month(now or timezone.now())
    with_lessons = (
        rules.published_cases()
        .exclude(lessons="")
        .only("pk", "title", "lessons", "published_at")
        .order_by("-published_at", "-pk")
    )
    latest = list(with_lessons[:PANEL_SIZE])
    # Newest first: if the newest are this month's, they are this month's lessons;
    # otherwise they are the latest few, which is the fallback.
    this_month = [case for case in latest if case.published_at >= start]
    return this_month or latest


def lesson_text(case):
    return Truncator(" ".join(case.lessons.split())).chars(LESSON_CHARS)


def panel_items(request):
    return [
        dashboard.PanelItem(title=case.title, url=case.get_absolute_url(), meta=lesson_text(case))
        for case in lesson_cases()
    ]


def register():
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="incidents.lessons",
            title=gettext_lazy("Lessons of the month"),
            order=45,
            items=panel_items,
            empty_message=gettext_lazy("No lessons have been published yet."),
            more_url="incidents:index",
            more_label=gettext_lazy("Mistake and near-miss case collection"),
            template_name="incidents/includes/lessons_panel.html",
        )
    )
