"""How the bulletin board plugs into the intranet: roles, menu, panels, search."""

from django.utils.translation import gettext_lazy as _

from intranet import files, navigation, roles
from intranet.navigation import NavItem

from .rules import POST_TO_ALL_STAFF

# The administration office keeps the categories and the conference boards, may edit or
# withdraw any notice, and sees every notice's confirmations.
ADMIN_OFFICE_PERMISSIONS = [
    roles.ADMIN_ACCESS,
    "bulletin.change_notice",
    "bulletin.view_confirmations",
    "bulletin.add_noticecategory",
    "bulletin.change_noticecategory",
    "bulletin.delete_noticecategory",
    "bulletin.view_noticecategory",
    "bulletin.add_board",
    "bulletin.change_board",
    "bulletin.delete_board",
    "bulletin.view_board",
]


def grant_roles():
    roles.grant(roles.STAFF, ["bulletin.add_notice"])
    for role in POST_TO_ALL_STAFF:
        roles.grant(role, ["bulletin.add_notice", "bulletin.post_to_all_staff"])
    roles.grant(roles.ADMIN_OFFICE, ADMIN_OFFICE_PERMISSIONS)


def register_navigation():
    navigation.register_nav_item(
        NavItem(label=_("Bulletin board"), url_name="bulletin:index", order=10)
    )
    navigation.register_nav_item(
        NavItem(label=_("E-conference room"), url_name="bulletin:boards", order=12)
    )


def connect():
    from . import attachments, dashboard, search
    from .conference import dashboard as conference_dashboard
    from .conference import search as conference_search

    grant_roles()
    # Notice attachments are the notice editor's alone: no role manages their
    # collection in the Wagtail admin, and the notice's audience may download them.
    files.register_owner(attachments.COLLECTION_NAME, attachments.may_download)
    register_navigation()
    dashboard.register()
    conference_dashboard.register()
    search.register_notices()
    conference_search.register_posts()
