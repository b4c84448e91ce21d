"""Scanned PDF pages are read by OCR (OCRmyPDF and Tesseract's Japanese data), marked as such.

OCR takes about a second a page, so the files are small and each is read once
per module. Without OCR installed, a scan is reported, never a crash.
"""

import io
import os
import stat

import pytest
from django.test import override_settings
from pypdf import PdfReader, PdfWriter

from materials import file_builders
from materials.extraction import PDF, ExtractionFailed, extract, ocr_available
from tests.conftest import require_server

# A page of several lines, as a real scan has (Tesseract's layout analysis misreads a lone line).
SCANNED_TEXT = (
    "令和八年度 第三回庁内調整会議 資料\n"
    "議題一 情報セキュリティ対策の見直しについて\n"
    "議題二 庁内の文書管理システムの更新について\n"
    "各課は十二月十日までに意見を提出してください。\n"
    "以上"
)


def _merged(*pdfs):
    writer = PdfWriter()
    for data in pdfs:
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory):
    """Page 1 typed text, page 2 a scan of SCANNED_TEXT."""
    path = tmp_path_factory.mktemp("ocr") / "mixed.pdf"
    path.write_bytes(
        _merged(
            file_builders.pdf_bytes(["入力された本文"]),
            file_builders.scanned_pdf_bytes([SCANNED_TEXT]),
        )
    )
    return str(path)


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory):
    """Two scanned pages and nothing else."""
    path = tmp_path_factory.mktemp("ocr") / "scanned.pdf"
    path.write_bytes(file_builders.scanned_pdf_bytes([SCANNED_TEXT, SCANNED_TEXT]))
    return str(path)


@pytest.fixture(scope="module")
def mixed_result(mixed_pdf):
    if not ocr_available():
        require_server("OCRmyPDF, Tesseract or its Japanese data is not installed")
    return extract(mixed_pdf, PDF)


def test_a_scanned_page_is_read_by_ocr_and_marked_as_ocr(mixed_result):
    scanned = mixed_result.parts[1]

    assert (scanned.number, scanned.label, scanned.ocr) == (2, "p.2", True)
    # Tesseract puts no space between Japanese words, and OCR joins what it spaced apart.
    assert "議題一情報セキュリティ対策の見直しについて" in scanned.text
    assert "各課は十二月十日までに意見を提出してください。" in scanned.text
    assert mixed_result.ocr is True


def test_a_page_with_text_beside_a_scan_is_read_from_its_text_not_ocr(mixed_result):
    typed = mixed_result.parts[0]

    assert (typed.number, typed.text, typed.ocr) == (1, "入力された本文", False)


@override_settings(MATERIALS_OCR_MAX_PAGES=1)
def test_scanned_pages_over_the_ocr_cap_are_listed_as_unread(scanned_pdf):
    if not ocr_available():
        require_server("OCRmyPDF, Tesseract or its Japanese data is not installed")

    result = extract(scanned_pdf, PDF)

    assert [(p.number, p.ocr) for p in result.parts] == [(1, True)]
    assert result.unread_pages == (2,)
    assert result.page_count == 2


@override_settings(MATERIALS_OCRMYPDF="/nonexistent/ocrmypdf")
def test_a_scan_without_ocr_installed_is_reported_as_ocr_unavailable(scanned_pdf):
    with pytest.raises(ExtractionFailed) as failed:
        extract(scanned_pdf, PDF)

    assert failed.value.reason == "ocr_unavailable"


@override_settings(MATERIALS_OCRMYPDF="/nonexistent/ocrmypdf")
def test_without_ocr_a_file_with_some_text_keeps_it_and_lists_the_scans_as_unread(mixed_pdf):
    result = extract(mixed_pdf, PDF)

    assert [(p.number, p.ocr) for p in result.parts] == [(1, False)]
    assert result.unread_pages == (2,)


def test_ocr_that_fails_is_reported_as_ocr_failed(scanned_pdf, tmp_path):
    if not ocr_available():
        require_server("Tesseract or its Japanese data is not installed")
    broken = tmp_path / "ocrmypdf"
    broken.write_text("#!/bin/sh\necho 'ghostscript: rendering failed' >&2\nexit 2\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)

    with override_settings(MATERIALS_OCRMYPDF=os.fspath(broken)):
        with pytest.raises(ExtractionFailed) as failed:
            extract(scanned_pdf, PDF)

    assert failed.value.reason == "ocr_failed"
