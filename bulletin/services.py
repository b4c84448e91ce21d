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
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet import notify_many
from intranet.models import Department, StaffProfile

from .models import Notice, NoticeAudience, NoticeRead, NoticeReminder


def mark_read(notice, user):
    """Record that ``user`` opened ``notice`` (once; the first time stands)."""
    NoticeRead.objects.bulk_create([NoticeRead(notice=notice, user=user)], ignore_conflicts=True)


def confirm(notice, user):
    """Record 「確認しました」; returns the moment of the (first) confirmation."""
    now = timezone.now()
    mark_read(notice, user)
    NoticeRead.objects.filter(notice=notice, user=user, confirmed_at__isnull=True).update(
        confirmed_at=now, confirmed_revision=notice.revision
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
    """Profiles of the audience with ``has_read``, ``has_confirmed`` and when each happened
    (``read_at``, ``confirmed_at``): unconfirmed first."""
    reads = NoticeRead.objects.filter(notice=notice, user=OuterRef("user_id"))
    return (
        StaffProfile.objects.filter(user__in=audience_staff(notice))
        .select_related("department__parent", "user")
        .annotate(
            has_read=Exists(reads),
            has_confirmed=Exists(reads.filter(confirmed_at__isnull=False)),
            read_at=Subquery(reads.values("read_at")[:1]),
            confirmed_at=Subquery(reads.values("confirmed_at")[:1]),
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


def ask_to_confirm_again(notice, note, sender=None):
    """After a substantive change: every confirmation is cleared and the audience told.

    The notice's ``revision`` goes up and carries the sender's 「変更点」; the
    audience (not the sender) gets one notification each once the change
    commits. Returns how many confirmations were cleared.
    """
    with transaction.atomic():
        Notice.objects.filter(pk=notice.pk).update(revision=F("revision") + 1, change_note=note)
        notice.refresh_from_db(fields=["revision", "change_note"])
        cleared = NoticeRead.objects.filter(notice=notice, confirmed_at__isnull=False).update(
            confirmed_at=None
        )
        recipients = audience_staff(notice).only("pk", "is_active", "email")
        if sender is not None:
            recipients = recipients.exclude(pk=sender.pk)
        message = _("「%(title)s」 was changed: please read it and confirm it again.") % {
            "title": notice.title
        }
        url = notice.get_absolute_url()
        transaction.on_commit(lambda: notify_many(list(recipients), message, url))
    return cleared


def audience_sizes(notices):
    """``{notice id: how many active staff it is sent to}`` for a page of notices.

    At most four queries however many notices: their audience rows, the
    department tree, the staff per department and the staff in all.
    """
    notices = list(notices)
    users = get_user_model().objects.filter(is_active=True, staff_profile__isnull=False)
    sizes = {}
    if any(notice.audience_all for notice in notices):
        everyone = users.count()
        sizes.update({notice.pk: everyone for notice in notices if notice.audience_all})
    chosen = [notice.pk for notice in notices if not notice.audience_all]
    if not chosen:
        return sizes
    rows = list(
        NoticeAudience.objects.filter(notice_id__in=chosen).values_list(
            "notice_id", "department_id", "include_sections"
        )
    )
    children = {}
    for pk, parent_id in Department.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    staff = dict(users.values_list("staff_profile__department").annotate(n=Count("pk")).order_by())

    def below(department_id):
        found, frontier = {department_id}, [department_id]
        while frontier:
            frontier = [child for pk in frontier for child in children.get(pk, ())]
            found.update(frontier)
        return found

    reached = {pk: set() for pk in chosen}
    for notice_id, department_id, include_sections in rows:
        reached[notice_id] |= below(department_id) if include_sections else {department_id}
    sizes.update(
        {pk: sum(staff.get(department, 0) for department in ids) for pk, ids in reached.items()}
    )
    return sizes
