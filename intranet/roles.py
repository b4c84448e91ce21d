"""Staff roles, mapped onto Django groups so that Wagtail's admin respects them.

Each role is a group with a fixed set of model permissions. ``sync_roles``
creates or updates the groups after every ``migrate``; other apps add the
permissions of their own models to ``ROLE_PERMISSIONS`` when they need to.

Scope that a permission cannot express (a section head manages only their
own department) is checked by ``can_manage_department``.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

STAFF = "一般職員"
SECTION_HEAD = "所属長"
IT_DESK = "情報システム担当"
IT_DESK_LEAD = "情報システム担当リーダー"
ADMIN_OFFICE = "事務局"
SYSTEM_ADMIN = "システム管理者"

ROLE_DESCRIPTIONS = {
    STAFF: _("Every staff member: reads, books, reports and asks."),
    SECTION_HEAD: _("Head of a section: approves and reviews for their own department."),
    IT_DESK: _("IT desk: curates the FAQ and watches what staff search for."),
    IT_DESK_LEAD: _("IT desk lead: reviews and publishes what the IT desk writes."),
    ADMIN_OFFICE: _("Administration office: publishes the near-miss case collection."),
    SYSTEM_ADMIN: _("System administrator: manages staff, departments and roles."),
}

ADMIN_ACCESS = "wagtailadmin.access_admin"
COLLECTION_PERMISSION_APPS = ("wagtaildocs.", "wagtailimages.")

IT_DESK_PERMISSIONS = [
    ADMIN_ACCESS,
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "intranet.view_staffprofile",
    "search.view_search_report",
    "faq.view_openquestion",
    "faq.change_openquestion",
]

# "app_label.codename" for each role. A role does not inherit another's
# permissions: every staff member is also in STAFF.
ROLE_PERMISSIONS = {
    STAFF: [],
    SECTION_HEAD: [ADMIN_ACCESS, "intranet.view_department", "intranet.view_staffprofile"],
    IT_DESK: IT_DESK_PERMISSIONS,
    # The lead has the IT desk's rights; what sets it apart is publishing pages (below).
    IT_DESK_LEAD: IT_DESK_PERMISSIONS,
    ADMIN_OFFICE: [ADMIN_ACCESS, "intranet.view_department", "intranet.view_staffprofile"],
    SYSTEM_ADMIN: [
        ADMIN_ACCESS,
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.view_group",
        "intranet.add_department",
        "intranet.change_department",
        "intranet.delete_department",
        "intranet.view_department",
        "intranet.add_staffprofile",
        "intranet.change_staffprofile",
        "intranet.delete_staffprofile",
        "intranet.view_staffprofile",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        # See and lift login lockouts (intranet/lockouts.py).
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ],
}


def _permissions(dotted_names):
    query = Q(pk__in=[])
    for dotted in dotted_names:
        app_label, codename = dotted.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


def _sync_collection_permissions(group, dotted_names):
    """Wagtail checks documents and images per collection: grant them on the root collection."""
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    wanted = _permissions(
        name for name in dotted_names if name.startswith(COLLECTION_PERMISSION_APPS)
    )
    GroupCollectionPermission.objects.filter(group=group, collection=root).exclude(
        permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


# Page permissions granted on the whole page tree. The IT desk writes pages
# (the FAQ among them) and submits them to the 「FAQ 公開承認」 workflow
# (faq/workflow.py); only the lead publishes.
ROLE_PAGE_PERMISSIONS = {
    IT_DESK: ["wagtailcore.add_page", "wagtailcore.change_page"],
    IT_DESK_LEAD: ["wagtailcore.add_page", "wagtailcore.change_page", "wagtailcore.publish_page"],
}


def _sync_page_permissions(group, dotted_names):
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is None:
        return
    wanted = _permissions(dotted_names)
    GroupPagePermission.objects.filter(group=group, page=root).exclude(
        permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def sync_roles(**kwargs):
    """Create the role groups and give each exactly its listed permissions.

    Connected to ``post_migrate``, which fires once per app; permissions of
    apps not yet migrated are picked up on a later call.
    """
    for role, dotted_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(dotted_names))
        _sync_collection_permissions(group, dotted_names)
        _sync_page_permissions(group, ROLE_PAGE_PERMISSIONS.get(role, []))


def has_role(user, role):
    if not user.is_authenticated:
        return False
    return user.groups.filter(name=role).exists()


def is_system_admin(user):
    return user.is_superuser or has_role(user, SYSTEM_ADMIN)


def can_manage_department(user, department):
    """System admins manage every department; a section head only their own and those below it."""
    if is_system_admin(user):
        return True
    if not has_role(user, SECTION_HEAD):
        return False
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        return False
    return department.is_within(profile.department)


def managed_departments(user):
    """The departments whose management screens this user may open."""
    from .models import Department

    if is_system_admin(user):
        return Department.objects.all()
    if not has_role(user, SECTION_HEAD):
        return Department.objects.none()
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        return Department.objects.none()
    return Department.objects.filter(pk__in=profile.department.descendant_ids())
