from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

SYNONYM_PERMISSIONS = [
    f"search.{action}_synonymgroup" for action in ("add", "change", "delete", "view")
]


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from intranet import roles

        from . import access, pages, staff

        # The IT desk watches what staff search for and curates the synonym dictionary.
        for role in (roles.IT_DESK, roles.IT_DESK_LEAD):
            roles.grant(role, ["search.view_search_report", *SYNONYM_PERMISSIONS])
        pages.register_pages()
        staff.register_staff()
        # A user's access tokens are cached; what they come from says when they change.
        access.connect()
