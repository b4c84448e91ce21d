from django.template.defaultfilters import date as format_date
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component

from intranet import roles
from search import report_actions

from . import curation, search_actions, view_counts
from .admin_views import OpenQuestionViewSet
from .models import FaqDailyViews, FaqPage

CURATORS = (roles.IT_DESK, roles.IT_DESK_LEAD)


class FaqDashboardPanel(Component):
    """One of the IT desk's FAQ panels on the admin home: a heading and a short listing.

    Each kind below says what it lists (``rows``: title, url and a short note).
    """

    template_name = "faq/admin/dashboard_panel.html"
    heading = ""
    meta_heading = ""
    empty_message = ""
    more_url_name = None
    more_label = ""

    def __init__(self, user):
        self.user = user

    def rows(self):
        raise NotImplementedError

    def get_heading(self):
        return self.heading

    def get_context_data(self, parent_context=None):
        return {
            "panel_id": self.name.replace("_", "-"),
            "heading": self.get_heading(),
            "meta_heading": self.meta_heading,
            "rows": self.rows(),
            "empty_message": self.empty_message,
            "more_url": reverse(self.more_url_name) if self.more_url_name else None,
            "more_label": self.more_label,
        }


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


class WaitingQuestionsPanel(FaqDashboardPanel):
    name = "faq_waiting_questions"
    order = 140
    meta_heading = _("Asked on")
    empty_message = _("No question is waiting for an answer.")
    more_url_name = "faq_questions:index"
    more_label = _("All questions")

    def rows(self):
        self.waiting, self.waiting_count = curation.waiting_questions()
        return [
            {
                "title": question.question,
                "url": reverse("faq_questions:edit", args=[question.pk]),
                "meta": format_date(question.created_at, "DATE_FORMAT"),
            }
            for question in self.waiting
        ]

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["heading"] = ngettext(
            "Open questions waiting (%(counter)s)",
            "Open questions waiting (%(counter)s)",
            self.waiting_count,
        ) % {"counter": self.waiting_count}
        return context


class FaqPagesPanel(FaqDashboardPanel):
    """A panel listing FAQ pages, each linking to its editor with a short note."""

    def pages(self):
        """(page, note) pairs, in the order shown."""
        raise NotImplementedError

    def rows(self):
        return [
            {"title": page.title, "url": _edit_url(page), "meta": note}
            for page, note in self.pages()
        ]


class OverdueReviewsPanel(FaqPagesPanel):
    name = "faq_overdue_reviews"
    order = 141
    heading = _("Overdue for review")
    meta_heading = _("Review due")
    empty_message = _("Every FAQ is within its review period.")

    def pages(self):
        for page, due in curation.overdue_reviews(self.user):
            yield page, _("due %(date)s") % {"date": format_date(due, "DATE_FORMAT")}


class LowestRatedPanel(FaqPagesPanel):
    name = "faq_lowest_rated"
    order = 142
    heading = _("Lowest-rated FAQs")
    meta_heading = _("Votes")
    empty_message = _("No FAQ has been marked unhelpful.")

    def pages(self):
        for page in curation.lowest_rated(self.user):
            yield page, _("helpful %(yes)s / not helpful %(no)s") % {
                "yes": page.helpful_votes,
                "no": page.unhelpful_votes,
            }


class MostViewedPanel(FaqPagesPanel):
    name = "faq_most_viewed"
    order = 143
    heading = _("Most viewed FAQs (30 days)")
    meta_heading = _("Views")
    empty_message = _("No FAQ views have been counted yet.")
    more_url_name = "search_reports"
    more_label = _("What staff searched for and did not find")

    def pages(self):
        for page in FaqDailyViews.objects.most_viewed(self.user):
            views = page.recent_views
            yield page, ngettext("%(counter)s view", "%(counter)s views", views) % {
                "counter": views
            }


PANELS = (WaitingQuestionsPanel, OverdueReviewsPanel, LowestRatedPanel, MostViewedPanel)


@hooks.register("construct_homepage_panels")
def add_faq_curation_panels(request, panels):
    user = request.user
    if user.is_superuser or any(roles.has_role(user, role) for role in CURATORS):
        panels.extend(panel(user) for panel in PANELS)


@hooks.register("register_admin_urls")
def register_keyword_from_search_url():
    return [
        path(
            "faq-keywords/from-search/",
            search_actions.add_keyword_from_search,
            name="faq_keyword_from_search",
        )
    ]


@hooks.register(report_actions.HOOK)
def register_keyword_report_action():
    return search_actions.report_action()


@hooks.register("register_admin_viewset")
def register_open_question_viewset():
    return OpenQuestionViewSet()


@hooks.register("before_serve_page")
def count_faq_view(page, request, serve_args, serve_kwargs):
    if isinstance(page, FaqPage):
        view_counts.record_view(page.pk)
