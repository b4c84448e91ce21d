"""Reading an uploaded file's text, in the background: the body of ``tasks.extract_text``.

A version is claimed by moving it from 抽出待ち to 抽出中 in one UPDATE, so
two workers never read the same file twice. Whatever the file holds, the
worker comes out alive: the file is read in a child process with a time
limit (``materials.isolated``), a file that cannot be read is marked 抽出不可
with the reason, and anything unexpected counts as a damaged file.

Once read, the text is kept one ``ExtractedPart`` per page, sheet or slide,
the personal-data guard runs over it (with the page of each finding), the
earlier versions' text leaves the search index, and the material is
published or held (``publication.refresh_withheld``). The uploader is told
when the guard found something or the text could not be read.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet import notify, privacy
from search import registry

from . import extraction, isolated, publication
from .models import ExtractedPart, ExtractionState, Material, MaterialVersion
from .search import reindex

logger = logging.getLogger(__name__)


def _claim(version_id):
    claimed = MaterialVersion.objects.filter(
        pk=version_id, extraction=ExtractionState.PENDING
    ).update(extraction=ExtractionState.RUNNING)
    return bool(claimed)


def read_version(version_id, isolate=True):
    """Read one queued version. ``isolate`` False reads in this process (the demo's own files)."""
    if not _claim(version_id):
        return  # read already, or being read by another worker
    version = MaterialVersion.objects.select_related("material", "document").get(pk=version_id)
    read = isolated.extract if isolate else extraction.extract
    try:
        extracted = read(version.document.file.path, version.kind)
    except extraction.ExtractionFailed as failure:
        _fail(version, failure.reason)
    except Exception:
        logger.exception("Reading the text of material version %s failed", version_id)
        _fail(version, "corrupt")
    else:
        _keep(version, extracted)


def _findings(parts):
    found = []
    for part in parts:
        for finding in privacy.scan(part.text):
            found.append({"kind": finding.kind, "text": finding.text, "part": part.label})
    return found


def _settle(version, fields):
    """Save the version's new state, publish or hold its material, and index both once.

    The hold is decided before anything is indexed, so the parts go into the
    index with the access tokens they keep.
    """
    version.extracted_at = timezone.now()
    version.save(update_fields=[*fields, "extracted_at"])
    material = Material.objects.select_related("current").get(pk=version.material_id)
    withheld = publication.must_withhold(material)
    changed = withheld != material.withheld
    if changed:
        Material.objects.filter(pk=material.pk).update(withheld=withheld)
        material.withheld = withheld
    return material, changed


@transaction.atomic
def _keep(version, extracted):
    version.extraction = ExtractionState.DONE
    version.failure = ""
    version.page_count = extracted.page_count
    version.ocr = extracted.ocr
    version.unread_pages = list(extracted.unread_pages)
    version.privacy_findings = _findings(extracted.parts)
    # This is the extraction task's work: the pages' text is indexed here, not in another task.
    with registry.indexing_in_background(), registry.batched_updates():
        # The text of the earlier versions leaves search; a later version read
        # first (two uploads in a row) keeps its own.
        ExtractedPart.objects.filter(
            version__material_id=version.material_id, version__number__lte=version.number
        ).delete()
        parts = ExtractedPart.objects.bulk_create(
            ExtractedPart(
                version=version,
                number=part.number,
                label=part.label[:120],
                text=part.text,
                ocr=part.ocr,
            )
            for part in extracted.parts
        )
        material, _changed = _settle(
            version,
            ["extraction", "failure", "page_count", "ocr", "unread_pages", "privacy_findings"],
        )
        registry.update(material)
        version.material = material
        for part in parts:
            part.version = version
            registry.update(part)
    if material.current_id == version.pk and publication.unresolved_findings(material):
        _tell_uploader(
            version,
            _(
                "Personal data may be in 「%(title)s」; it is not shown to all staff until you "
                "check it."
            )
            % {"title": material.title},
        )


@transaction.atomic
def _fail(version, reason):
    version.extraction = ExtractionState.FAILED
    version.failure = reason
    material, changed = _settle(version, ["extraction", "failure"])
    if changed:  # who may find it changed: its title and any earlier text
        reindex(material)


def _tell_uploader(version, message):
    if version.uploaded_by_id:
        transaction.on_commit(
            lambda: notify(version.uploaded_by, message, version.material.get_absolute_url())
        )
