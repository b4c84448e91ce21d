"""A material for all staff is published only once the personal-data guard has nothing to say.

The guard reads the text extracted from the file (every page), tells the
uploader what it found and on which page, and keeps the material to its
editors until each finding is removed (a new version) or overridden with a
reason.
"""

import pytest

import search
from intranet.models import Notification
from materials import publication, rules, services
from materials.models import Confidentiality, Material
from tests.factories import DepartmentFactory, staff_member
from tests.materials import factories

pytestmark = pytest.mark.django_db

WITH_A_PHONE = "窓口で受け付けた苦情の件。申出人の連絡先は 090-1234-5678 である。"
CLEAN = "窓口で受け付けた苦情の件。申出人には後日連絡した。"


@pytest.fixture
def sitting():
    return factories.meeting(factories.series())


@pytest.fixture
def outsider():
    return staff_member(department=DepartmentFactory(name="税務課"))


def upload(sitting, text, confidentiality=Confidentiality.PUBLIC, capture=None):
    secretary = factories.secretary_of(sitting.series)
    with capture(execute=True):
        made = factories.meeting_material(
            sitting,
            title="苦情対応の報告",
            text=text,
            confidentiality=confidentiality,
            user=secretary,
        )
    return Material.objects.select_related("current").get(pk=made.pk), secretary


def test_a_finding_holds_the_material_back_from_all_staff(
    sitting, outsider, django_capture_on_commit_callbacks
):
    material, secretary = upload(sitting, WITH_A_PHONE, capture=django_capture_on_commit_callbacks)

    assert material.withheld
    assert [(f["text"], f["part"]) for f in publication.unresolved_findings(material)] == [
        ("090-1234-5678", material.current.parts.get().label)
    ]
    assert not rules.can_view(outsider, material)
    assert search.find(outsider, "苦情").total == 0
    assert rules.can_view(secretary, material)  # the uploader sees it, to fix it
    told = Notification.objects.get(recipient=secretary)
    assert "苦情対応の報告" in told.message and told.url == material.get_absolute_url()


def test_an_override_with_a_reason_publishes_it(
    sitting, outsider, django_capture_on_commit_callbacks
):
    material, secretary = upload(sitting, WITH_A_PHONE, capture=django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        publication.override_findings(material, secretary, "市の代表番号であり個人情報ではない")

    material = Material.objects.get(pk=material.pk)
    assert not material.withheld
    assert rules.can_view(outsider, material)
    assert search.find(outsider, "苦情", types=["material_part"]).total == 1


def test_a_new_version_without_the_finding_publishes_it(
    sitting, outsider, django_capture_on_commit_callbacks
):
    material, secretary = upload(sitting, WITH_A_PHONE, capture=django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        services.add_version(material, factories.text_upload(CLEAN), secretary, note="連絡先を削除")

    material = Material.objects.get(pk=material.pk)
    assert not material.withheld
    assert search.find(outsider, "苦情", types=["material_part"]).total == 1
    assert search.find(outsider, "090-1234-5678").total == 0


def test_a_closed_material_is_not_held(sitting, django_capture_on_commit_callbacks):
    material, _secretary = upload(
        sitting, WITH_A_PHONE, Confidentiality.PRIVATE, capture=django_capture_on_commit_callbacks
    )
    assert not material.withheld


def test_opening_a_closed_material_to_all_staff_holds_it_for_the_check(
    sitting, outsider, django_capture_on_commit_callbacks
):
    material, secretary = upload(
        sitting, WITH_A_PHONE, Confidentiality.PRIVATE, capture=django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.update_material(material, secretary, confidentiality=Confidentiality.PUBLIC)

    assert Material.objects.get(pk=material.pk).withheld
    assert search.find(outsider, "苦情").total == 0


def test_someone_who_may_not_edit_cannot_override(
    sitting, outsider, django_capture_on_commit_callbacks
):
    from django.core.exceptions import PermissionDenied

    material, _secretary = upload(sitting, WITH_A_PHONE, capture=django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        publication.override_findings(material, outsider, "問題ない")
    assert Material.objects.get(pk=material.pk).withheld


def test_an_earlier_version_read_last_does_not_take_the_newer_text_out_of_search(
    sitting, outsider, django_capture_on_commit_callbacks
):
    from materials import reading
    from materials.models import ExtractionState, MaterialVersion

    material, secretary = upload(sitting, CLEAN, capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_version(material, factories.text_upload("改訂版の本文。"), secretary)
    first = MaterialVersion.objects.get(material=material, number=1)
    MaterialVersion.objects.filter(pk=first.pk).update(extraction=ExtractionState.PENDING)

    with django_capture_on_commit_callbacks(execute=True):
        reading.read_version(first.pk)  # the worker reaches the first upload last

    assert search.find(outsider, "改訂版", types=["material_part"]).total == 1
    assert search.find(outsider, "後日", types=["material_part"]).total == 0
