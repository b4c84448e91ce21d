"""Placeholder: replaced by the extraction engine."""

import os
from dataclasses import dataclass

from django.core.exceptions import ValidationError

PDF, DOCX, XLSX, PPTX, TEXT, CSV = "pdf", "docx", "xlsx", "pptx", "txt", "csv"
KINDS = (PDF, DOCX, XLSX, PPTX, TEXT, CSV)


@dataclass(frozen=True)
class Part:
    number: int
    label: str
    text: str
    ocr: bool = False


@dataclass(frozen=True)
class Extracted:
    parts: tuple
    page_count: int
    ocr: bool


class ExtractionFailed(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def clean_filename(name):
    return os.path.basename(name.replace("\\", "/"))


def check_upload(name, upload):
    kind = os.path.splitext(name)[1].lstrip(".").lower()
    if kind not in KINDS:
        raise ValidationError("unsupported")
    return kind


def extract(path, kind):
    if kind != TEXT:
        raise ExtractionFailed("unsupported")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    return Extracted(parts=(Part(1, "p.1", text),), page_count=1, ocr=False)
