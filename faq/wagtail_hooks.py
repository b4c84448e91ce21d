from wagtail import hooks
from wagtail.admin.ui.components import Component

from intranet import roles

from . import curation

CURATORS = (roles.IT_DESK, roles.IT_DESK_LEAD)


class FaqCurationPanel(Component):
    """On the IT desk's admin dashboard: FAQs overdue for review and the lowest-rated ones."""

    name = "faq_curation"
    template_name = "faq/admin/curation_panel.html"
    order = 140

    def get_context_data(self, parent_context=None):
        return {
            "overdue": curation.overdue_reviews(),
            "lowest": curation.lowest_rated(),
        }


@hooks.register("construct_homepage_panels")
def add_faq_curation_panel(request, panels):
    user = request.user
    if user.is_superuser or any(roles.has_role(user, role) for role in CURATORS):
        panels.append(FaqCurationPanel())
