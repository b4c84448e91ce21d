"""The libraries (様式集, 統計・資料): what a user sees listed and counted, the folder page at
size, and filing a document in a folder."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intranet.held_uploads import HeldUpload
from materials.models import Confidentiality, Library, Material, MaterialVersion
from materials.views import libraries
from tests.factories import DepartmentFactory, UserFactory, staff_member
from tests.materials import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    """住民票関係 › 証明書 holds a form for all staff (市民課) and one for 財政課 only (税務課)."""
    citizens = DepartmentFactory(name="市民課")
    tax = DepartmentFactory(name="税務課")
    finance = DepartmentFactory(name="財政課")
    top = factories.category("住民票関係")
    child = factories.category("証明書", parent=top)
    factories.category("人口統計", library=Library.REFERENCE)
    with django_capture_on_commit_callbacks(execute=True):
        public = factories.library_material(
            child,
            citizens,
            title="住民票の写し等交付申請書",
            form_name="交付申請書",
            procedure="住民票の写しの交付",
        )
        closed = factories.library_material(
            child,
            tax,
            title="課税台帳照会様式",
            confidentiality=Confidentiality.DEPARTMENTS,
            departments=[finance],
        )
    return {
        "top": top,
        "child": child,
        "public": public,
        "closed": closed,
        "outsider": staff_member(department=citizens),
        "concerned": staff_member(department=finance),
    }


def _count_of(html, name):
    """The count printed beside a folder's link."""
    match = re.search(rf">{name}</a>\s*<span class=\"category-tiles__count\">(\d+)", html)
    assert match, f"no count beside {name}"
    return int(match.group(1))


def test_index_counts_only_what_the_user_may_read(client, world):
    client.force_login(world["outsider"])
    html = client.get(reverse("materials:libraries")).content.decode()
    assert _count_of(html, "住民票関係") == 1  # the 関係課のみ form is not counted


def test_index_counts_documents_of_subfolders_for_those_concerned(client, world):
    client.force_login(world["concerned"])
    html = client.get(reverse("materials:libraries")).content.decode()
    assert _count_of(html, "住民票関係") == 2
    assert "人口統計" in html


def test_category_page_lists_only_what_the_user_may_read(client, world):
    client.force_login(world["outsider"])
    response = client.get(reverse("materials:category", args=[world["child"].pk]))
    html = response.content.decode()
    assert "住民票の写し等交付申請書" in html
    assert "課税台帳照会様式" not in html
    parent = client.get(reverse("materials:category", args=[world["top"].pk])).content.decode()
    assert _count_of(parent, "証明書") == 1


def test_category_page_shows_the_form_its_file_and_where_it_sits(client, world):
    client.force_login(world["concerned"])
    response = client.get(reverse("materials:category", args=[world["child"].pk]))
    html = response.content.decode()
    public = world["public"]
    assert reverse("materials:material", args=[public.pk]) in html
    assert reverse("materials:download", args=[public.current_id]) in html
    assert reverse("materials:category", args=[world["top"].pk]) in html  # breadcrumb
    for text in ("交付申請書", "住民票の写しの交付", "市民課", "TXT"):
        assert text in html
    assert "課税台帳照会様式" in html


def test_last_updated_is_written_with_the_weekday(client, world):
    client.force_login(world["outsider"])
    Material.objects.filter(pk=world["public"].pk).update(updated_at="2026-11-26T10:00:00+09:00")
    html = client.get(reverse("materials:category", args=[world["child"].pk])).content.decode()
    assert "2026年11月26日(木)" in html


def test_sorting_by_last_update_puts_the_newest_first(client, world):
    client.force_login(world["concerned"])
    Material.objects.filter(pk=world["closed"].pk).update(updated_at="2020-01-01T00:00:00Z")
    url = reverse("materials:category", args=[world["child"].pk])
    by_title = client.get(url).content.decode()
    by_update = client.get(url + "?sort=updated").content.decode()
    # 住 (U+4F4F) sorts before 課 (U+8AB2) by code point: titles and dates disagree.
    assert by_title.index("住民票の写し等") < by_title.index("課税台帳照会様式")
    assert by_update.index("住民票の写し等") < by_update.index("課税台帳照会様式")
    Material.objects.filter(pk=world["closed"].pk).update(updated_at="2030-01-01T00:00:00Z")
    by_update = client.get(url + "?sort=updated").content.decode()
    assert by_update.index("課税台帳照会様式") < by_update.index("住民票の写し等")


def test_unknown_category_is_404(client, world):
    client.force_login(world["outsider"])
    assert client.get(reverse("materials:category", args=[99999])).status_code == 404


# --- A folder of many documents -------------------------------------------------------------


def _fill(category, department, count, first):
    """``count`` more documents in ``category``, sharing one stored file (quick to make)."""
    materials = Material.objects.bulk_create(
        Material(
            title=f"統計表 {number:04d}",
            department=department,
            category=category,
            description="人口の推移",
        )
        for number in range(first, first + count)
    )
    versions = MaterialVersion.objects.bulk_create(
        MaterialVersion(
            material=material,
            document=_fill.document,
            filename="表.csv",
            kind="csv",
            size=1234,
        )
        for material in materials
    )
    for material, version in zip(materials, versions, strict=True):
        material.current = version
    Material.objects.bulk_update(materials, ["current"])


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.fixture
def big_folder(client, django_capture_on_commit_callbacks):
    owner = DepartmentFactory(name="企画課")
    folder = factories.category("人口統計", library=Library.REFERENCE)
    with django_capture_on_commit_callbacks(execute=True):
        first = factories.library_material(folder, owner, title="統計表 0000")
    _fill.document = first.current.document
    client.force_login(staff_member(department=DepartmentFactory(name="市民課")))
    return folder, owner


def test_a_folder_page_costs_the_same_queries_for_10_or_200_documents(client, big_folder):
    folder, owner = big_folder
    url = reverse("materials:category", args=[folder.pk])
    _fill(folder, owner, 9, 1)
    client.get(url)  # warm the session and the site
    small, html = _queries_for(client, url)
    assert html.count('class="document-table__title"') == 10
    _fill(folder, owner, 190, 10)
    large, html = _queries_for(client, url)
    assert html.count('class="document-table__title"') == libraries.PAGE_SIZE
    assert large == small


def test_a_big_folder_is_split_into_pages(client, big_folder):
    folder, owner = big_folder
    _fill(folder, owner, 249, 1)
    url = reverse("materials:category", args=[folder.pk])
    last = client.get(url + "?page=3").content.decode()
    assert last.count('class="document-table__title"') == 50
    assert "統計表 0249" in last and "統計表 0000" not in last


# --- Filing a document -------------------------------------------------------------------


@pytest.fixture
def filing(client):
    section = DepartmentFactory(name="市民課")
    folder = factories.category("住民票関係")
    clerk = staff_member(department=section)
    client.force_login(clerk)
    return {
        "folder": folder,
        "section": section,
        "clerk": clerk,
        "url": reverse("materials:category_upload", args=[folder.pk]),
    }


def _post(client, filing, upload=None, **fields):
    data = {
        "title": "住民票の写し等交付申請書",
        "description": "窓口で使う申請書です。",
        "form_name": "交付申請書",
        "procedure": "住民票の写しの交付",
        "department": filing["section"].pk,
        "confidentiality": Confidentiality.PUBLIC,
        **fields,
    }
    if upload is not None:
        data["file"] = upload
    return client.post(filing["url"], data)


def test_staff_file_a_form_for_their_own_section(
    client, filing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, filing, factories.text_upload("申請書の本文", "申請書.txt"))
    material = Material.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("materials:material", args=[material.pk])
    assert material.category == filing["folder"]
    assert material.department == filing["section"]
    assert (material.form_name, material.procedure) == ("交付申請書", "住民票の写しの交付")
    assert material.current.filename == "申請書.txt"
    assert material.created_by == filing["clerk"]


def test_the_upload_page_offers_the_users_own_section(client, filing):
    response = client.get(filing["url"])
    assert response.status_code == 200
    choices = list(response.context["form"].fields["department"].queryset)
    assert choices == [filing["section"]]
    assert response.context["form"].initial.get("confidentiality") is None
    assert response.context["form"].fields["confidentiality"].initial == Confidentiality.PUBLIC


def test_a_document_cannot_be_filed_for_another_department(client, filing):
    other = DepartmentFactory(name="税務課")
    response = _post(client, filing, factories.text_upload("本文"), department=other.pk)
    assert response.status_code == 200
    assert "department" in response.context["form"].errors
    assert not Material.objects.exists()


def test_who_may_not_file_documents_gets_404(client, filing):
    client.force_login(UserFactory())  # a login without a department
    assert client.get(filing["url"]).status_code == 404
    assert _post(client, filing, factories.text_upload("本文")).status_code == 404
    assert not Material.objects.exists()


def test_a_refusal_by_the_service_is_404_and_saves_nothing(client, filing, monkeypatch):
    def refuse(**kwargs):
        raise PermissionDenied("no")

    monkeypatch.setattr(libraries.services, "add_material", refuse)
    assert _post(client, filing, factories.text_upload("本文")).status_code == 404
    assert not Material.objects.exists()


def test_a_bad_file_comes_back_with_the_reason_and_nothing_saved(client, filing):
    upload = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/pdf")
    response = _post(client, filing, upload)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert 'id="id_file_error"' in response.content.decode()
    assert not Material.objects.exists()
    assert not HeldUpload.objects.exists()


def test_a_good_file_is_held_while_another_field_is_put_right(
    client, filing, django_capture_on_commit_callbacks
):
    response = _post(client, filing, factories.text_upload("本文", "申請書.txt"), title="")
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    held = HeldUpload.objects.get(user=filing["clerk"])
    assert "申請書.txt" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, filing, **{"file-held": held.token})
    assert response.status_code == 302
    assert Material.objects.get().current.filename == "申請書.txt"
    assert not HeldUpload.objects.exists()


def test_departments_only_needs_the_departments(client, filing):
    response = _post(
        client,
        filing,
        factories.text_upload("本文"),
        confidentiality=Confidentiality.DEPARTMENTS,
    )
    assert response.status_code == 200
    assert "departments" in response.context["form"].errors
    assert not Material.objects.exists()


def test_a_statistics_folder_asks_no_form_name(client, filing):
    folder = factories.category("人口統計", library=Library.REFERENCE)
    response = client.get(reverse("materials:category_upload", args=[folder.pk]))
    assert "form_name" not in response.context["form"].fields
