"""Who may send what to whom, and who may manage a notice once it is sent.

Every staff member may send a notice to their own section or the department
above it (``bulletin.add_notice``); the roles in ``POST_TO_ALL_STAFF``
may send to all staff and to any department. A notice belongs to its sending
section: its staff may edit and withdraw it and see who has confirmed it;
the administration office may do so for every notice.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from intranet import roles
from intranet.models import Department, department_chain

from .models import NoticeCategory

# Every staff member may send a notice to their own section or the department above it;
# these roles may send to all staff (``setup.grant_roles`` gives them the permission).
POST_TO_ALL_STAFF = (roles.ADMIN_OFFICE, roles.IT_DESK, roles.IT_DESK_LEAD, roles.SYSTEM_ADMIN)


def department_of(user):
    profile = getattr(user, "staff_profile", None)
    return profile.department if profile is not None else None


def can_post(user):
    return user.has_perm("bulletin.add_notice") and department_of(user) is not None


def can_post_to_all_staff(user):
    return can_post(user) and user.has_perm("bulletin.post_to_all_staff")


def why_not_all_staff(user):
    """What the form says where 「全職員」 is not offered (a 所属長 too sends to their own part)."""
    return _(
        "Notices to all staff are sent by %(roles)s: ask them if yours concerns everyone. "
        "You may send to your own section and the department above it."
    ) % {"roles": "・".join(POST_TO_ALL_STAFF)}


def audience_choices(user):
    """The departments this user may address."""
    if can_post_to_all_staff(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=department_chain(user))


def categories_for(user):
    """Categories this user's department may post in."""
    return NoticeCategory.objects.filter(
        Q(posting_departments__isnull=True) | Q(posting_departments__in=department_chain(user))
    ).distinct()


def may_post_in(user, category):
    return categories_for(user).filter(pk=category.pk).exists()


def can_manage(user, notice):
    """Edit, withdraw, see confirmations, remind: the sending section or the office."""
    if user.has_perm("bulletin.change_notice"):
        return True
    department = department_of(user)
    return can_post(user) and department is not None and department.pk == notice.sender_id


def can_see_confirmations(user, notice):
    return can_manage(user, notice) or user.has_perm("bulletin.view_confirmations")


def reaches(user, notice):
    """Whether the notice is out (sent, started, not a draft) and the user is in its audience."""
    return not notice.is_withdrawn and notice.is_out() and notice.is_visible_to(user)


def can_open(user, notice):
    """The notice page and its files: its audience once it is out, its managers always."""
    return can_manage(user, notice) or reaches(user, notice)
