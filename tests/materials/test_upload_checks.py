"""materials.extraction.check_upload and clean_filename: what the upload request refuses.

Refused here, with a Japanese message: a kind that cannot be read, content that
is not what the name says, a file over the size cap, a zip bomb, a PDF over the
page cap, a name that cannot be shown safely. A password-protected file is
accepted (extraction reports it as 暗号化).
"""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pypdf import PdfReader, PdfWriter

from materials import file_builders
from materials.extraction import CSV, DOCX, PDF, PPTX, TEXT, XLSX, check_upload, clean_filename
from tests.materials.test_extraction import ENCRYPTED_OFFICE, OLD_DOC, _bomb_docx


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refusal(name, data):
    with pytest.raises(ValidationError) as refused:
        check_upload(name, upload(name, data))
    return refused.value


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("資料.pdf", lambda: file_builders.pdf_bytes(["本文"]), PDF),
        ("議事録.DOCX", lambda: file_builders.docx_bytes(["本文"]), DOCX),
        ("集計.xlsx", lambda: file_builders.xlsx_bytes({"集計": [[1]]}), XLSX),
        ("説明.pptx", lambda: file_builders.pptx_bytes([("題", "本文")]), PPTX),
        ("メモ.txt", lambda: "メモ".encode(), TEXT),
        ("一覧.csv", lambda: "課,件数\r\n総務課,3\r\n".encode("cp932"), CSV),
    ],
)
def test_a_real_file_of_each_kind_is_accepted_as_its_kind(name, data, kind):
    file = upload(name, data())

    assert check_upload(name, file) == kind
    assert file.tell() == 0


def test_a_program_renamed_pdf_is_refused():
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(200) + b"This program cannot be run"

    refused = refusal("資料.pdf", program)

    assert refused.code == "program"
    assert "プログラム" in refused.messages[0]


def test_a_workbook_named_docx_is_refused_as_not_what_its_name_says():
    refused = refusal("議事録.docx", file_builders.xlsx_bytes({"集計": [[1]]}))

    assert refused.code == "content"
    assert "Word (.docx)のファイルではありません" in refused.messages[0]


def test_a_text_named_pdf_is_refused():
    assert refusal("資料.pdf", "本文".encode()).code == "content"


def test_a_zip_bomb_inside_a_docx_is_refused_from_its_zip_directory():
    refused = refusal("bomb.docx", _bomb_docx(32 * 1024 * 1024))

    assert refused.code == "bomb"
    assert "圧縮爆弾" in refused.messages[0]


def _docx_with_extra_parts(count, size):
    source = zipfile.ZipFile(io.BytesIO(file_builders.docx_bytes(["本文"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        for entry in source.infolist():
            package.writestr(entry.filename, source.read(entry))
        for n in range(count):
            package.writestr(f"word/media/image{n}.bin", bytes(size))
    return out.getvalue()


@override_settings(MATERIALS_MAX_UNPACKED_BYTES=1024 * 1024)
def test_an_office_file_that_unpacks_over_the_cap_is_refused_whatever_its_ratio():
    assert refusal("big.docx", _docx_with_extra_parts(1, 2 * 1024 * 1024)).code == "bomb"


@override_settings(MATERIALS_MAX_ZIP_ENTRIES=50)
def test_an_office_file_with_too_many_parts_is_refused():
    assert refusal("many.docx", _docx_with_extra_parts(60, 10)).code == "bomb"


def test_a_macro_workbook_renamed_xlsx_is_refused_as_macro():
    source = zipfile.ZipFile(io.BytesIO(file_builders.xlsx_bytes({"集計": [[1]]})))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
            package.writestr(entry.filename, data)

    assert refusal("集計.xlsx", out.getvalue()).code == "macro"


def test_an_old_doc_renamed_docx_is_refused_with_a_hint_to_save_as_docx():
    refused = refusal("議事録.docx", OLD_DOC)

    assert refused.code == "legacy_office"
    assert ".docx形式で保存し直して" in refused.messages[0]


def test_an_encrypted_office_file_is_accepted_for_extraction_to_report():
    assert check_upload("秘.docx", upload("秘.docx", ENCRYPTED_OFFICE)) == DOCX


def test_a_password_protected_pdf_is_accepted_for_extraction_to_report():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(file_builders.pdf_bytes(["秘"]))))
    writer.encrypt(user_password="open-sesame", owner_password="o", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)

    assert check_upload("秘.pdf", upload("秘.pdf", out.getvalue())) == PDF


@override_settings(MATERIALS_MAX_UPLOAD_BYTES=1024)
def test_a_file_over_the_size_cap_is_refused_with_the_limit():
    refused = refusal("メモ.txt", "あ".encode() * 1000)

    assert refused.code == "size"
    assert "MB まで" in refused.messages[0]


def test_an_empty_file_is_refused():
    assert refusal("メモ.txt", b"").code == "empty"


@override_settings(MATERIALS_MAX_PAGES=10)
def test_a_pdf_over_the_page_cap_is_refused_with_its_page_count():
    refused = refusal("厚い.pdf", file_builders.pdf_bytes(["頁"] * 11))

    assert refused.code == "pages"
    assert "11ページ" in refused.messages[0]


@pytest.mark.parametrize("name", ["script.exe", "archive.zip", "noextension", "画像.png"])
def test_other_kinds_are_refused_with_the_kinds_that_may_be_uploaded(name):
    refused = refusal(name, b"data")

    assert refused.code == "kind"
    assert "PDF" in refused.messages[0]


@pytest.mark.parametrize("old", ["doc", "xls", "ppt"])
def test_old_office_extensions_are_refused_with_the_new_one_to_save_as(old):
    refused = refusal(f"資料.{old}", OLD_DOC)

    assert refused.code == "legacy_office"
    assert f".{old}x形式で保存し直して" in refused.messages[0]


def test_binary_content_named_txt_is_refused():
    assert refusal("メモ.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").code == "encoding"


def test_text_in_neither_utf8_nor_cp932_is_refused():
    assert refusal("メモ.txt", "Ελληνικά".encode("iso-8859-7")).code == "encoding"


# File names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("C:\\Users\\職員\\Desktop\\議事録.pdf", "議事録.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("/var/tmp/資料 第1回.docx", "資料 第1回.docx"),
        ("  会議資料.pdf  ", "会議資料.pdf"),
        ("ファイル.pdf", "ファイル.pdf"),  # as macOS sends it (NFD) -> NFC
    ],
)
def test_directory_parts_are_dropped_from_a_file_name(given, kept):
    assert clean_filename(given) == kept


@pytest.mark.parametrize(
    "name",
    ["議事\x00録.pdf", "議事録\n.pdf", "a\x1b[31m.txt", "資料\u202efdp.exe", "\x7f.csv"],
)
def test_a_name_with_control_or_invisible_characters_is_refused_with_a_request_to_rename(name):
    with pytest.raises(ValidationError) as refused:
        clean_filename(name)

    assert refused.value.code == "filename_characters"
    assert "ファイル名を変えて" in refused.value.messages[0]


def test_a_260_character_name_is_refused_with_a_request_to_shorten_it_keeping_the_extension():
    name = "会" * 256 + ".pdf"

    with pytest.raises(ValidationError) as refused:
        check_upload(name, upload("x.pdf", file_builders.pdf_bytes(["本文"])))

    assert refused.value.code == "filename_length"
    assert "260文字" in refused.value.messages[0]
    assert "拡張子（.pdf）" in refused.value.messages[0]


def test_a_255_character_name_is_kept_whole():
    name = "会" * 251 + ".pdf"

    assert clean_filename(name) == name


@pytest.mark.parametrize("name", ["", "/", "dir/", ".."])
def test_a_name_with_nothing_left_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        clean_filename(name)

    assert refused.value.code == "filename_empty"
