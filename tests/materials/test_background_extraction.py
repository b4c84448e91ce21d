"""Text extraction runs in the real task worker, never in the upload request.

The worker is ``manage.py db_worker`` in its own process against the test
database and the test's file storage: an upload is stored and queued by
one process, read by another, as in production.
"""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

import search
from materials.file_builders import pdf_bytes
from materials.models import ExtractionState, Material, MaterialVersion
from tests.materials import factories
from tests.search.test_background_indexing import DATABASE_TASKS, run_worker

pytestmark = pytest.mark.django_db(transaction=True)

DAMAGED_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n" + b"\x00\xff" * 64


@pytest.fixture
def sitting(transactional_db):
    return factories.meeting(factories.series())


@pytest.fixture
def queued_by_request(settings):
    settings.TASKS = DATABASE_TASKS
    settings.SEARCH_BACKEND = "database"


def run_the_worker():
    run_worker(PRIVATE_FILES_ROOT=str(settings.PRIVATE_FILES_ROOT))
    failed = DBTaskResult.objects.exclude(status="SUCCESSFUL")
    assert not failed.exists(), [(row.task_path, row.traceback) for row in failed]


@pytest.mark.usefixtures("queued_by_request")
def test_an_upload_waits_for_the_worker_and_is_read_by_it(sitting):
    pages = [
        "会議の概要を記す。",
        "庁内ネットワークの更新計画について説明した。",
        "質疑応答を記す。",
    ]
    material = factories.meeting_material(
        sitting,
        title="資料1",
        upload=SimpleUploadedFile("資料1.pdf", pdf_bytes(pages), content_type="application/pdf"),
    )
    version = MaterialVersion.objects.get(material=material)
    assert version.extraction == ExtractionState.PENDING
    queued = DBTaskResult.objects.filter(task_path="materials.tasks.extract_text")
    assert list(queued.values_list("status", flat=True)) == ["READY"]
    reader = factories.secretary_of(sitting.series)
    assert search.find(reader, "更新計画", types=["material_part"]).total == 0

    run_the_worker()

    version.refresh_from_db()
    assert version.extraction == ExtractionState.DONE
    assert list(version.parts.values_list("number", flat=True)) == [1, 2, 3]
    found = search.find(reader, "更新計画", types=["material_part"])
    assert [hit.url for hit in found.hits] == [
        reverse("materials:download", args=[version.pk]) + "#page=2"
    ]
    assert not Material.objects.get(pk=material.pk).withheld


@pytest.mark.usefixtures("queued_by_request")
def test_a_damaged_file_is_marked_and_the_worker_goes_on_to_the_next(sitting):
    damaged = factories.meeting_material(
        sitting,
        title="壊れた資料",
        upload=SimpleUploadedFile("壊れた資料.pdf", DAMAGED_PDF, content_type="application/pdf"),
    )
    sound = factories.meeting_material(sitting, title="資料2", text="予算の執行状況を報告した。")

    run_the_worker()

    broken = MaterialVersion.objects.get(material=damaged)
    assert broken.extraction == ExtractionState.FAILED
    assert broken.failure in {"corrupt", "unsupported"}
    assert MaterialVersion.objects.get(material=sound).extraction == ExtractionState.DONE
    # A material for all staff whose text could not be read is not held back for ever.
    assert not Material.objects.get(pk=damaged.pk).withheld
