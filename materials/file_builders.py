"""Real PDF, Word, Excel and PowerPoint files made from text, as bytes.

The demo loader, the tests and the benchmarks need files that the extraction
reads exactly as it reads an upload, so these build them with the same
libraries an office suite's output is read with: reportlab (PDF, with the
Japanese CID font HeiseiKakuGo-W5 that every PDF viewer carries, so no font
file is embedded and pypdf reads the text back as written), python-docx,
openpyxl and python-pptx. ``scanned_pdf_bytes`` makes a PDF of page images
with no text layer, the way a scanner does, for the OCR tests and benchmarks.
"""

import functools
import io
import subprocess
from pathlib import Path

PDF_FONT = "HeiseiKakuGo-W5"
PDF_FONT_SIZE = 10.5
PDF_MARGIN = 56  # points, about 2 cm
_SMALLEST_FONT_SIZE = 4


@functools.cache
def _pdf_font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    return PDF_FONT


def _wrap(text, width, measure):
    """The lines of ``text`` broken so that each fits ``width`` as ``measure`` counts it."""
    lines = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for char in paragraph:
            if line and measure(line + char) > width:
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    return lines


def pdf_bytes(pages, title=""):
    """A PDF with one A4 page per string of ``pages``, in Japanese.

    A page's text is wrapped to the page width; when it has more lines than
    fit, the font shrinks until they do, so each string stays on its own page
    (a page number in the file is the index in ``pages`` plus one).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = _pdf_font()
    page_width, page_height = A4
    text_width = page_width - 2 * PDF_MARGIN
    text_height = page_height - 2 * PDF_MARGIN
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    if title:
        pdf.setTitle(title)
    for text in pages:
        size = PDF_FONT_SIZE
        while True:
            lines = _wrap(text, text_width, lambda s, size=size: stringWidth(s, font, size))
            leading = size * 1.5
            if len(lines) * leading <= text_height or size <= _SMALLEST_FONT_SIZE:
                break
            size = max(_SMALLEST_FONT_SIZE, size * 0.85)
        block = pdf.beginText(PDF_MARGIN, page_height - PDF_MARGIN - size)
        block.setFont(font, size, leading)
        for line in lines:
            block.textLine(line)
        pdf.drawText(block)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def docx_bytes(paragraphs, page_breaks_after=()):
    """A Word document of ``paragraphs``, with a hard page break after each index given.

    ``page_breaks_after`` holds 0-based paragraph indexes: ``(2,)`` starts page 2
    with the fourth paragraph.
    """
    import docx
    from docx.enum.text import WD_BREAK

    breaks = set(page_breaks_after)
    document = docx.Document()
    for index, text in enumerate(paragraphs):
        paragraph = document.add_paragraph(text)
        if index in breaks:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(sheets):
    """An Excel workbook with one sheet per item of ``sheets`` (name → rows of cell values)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(title=name)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pptx_bytes(slides):
    """A PowerPoint deck with one 「タイトルとコンテンツ」 slide per ``(title, body)``.

    An item may carry a third string, the slide's notes: ``(title, body, notes)``.
    """
    from pptx import Presentation

    deck = Presentation()
    layout = deck.slide_layouts[1]
    for title, body, *notes in slides:
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = body
        if notes:
            slide.notes_slide.notes_text_frame.text = notes[0]
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


@functools.cache
def cjk_font_path():
    """The file of a Japanese font on this machine (fonts-noto-cjk), found with fc-match."""
    try:
        found = subprocess.run(
            ["fc-match", "--format=%{file}", "Noto Sans CJK JP:lang=ja"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout.strip()
    except OSError:
        found = ""
    candidates = [found] if found else []
    candidates += [str(p) for p in sorted(Path("/usr/share/fonts").glob("**/NotoSansCJK-*.tt[cf]"))]
    for candidate in candidates:
        if "CJK" in candidate and Path(candidate).is_file():
            return candidate
    raise RuntimeError("No Japanese font found: install fonts-noto-cjk.")


def scanned_pdf_bytes(pages, dpi=300, font_size=48):
    """A PDF of page images of ``pages`` (one A4 image per string) and no text layer.

    The text is drawn in black on white with a Noto Sans CJK font, by default at
    300 dpi and about 11.5 points, as an office scanner produces it (at 150 dpi
    Tesseract misreads 庁 as 店); a page too long for that size gets a smaller font.
    """
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(8.27 * dpi), round(11.69 * dpi)
    margin = dpi // 2
    images = []
    for text in pages:
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        size = font_size
        while True:  # shrink the font until the page holds the whole text, as pdf_bytes does
            font = ImageFont.truetype(cjk_font_path(), size)
            measure = functools.partial(draw.textlength, font=font)
            lines = _wrap(text, width - 2 * margin, measure)
            leading = round(size * 1.6)
            if len(lines) * leading <= height - 2 * margin or size <= 16:
                break
            size = max(16, int(size * 0.9))
        y = margin
        for line in lines:
            draw.text((margin, y), line, font=font, fill=0)
            y += leading
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()
