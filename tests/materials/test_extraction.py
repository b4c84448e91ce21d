"""materials.extraction.extract: the text of each format by page, sheet, slide or lines.

Every file is a real one, built with materials.file_builders; a file that
cannot be read raises ExtractionFailed with its reason and nothing else.
"""

import io
import zipfile

import pytest
from django.test import override_settings
from pypdf import PdfReader, PdfWriter

from materials import file_builders
from materials.extraction import (
    CSV,
    DOCX,
    PDF,
    PPTX,
    REASONS,
    TEXT,
    XLSX,
    ExtractionFailed,
    extract,
    reason_label,
)


@pytest.fixture
def write(tmp_path):
    def write(name, data):
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


def reason_of(path, kind):
    with pytest.raises(ExtractionFailed) as failed:
        extract(path, kind)
    return failed.value.reason


# PDF -------------------------------------------------------------------------


def test_pdf_text_is_kept_by_page_number_and_empty_pages_are_left_out(write):
    pages = ["情報セキュリティ対策", "", "庁内調整会議の資料"]
    path = write("a.pdf", file_builders.pdf_bytes(pages))

    result = extract(path, PDF)

    assert [(p.number, p.label, p.text) for p in result.parts] == [
        (1, "p.1", "情報セキュリティ対策"),
        (3, "p.3", "庁内調整会議の資料"),
    ]
    assert result.page_count == 3
    assert result.ocr is False


def test_pdf_full_width_and_half_width_japanese_comes_back_as_written(write):
    text = "ＶＰＮ接続・ﾌﾟﾘﾝﾀｰ設定①"
    result = extract(write("a.pdf", file_builders.pdf_bytes([text])), PDF)

    assert result.parts[0].text == text


def _encrypted(data, user_password, owner_password="owner-secret"):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_that_needs_a_password_to_open_is_encrypted(write):
    data = _encrypted(file_builders.pdf_bytes(["秘密の資料"]), user_password="open-sesame")

    assert reason_of(write("locked.pdf", data), PDF) == "encrypted"


def test_a_pdf_locked_only_against_editing_opens_as_in_a_viewer(write):
    data = _encrypted(file_builders.pdf_bytes(["印刷禁止の資料"]), user_password="")

    assert extract(write("restricted.pdf", data), PDF).parts[0].text == "印刷禁止の資料"


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda data: data[: len(data) // 3], id="truncated"),
        pytest.param(lambda data: b"%PDF-1.7\n" + bytes(range(256)) * 40, id="garbage"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_broken_pdf_is_corrupt(write, mangle):
    data = mangle(file_builders.pdf_bytes(["会議録"] * 3))

    assert reason_of(write("broken.pdf", data), PDF) == "corrupt"


def test_a_pdf_without_text_or_images_has_no_text(write):
    assert reason_of(write("blank.pdf", file_builders.pdf_bytes(["", ""])), PDF) == "no_text"


# A 500-page PDF, built once for the module. ------------------------------------


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("long") / "long.pdf"
    path.write_bytes(file_builders.pdf_bytes([f"第{n}頁 議事録の本文" for n in range(1, 501)]))
    return str(path)


def test_a_500_page_pdf_is_read_to_its_last_page(long_pdf):
    result = extract(long_pdf, PDF)

    assert result.page_count == 500
    assert len(result.parts) == 500
    assert result.parts[-1] == result.parts[-1].__class__(500, "p.500", "第500頁 議事録の本文")


@override_settings(MATERIALS_MAX_PAGES=499)
def test_a_pdf_over_the_page_cap_has_too_many_pages(long_pdf):
    assert reason_of(long_pdf, PDF) == "too_many_pages"


# Word ------------------------------------------------------------------------


def test_docx_pages_are_counted_by_its_page_breaks(write):
    paragraphs = ["議題一", "議題二", "議題三", "議題四"]
    data = file_builders.docx_bytes(paragraphs, page_breaks_after=(0, 2))

    result = extract(write("a.docx", data), DOCX)

    assert [(p.number, p.label, p.text) for p in result.parts] == [
        (1, "p.1", "議題一"),
        (2, "p.2", "議題二\n議題三"),
        (3, "p.3", "議題四"),
    ]
    assert result.page_count == 3


def test_docx_without_page_breaks_is_one_page_with_its_tables(write):
    import docx

    document = docx.Document()
    document.add_paragraph("会議の概要")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "総務課"
    table.rows[0].cells[1].text = "出席"
    out = io.BytesIO()
    document.save(out)

    result = extract(write("t.docx", out.getvalue()), DOCX)

    assert result.page_count == 1
    assert "会議の概要" in result.parts[0].text
    assert "総務課\t出席" in result.parts[0].text


def test_docx_pages_follow_the_breaks_word_rendered_when_it_recorded_them(write):
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    for text in ("一頁目", "二頁目", "三頁目"):
        document.add_paragraph(text)
    # Word recorded where it broke the pages (a long paragraph flowing over), no hard breaks.
    for paragraph in document.paragraphs[1:]:
        paragraph.runs[0]._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))
    out = io.BytesIO()
    document.save(out)

    result = extract(write("r.docx", out.getvalue()), DOCX)

    pages = [(p.number, p.text) for p in result.parts]
    assert pages == [(1, "一頁目"), (2, "二頁目"), (3, "三頁目")]


def _bomb_docx(size):
    """A real .docx with one extra part of ``size`` zero bytes (packed to about 1/1000)."""
    source = zipfile.ZipFile(io.BytesIO(file_builders.docx_bytes(["本文"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for entry in source.infolist():
            package.writestr(entry, source.read(entry))
        with package.open("word/media/image1.bin", "w") as bomb:
            block = bytes(1024 * 1024)
            for _ in range(size // len(block)):
                bomb.write(block)
    return out.getvalue()


def test_a_zip_bomb_in_a_docx_is_too_large_before_any_library_unpacks_it(write):
    assert reason_of(write("bomb.docx", _bomb_docx(32 * 1024 * 1024)), DOCX) == "too_large"


def test_an_encrypted_office_file_is_encrypted(write):
    assert reason_of(write("locked.docx", ENCRYPTED_OFFICE), DOCX) == "encrypted"


def test_an_old_binary_office_file_named_docx_is_unsupported(write):
    assert reason_of(write("old.docx", OLD_DOC), DOCX) == "unsupported"


def test_a_workbook_named_docx_is_unsupported(write):
    data = file_builders.xlsx_bytes({"集計": [["a"]]})

    assert reason_of(write("wrong.docx", data), DOCX) == "unsupported"


@pytest.mark.parametrize("kind", [DOCX, XLSX, PPTX])
def test_a_truncated_office_file_is_corrupt(write, kind):
    data = {
        DOCX: file_builders.docx_bytes(["本文"]),
        XLSX: file_builders.xlsx_bytes({"集計": [["本文"]]}),
        PPTX: file_builders.pptx_bytes([("題", "本文")]),
    }[kind]

    assert reason_of(write(f"cut.{kind}", data[: len(data) // 2]), kind) == "corrupt"


# Header of an OLE compound file and the UTF-16 name of the stream Office keeps an
# encrypted package in: what extraction looks at to tell one from an old .doc.
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
ENCRYPTED_OFFICE = _CFB + "EncryptedPackage".encode("utf-16-le") + bytes(4000)
OLD_DOC = _CFB + "WordDocument".encode("utf-16-le") + bytes(4000)


# Excel -----------------------------------------------------------------------


def test_xlsx_text_is_kept_by_sheet_with_its_name(write):
    data = file_builders.xlsx_bytes(
        {
            "集計": [["課", "件数"], ["総務課", 3], ["財政課", 2.5]],
            "空": [],
            "明細": [[None, "備考", None, "要確認"]],
        }
    )

    result = extract(write("a.xlsx", data), XLSX)

    assert [(p.number, p.label, p.text) for p in result.parts] == [
        (1, "シート「集計」", "課\t件数\n総務課\t3\n財政課\t2.5"),
        (3, "シート「明細」", "備考\t要確認"),
    ]
    assert result.page_count == 3


# PowerPoint ------------------------------------------------------------------


def test_pptx_text_is_kept_by_slide_with_its_notes(write):
    data = file_builders.pptx_bytes(
        [("会議の目的", "庁内調整"), ("スケジュール", "4月に開始", "説明は企画課から")]
    )

    result = extract(write("a.pptx", data), PPTX)

    assert [(p.number, p.label) for p in result.parts] == [(1, "スライド1"), (2, "スライド2")]
    assert result.parts[0].text == "会議の目的\n庁内調整"
    assert result.parts[1].text == "スケジュール\n4月に開始\n説明は企画課から"


# Text and CSV ----------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("cp932"), id="cp932"),
        pytest.param(lambda text: text.encode("utf-8"), id="utf-8"),
        pytest.param(lambda text: text.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(lambda text: text.encode("utf-16"), id="utf-16-bom"),
    ],
)
def test_csv_is_read_in_its_encoding_with_cells_apart(write, encode):
    path = write("a.csv", encode('課,件数\r\n総務課,3\r\n"財政課,会計課",5\r\n'))

    result = extract(path, CSV)

    assert [(p.number, p.label, p.text) for p in result.parts] == [
        (1, "1〜3行目", "課\t件数\n総務課\t3\n財政課,会計課\t5")
    ]


def test_long_text_is_split_into_numbered_runs_of_lines(write):
    lines = [f"{n}行目の議事録です。" * 20 for n in range(1, 101)]

    result = extract(write("a.txt", "\n".join(lines).encode()), TEXT)

    assert len(result.parts) > 1
    assert result.page_count == len(result.parts)
    assert [p.number for p in result.parts] == list(range(1, len(result.parts) + 1))
    assert result.parts[0].label.startswith("1〜")
    assert result.parts[1].text.startswith(lines[int(result.parts[0].label[2:-2])])
    assert "\n".join(p.text for p in result.parts) == "\n".join(lines)


def test_binary_text_is_unsupported(write):
    assert reason_of(write("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe"), TEXT) == "unsupported"


def test_an_empty_text_file_has_no_text(write):
    assert reason_of(write("a.txt", b"\n\n"), TEXT) == "no_text"


def test_control_characters_are_removed_from_the_text(write):
    result = extract(write("a.txt", "議事\x1b録\x07\t本文".encode()), TEXT)

    assert result.parts[0].text == "議事録\t本文"


# Reasons ---------------------------------------------------------------------


def test_an_unknown_kind_is_unsupported(write):
    assert reason_of(write("a.odt", b"PK\x03\x04"), "odt") == "unsupported"


@pytest.mark.parametrize(
    ("reason", "label"),
    [("encrypted", "暗号化されています"), ("corrupt", "破損しています"), ("unsupported", "対応")],
)
def test_every_reason_has_a_japanese_label(reason, label):
    assert label in str(reason_label(reason))
    assert all(str(reason_label(r)) != r for r in REASONS)
