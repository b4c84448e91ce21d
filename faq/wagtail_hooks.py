from wagtail import hooks
from wagtail.admin.ui.components import Component

from intranet import roles

from . import curation, view_counts
from .admin_views import OpenQuestionViewSet
from .models import FaqDailyViews, FaqPage

CURATORS = (roles.IT_DESK, roles.IT_DESK_LEAD)


class FaqCurationPanel(Component):
    """On the IT desk's admin dashboard: open questions, stale, unhelpful and popular FAQs."""

    name = "faq_curation"
    template_name = "faq/admin/curation_panel.html"
    order = 140

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        waiting, waiting_count = curation.waiting_questions()
        return {
            "overdue": curation.overdue_reviews(self.user),
            "lowest": curation.lowest_rated(self.user),
            "most_viewed": FaqDailyViews.objects.most_viewed(self.user),
            "waiting": waiting,
            "waiting_count": waiting_count,
        }


@hooks.register("construct_homepage_panels")
def add_faq_curation_panel(request, panels):
    user = request.user
    if user.is_superuser or any(roles.has_role(user, role) for role in CURATORS):
        panels.append(FaqCurationPanel(user))


@hooks.register("register_admin_viewset")
def register_open_question_viewset():
    return OpenQuestionViewSet()


@hooks.register("before_serve_page")
def count_faq_view(page, request, serve_args, serve_kwargs):
    if isinstance(page, FaqPage):
        view_counts.record_view(page.pk)
