"""What waits for a reviewer: the queue page and the dashboard panel read it from here.

A section head waits on the reports of their departments sent to them
(報告済); the administration office on the reports its section heads
confirmed (所属長確認済) and those it confirmed but has not yet decided on
(事務局確認済), and it watches every open report besides. A report is
overdue while its section head's confirmation is late (``deadlines``): it is
flagged and listed first. Everything is one query, whatever the number of
reports, so the page and the panel cost the same for 5 or 50,000.
"""

from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone

from . import rules
from .models import IncidentReport, State
from .models.reports import OPEN_STATES

# States counted as late once ``due_at`` has passed (as ``deadlines.is_overdue`` says).
LATE_STATES = (State.REPORTED, State.RETURNED)
OFFICE_WAITING_STATES = (State.HEAD_CONFIRMED, State.OFFICE_CONFIRMED)


def is_reviewer(user):
    return rules.is_office(user) or bool(rules.heads_department_ids(user))


def overdue_condition(now):
    return Q(state__in=LATE_STATES, due_at__lt=now)


def reviewable(user):
    """Every report ``user`` reviews or watches as a reviewer (not as a reporter)."""
    if rules.is_office(user):
        return IncidentReport.objects.all()
    department_ids = rules.heads_department_ids(user)
    if not department_ids:
        return IncidentReport.objects.none()
    return rules.visible_reports(user).filter(department_id__in=department_ids)


def waiting_states(user):
    """The states in which a report waits for ``user``'s decision."""
    states = []
    if rules.heads_department_ids(user):
        states.append(State.REPORTED)
    if rules.is_office(user):
        states.extend(OFFICE_WAITING_STATES)
    return states


def default_states(user):
    """Listed unfiltered: what waits for ``user``; for the office, every open report."""
    return list(OPEN_STATES) if rules.is_office(user) else waiting_states(user)


def queue_for(user, states=None, now=None):
    """The reports in ``states`` (default: ``default_states``), overdue first, then by due time."""
    now = now or timezone.now()
    states = default_states(user) if states is None else states
    return (
        reviewable(user)
        .filter(state__in=states)
        .select_related("department", "category")
        .annotate(
            overdue=Case(
                When(overdue_condition(now), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-overdue", "due_at", "pk")
    )


def overdue_count(user, now=None):
    now = now or timezone.now()
    return reviewable(user).filter(overdue_condition(now)).count()
