"""Search reports for the IT desk: what staff search for, and what they do not find."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet import csv_export

from . import log, report_actions

REPORT_PERMISSION = "search.view_search_report"

REPORTS = {
    "top": (_("Top searches"), log.top_queries),
    "zero": (_("Searches that found nothing"), log.zero_result_queries),
    "unclicked": (_("Searches whose results nobody opened"), log.unclicked_queries),
}
PERIODS = (7, 30, 90, 365)


def _days(request):
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    return days if days in PERIODS else 30


def _require_permission(request):
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied


def search_reports(request):
    _require_permission(request)
    days = _days(request)
    actions = report_actions.actions_for(request.user)
    reports = [
        {"key": key, "title": title, "rows": fetch(days=days, limit=50)}
        for key, (title, fetch) in REPORTS.items()
    ]
    # A query that found nothing can be made to find something, in two clicks.
    for report in reports:
        if report["key"] == "zero":
            report["actions"] = actions
            for row in report["rows"]:
                row["actions"] = [(a.label, a.url_for(row["query"])) for a in actions]
    return TemplateResponse(
        request,
        "search/admin/reports.html",
        {"reports": reports, "days": days, "periods": PERIODS, "page_title": _("Search reports")},
    )


def search_report_csv(request, report):
    """One report as CSV, UTF-8 with BOM so that Excel reads the Japanese correctly."""
    _require_permission(request)
    if report not in REPORTS:
        raise PermissionDenied
    days = _days(request)
    title, fetch = REPORTS[report]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="search-{report}-{stamp}.csv"'
    writer = csv_export.writer(response)
    writer.writerow([str(_("Query")), str(_("Searches")), str(_("Hits"))])
    for row in fetch(days=days, limit=10_000):
        writer.writerow([row["query"], row["searches"], row.get("last_hits", "")])
    return response
