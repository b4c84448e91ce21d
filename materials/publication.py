"""When a material for all staff may be published: the personal-data hold (公開保留).

The guard's findings on the current file's text (``MaterialVersion.privacy_findings``,
made by the extraction task) stand until a new version without them is
uploaded or each is overridden with a reason. While any stands, or while
the file is still being read, a 全庁公開 material is ``withheld``: only its
editors see it, in every channel, search included.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from intranet.privacy import overrides

from . import rules
from .models import Confidentiality, ExtractionState, Material


def reindex_for_new_rule(material):
    """Index the material and its text again: who may find it has changed.

    The registry writes the database engine's index inside this transaction
    and queues an external engine's for after the commit.
    """
    from .search import reindex

    reindex(material)


def unresolved_findings(material):
    """The current file's personal-data findings that nobody has overridden, with their parts."""
    version = material.current
    if version is None:
        return []
    done = overrides.overridden(material)
    return [
        finding
        for finding in version.privacy_findings
        if (finding["kind"], finding["text"]) not in done
    ]


def must_withhold(material):
    """A material for all staff waits until its current file has been read and nothing stands."""
    if material.confidentiality != Confidentiality.PUBLIC or material.current is None:
        return False
    if material.current.extraction in (ExtractionState.PENDING, ExtractionState.RUNNING):
        return True
    return bool(unresolved_findings(material))


@transaction.atomic
def override_findings(material, user, reason):
    """Judge every standing finding not personal data (with the reason), and publish."""
    if not rules.can_edit_material(user, material):
        raise PermissionDenied(_("You may not change this material."))
    from intranet.privacy import Finding

    findings = [
        Finding(kind=row["kind"], start=0, end=len(row["text"]), text=row["text"])
        for row in unresolved_findings(material)
    ]
    overrides.override(material, findings, reason, user)
    refresh_withheld(material)


def refresh_withheld(material):
    withheld = must_withhold(material)
    if withheld != material.withheld:
        Material.objects.filter(pk=material.pk).update(withheld=withheld)
        material.withheld = withheld
        reindex_for_new_rule(material)
    return withheld
