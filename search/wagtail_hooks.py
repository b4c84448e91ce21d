from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from . import admin_views, log, report_actions
from .synonym_admin import SynonymGroupViewSet


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path("search-reports/", admin_views.search_reports, name="search_reports"),
        path(
            "search-reports/<str:report>.csv",
            admin_views.search_report_csv,
            name="search_report_csv",
        ),
        path(
            "search-reports/add-synonym/",
            report_actions.add_to_synonym_group,
            name="search_report_synonym",
        ),
    ]


register_snippet(SynonymGroupViewSet)


class SearchReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_search_reports_menu_item():
    return SearchReportsMenuItem(
        _("Search reports"), reverse("search_reports"), icon_name="search", order=900
    )


class SearchReportPanel(Component):
    """On the admin dashboard of the IT desk: this month's top and zero-result searches."""

    name = "search_report"
    template_name = "search/admin/dashboard_panel.html"
    order = 150

    def get_context_data(self, parent_context=None):
        return {
            "heading": _("Searches this month"),
            "lists": [
                {"heading": _("Top searches"), "rows": log.top_queries(days=30, limit=5)},
                {
                    "heading": _("Searches that found nothing"),
                    "rows": log.zero_result_queries(days=30, limit=5),
                },
            ],
        }


@hooks.register("construct_homepage_panels")
def add_search_report_panel(request, panels):
    if request.user.has_perm(admin_views.REPORT_PERMISSION):
        panels.append(SearchReportPanel())
