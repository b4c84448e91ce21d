"""Saving a notice from its form: one transaction for the notice, its audience and files.

An edit after the notice has gone out keeps the earlier version as a Wagtail
revision and marks the notice 「更新」 for its readers; the search index and
the optional e-mail follow once the transaction commits.

A draft is saved the same way but reaches nobody (not the board, the search,
the feed or the mail) until ``publish_draft`` sends it; its preview is the
notice page itself, seen by the sending section only.
"""

from django.db import transaction
from django.utils import timezone

from search import registry

from . import attachments, mail, services
from .models import Notice, NoticeAudience

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
def save_notice(form, user, draft=False):
    """Save the form's notice; ``draft`` keeps a new notice or a draft from being sent."""
    notice = form.instance
    creating = notice.pk is None
    now = timezone.now()
    attachment_changes = form.attachment_changes()
    was_draft = not creating and notice.is_draft
    was_out = False
    if creating:
        notice.sender = user.staff_profile.department
        notice.posted_by = user
    elif not was_draft:
        was_out = form.initial["starts_at"] <= now  # the instance holds the new start
        changed = any(field in form.changed_data for field in CONTENT_FIELDS)
        asked_again = form.cleaned_data.get("reset_confirmations")
        if was_out and (
            changed or form.cleaned_data["files"] or any(attachment_changes) or asked_again
        ):
            notice.revised_at = now
    if creating or was_draft:
        notice.is_draft = draft
        if not draft and notice.starts_at < now:
            notice.starts_at = now  # a draft sent later starts when it is sent
    was_urgent = (
        not creating
        and not was_draft
        and form.initial.get("importance") == Notice.Importance.URGENT
    )
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
    if was_out and form.cleaned_data.get("reset_confirmations"):
        services.ask_to_confirm_again(notice, form.cleaned_data["change_note"], sender=user)
    notice.save_revision(user=user, log_action=True)
    if notice.is_draft:
        return notice
    if notice.is_scheduled(now):
        registry.update_at(notice, notice.starts_at)
    if notice.is_urgent and not was_urgent:
        transaction.on_commit(lambda: mail.notice_sent(notice), robust=True)
    return notice


@transaction.atomic
def publish_draft(notice, user):
    """Send a draft as it is: on the board now, or at its start if that is still ahead."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if not notice.is_draft:
        return notice
    now = timezone.now()
    notice.is_draft = False
    if notice.starts_at < now:
        notice.starts_at = now
    notice.save(update_fields=["is_draft", "starts_at", "updated_at"])
    notice.save_revision(user=user, log_action=True)
    if notice.is_scheduled(now):
        registry.update_at(notice, notice.starts_at)
    else:
        registry.update(notice)
    if notice.is_urgent:
        transaction.on_commit(lambda: mail.notice_sent(notice), robust=True)
    return notice
