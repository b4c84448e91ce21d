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
    """The users who may approve bookings of ``resource`` (they get its notifications)."""
    from django.contrib.auth import get_user_model

    candidates = (
        get_user_model()
        .objects.filter(is_active=True, staff_profile__isnull=False)
        .filter(groups__name__in=[roles.SECTION_HEAD, roles.SYSTEM_ADMIN])
        .select_related("staff_profile__department")
        .distinct()
    )
    return [user for user in candidates if keeps_resource(user, resource)]
