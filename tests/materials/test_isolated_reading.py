"""A file that hangs or crashes the extraction library stops neither the worker nor other files."""

import os
import time

import pytest

from materials import extraction, isolated
from materials.models import ExtractionState, MaterialVersion
from tests.materials import factories


def hangs(path, kind):
    time.sleep(60)


def dies(path, kind):
    os._exit(9)


def test_a_file_that_takes_too_long_is_given_up(monkeypatch, tmp_path):
    monkeypatch.setattr(extraction, "extract", hangs)
    started = time.monotonic()
    with pytest.raises(extraction.ExtractionFailed) as failed:
        isolated.extract(str(tmp_path / "a.pdf"), extraction.PDF, seconds=1)
    assert failed.value.reason == "timeout"
    assert time.monotonic() - started < 30  # the child was stopped, not waited for


def test_a_file_that_kills_the_reader_counts_as_damaged(monkeypatch, tmp_path):
    monkeypatch.setattr(extraction, "extract", dies)
    with pytest.raises(extraction.ExtractionFailed) as failed:
        isolated.extract(str(tmp_path / "a.pdf"), extraction.PDF, seconds=30)
    assert failed.value.reason == "corrupt"


def test_the_text_comes_back_from_the_child(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("庁内ネットワークの更新について。", encoding="utf-8")
    extracted = isolated.extract(str(path), extraction.TEXT)
    assert [part.text for part in extracted.parts] == ["庁内ネットワークの更新について。"]


@pytest.mark.django_db
def test_the_version_says_it_took_too_long(
    monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.MATERIALS_EXTRACTION_SECONDS = 1
    monkeypatch.setattr(extraction, "extract", hangs)
    sitting = factories.meeting(factories.series())
    with django_capture_on_commit_callbacks(execute=True):
        material = factories.meeting_material(sitting, text="本文")
    version = MaterialVersion.objects.get(material=material)
    assert (version.extraction, version.failure) == (ExtractionState.FAILED, "timeout")
    assert version.get_failure_display() == "読み取りに時間がかかりすぎました"
    # Nothing is left running for the next file.
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        later = factories.meeting_material(sitting, title="資料2", text="次の資料")
    assert MaterialVersion.objects.get(material=later).extraction == ExtractionState.DONE


@pytest.mark.django_db
def test_the_pages_not_read_are_kept_with_the_version(
    monkeypatch, django_capture_on_commit_callbacks
):
    from materials.extraction import Extracted, Part

    def scanned_tail(path, kind):
        return Extracted(
            parts=(Part(1, "p.1", "表紙"),), page_count=3, ocr=False, unread_pages=(2, 3)
        )

    monkeypatch.setattr(isolated, "extract", scanned_tail)
    sitting = factories.meeting(factories.series())
    with django_capture_on_commit_callbacks(execute=True):
        material = factories.meeting_material(sitting, text="本文")
    version = MaterialVersion.objects.get(material=material)
    assert (version.page_count, version.unread_pages) == (3, [2, 3])
