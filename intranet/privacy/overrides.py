"""Findings that still stand on an object: those no reviewer has overridden."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models.functions import TruncMinute
from django.utils import timezone

from .models import PrivacyOverride
from .scanner import scan


def _key(obj):
    return ContentType.objects.get_for_model(obj), str(obj.pk)


def overridden(obj):
    """{(kind, text)} judged not personal data on this object (nothing for an unsaved one)."""
    if obj is None or obj.pk is None:
        return set()
    content_type, object_id = _key(obj)
    return set(
        PrivacyOverride.objects.filter(content_type=content_type, object_id=object_id).values_list(
            "kind", "text"
        )
    )


def unresolved(obj, text):
    """The findings in ``text`` (what ``obj`` is about to publish) that no override covers."""
    done = overridden(obj)
    return [finding for finding in scan(text) if (finding.kind, finding.text) not in done]


def override(obj, findings, reason, user, at=None):
    """Record that these findings on ``obj`` are not personal data, with the reason and who.

    ``user`` None records no reviewer: for text whose writer nobody may know,
    who judged the finding would name the writer. ``at`` is the time to
    store (default: now), for an object that keeps its times coarse.
    """
    content_type, object_id = _key(obj)
    at = at or timezone.now()
    for finding in findings:
        try:
            with transaction.atomic():
                PrivacyOverride.objects.create(
                    content_type=content_type,
                    object_id=object_id,
                    object_title=str(obj)[:255],
                    kind=finding.kind,
                    text=finding.text[:255],
                    reason=reason,
                    overridden_by=user,
                    created_at=at,
                )
        except IntegrityError:
            pass  # overridden already (two reviewers at once): the first reason stands


def forget_reviewers(model, object_ids):
    """Drop who overrode findings on these objects, and cut the time to the minute.

    For objects whose writers have since been promised that nobody knows
    who wrote them (a conference board turned untraceable).
    """
    PrivacyOverride.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in object_ids],
    ).update(overridden_by=None, created_at=TruncMinute("created_at"))
