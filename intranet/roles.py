"""Staff roles, mapped onto Django groups so that Wagtail's admin respects them.

Each role is a group with a fixed set of permissions. The core grants its own
below; every other app grants the permissions of its models from its own
``AppConfig.ready``, without editing this file::

    roles.grant(roles.IT_DESK, ["faq.view_openquestion"])
    roles.grant_pages(roles.IT_DESK, ["wagtailcore.add_page"], area=faq_homes)
    roles.grant_collection(roles.IT_DESK, ["wagtaildocs.add_document"], collection=faq_files)

``grant_pages`` gives Wagtail page permissions on the pages that ``area()``
returns (an app's own subtree), never on the whole tree; ``grant_collection``
gives document and image permissions on the collection that ``collection()``
returns (an app's own, see ``intranet.files``), never on the root, so no role
manages another app's files in the Wagtail admin. ``sync_roles``
creates or updates the groups after every ``migrate``; an app calls it again
when it creates the root page of its area.

Scope that a permission cannot express (a section head manages only their
own department) is checked by ``can_manage_department``.
"""

from collections import defaultdict

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
ROLES = tuple(ROLE_DESCRIPTIONS)

ADMIN_ACCESS = "wagtailadmin.access_admin"
COLLECTION_PERMISSION_APPS = ("wagtaildocs.", "wagtailimages.")

# What the core itself grants; apps add theirs with ``grant``. A role does not
# inherit another's permissions: every staff member is also in STAFF.
_CORE_PERMISSIONS = {
    STAFF: [],
    # A section head's screen is 所属の管理 (their staff, extensions, titles);
    # 組織 (every department and staff profile) is the system administrator's.
    SECTION_HEAD: [ADMIN_ACCESS],
    # The IT desk's documents and images are the FAQ's, granted by the FAQ app
    # on its own collection.
    IT_DESK: [ADMIN_ACCESS],
    IT_DESK_LEAD: [ADMIN_ACCESS],
    # The administration office's admin tools (the case collection) come
    # with the incidents app, which grants the admin with them.
    ADMIN_OFFICE: [],
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
        # No documents or images: every file belongs to an app, managed by the
        # roles that app names (files outside them: superusers only).
        # See and lift login lockouts (intranet/lockouts.py).
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        # Read every personal-data override (intranet/privacy/admin.py).
        "intranet.view_privacyoverride",
    ],
}

_granted = defaultdict(set)
_page_grants = defaultdict(list)  # role: [(area, permissions)]
_collection_grants = defaultdict(list)  # role: [(collection, permissions)]


def _check_role(role):
    if role not in ROLE_DESCRIPTIONS:
        raise ValueError(f"Unknown role {role!r}; the roles are {', '.join(ROLES)}")


def grant(role, permissions):
    """Give ``role`` these model permissions ("app_label.codename") from the next sync on."""
    _check_role(role)
    _granted[role].update(permissions)


def grant_pages(role, permissions, area):
    """Give ``role`` these page permissions on the pages ``area()`` returns, and below them."""
    _check_role(role)
    _page_grants[role].append((area, tuple(permissions)))


def grant_collection(role, permissions, collection):
    """Give ``role`` these document/image permissions on the collection ``collection()`` returns.

    Only ``wagtaildocs.*`` and ``wagtailimages.*`` permissions: Wagtail checks
    them per collection. ``collection`` is called at each sync, so it may
    create the app's collection (``intranet.files.collection``).
    """
    _check_role(role)
    permissions = tuple(permissions)
    wrong = [name for name in permissions if not name.startswith(COLLECTION_PERMISSION_APPS)]
    if wrong:
        raise ValueError(f"Not a document or image permission: {', '.join(wrong)}")
    _collection_grants[role].append((collection, permissions))


def permissions_of(role):
    """Every model permission the role has: the core's and the apps' grants."""
    return sorted(set(_CORE_PERMISSIONS.get(role, [])) | _granted[role])


def _permissions(dotted_names):
    query = Q(pk__in=[])
    for dotted in dotted_names:
        app_label, codename = dotted.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


def _keep_exactly(model, group, target, wanted):
    """Leave ``group`` exactly the ``wanted`` (target id, permission id) rows of ``model``.

    ``model`` is Wagtail's GroupPagePermission or GroupCollectionPermission,
    ``target`` its "page_id" or "collection_id".
    """
    existing = set(model.objects.filter(group=group).values_list(target, "permission_id"))
    for target_id, permission_id in existing - wanted:
        rows = model.objects.filter(group=group, permission_id=permission_id)
        rows.filter(**{target: target_id}).delete()
    model.objects.bulk_create(
        model(group=group, permission_id=permission_id, **{target: target_id})
        for target_id, permission_id in wanted - existing
    )


def _sync_collection_permissions(group, role):
    """Exactly the collection permissions granted to the role, on exactly its apps' collections.

    Nothing on the root collection: a right there reaches every app's files.
    """
    from wagtail.models import Collection, GroupCollectionPermission

    if Collection.get_first_root_node() is None:
        return
    wanted = set()
    for collection, dotted_names in _collection_grants[role]:
        permissions = list(_permissions(dotted_names))
        if not permissions:
            continue  # the apps that define them are not migrated yet
        target = collection()
        wanted.update((target.pk, permission.pk) for permission in permissions)
    _keep_exactly(GroupCollectionPermission, group, "collection_id", wanted)


def _sync_page_permissions(group, role):
    """Exactly the page permissions granted to the role, on exactly its areas' pages."""
    from wagtail.models import GroupPagePermission

    wanted = set()
    for area, dotted_names in _page_grants[role]:
        permissions = list(_permissions(dotted_names))
        for page in area():
            wanted.update((page.pk, permission.pk) for permission in permissions)
    _keep_exactly(GroupPagePermission, group, "page_id", wanted)


def sync_roles(**kwargs):
    """Create the role groups and give each exactly its granted permissions.

    Connected to ``post_migrate``, which fires once per app; permissions of
    apps not yet migrated are picked up on a later call.
    """
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        dotted_names = permissions_of(role)
        group.permissions.set(_permissions(dotted_names))
        _sync_collection_permissions(group, role)
        _sync_page_permissions(group, role)


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
