"""How the materials plug into the intranet: files, roles, menu, search."""

from django.utils.translation import gettext_lazy as _

from intranet import navigation, roles
from intranet.navigation import NavItem

# The administration office keeps the meeting series (who attends, which
# department is the secretary) and the libraries' category trees. Meetings
# and materials themselves are kept on their own pages by the departments
# that own them (``materials.rules``).
ADMIN_OFFICE_PERMISSIONS = [
    roles.ADMIN_ACCESS,
    "materials.add_meetingseries",
    "materials.change_meetingseries",
    "materials.delete_meetingseries",
    "materials.view_meetingseries",
    "materials.add_librarycategory",
    "materials.change_librarycategory",
    "materials.delete_librarycategory",
    "materials.view_librarycategory",
]


def grant_roles():
    roles.grant(roles.ADMIN_OFFICE, ADMIN_OFFICE_PERMISSIONS)


def register_navigation():
    navigation.register_nav_item(
        NavItem(label=_("Meeting materials"), url_name="materials:index", order=30)
    )
    navigation.register_nav_item(
        NavItem(label=_("Forms and statistics"), url_name="materials:libraries", order=32)
    )


def connect():
    from . import dashboard, files, search

    grant_roles()
    files.register()
    register_navigation()
    search.register_materials()
    dashboard.register()
