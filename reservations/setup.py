"""How bookings and schedules plug into the intranet: roles, menu, panels."""

from django.utils.translation import gettext_lazy as _

from intranet import navigation, roles
from intranet.navigation import NavItem

# Every staff member books and keeps a schedule. A section head approves the
# bookings of the resources their department owns (scope: rules.can_approve);
# a system administrator may decide any, and is asked only when no section
# head keeps the resource (rules.approvers).
# The administration office and the system administrators keep the resources,
# their groups, features and blackout periods in the admin.
RESOURCE_ADMIN_PERMISSIONS = [
    roles.ADMIN_ACCESS,
    *(
        f"reservations.{action}_{model}"
        for model in ("resource", "resourcegroup", "feature", "blackout")
        for action in ("add", "change", "delete", "view")
    ),
]


def grant_roles():
    roles.grant(roles.STAFF, ["reservations.add_booking"])
    roles.grant(roles.SECTION_HEAD, ["reservations.approve_booking"])
    roles.grant(roles.SYSTEM_ADMIN, ["reservations.approve_booking"])
    for role in (roles.ADMIN_OFFICE, roles.SYSTEM_ADMIN):
        roles.grant(role, RESOURCE_ADMIN_PERMISSIONS)


def register_navigation():
    navigation.register_nav_item(
        NavItem(label=_("Room booking"), url_name="reservations:timeline", order=20)
    )
    navigation.register_nav_item(
        NavItem(label=_("Schedule"), url_name="reservations:schedule", order=22)
    )


def connect():
    from . import dashboard
    from .schedule import dashboard as schedule_dashboard

    grant_roles()
    register_navigation()
    dashboard.register()
    schedule_dashboard.register()
