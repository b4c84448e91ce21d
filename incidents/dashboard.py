"""The home page's 「確認待ちのミス・ヒヤリハット報告」 panel, for section heads and the office.

It reads the same queue as the review page (``incidents.queue``): the number
of overdue reports first, then the reports waiting for this reviewer, most
urgent first. Staff who review nothing never see it. A fixed number of
queries, however many reports wait.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime, now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intranet import dashboard

from . import queue

PANEL_SIZE = 5


def is_visible(request):
    return queue.Reviewer.of(request.user).reviews


def panel_items(request):
    reviewer, moment = queue.Reviewer.of(request.user), now()
    items = []
    overdue = reviewer.overdue_count(moment)
    if overdue:
        items.append(
            dashboard.PanelItem(
                title=ngettext(
                    "%(count)d report is overdue", "%(count)d reports are overdue", overdue
                )
                % {"count": overdue},
                url=reverse("incidents:queue"),
            )
        )
    waiting = reviewer.queue(reviewer.waiting_states(), moment)
    for report in waiting[:PANEL_SIZE]:
        meta = _("%(department)s・due %(due)s") % {
            "department": report.department.name,
            "due": date_format(localtime(report.due_at), "DATETIME_FORMAT"),
        }
        if report.overdue:
            meta = f"{_('Overdue')}・{meta}"
        items.append(
            dashboard.PanelItem(
                title=f"{report.number} {report.title}", url=report.get_absolute_url(), meta=meta
            )
        )
    return items


def register():
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="incidents.awaiting_review",
            title=gettext_lazy("Mistake and near-miss reports awaiting review"),
            order=25,
            items=panel_items,
            is_visible=is_visible,
            empty_message=gettext_lazy("No report waits for your review."),
            more_url="incidents:queue",
            more_label=gettext_lazy("Reports awaiting review"),
        )
    )
