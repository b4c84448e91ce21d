"""Text extraction from materials: throughput, peak memory on a 500-page PDF, OCR speed.

    .venv/bin/python benchmarks/materials_extraction.py [--corpus DIR] [--repeats 3]

The PDF and Word files are made (materials.file_builders) from the Tokyo
Metropolitan Assembly minutes: the project's copy when there is one (a
``minutes`` folder under materials/), else shared/corpus/minutes, or the
folder given with --corpus. Each minutes file becomes one PDF and one .docx
of A4-sized pages (PAGE_CHARS characters each; a hard page break between
pages of the .docx). Throughput is pages and file megabytes per second of
``extract`` over all of them, repeated; the table gives the median and the
spread (slowest–fastest run).

Peak memory is measured on a 500-page PDF of the same text: what tracemalloc
saw Python allocate during one extraction, and the growth of the process's
maximum resident size (ru_maxrss) in a fresh interpreter that only extracts.
The interpreter's own peak (Django and the apps loaded, nothing extracted) is
given beside it: extraction adds nothing above it when the two are equal.
OCR speed is pages per second of OCRmyPDF + Tesseract (jpn) on scanned pages
(300 dpi images of minutes text, no text layer), one Tesseract thread.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import BASE_DIR, CORPUS, markdown_table  # noqa: E402

PAGE_CHARS = 1200
LONG_PDF_PAGES = 500


def django_without_a_database():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.test")
    import django

    django.setup()


def default_corpus():
    copies = sorted(p.parent for p in (BASE_DIR / "materials").glob("**/minutes/*.txt"))
    return copies[0] if copies else CORPUS / "minutes"


def pages_of(text):
    """``text`` cut into page-sized pieces at line ends."""
    pages, page = [], ""
    for line in text.splitlines():
        if page and len(page) + len(line) > PAGE_CHARS:
            pages.append(page)
            page = ""
        page += line[: PAGE_CHARS * 2] + "\n"
    if page.strip():
        pages.append(page)
    return pages


def docx_of(pages):
    from materials import file_builders

    paragraphs, breaks = [], []
    for page in pages:
        paragraphs += page.splitlines()
        breaks.append(len(paragraphs) - 1)
    return file_builders.docx_bytes(paragraphs, page_breaks_after=breaks[:-1])


def spread(values, digits=1):
    ordered = sorted(values)
    return (
        f"{statistics.median(ordered):.{digits}f}",
        f"{ordered[0]:.{digits}f}–{ordered[-1]:.{digits}f}",
    )


def throughput(files, kind, repeats):
    """Pages/s and MB/s of extract() over ``files`` (paths), per repeat."""
    from materials.extraction import extract

    total_bytes = sum(os.path.getsize(path) for path in files)
    pages_per_second, mb_per_second, pages = [], [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        pages = sum(extract(path, kind).page_count for path in files)
        elapsed = time.perf_counter() - started
        pages_per_second.append(pages / elapsed)
        mb_per_second.append(total_bytes / 1024 / 1024 / elapsed)
    return pages, total_bytes, pages_per_second, mb_per_second


def maxrss_child(path):
    """In a fresh interpreter: extract ``path`` (nothing if "-") and print ru_maxrss in KiB."""
    django_without_a_database()
    import pypdf  # noqa: F401 (loaded in the baseline too)

    from materials.extraction import extract

    if path != "-":
        extract(path, "pdf")
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def child_maxrss_kib(path):
    command = [sys.executable, __file__, "--maxrss-child", path]
    return int(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="folder of minutes *.txt")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--ocr-pages", type=int, default=3)
    parser.add_argument("--maxrss-child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.maxrss_child:
        return maxrss_child(options.maxrss_child)

    django_without_a_database()
    from materials import file_builders
    from materials.extraction import extract, ocr_available

    corpus = options.corpus or default_corpus()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not texts:
        sys.exit(f"No minutes (*.txt) in {corpus}")
    work = Path(tempfile.mkdtemp(prefix="bench-materials-"))
    all_pages = []
    pdfs, docxs = [], []
    for number, text in enumerate(texts):
        pages = pages_of(text)
        all_pages += pages
        pdf, docx = work / f"{number}.pdf", work / f"{number}.docx"
        pdf.write_bytes(file_builders.pdf_bytes(pages))
        docx.write_bytes(docx_of(pages))
        pdfs.append(str(pdf))
        docxs.append(str(docx))

    rows = []
    for label, kind, files in (("PDF", "pdf", pdfs), ("Word (.docx)", "docx", docxs)):
        pages, size, per_second, mb = throughput(files, kind, options.repeats)
        rows.append(
            [
                label,
                len(files),
                pages,
                f"{size / 1024 / 1024:.1f}",
                *spread(per_second, 0),
                *spread(mb, 2),
            ]
        )
    print(f"Corpus: {corpus} ({len(texts)} files, {sum(map(len, texts)):,} characters)\n")
    print(f"Extraction throughput ({options.repeats} runs; median and slowest–fastest)\n")
    print(
        markdown_table(
            ["format", "files", "pages", "MB", "pages/s", "spread", "MB/s", "spread"], rows
        )
    )

    long_pages = (all_pages * (LONG_PDF_PAGES // len(all_pages) + 1))[:LONG_PDF_PAGES]
    long_pdf = work / "long.pdf"
    long_pdf.write_bytes(file_builders.pdf_bytes(long_pages))
    tracemalloc.start()
    started = time.perf_counter()
    result = extract(str(long_pdf), "pdf")
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    text_mb = sum(len(part.text.encode()) for part in result.parts) / 1024 / 1024
    extracting, baseline = child_maxrss_kib(str(long_pdf)), child_maxrss_kib("-")
    print(f"\nPeak memory extracting a {LONG_PDF_PAGES}-page PDF\n")
    print(
        markdown_table(
            [
                "file MB",
                "text MB",
                "tracemalloc peak MB",
                "ru_maxrss MB (extracting / not)",
                "seconds under tracemalloc",
            ],
            [
                [
                    f"{long_pdf.stat().st_size / 1024 / 1024:.1f}",
                    f"{text_mb:.1f}",
                    f"{peak / 1024 / 1024:.1f}",
                    f"{extracting / 1024:.0f} / {baseline / 1024:.0f}",
                    f"{elapsed:.1f}",
                ]
            ],
        )
    )

    print(f"\nOCR of scanned pages ({options.ocr_pages} pages, {options.repeats} runs)\n")
    if not ocr_available():
        print("OCR is not installed (scripts/ensure-test-servers installs it): not measured.")
        return
    scanned = work / "scanned.pdf"
    scanned.write_bytes(file_builders.scanned_pdf_bytes(all_pages[: options.ocr_pages]))
    per_second, characters = [], 0
    for _ in range(options.repeats):
        started = time.perf_counter()
        result = extract(str(scanned), "pdf")
        per_second.append(result.page_count / (time.perf_counter() - started))
        characters = sum(len("".join(part.text.split())) for part in result.parts)
    expected = sum(len("".join(page.split())) for page in all_pages[: options.ocr_pages])
    print(
        markdown_table(
            ["pages", "pages/s", "spread", "characters read / drawn (no spaces)"],
            [[options.ocr_pages, *spread(per_second, 2), f"{characters:,} / {expected:,}"]],
        )
    )


if __name__ == "__main__":
    main()
