from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from intranet import roles

        from . import pages, staff

        for role in (roles.IT_DESK, roles.IT_DESK_LEAD):
            roles.grant(role, ["search.view_search_report"])
        pages.register_pages()
        staff.register_staff()
