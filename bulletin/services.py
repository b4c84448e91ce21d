"""What happens to a notice once it is sent: reading, confirming, counting, reminding.

Reads and confirmations are written so that many staff at once lose nothing:
a read is an insert that ignores the row already there, a confirmation an
update that only fills an empty ``confirmed_at``.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet import notify_many
from intranet.models import Department, StaffProfile

from .models import NoticeRead, NoticeReminder


def mark_read(notice, user):
    """Record that ``user`` opened ``notice`` (once; the first time stands)."""
    NoticeRead.objects.bulk_create([NoticeRead(notice=notice, user=user)], ignore_conflicts=True)


def confirm(notice, user):
    """Record 「確認しました」; returns the moment of the (first) confirmation."""
    now = timezone.now()
    mark_read(notice, user)
    NoticeRead.objects.filter(notice=notice, user=user, confirmed_at__isnull=True).update(
        confirmed_at=now
    )
    return NoticeRead.objects.values_list("confirmed_at", flat=True).get(notice=notice, user=user)


def audience_departments(notice):
    """Ids of the departments whose staff the notice is sent to (None: all staff)."""
    if notice.audience_all:
        return None
    ids = set()
    for row in notice.audience.select_related("department"):
        if row.include_sections:
            ids.update(row.department.descendant_ids())
        else:
            ids.add(row.department_id)
    return ids


def audience_staff(notice):
    """Active staff the notice is sent to, as a user queryset."""
    users = get_user_model().objects.filter(is_active=True, staff_profile__isnull=False)
    departments = audience_departments(notice)
    if departments is not None:
        users = users.filter(staff_profile__department_id__in=departments)
    return users


@dataclass(frozen=True)
class DepartmentCount:
    department: Department
    staff: int
    confirmed: int
    read: int

    @property
    def unread(self):
        return self.staff - self.read

    @property
    def read_not_confirmed(self):
        return self.read - self.confirmed


def confirmation_summary(notice):
    """Per department: how many staff the notice reached, read it and confirmed it.

    Two grouped queries however many staff: the staff per department, and
    the reads per department.
    """
    staff = audience_staff(notice)
    staff_counts = dict(
        staff.values_list("staff_profile__department").annotate(n=Count("pk")).order_by()
    )
    read_counts = {
        department_id: (read, confirmed)
        for department_id, read, confirmed in NoticeRead.objects.filter(
            notice=notice, user__in=staff
        )
        .values_list("user__staff_profile__department")
        .annotate(read=Count("pk"), confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)))
        .order_by()
    }
    departments = Department.objects.filter(pk__in=staff_counts).select_related("parent")
    rows = []
    for department in departments:
        read, confirmed = read_counts.get(department.pk, (0, 0))
        rows.append(DepartmentCount(department, staff_counts[department.pk], confirmed, read))
    return rows


def staff_by_status(notice):
    """Profiles of the audience with ``has_read`` and ``has_confirmed``: unconfirmed first."""
    reads = NoticeRead.objects.filter(notice=notice, user=OuterRef("user_id"))
    return (
        StaffProfile.objects.filter(user__in=audience_staff(notice))
        .select_related("department__parent", "user")
        .annotate(
            has_read=Exists(reads),
            has_confirmed=Exists(reads.filter(confirmed_at__isnull=False)),
        )
        .order_by(
            "has_confirmed",
            "has_read",
            "department__sort_order",
            "department__code",
            "full_name_kana",
        )
    )


def unconfirmed_users(notice):
    users = audience_staff(notice)
    if notice.requires_confirmation:
        done = NoticeRead.objects.filter(notice=notice, confirmed_at__isnull=False)
    else:
        done = NoticeRead.objects.filter(notice=notice)
    return users.exclude(pk__in=done.values("user_id"))


class ReminderTooSoon(Exception):
    """A reminder went out less than the set interval ago (``last``: that reminder)."""

    def __init__(self, last):
        super().__init__(last.sent_at)
        self.last = last


def reminder_interval():
    return timedelta(hours=settings.BULLETIN_REMINDER_INTERVAL_HOURS)


def last_reminder(notice):
    """The notice's last reminder (with who sent it), or None if none went out."""
    return (
        NoticeReminder.objects.filter(notice=notice, sent_at__isnull=False)
        .select_related("sent_by__staff_profile")
        .first()
    )


def next_reminder_at(reminder):
    """From when another reminder may go out after ``reminder`` (None: now)."""
    return reminder.sent_at + reminder_interval() if reminder is not None else None


def reminder_recipients(notice, sender=None):
    """Who a reminder would reach: the unconfirmed audience, never its sender or the notice's."""
    users = unconfirmed_users(notice)
    excluded = {pk for pk in (getattr(sender, "pk", None), notice.posted_by_id) if pk}
    return users.exclude(pk__in=excluded) if excluded else users


def remind_unconfirmed(notice, sender=None, now=None, interval=None):
    """Send one in-app reminder to everyone who has not confirmed (or read); returns how many.

    At most one reminder per ``interval`` (``BULLETIN_REMINDER_INTERVAL_HOURS``):
    the notice's reminder row is claimed by an update that matches only when
    the last reminder is older, so of two presses at once one sends and the
    other raises ``ReminderTooSoon``. The claim and the notifications commit
    together: a failed send leaves the last reminder as it was.
    """
    now = now or timezone.now()
    interval = reminder_interval() if interval is None else interval
    with transaction.atomic():
        NoticeReminder.objects.bulk_create([NoticeReminder(notice=notice)], ignore_conflicts=True)
        recipients = list(reminder_recipients(notice, sender).only("pk", "is_active", "email"))
        if not recipients:
            return 0
        claimed = (
            NoticeReminder.objects.filter(notice=notice)
            .filter(Q(sent_at__isnull=True) | Q(sent_at__lte=now - interval))
            .update(sent_at=now, sent_by=sender, recipients=len(recipients))
        )
        if not claimed:
            raise ReminderTooSoon(last_reminder(notice))
        message = _("Reminder: please read and confirm 「%(title)s」.") % {"title": notice.title}
        notify_many(recipients, message, notice.get_absolute_url())
    return len(recipients)
