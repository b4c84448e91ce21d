"""What waits for a reviewer: the queue page and the dashboard panel read it from here.

A section head waits on the reports of their departments sent to them
(報告済); the administration office on the reports its section heads
confirmed (所属長確認済) and those it confirmed but has not yet decided on
(事務局確認済), and it watches every open report besides. A report is
overdue while its section head's confirmation is late (``deadlines``): it is
flagged and listed first, computed as the page is read, so a late report
shows at once even before ``flag_overdue_reports`` runs. The reviewer's roles
are read once (``Reviewer.of``) and the list is one query, whatever the
number of reports.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone

from . import rules
from .models import IncidentReport, State
from .models.reports import OPEN_STATES

# States counted as late once ``due_at`` has passed (as ``deadlines.is_overdue`` says).
LATE_STATES = (State.REPORTED, State.RETURNED)
OFFICE_WAITING_STATES = (State.HEAD_CONFIRMED, State.OFFICE_CONFIRMED)


def overdue_condition(now):
    return Q(state__in=LATE_STATES, due_at__lt=now)


@dataclass(frozen=True)
class Reviewer:
    """A user as a reviewer: the office, a section head of some departments, or neither."""

    user: object
    is_office: bool
    department_ids: tuple

    @classmethod
    def of(cls, user):
        return cls(user, rules.is_office(user), tuple(rules.heads_department_ids(user)))

    @property
    def reviews(self):
        return self.is_office or bool(self.department_ids)

    def reports(self):
        """Every report this reviewer reviews or watches (as ``rules.visible_reports``, less
        the reports they wrote themselves)."""
        if self.is_office:
            return IncidentReport.objects.all()
        if not self.department_ids:
            return IncidentReport.objects.none()
        return IncidentReport.objects.filter(department_id__in=self.department_ids)

    def waiting_states(self):
        """The states in which a report waits for this reviewer's decision."""
        states = [State.REPORTED] if self.department_ids else []
        if self.is_office:
            states.extend(OFFICE_WAITING_STATES)
        return states

    def default_states(self):
        """Listed unfiltered: what waits for them; for the office, every open report."""
        return list(OPEN_STATES) if self.is_office else self.waiting_states()

    def queue(self, states=None, now=None):
        """The reports in ``states`` (default: ``default_states``), overdue first, then by due."""
        now = now or timezone.now()
        states = self.default_states() if states is None else states
        return (
            self.reports()
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

    def overdue_count(self, now=None):
        return self.reports().filter(overdue_condition(now or timezone.now())).count()
