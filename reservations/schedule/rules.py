"""Who may change what in a schedule.

django-scheduler's default lets any logged-in user edit any event; the
project's settings point its permission checks here instead.
"""

from django.contrib.contenttypes.models import ContentType


def _owner_of(calendar):
    """The user or department a calendar belongs to (its CalendarRelation), or None."""
    relation = calendar.calendarrelation_set.select_related("content_type").first()
    if relation is None:
        return None
    return relation.content_object


def can_add_to_calendar(user, calendar):
    """A personal calendar takes its owner's events; a department's, its members'."""
    from intranet.models import Department, department_chain

    if not user.is_authenticated or calendar is None:
        return False
    owner = _owner_of(calendar)
    if owner is None:
        return False
    if isinstance(owner, Department):
        return owner.pk in department_chain(user)
    return (
        ContentType.objects.get_for_model(owner) == ContentType.objects.get_for_model(user)
        and owner.pk == user.pk
    )


def can_edit_event(user, event):
    """An event is changed by the one who made it, on a calendar they may still add to."""
    if not user.is_authenticated or event is None:
        return False
    return event.creator_id == user.pk and can_add_to_calendar(user, event.calendar)
