"""How the incidents app plugs into the intranet: files, roles, menu, search, dashboard."""

from django.utils.translation import gettext_lazy as _

from intranet import navigation, roles
from intranet.navigation import NavItem

# The administration office keeps the categories in the Wagtail admin; the
# reports and cases are reviewed and published on the app's own screens.
ADMIN_OFFICE_PERMISSIONS = [
    roles.ADMIN_ACCESS,
    "incidents.add_category",
    "incidents.change_category",
    "incidents.view_category",
]


def grant_roles():
    roles.grant(roles.ADMIN_OFFICE, ADMIN_OFFICE_PERMISSIONS)


def register_navigation():
    navigation.register_nav_item(
        NavItem(label=_("Near-miss cases"), url_name="incidents:index", order=40)
    )


def connect():
    from . import dashboard, files, lessons_panel, search

    grant_roles()
    files.register()
    register_navigation()
    search.register_cases()
    dashboard.register()
    lessons_panel.register()
