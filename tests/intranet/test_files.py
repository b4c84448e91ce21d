"""The file seam (intranet/files.py): owners, one check on every route, storage, hand-over."""

import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from bulletin import attachments
from faq import files as faq_files
from intranet import files, roles
from tests.factories import DepartmentFactory, UserFactory, notice, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def section_file():
    """A notice's file for one section: (its reader, an outsider, the three routes to it)."""
    section = DepartmentFactory(name="人事課")
    sent = notice("内示の日程", audience=[section], sender=section)
    item = attachments.attach(sent, SimpleUploadedFile("日程表.csv", b"a,b\n"), None)
    stored = item.document.file.name
    routes = [
        reverse("bulletin:attachment", args=[sent.pk, item.pk]),
        item.document.url,
        f"/files/{stored}",
    ]
    return staff_member(department=section), staff_member(department=DepartmentFactory()), routes


def test_an_app_cannot_claim_a_collection_twice():
    with pytest.raises(files.AlreadyRegistered):
        files.register_owner(attachments.COLLECTION_NAME, lambda user, item: True)


def test_files_are_stored_where_no_url_reaches_them(settings, section_file):
    document = get_document_model().objects.get()
    root = os.path.realpath(settings.PRIVATE_FILES_ROOT)
    assert os.path.realpath(document.file.path).startswith(root + os.sep)
    assert not settings.MEDIA_ROOT
    assert document.file.url == f"/files/{document.file.name}"


def test_wagtail_links_documents_to_its_checked_view(section_file):
    document = get_document_model().objects.get()
    assert document.url == reverse("wagtaildocs_serve", args=[document.pk, document.filename])


def test_every_route_gives_the_reader_the_file_and_the_outsider_a_404(client, section_file):
    reader, outsider, routes = section_file
    for route in routes:
        client.force_login(reader)
        answer = client.get(route)
        assert answer.status_code == 200, route
        assert b"".join(answer.streaming_content) == b"a,b\n"
        assert answer["X-Content-Type-Options"] == "nosniff"
        client.force_login(outsider)
        assert client.get(route).status_code == 404, route


@pytest.mark.parametrize(
    ("method", "header"), [("x-accel-redirect", "X-Accel-Redirect"), ("x-sendfile", "X-Sendfile")]
)
def test_the_web_server_streams_the_file_only_after_the_check(
    client, settings, section_file, method, header
):
    settings.FILES_SERVE_METHOD = method
    reader, outsider, routes = section_file
    stored = get_document_model().objects.get().file.name
    for route in routes:
        client.force_login(reader)
        answer = client.get(route)
        assert answer.status_code == 200, route
        assert answer[header].endswith(stored)
        assert answer.content == b""
        if method == "x-accel-redirect":
            assert answer[header] == f"/protected-files/{stored}"
        client.force_login(outsider)
        refused = client.get(route)
        assert refused.status_code == 404 and header not in refused, route


def test_a_document_no_app_owns_is_only_for_those_who_manage_it(client, tmp_path):
    document = get_document_model().objects.create(
        title="置き場のない資料", file=ContentFile(b"x", name="stray.txt")
    )
    client.force_login(staff_member(roles=[roles.IT_DESK, roles.SYSTEM_ADMIN]))
    assert client.get(document.url).status_code == 404
    assert client.get(f"/files/{document.file.name}").status_code == 404
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(document.url).status_code == 200


def test_an_faq_image_and_its_renditions_reach_staff_through_the_check(client):
    image = get_image_model().objects.create(
        title="VPN の画面", file=get_test_image_file(), collection=faq_files.collection()
    )
    rendition = image.get_rendition("width-100")
    assert rendition.url.startswith("/files/")
    client.force_login(staff_member())
    assert client.get(rendition.url).status_code == 200
    assert client.get(f"/files/{image.file.name}").status_code == 200


def test_an_image_no_app_owns_is_not_reachable_by_its_address(client):
    image = get_image_model().objects.create(title="迷子の画像", file=get_test_image_file())
    rendition = image.get_rendition("width-100")
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    assert client.get(rendition.url).status_code == 404
    assert client.get(f"/files/{image.file.name}").status_code == 404


def test_an_unknown_stored_name_is_a_404(client):
    client.force_login(staff_member())
    assert client.get("/files/documents/nothing-here.pdf").status_code == 404
    assert client.get("/files/../intranet/settings/base.py").status_code == 404


def test_sync_roles_moves_old_rights_off_the_root(client):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupCollectionPermission

    root = Collection.get_first_root_node()
    it_desk = Group.objects.get(name=roles.IT_DESK)
    GroupCollectionPermission.objects.create(
        group=it_desk,
        collection=root,
        permission=Permission.objects.get(codename="change_document"),
    )
    roles.sync_roles()
    assert not GroupCollectionPermission.objects.filter(collection=root).exists()
    assert GroupCollectionPermission.objects.filter(
        group=it_desk, collection=faq_files.collection()
    ).exists()


def test_only_document_and_image_permissions_are_granted_on_a_collection():
    with pytest.raises(ValueError, match="Not a document or image permission"):
        roles.grant_collection(roles.IT_DESK, ["faq.change_openquestion"], collection=lambda: None)


def test_an_apps_collection_is_made_even_where_the_root_collection_was_flushed():
    """A database emptied by a flush (as between browser tests) has no root collection."""
    Collection.objects.all().delete()
    made = files.collection(attachments.COLLECTION_NAME)
    assert made.get_parent() == Collection.get_first_root_node()
    assert files.collection(attachments.COLLECTION_NAME) == made
