"""Who may do what with bookings. Views and every other channel ask here.

Bookings are open to every staff member to read (the timeline shows who holds
a room, as on a paper booking sheet); changing one is for the one who made it
and for whoever keeps the resource.
"""

from intranet import roles


def can_book(user):
    return user.is_authenticated and user.has_perm("reservations.add_booking")


def keeps_resource(user, resource):
    """A section head over the owning department (or a system administrator)."""
    return user.has_perm("reservations.approve_booking") and roles.can_manage_department(
        user, resource.owner
    )


def can_change(user, booking):
    """Move, edit or cancel: the one who booked, or a keeper of every resource it holds."""
    if not user.is_authenticated:
        return False
    if booking.booked_by_id == user.pk:
        return True
    resources = list(booking.resources.all())
    return bool(resources) and all(keeps_resource(user, resource) for resource in resources)


def can_approve(user, booking):
    """Confirm or reject a 仮予約: a keeper of a resource in it that needs approval."""
    return any(
        keeps_resource(user, resource)
        for resource in booking.resources.all()
        if resource.requires_approval
    )


def approvers(resource):
    """Whom a request for ``resource`` goes to (they get its notifications).

    The section heads nearest the owning department: those of the owning
    section itself; when it has none, those of the department above it, and
    so on up. Heads further up may still decide (``keeps_resource``) but are
    not told of every request. System administrators are told only when no
    section head keeps the resource at all.
    """
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    chain, department = [], resource.owner
    while department is not None:
        chain.append(department.pk)
        department = department.parent
    heads = [
        user
        for user in users.filter(
            groups__name=roles.SECTION_HEAD, staff_profile__department_id__in=chain
        )
        .select_related("staff_profile")
        .distinct()
        .order_by("pk")
        if user.has_perm("reservations.approve_booking")
    ]
    for department_id in chain:
        nearest = [user for user in heads if user.staff_profile.department_id == department_id]
        if nearest:
            return nearest
    return list(users.filter(groups__name=roles.SYSTEM_ADMIN).distinct().order_by("pk"))
