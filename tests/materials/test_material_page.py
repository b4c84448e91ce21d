"""A material's page, its downloads, new versions, edits and personal-data check, per reader."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from materials.file_builders import pdf_bytes
from materials.models import Confidentiality, Material, MaterialVersion
from tests.factories import DepartmentFactory, staff_member
from tests.materials import factories

pytestmark = pytest.mark.django_db

PEOPLE = ["secretary", "member", "concerned", "outsider"]
SEES = {
    "secretary": {"public", "departments", "private"},
    "member": {"public", "departments", "private"},
    "concerned": {"public", "departments"},
    "outsider": {"public"},
}


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    kept = factories.series()
    concerned = DepartmentFactory(name="財政課")
    member = staff_member(department=DepartmentFactory(name="総務部"))
    kept.members.add(member)
    sitting = factories.meeting(kept, title="第5回")
    with django_capture_on_commit_callbacks(execute=True):
        materials = {
            level: factories.meeting_material(
                sitting,
                title=f"資料-{level}",
                text="一頁目の本文です。",
                confidentiality=level,
                departments=[concerned],
            )
            for level in Confidentiality.values
        }
    people = {
        "secretary": factories.secretary_of(kept),
        "member": member,
        "concerned": staff_member(department=concerned),
        "outsider": staff_member(department=DepartmentFactory(name="市民課")),
    }
    return {level: Material.objects.get(pk=m.pk) for level, m in materials.items()}, people


@pytest.mark.parametrize("who", PEOPLE)
def test_a_material_and_its_file_open_for_its_readers_only(client, world, who):
    materials, people = world
    client.force_login(people[who])
    for level, material in materials.items():
        expected = 200 if level in SEES[who] else 404
        page = client.get(material.get_absolute_url())
        download = client.get(reverse("materials:download", args=[material.current_id]))
        assert (level, page.status_code, download.status_code) == (level, expected, expected)


@pytest.mark.parametrize("who", PEOPLE)
def test_the_editing_screens_are_for_the_secretary_department_only(client, world, who):
    materials, people = world
    client.force_login(people[who])
    for level, material in materials.items():
        if level not in SEES[who]:
            expected = 404
        else:
            expected = 200 if who == "secretary" else 404
        for name in ("material_edit", "material_replace", "material_privacy"):
            response = client.get(reverse(f"materials:{name}", args=[material.pk]))
            assert (name, level, response.status_code) == (name, level, expected)


def test_the_page_shows_where_it_belongs_its_readers_file_and_text(client, world):
    materials, people = world
    material = materials["departments"]
    client.force_login(people["concerned"])
    response = client.get(material.get_absolute_url())
    text = response.content.decode()
    assert material.meeting.get_absolute_url() in text
    assert material.meeting.series.get_absolute_url() in text
    assert str(material.department) in text
    assert "財政課" in text
    assert str(material.get_confidentiality_display()) in text
    assert material.current.filename in text
    assert reverse("materials:download", args=[material.current_id]) in text
    assert str(material.current.get_extraction_display()) in text
    assert 'id="part-1"' in text
    assert "一頁目の本文です。" in text
    # No editing links for a reader.
    assert reverse("materials:material_edit", args=[material.pk]) not in text


def test_a_pdf_opens_in_the_browser_and_its_pages_are_labelled(
    client, world, django_capture_on_commit_callbacks
):
    materials, people = world
    sitting = materials["public"].meeting
    with django_capture_on_commit_callbacks(execute=True):
        made = factories.meeting_material(
            sitting,
            title="予算資料",
            upload=SimpleUploadedFile(
                "予算.pdf", pdf_bytes(["一頁目の予算です。", "二頁目の決算です。"])
            ),
        )
    client.force_login(people["outsider"])
    text = client.get(made.get_absolute_url()).content.decode()
    assert 'id="part-2"' in text
    assert "p.2" in text
    download = reverse("materials:download", args=[Material.objects.get(pk=made.pk).current_id])
    assert f'href="{download}" download' not in text
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")


def test_a_new_version_becomes_current_and_the_old_one_stays_downloadable(
    client, world, django_capture_on_commit_callbacks
):
    materials, people = world
    material = materials["public"]
    first = material.current
    client.force_login(people["secretary"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("materials:material_replace", args=[material.pk]),
            {"file": factories.text_upload("改訂版です。", "資料v2.txt"), "note": "数値を修正"},
        )
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.current.number == 2
    assert material.current.note == "数値を修正"
    page = client.get(material.get_absolute_url()).content.decode()
    assert "数値を修正" in page
    assert reverse("materials:download", args=[first.pk]) in page
    assert "改訂版です。" in page
    client.force_login(people["outsider"])
    assert client.get(reverse("materials:download", args=[first.pk])).status_code == 200


def test_a_bad_new_version_comes_back_with_the_reason_and_nothing_changes(client, world):
    materials, people = world
    material = materials["public"]
    client.force_login(people["secretary"])
    response = client.post(
        reverse("materials:material_replace", args=[material.pk]),
        {"file": SimpleUploadedFile("改訂.pdf", b"MZ\x90\x00" * 40), "note": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert MaterialVersion.objects.filter(material=material).count() == 1


def test_a_reader_who_may_not_edit_cannot_replace_the_file(client, world):
    materials, people = world
    material = materials["public"]
    client.force_login(people["member"])
    response = client.post(
        reverse("materials:material_replace", args=[material.pk]),
        {"file": factories.text_upload("差し替え", "x.txt"), "note": ""},
    )
    assert response.status_code == 404
    assert MaterialVersion.objects.filter(material=material).count() == 1


def test_editing_narrows_the_readers(client, world):
    materials, people = world
    material = materials["public"]
    concerned = people["concerned"].staff_profile.department
    client.force_login(people["secretary"])
    response = client.post(
        reverse("materials:material_edit", args=[material.pk]),
        {
            "title": "資料-改題",
            "description": "説明です。",
            "confidentiality": Confidentiality.DEPARTMENTS,
            "departments": [concerned.pk],
            "agenda_item": "",
        },
    )
    assert response.status_code == 302
    material.refresh_from_db()
    assert (material.title, material.confidentiality) == ("資料-改題", "departments")
    assert list(material.departments.all()) == [concerned]
    client.force_login(people["outsider"])
    assert client.get(material.get_absolute_url()).status_code == 404
    client.force_login(people["concerned"])
    assert client.get(material.get_absolute_url()).status_code == 200


def test_editing_to_departments_only_needs_the_departments(client, world):
    materials, people = world
    material = materials["public"]
    client.force_login(people["secretary"])
    response = client.post(
        reverse("materials:material_edit", args=[material.pk]),
        {"title": "資料", "confidentiality": Confidentiality.DEPARTMENTS},
    )
    assert response.status_code == 200
    assert "departments" in response.context["form"].errors
    material.refresh_from_db()
    assert material.confidentiality == Confidentiality.PUBLIC


@pytest.fixture
def with_findings(world, django_capture_on_commit_callbacks):
    materials, people = world
    sitting = materials["public"].meeting
    with django_capture_on_commit_callbacks(execute=True):
        made = factories.meeting_material(
            sitting,
            title="名簿",
            upload=SimpleUploadedFile(
                "名簿.pdf",
                pdf_bytes(["出席者の一覧です。", "連絡先 yamada.taro@example.com までどうぞ。"]),
            ),
        )
    return Material.objects.get(pk=made.pk), people


def test_findings_are_listed_with_their_page_for_the_editors(client, with_findings):
    material, people = with_findings
    assert material.withheld
    client.force_login(people["secretary"])
    text = client.get(material.get_absolute_url()).content.decode()
    assert "yamada.taro@example.com" in text
    assert 'href="#part-2"' in text
    assert reverse("materials:material_privacy", args=[material.pk]) in text
    # Withheld, it is nobody else's to open.
    client.force_login(people["outsider"])
    assert client.get(material.get_absolute_url()).status_code == 404


def test_overriding_the_findings_with_a_reason_publishes_the_material(client, with_findings):
    material, people = with_findings
    client.force_login(people["secretary"])
    url = reverse("materials:material_privacy", args=[material.pk])
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    response = client.post(url, {"reason": "公表済みの代表アドレスです。"})
    assert response.status_code == 302
    material.refresh_from_db()
    assert not material.withheld
    client.force_login(people["outsider"])
    assert client.get(material.get_absolute_url()).status_code == 200
    assert client.get(url).status_code == 404


def test_a_library_material_names_its_categories(client, django_capture_on_commit_callbacks):
    owner = DepartmentFactory(name="市民課")
    top = factories.category("住民票関係")
    below = factories.category("証明書", parent=top)
    with django_capture_on_commit_callbacks(execute=True):
        made = factories.library_material(
            below, owner, title="住民票の写し交付申請書", form_name="様式第1号", procedure="住民票"
        )
    client.force_login(staff_member(department=DepartmentFactory(name="税務課")))
    text = client.get(made.get_absolute_url()).content.decode()
    assert top.get_absolute_url() in text
    assert below.get_absolute_url() in text
    assert "様式第1号" in text


def test_the_page_names_the_scanned_pages_that_were_not_read(client, world):
    materials, people = world
    material = materials["public"]
    MaterialVersion.objects.filter(pk=material.current_id).update(unread_pages=[51, 52])
    client.force_login(people["outsider"])
    page = client.get(material.get_absolute_url()).content.decode()
    assert "51、52ページは画像のみで読み取っていない" in page


def test_a_statistics_table_shows_its_first_rows_on_its_page(
    client, django_capture_on_commit_callbacks
):
    section = DepartmentFactory(name="企画課")
    folder = factories.category(name="人口統計", library="reference")
    table = SimpleUploadedFile(
        "人口.csv", "地区,人口\n長野,12345\n千代田,6789\n".encode("cp932"), content_type="text/csv"
    )
    with django_capture_on_commit_callbacks(execute=True):
        material = factories.library_material(folder, section, title="地区別人口", upload=table)
    client.force_login(staff_member(department=DepartmentFactory(name="市民課")))
    page = client.get(material.get_absolute_url()).content.decode()
    assert '<th scope="row">千代田</th><td>6789</td>' in page
