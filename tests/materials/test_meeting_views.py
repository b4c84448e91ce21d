"""The meeting screens: who sees which materials, who may arrange meetings and upload to them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intranet import dates
from materials.models import AgendaItem, Confidentiality, Material, Meeting
from tests.factories import DepartmentFactory, staff_member
from tests.materials import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    """A series, a meeting with an agenda item, a material of each confidentiality, and people."""
    kept = factories.series()
    concerned = DepartmentFactory(name="財政課")
    member = staff_member(department=DepartmentFactory(name="総務部"))
    kept.members.add(member)
    sitting = factories.meeting(kept, title="第5回")
    item = AgendaItem.objects.create(meeting=sitting, number=1, title="予算編成方針について")
    with django_capture_on_commit_callbacks(execute=True):
        for level in Confidentiality.values:
            factories.meeting_material(
                sitting,
                title=f"資料-{level}",
                confidentiality=level,
                departments=[concerned],
                agenda_item=item if level == Confidentiality.PUBLIC else None,
            )
    people = {
        "secretary": factories.secretary_of(kept),
        "member": member,
        "concerned": staff_member(department=concerned),
        "outsider": staff_member(department=DepartmentFactory(name="市民課")),
    }
    return kept, sitting, item, people


SEES = {
    "secretary": {"public", "departments", "private"},
    "member": {"public", "departments", "private"},
    "concerned": {"public", "departments"},
    "outsider": {"public"},
}


def titles_on(response):
    text = response.content.decode()
    return {level for level in Confidentiality.values if f"資料-{level}" in text}


@pytest.mark.parametrize("who", SEES)
def test_the_meeting_page_shows_only_the_materials_one_may_read(client, world, who):
    _kept, sitting, _item, people = world
    client.force_login(people[who])
    response = client.get(reverse("materials:meeting", args=[sitting.pk]))
    assert response.status_code == 200
    assert titles_on(response) == SEES[who]
    assert response.context["material_count"] == len(SEES[who])


@pytest.mark.parametrize("who", SEES)
def test_the_index_and_the_series_count_only_readable_materials(client, world, who):
    kept, sitting, _item, people = world
    client.force_login(people[who])
    for url in (reverse("materials:index"), reverse("materials:series", args=[kept.pk])):
        response = client.get(url)
        assert response.status_code == 200
        meetings = response.context.get("recent") or [
            meeting for _year, group in response.context["years"] for meeting in group
        ]
        assert [m.material_count for m in meetings if m.pk == sitting.pk] == [len(SEES[who])]


def test_the_meeting_page_shows_date_place_agenda_and_minutes(client, world):
    _kept, sitting, item, people = world
    Meeting.objects.filter(pk=sitting.pk).update(
        held_at=datetime.datetime(2026, 11, 26, 14, 0, tzinfo=datetime.UTC)
        - datetime.timedelta(hours=9),
        minutes="議長が開会を宣言した。",
    )
    client.force_login(people["outsider"])
    text = client.get(reverse("materials:meeting", args=[sitting.pk])).content.decode()
    assert "2026年11月26日(木) 14:00" in text
    assert "本庁舎3階 第1会議室" in text
    assert item.title in text
    assert "議長が開会を宣言した。" in text


def test_a_withheld_material_is_shown_to_its_editors_only_and_marked(client, world):
    _kept, sitting, _item, people = world
    Material.objects.filter(title="資料-public").update(withheld=True)
    client.force_login(people["secretary"])
    shown = client.get(reverse("materials:meeting", args=[sitting.pk]))
    assert "資料-public" in shown.content.decode()
    assert "badge--withheld" in shown.content.decode()
    client.force_login(people["outsider"])
    hidden = client.get(reverse("materials:meeting", args=[sitting.pk]))
    assert titles_on(hidden) == set()


def test_each_material_shows_its_file_extraction_state_and_download(client, world):
    _kept, sitting, _item, people = world
    material = Material.objects.get(title="資料-public")
    client.force_login(people["outsider"])
    text = client.get(reverse("materials:meeting", args=[sitting.pk])).content.decode()
    assert material.current.filename in text
    assert str(material.current.get_extraction_display()) in text
    assert reverse("materials:download", args=[material.current.pk]) in text


@pytest.mark.parametrize("who", ["secretary", "member", "concerned", "outsider"])
def test_only_the_secretary_department_is_offered_and_given_the_editing_screens(client, world, who):
    kept, sitting, _item, people = world
    client.force_login(people[who])
    editing = [
        reverse("materials:meeting_add", args=[kept.pk]),
        reverse("materials:meeting_edit", args=[sitting.pk]),
        reverse("materials:meeting_upload", args=[sitting.pk]),
    ]
    expected = 200 if who == "secretary" else 404
    assert [client.get(url).status_code for url in editing] == [expected] * 3
    page = client.get(reverse("materials:series", args=[kept.pk])).content.decode()
    assert (editing[0] in page) == (who == "secretary")


def test_the_secretary_adds_a_meeting_with_its_agenda(client, world):
    kept, _sitting, _item, people = world
    client.force_login(people["secretary"])
    response = client.post(
        reverse("materials:meeting_add", args=[kept.pk]),
        {
            "title": "第6回",
            "held_at": "2026-11-26T14:00",
            "place": "庁議室",
            "agenda": "1 予算について\n\n2. 人事について\n",
            "minutes": "",
        },
    )
    added = Meeting.objects.get(title="第6回")
    assert response.status_code == 302
    assert response["Location"] == added.get_absolute_url()
    assert added.series == kept
    assert list(added.agenda_items.values_list("number", "title")) == [
        (1, "予算について"),
        (2, "人事について"),
    ]


def test_editing_the_agenda_keeps_the_materials_of_a_kept_item(client, world):
    _kept, sitting, item, people = world
    client.force_login(people["secretary"])
    response = client.post(
        reverse("materials:meeting_edit", args=[sitting.pk]),
        {
            "title": sitting.title,
            "held_at": "2026-11-26T14:00",
            "place": sitting.place,
            "agenda": f"報告事項\n{item.title}",
            "minutes": "",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.number == 2
    assert Material.objects.get(title="資料-public").agenda_item_id == item.pk
    assert list(sitting.agenda_items.values_list("title", flat=True)) == ["報告事項", item.title]


@pytest.mark.parametrize("held_at", ["0001-01-01T00:00", "9999-12-31T23:59", "2200-01-01T10:00"])
def test_a_meeting_date_far_in_the_past_or_future_is_refused_in_words(client, world, held_at):
    kept, _sitting, _item, people = world
    client.force_login(people["secretary"])
    response = client.post(
        reverse("materials:meeting_add", args=[kept.pk]),
        {"title": "第9回", "held_at": held_at, "place": "", "agenda": "", "minutes": ""},
    )
    assert response.status_code == 200
    assert dates.bounds_message() in response.content.decode()
    assert not Meeting.objects.filter(title="第9回").exists()


def test_the_secretary_uploads_a_material_to_an_agenda_item(
    client, world, django_capture_on_commit_callbacks
):
    _kept, sitting, item, people = world
    client.force_login(people["secretary"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("materials:meeting_upload", args=[sitting.pk]),
            {
                "files": SimpleUploadedFile("令和8年度予算編成方針.txt", "方針です。".encode()),
                "title": "",
                "agenda_item": item.pk,
                "confidentiality": Confidentiality.PUBLIC,
                "description": "",
            },
        )
    added = Material.objects.get(title="令和8年度予算編成方針")
    assert response.status_code == 302
    assert added.meeting == sitting
    assert added.agenda_item == item
    assert added.department == sitting.series.secretary_department
    assert added.current.filename == "令和8年度予算編成方針.txt"


def test_several_files_make_one_material_each(client, world):
    _kept, sitting, _item, people = world
    client.force_login(people["secretary"])
    response = client.post(
        reverse("materials:meeting_upload", args=[sitting.pk]),
        {
            "files": [
                SimpleUploadedFile("資料A.txt", b"A"),
                SimpleUploadedFile("資料B.csv", "列,値\n1,2\n".encode()),
            ],
            "confidentiality": Confidentiality.PRIVATE,
        },
    )
    assert response.status_code == 302
    added = Material.objects.filter(meeting=sitting, title__in=["資料A", "資料B"])
    assert sorted(added.values_list("title", "confidentiality")) == [
        ("資料A", "private"),
        ("資料B", "private"),
    ]


def test_departments_are_required_for_departments_only_and_the_file_is_held(client, world):
    _kept, sitting, _item, people = world
    client.force_login(people["secretary"])
    response = client.post(
        reverse("materials:meeting_upload", args=[sitting.pk]),
        {
            "files": SimpleUploadedFile("資料C.txt", b"C"),
            "confidentiality": Confidentiality.DEPARTMENTS,
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "departments" in form.errors
    assert [held.original_name for held in form.held_uploads["files"]] == ["資料C.txt"]
    assert "資料C.txt" in response.content.decode()
    assert not Material.objects.filter(title="資料C").exists()
    # Sent again with the departments, the held file is the material's file.
    again = client.post(
        reverse("materials:meeting_upload", args=[sitting.pk]),
        {
            "files-held": [form.held_uploads["files"][0].token],
            "confidentiality": Confidentiality.DEPARTMENTS,
            "departments": [sitting.series.secretary_department.pk],
        },
    )
    assert again.status_code == 302
    assert Material.objects.get(title="資料C").current.filename == "資料C.txt"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"),
        ("議事次第.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 10),
    ],
    ids=["exe", "exe-as-pdf"],
)
def test_a_file_refused_for_its_kind_or_content_comes_back_with_the_reason(
    client, world, name, content
):
    _kept, sitting, _item, people = world
    client.force_login(people["secretary"])
    before = Material.objects.count()
    response = client.post(
        reverse("materials:meeting_upload", args=[sitting.pk]),
        {"files": SimpleUploadedFile(name, content), "confidentiality": Confidentiality.PUBLIC},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["files"]
    assert errors and all(error.startswith(f"{name}: ") for error in errors)
    assert Material.objects.count() == before


def test_with_one_bad_file_among_several_nothing_is_saved(client, world):
    _kept, sitting, _item, people = world
    client.force_login(people["secretary"])
    before = Material.objects.count()
    response = client.post(
        reverse("materials:meeting_upload", args=[sitting.pk]),
        {
            "files": [
                SimpleUploadedFile("資料D.txt", b"D"),
                SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
            ],
            "confidentiality": Confidentiality.PUBLIC,
        },
    )
    assert response.status_code == 200
    assert Material.objects.count() == before


@pytest.mark.parametrize("who", ["member", "concerned", "outsider"])
def test_an_upload_to_a_meeting_one_may_not_edit_is_404_and_saves_nothing(client, world, who):
    _kept, sitting, _item, people = world
    client.force_login(people[who])
    before = Material.objects.count()
    response = client.post(
        reverse("materials:meeting_upload", args=[sitting.pk]),
        {
            "files": SimpleUploadedFile("資料E.txt", b"E"),
            "confidentiality": Confidentiality.PUBLIC,
        },
    )
    assert response.status_code == 404
    assert Material.objects.count() == before


def test_an_agenda_item_of_another_meeting_is_not_a_choice(client, world):
    kept, sitting, _item, people = world
    other = factories.meeting(kept, title="第4回", days_ago=30)
    foreign = AgendaItem.objects.create(meeting=other, number=1, title="他の議題")
    client.force_login(people["secretary"])
    response = client.post(
        reverse("materials:meeting_upload", args=[sitting.pk]),
        {
            "files": SimpleUploadedFile("資料F.txt", b"F"),
            "agenda_item": foreign.pk,
            "confidentiality": Confidentiality.PUBLIC,
        },
    )
    assert response.status_code == 200
    assert "agenda_item" in response.context["form"].errors
    assert not Material.objects.filter(title="資料F").exists()


def _meeting_page_queries(client, user, sitting, count):
    Material.objects.filter(meeting=sitting).delete()
    item = sitting.agenda_items.first()
    document_user = factories.secretary_of(sitting.series)
    for number in range(count):
        factories.meeting_material(
            sitting,
            title=f"大量資料{number}",
            user=document_user,
            agenda_item=item if number % 2 else None,
            confidentiality=Confidentiality.values[number % 3],
        )
    client.force_login(user)
    client.get(reverse("materials:meeting", args=[sitting.pk]))  # the session and caches warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("materials:meeting", args=[sitting.pk]))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["secretary", "member", "outsider"])
def test_the_meeting_page_makes_as_many_queries_for_100_materials_as_for_5(client, world, who):
    _kept, sitting, _item, people = world
    few = _meeting_page_queries(client, people[who], sitting, 5)
    many = _meeting_page_queries(client, people[who], sitting, 100)
    assert many == few


def test_meetings_are_grouped_by_year_newest_first(client, world):
    kept, _sitting, _item, people = world
    older = factories.meeting(kept, title="昨年の会")
    Meeting.objects.filter(pk=older.pk).update(held_at=timezone.now().replace(year=2024))
    client.force_login(people["outsider"])
    years = client.get(reverse("materials:series", args=[kept.pk])).context["years"]
    assert [year for year, _group in years] == sorted({y for y, _g in years}, reverse=True)
    assert years[-1][0] == 2024
