"""The one path every material and every file version takes in and out.

Views and the demo loader call these; each checks who may do it, runs the
upload checks, writes everything in one transaction, and queues the text
extraction for once the transaction has committed (never in the request).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.uploads import sent_name

from . import extraction, files, publication, rules
from .models import Confidentiality, Material, MaterialVersion


def checked_upload(upload):
    """(clean name, kind) of an upload, or the ValidationError saying in Japanese why not.

    Forms call it in their file field's clean, so a bad file comes back with
    its reason; the service calls it again before storing, whoever calls it.
    """
    name = extraction.clean_filename(sent_name(upload))
    return name, extraction.check_upload(name, upload)


def _queue_extraction(version):
    from .tasks import extract_text

    version_id = version.pk
    transaction.on_commit(lambda: extract_text.enqueue(version_id), robust=True)


def _add_version(material, upload, user, note, now):
    name, kind = checked_upload(upload)
    number = (material.current.number + 1) if material.current_id else 1
    version = MaterialVersion.objects.create(
        material=material,
        number=number,
        document=files.store(upload, kind, material.title, user),
        filename=name,
        kind=kind,
        size=upload.size,
        note=note,
        uploaded_by=user,
        uploaded_at=now,
    )
    material.current = version
    material.updated_at = now
    _queue_extraction(version)
    return version


def _check_can_add(user, meeting, category, department):
    if meeting is not None:
        allowed = rules.can_edit_meeting(user, meeting)
    else:
        allowed = category is not None and rules.can_add_to_library(user, department)
    if not allowed:
        raise PermissionDenied(_("You may not add materials here."))


@transaction.atomic
def add_material(
    *,
    user,
    upload,
    title,
    department,
    meeting=None,
    agenda_item=None,
    category=None,
    confidentiality=Confidentiality.PUBLIC,
    departments=(),
    description="",
    form_name="",
    procedure="",
    now=None,
):
    """A new material with ``upload`` as its first file; raises PermissionDenied or
    ValidationError (nothing is saved then)."""
    _check_can_add(user, meeting, category, department)
    if agenda_item is not None and agenda_item.meeting_id != getattr(meeting, "pk", None):
        raise PermissionDenied(_("That agenda item belongs to another meeting."))
    now = now or timezone.now()
    material = Material.objects.create(
        title=title,
        description=description,
        department=department,
        meeting=meeting,
        agenda_item=agenda_item,
        category=category,
        confidentiality=confidentiality,
        form_name=form_name,
        procedure=procedure,
        created_by=user,
        created_at=now,
        updated_at=now,
    )
    if confidentiality == Confidentiality.DEPARTMENTS:
        material.departments.set(departments)
    _add_version(material, upload, user, "", now)
    material.withheld = publication.must_withhold(material)
    material.save(update_fields=["current", "updated_at", "withheld"])
    return material


@transaction.atomic
def add_version(material, upload, user, note="", now=None):
    """Make ``upload`` the material's current file; the earlier ones stay downloadable."""
    material = Material.objects.select_for_update().get(pk=material.pk)
    if not rules.can_edit_material(user, material):
        raise PermissionDenied(_("You may not change this material."))
    version = _add_version(material, upload, user, note, now or timezone.now())
    material.withheld = publication.must_withhold(material)
    material.save(update_fields=["current", "updated_at", "withheld"])
    return version


@transaction.atomic
def update_material(material, user, *, departments=None, **fields):
    """Change a material's description or confidentiality; search follows the new rule."""
    if not rules.can_edit_material(user, material):
        raise PermissionDenied(_("You may not change this material."))
    for name, value in fields.items():
        setattr(material, name, value)
    if departments is not None:
        material.departments.set(
            departments if material.confidentiality == Confidentiality.DEPARTMENTS else []
        )
    material.withheld = publication.must_withhold(material)
    material.updated_at = timezone.now()
    material.save()
    publication.reindex_for_new_rule(material)
    return material
