"""The demo's meetings, forms and tables: real files whose text is read and found at once."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

import search
from intranet.models import StaffProfile
from materials.demo import DEMO_PDF_PHRASE, DEMO_PDF_PHRASE_PAGE
from materials.models import (
    AgendaItem,
    Confidentiality,
    ExtractedPart,
    ExtractionState,
    Library,
    LibraryCategory,
    Material,
    MaterialVersion,
    Meeting,
    MeetingSeries,
)

# The whole year of meetings, not the one sitting per series other modules load.
WHOLE_MATERIALS_DEMO = True

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_demo"),
    pytest.mark.xdist_group("materials-demo"),
]


def user(username):
    return get_user_model().objects.get(username=username)


def counts():
    return (
        MeetingSeries.objects.count(),
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        LibraryCategory.objects.count(),
        Material.objects.count(),
        MaterialVersion.objects.count(),
        ExtractedPart.objects.count(),
    )


def test_the_four_series_are_kept_by_sections_of_the_directory():
    kept = dict(MeetingSeries.objects.values_list("name", "secretary_department__name"))
    assert kept == {
        "庁内調整会議": "行政管理課",
        "部長会議": "総務課",
        "課長会議": "総務課",
        "情報化推進委員会": "情報政策課",
    }


def test_the_heads_meeting_is_attended_by_the_department_heads():
    heads = MeetingSeries.objects.get(name="部長会議").members.all()
    titles = set(StaffProfile.objects.filter(user__in=heads).values_list("job_title", flat=True))
    assert titles == {"部長"}
    assert heads.count() == StaffProfile.objects.filter(job_title="部長").count()


def test_a_year_of_meetings_with_japanese_titles_places_agendas_and_minutes():
    now = timezone.now()
    meetings = Meeting.objects.all()
    assert meetings.count() >= 20
    for meeting in meetings:
        assert now - datetime.timedelta(days=366) <= meeting.held_at < now, meeting
        assert meeting.title.startswith("令和") and "年度第" in meeting.title, meeting.title
        assert meeting.place.startswith("本庁舎"), meeting.place
        assert meeting.agenda_items.exists(), meeting
        assert meeting.minutes and "<" not in meeting.minutes, meeting
    held = Meeting.objects.filter(series__name="庁内調整会議").values_list("held_at", flat=True)
    assert len({moment.month for moment in held}) >= 11


def test_materials_of_every_kind_are_real_files_whose_text_was_read():
    versions = MaterialVersion.objects.all()
    assert {version.kind for version in versions} >= {"pdf", "docx", "xlsx", "pptx", "csv"}
    assert not versions.exclude(extraction=ExtractionState.DONE).exists()
    for version in versions.filter(kind="pdf"):
        with version.document.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-", version
    for version in versions.filter(kind__in=["docx", "xlsx", "pptx"]):
        with version.document.file.open("rb") as handle:
            assert handle.read(2) == b"PK", version


def test_confidentialities_are_mixed_mostly_for_all_staff():
    levels = [level for level in Material.objects.values_list("confidentiality", flat=True)]
    assert set(levels) == set(Confidentiality.values)
    assert levels.count(Confidentiality.PUBLIC) > len(levels) / 2
    assert not Material.objects.filter(withheld=True).exists()


def test_the_policy_pdf_has_several_pages_and_the_phrase_only_inside_it():
    parts = ExtractedPart.objects.filter(text__contains=DEMO_PDF_PHRASE)
    assert [(part.version.kind, part.number) for part in parts] == [("pdf", DEMO_PDF_PHRASE_PAGE)]
    assert parts[0].version.page_count >= 10
    assert not Material.objects.filter(title__contains=DEMO_PDF_PHRASE).exists()
    assert not Material.objects.filter(description__contains=DEMO_PDF_PHRASE).exists()


def test_a_staff_member_finds_the_phrase_inside_the_pdf_and_its_page():
    found = search.find(user("demo"), DEMO_PDF_PHRASE)
    parts = [hit for hit in found.hits if hit.doc_type == "material_part"]
    assert parts, found
    assert parts[0].part == f"p.{DEMO_PDF_PHRASE_PAGE}"
    assert parts[0].url.endswith(f"#page={DEMO_PDF_PHRASE_PAGE}")


def test_a_closed_paper_of_the_heads_meeting_is_found_by_a_head_only():
    phrase = "デジタル化推進係"
    # Other papers share some of its words (the page lists them below, marked as such).
    assert not [hit for hit in search.find(user("demo"), phrase).hits if hit.matched_all]
    head = StaffProfile.objects.filter(job_title="部長").first().user
    assert [hit for hit in search.find(head, phrase).hits if hit.matched_all]


def test_forms_name_their_form_procedure_and_section():
    forms = Material.objects.filter(category__library=Library.FORMS)
    names = {category.name for category in LibraryCategory.objects.filter(library=Library.FORMS)}
    assert {"住民票・戸籍", "税", "職員の手続"} <= names
    assert forms.count() >= 5
    assert {form.current.kind for form in forms} >= {"docx", "xlsx"}
    for form in forms:
        assert form.form_name and form.procedure and form.department.kind == "ka", form


def test_a_statistics_table_keeps_its_earlier_version_and_one_is_a_shift_jis_csv():
    tables = Material.objects.filter(category__library=Library.REFERENCE)
    revised = [table for table in tables if table.versions.count() == 2]
    assert revised
    assert revised[0].current.number == 2 and revised[0].current.note
    csv_version = tables.get(current__kind="csv").current
    with csv_version.document.file.open("rb") as handle:
        content = handle.read()
    assert "年齢区分" in content.decode("cp932")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")


def test_no_markup_in_the_texts_of_the_files():
    for text in ExtractedPart.objects.values_list("text", flat=True):
        assert "^{" not in text and "<p>" not in text and "\n- " not in text


def test_loading_the_demo_again_adds_nothing():
    before = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == before
