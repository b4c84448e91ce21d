"""OCR of scanned PDF pages: OCRmyPDF (Debian's ocrmypdf) driving Tesseract with Japanese data.

OCRmyPDF runs as a separate program (the Debian package brings Tesseract,
Ghostscript and its own Python libraries, none of which the intranet has to
load), on a PDF of just the pages that need it, and writes only the text
("--output-type none --sidecar"): one block per page, separated by form feeds.
Without OCRmyPDF, Tesseract or its Japanese data (a machine set up with
`make run` alone), ``available()`` says so and the caller reports it.
"""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ExtractionFailed
from .limits import limit

# Tesseract spaces Japanese characters apart ("会 議 資料"); search wants them joined.
_CJK = r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff60]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})[ \t]+(?={_CJK})")


def _command():
    return shutil.which(limit("MATERIALS_OCRMYPDF"))


def available():
    """Whether OCRmyPDF, Tesseract and every language of MATERIALS_OCR_LANGUAGES are installed."""
    if _command() is None or shutil.which("tesseract") is None:
        return False
    try:
        found = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    # Tesseract 5 lists on standard output, older versions on standard error.
    listed = (found.stdout + found.stderr).split()
    return all(language in listed for language in limit("MATERIALS_OCR_LANGUAGES").split("+"))


def tidy(text):
    return _SPACE_BETWEEN_CJK.sub("", text).strip()


def recognise(pdf_path, page_count):
    """The text of each page of the PDF at ``pdf_path`` (all ``page_count`` of them), by OCR.

    Raises ExtractionFailed("ocr_failed") when OCRmyPDF fails or runs out of time.
    """
    command = _command()
    if command is None:
        raise ExtractionFailed("ocr_unavailable")
    with tempfile.TemporaryDirectory(prefix="materials-ocr-") as work:
        sidecar = Path(work) / "text.txt"
        arguments = [
            command,
            "--quiet",
            "--force-ocr",
            "--output-type",
            "none",
            "--sidecar",
            str(sidecar),
            "--language",
            limit("MATERIALS_OCR_LANGUAGES"),
            "--jobs",
            "1",
            str(pdf_path),
            "-",
        ]
        # One thread per Tesseract: the worker shares the machine with the web server.
        environment = {**os.environ, "OMP_THREAD_LIMIT": "1", "TMPDIR": work}
        try:
            finished = subprocess.run(
                arguments,
                capture_output=True,
                timeout=30 + page_count * limit("MATERIALS_OCR_SECONDS_PER_PAGE"),
                env=environment,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ExtractionFailed("ocr_failed", "timed out") from None
        except OSError as error:
            raise ExtractionFailed("ocr_unavailable", str(error)) from None
        if finished.returncode != 0 or not sidecar.exists():
            detail = finished.stderr.decode("utf-8", "replace")[-500:]
            raise ExtractionFailed("ocr_failed", f"exit {finished.returncode}: {detail}")
        pages = sidecar.read_text(encoding="utf-8", errors="replace").split("\f")
    pages = [tidy(text) for text in pages][:page_count]
    return pages + [""] * (page_count - len(pages))
