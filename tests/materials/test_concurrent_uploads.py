"""Many uploads to one material at once, and two workers reaching for the same file.

Ten threads start together (a barrier), each on its own database
connection as a server's threads are; on SQLite the test database is a
file in WAL mode with IMMEDIATE transactions, on PostgreSQL the material's
row is locked (``services.add_version``), so both meet real locking.
"""

import pytest

from materials import reading, services
from materials.models import ExtractionState, Material, MaterialVersion
from tests.bulletin.test_concurrent_reads import all_at_once
from tests.materials import factories

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("many-connections")]

THREADS = 10


@pytest.fixture
def material(transactional_db):
    sitting = factories.meeting(factories.series())
    return factories.meeting_material(sitting, title="予算資料", text="第1版の本文。")


def test_ten_new_versions_at_once_are_numbered_one_after_another(material):
    secretaries = [factories.secretary_of(material.meeting.series) for _ in range(THREADS)]

    def upload(numbered):
        number, user = numbered
        upload = factories.text_upload(f"第{number}版の本文。", name=f"予算資料_{number}.txt")
        return services.add_version(material, upload, user, note=f"{number}人目").pk

    created = all_at_once(upload, list(enumerate(secretaries, start=2)))

    versions = MaterialVersion.objects.filter(material=material)
    assert sorted(versions.values_list("number", flat=True)) == list(range(1, THREADS + 2))
    assert len(set(created)) == THREADS
    newest = versions.order_by("-number").first()
    assert Material.objects.get(pk=material.pk).current_id == newest.pk
    # Every version keeps its own file.
    assert len({version.document_id for version in versions}) == THREADS + 1


def test_a_version_is_read_by_one_worker_only(material, monkeypatch):
    version = MaterialVersion.objects.get(material=material)
    MaterialVersion.objects.filter(pk=version.pk).update(extraction=ExtractionState.PENDING)
    reads = []
    original = reading.isolated.extract

    def counting_extract(path, kind):
        reads.append(path)
        return original(path, kind)

    monkeypatch.setattr(reading.isolated, "extract", counting_extract)

    all_at_once(reading.read_version, [version.pk] * THREADS)

    assert len(reads) == 1
    version.refresh_from_db()
    assert version.extraction == ExtractionState.DONE
    assert version.parts.count() == 1
