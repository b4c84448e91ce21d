"""Saving a notice from its form: one transaction for the notice, its audience and files.

An edit after the notice has gone out keeps the earlier version as a Wagtail
revision and marks the notice 「更新」 for its readers; the search index and
the optional e-mail follow once the transaction commits.
"""

from django.db import transaction
from django.utils import timezone

from search import registry

from . import attachments, mail
from .models import NoticeAudience

CONTENT_FIELDS = ("title", "body", "category", "importance")


def set_audience(notice, departments, include_sections=True):
    """Send ``notice`` to these departments (none: all staff) and index it for them.

    The audience decides who finds the notice, so the index is brought up
    to date here, after the rows, not only when the notice itself is saved.
    """
    notice.audience.all().delete()
    departments = list(departments)
    if notice.audience_all != (not departments):
        notice.audience_all = not departments
        notice.save(update_fields=["audience_all"])
    NoticeAudience.objects.bulk_create(
        NoticeAudience(notice=notice, department=department, include_sections=include_sections)
        for department in departments
    )
    registry.update(notice)


@transaction.atomic
def save_notice(form, user):
    notice = form.instance
    creating = notice.pk is None
    now = timezone.now()
    attachment_changes = form.attachment_changes()
    if creating:
        notice.sender = user.staff_profile.department
        notice.posted_by = user
    else:
        was_out = form.initial["starts_at"] <= now  # the instance holds the new start
        changed = any(field in form.changed_data for field in CONTENT_FIELDS)
        if was_out and (changed or form.cleaned_data["files"] or any(attachment_changes)):
            notice.revised_at = now
    was_urgent = not creating and form.initial.get("importance") == notice.Importance.URGENT
    notice.audience_all = form.cleaned_data["audience"] == form.AUDIENCE_ALL
    notice = form.save()
    everyone = form.cleaned_data["audience"] == form.AUDIENCE_ALL
    set_audience(
        notice,
        [] if everyone else form.cleaned_data["departments"],
        form.cleaned_data["include_sections"],
    )
    for upload in form.cleaned_data["files"]:
        attachments.attach(notice, upload, user)
    replacements, removals = attachment_changes
    for attachment, upload in replacements:
        attachments.replace(attachment, upload, user, now)
    for attachment in removals:
        attachments.remove(attachment)
    form.release_held_uploads()
    form.record_overrides(notice, user)
    notice.save_revision(user=user, log_action=True)
    if notice.is_scheduled(now):
        registry.update_at(notice, notice.starts_at)
    if notice.is_urgent and not was_urgent:
        transaction.on_commit(lambda: mail.notice_sent(notice), robust=True)
    return notice
