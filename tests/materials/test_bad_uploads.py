"""Bad input to the three upload screens, end to end: a meeting's upload, a library folder's
upload and a material's new version.

Each file is sent as a browser sends it (a multipart body written here, so its name reaches
the server exactly as given) and must come back with a clear Japanese message or land in the
right state: never a 500, and nothing half-saved (materials, versions, documents and held
uploads are counted before and after).

Where each item of the issue's "Bad input" list is tested:

- files over the limit: here, through all three screens
  (``test_a_file_over_the_size_limit_is_refused_on_every_screen``); the check itself in
  test_upload_checks.py.
- wrong extension for the content: a program named .pdf through the meeting upload and the new
  version in test_meeting_views.py and test_material_page.py; here a workbook named .docx
  through all three screens.
- a password-protected PDF: here, accepted on every screen, then 抽出不可（暗号化…） on the
  material's page once its text has been read.
- a zip bomb inside a .docx: here, through all three screens; the zip-directory check in
  test_upload_checks.py and extraction's own guard in test_extraction.py.
- a 500-page PDF: here, accepted and read to p.500 under the default cap, refused with its page
  count over a lower one; reading it in test_extraction.py.
- a scanned PDF without text: here, one page read by OCR and marked OCR on the page (skipped
  when OCR is not installed); the OCR engine in test_extraction_ocr.py.
- file names with path separators, control characters or 260+ characters: here, through all
  three screens; clean_filename itself in test_upload_checks.py. Django's parser drops the
  directory parts and the unprintable characters of a sent name before any form sees it, so
  those land as a clean name (or, for 「資料\u202etxt.exe」, as the program it is, refused);
  it also cut a name over 255 characters short, which was then stored silently: the upload
  handlers of intranet.uploads now keep the name as sent, and it is refused in words.
- an upload to a meeting one may not edit: test_meeting_views.py
  (``test_an_upload_to_a_meeting_one_may_not_edit_is_404_and_saves_nothing``); here the same
  with a real file, counting versions and documents too, and the library and new-version
  screens for those who may not file there.
- far past or future dates in the meeting form: adding a meeting in test_meeting_views.py;
  here editing one; every date field of the app's forms in the hostile-input sweep
  (tests/intranet/test_hostile_input.py).
"""

import io
import uuid

import pytest
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from wagtail.documents.models import Document

from intranet import dates
from intranet.held_uploads import HeldUpload
from materials import file_builders
from materials.extraction import ocr_available
from materials.models import Confidentiality, Material, MaterialVersion, Meeting
from tests.conftest import require_server
from tests.factories import DepartmentFactory, UserFactory, staff_member
from tests.materials import factories, test_extraction
from tests.materials.test_extraction import _bomb_docx

pytestmark = pytest.mark.django_db

# The 500-page PDF of the extraction tests, built once for this module too.
long_pdf = test_extraction.long_pdf

SCREENS = ["meeting", "library", "version"]


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    """A meeting of a series run by 政策企画課, with one material; a folder with a document of
    市民課; a secretary and a clerk who may upload to them."""
    kept = factories.series()
    sitting = factories.meeting(kept, title="第5回")
    section = DepartmentFactory(name="市民課")
    folder = factories.category("住民票関係")
    with django_capture_on_commit_callbacks(execute=True):
        material = factories.meeting_material(sitting, title="議事次第")
    return {
        "meeting": sitting,
        "material": material,
        "folder": folder,
        "section": section,
        "secretary": factories.secretary_of(kept),
        "clerk": staff_member(department=section),
    }


def multipart(fields, file_field, filename, data):
    """A multipart/form-data body as a browser writes it, the file name byte for byte
    (Django's test client would cut the name to its last part before sending it)."""
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            )
            out.write(f"{value}\r\n".encode())
    escaped = filename.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")
    out.write(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{escaped}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
    )
    out.write(data)
    out.write(f"\r\n--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def send(client, world, screen, filename, data, user=None):
    """POST one file to ``screen`` as its uploader (or ``user``)."""
    if screen == "meeting":
        url = reverse("materials:meeting_upload", args=[world["meeting"].pk])
        fields, file_field = {"confidentiality": Confidentiality.PUBLIC}, "files"
        uploader = world["secretary"]
    elif screen == "library":
        url = reverse("materials:category_upload", args=[world["folder"].pk])
        fields = {
            "title": "交付申請書",
            "department": world["section"].pk,
            "confidentiality": Confidentiality.PUBLIC,
        }
        file_field, uploader = "file", world["clerk"]
    else:
        url = reverse("materials:material_replace", args=[world["material"].pk])
        fields, file_field, uploader = {"note": "改訂"}, "file", world["secretary"]
    client.force_login(user or uploader)
    body, content_type = multipart(fields, file_field, filename, data)
    return client.post(url, body, content_type=content_type)


def rows():
    return {
        "materials": Material.objects.count(),
        "versions": MaterialVersion.objects.count(),
        "documents": Document.objects.count(),
        "held": HeldUpload.objects.count(),
    }


def refused(client, world, screen, filename, data):
    """The page that came back, after checking that it came back and nothing was kept."""
    before = rows()
    response = send(client, world, screen, filename, data)
    assert response.status_code == 200
    assert rows() == before
    return response.content.decode()


def accepted(client, world, screen, filename, data, capture):
    """The version made from the upload, after its text has been read."""
    before = MaterialVersion.objects.count()
    with capture(execute=True):
        response = send(client, world, screen, filename, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert MaterialVersion.objects.count() == before + 1
    return MaterialVersion.objects.select_related("material").latest("pk")


# Size, content, bombs -------------------------------------------------------------------


@pytest.mark.parametrize("screen", SCREENS)
@override_settings(MATERIALS_MAX_UPLOAD_BYTES=1024 * 1024)
def test_a_file_over_the_size_limit_is_refused_on_every_screen(client, world, screen):
    text = refused(client, world, screen, "大きな資料.txt", "あ".encode() * 700_000)

    assert "「大きな資料.txt」は2.0 MB あります。" in text
    assert "1ファイル1 MB までです" in text


@pytest.mark.parametrize("screen", SCREENS)
def test_a_workbook_named_docx_is_refused_on_every_screen(client, world, screen):
    workbook = file_builders.xlsx_bytes({"集計": [["課", "件数"], ["総務課", 3]]})

    text = refused(client, world, screen, "議事録.docx", workbook)

    assert "Word (.docx)のファイルではありません" in text


@pytest.fixture(scope="module")
def bomb():
    return _bomb_docx(32 * 1024 * 1024)


@pytest.mark.parametrize("screen", SCREENS)
def test_a_zip_bomb_inside_a_docx_is_refused_on_every_screen(client, world, screen, bomb):
    text = refused(client, world, screen, "報告書.docx", bomb)

    assert "圧縮爆弾のおそれ" in text


# Files that are accepted and reported by extraction ------------------------------------


def _password_protected_pdf():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(file_builders.pdf_bytes(["秘密の資料"]))))
    writer.encrypt(user_password="open-sesame", owner_password="o", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("screen", SCREENS)
def test_a_password_protected_pdf_is_kept_and_shown_as_encrypted(
    client, world, screen, django_capture_on_commit_callbacks
):
    version = accepted(
        client,
        world,
        screen,
        "秘密.pdf",
        _password_protected_pdf(),
        django_capture_on_commit_callbacks,
    )

    page = client.get(version.material.get_absolute_url()).content.decode()
    assert "抽出不可（暗号化されています（パスワード付き））" in page
    assert reverse("materials:download", args=[version.pk]) in page
    assert client.get(reverse("materials:download", args=[version.pk])).status_code == 200


def test_a_500_page_pdf_is_read_to_its_last_page(
    client, world, long_pdf, django_capture_on_commit_callbacks
):
    with open(long_pdf, "rb") as file:
        data = file.read()

    version = accepted(
        client, world, "meeting", "議事録.pdf", data, django_capture_on_commit_callbacks
    )

    version.refresh_from_db()
    assert (version.extraction, version.page_count) == ("done", 500)
    page = client.get(version.material.get_absolute_url()).content.decode()
    assert "p.500" in page


@override_settings(MATERIALS_MAX_PAGES=499)
def test_a_500_page_pdf_over_the_page_cap_is_refused_with_its_page_count(client, world, long_pdf):
    with open(long_pdf, "rb") as file:
        data = file.read()

    text = refused(client, world, "library", "議事録.pdf", data)

    assert "「議事録.pdf」は500ページあります。PDF は499ページまでです。" in text


def test_a_scanned_pdf_is_read_by_ocr_and_marked_so(
    client, world, django_capture_on_commit_callbacks
):
    if not ocr_available():
        require_server("OCRmyPDF, Tesseract or its Japanese data is not installed")
    from tests.materials.test_extraction_ocr import SCANNED_TEXT

    scan = file_builders.scanned_pdf_bytes([SCANNED_TEXT])

    version = accepted(
        client, world, "meeting", "スキャン.pdf", scan, django_capture_on_commit_callbacks
    )

    version.refresh_from_db()
    assert (version.extraction, version.ocr) == ("done", True)
    page = client.get(version.material.get_absolute_url()).content.decode()
    assert "OCRで読み取り" in page
    assert "提出してください" in page


# File names ---------------------------------------------------------------------------


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize(
    "given",
    ["C:\\Users\\職員\\Desktop\\議事録.txt", "../../etc/議事録.txt", "/var/tmp/議事録.txt"],
    ids=["windows", "dot-dot", "absolute"],
)
def test_a_path_in_a_file_name_is_dropped(
    client, world, screen, given, django_capture_on_commit_callbacks
):
    version = accepted(
        client, world, screen, given, "本文".encode(), django_capture_on_commit_callbacks
    )

    assert version.filename == "議事録.txt"
    assert "/" not in version.document.file.name.removeprefix("documents/")
    assert ".." not in version.document.file.name


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize(
    ("given", "kept"),
    [("議事\x1b[31m録.txt", "議事[31m録.txt"), ("議事録\t.txt", "議事録.txt")],
    ids=["escape", "tab"],
)
def test_control_characters_never_reach_the_stored_name(
    client, world, screen, given, kept, django_capture_on_commit_callbacks
):
    """Django's parser drops them before any form sees the name; what is left is stored."""
    version = accepted(
        client, world, screen, given, "本文".encode(), django_capture_on_commit_callbacks
    )

    assert version.filename == kept


@pytest.mark.parametrize("screen", SCREENS)
def test_a_name_reversed_by_an_invisible_character_is_refused_for_what_it_really_is(
    client, world, screen
):
    """「資料\u202etxt.exe」 shows as 資料exe.txt: a program, refused by its real extension."""
    text = refused(client, world, screen, "資料\u202etxt.exe", "本文".encode())

    assert "「資料txt.exe」はアップロードできない種類のファイルです" in text


@pytest.mark.parametrize("screen", SCREENS)
def test_a_file_name_of_260_characters_is_refused_with_a_request_to_shorten_it(
    client, world, screen
):
    text = refused(client, world, screen, "会" * 300 + ".txt", "本文".encode())

    assert "ファイル名が304文字あります。" in text


def test_a_file_name_of_255_characters_is_kept_whole(
    client, world, django_capture_on_commit_callbacks
):
    name = "会" * 251 + ".txt"

    version = accepted(
        client, world, "meeting", name, "本文".encode(), django_capture_on_commit_callbacks
    )

    assert version.filename == name


# Who may upload, and dates ------------------------------------------------------------


@pytest.mark.parametrize("screen", SCREENS)
def test_an_upload_one_may_not_make_is_404_and_keeps_nothing(client, world, screen):
    if screen == "library":
        outsider = UserFactory()  # no department: may file documents nowhere
    else:
        outsider = staff_member(department=DepartmentFactory(name="税務課"))
    before = rows()

    response = send(client, world, screen, "資料.txt", "本文".encode(), user=outsider)

    assert response.status_code == 404
    assert rows() == before


@pytest.mark.parametrize("held_at", ["0001-01-01T00:00", "9999-12-31T23:59", "2200-01-01T10:00"])
def test_editing_a_meeting_to_a_date_far_in_the_past_or_future_is_refused_in_words(
    client, world, held_at
):
    sitting = world["meeting"]
    client.force_login(world["secretary"])

    response = client.post(
        reverse("materials:meeting_edit", args=[sitting.pk]),
        {"title": sitting.title, "held_at": held_at, "place": "", "agenda": "", "minutes": ""},
    )

    assert response.status_code == 200
    assert dates.bounds_message() in response.content.decode()
    assert Meeting.objects.get(pk=sitting.pk).held_at == sitting.held_at
