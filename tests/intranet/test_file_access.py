"""Every file the demo holds, as every role, through every route: the owning app decides.

The routes are the owning app's own download view, Wagtail's
``/documents/<id>/<name>``, the storage's addresses (``/files/<stored name>``
and a guessed ``/media/<stored name>``, with the development server's URLs)
and the Wagtail admin's document list, edit and delete screens. The expected
answer comes from the app's own rule (``bulletin.rules.can_open`` for a
notice's files; every staff member for the FAQ's), never from the code
under test.
"""

import importlib

import pytest
from django.urls import clear_url_caches, reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission

from bulletin import attachments
from bulletin import rules as bulletin_rules
from bulletin.models import NoticeAttachment
from faq import files as faq_files
from incidents import files as incidents_files
from incidents import rules as incidents_rules
from incidents.models import ReportAttachment
from intranet import files, roles
from intranet.models import Department
from materials import files as materials_files
from materials import rules as materials_rules
from materials.models import MaterialVersion
from tests.factories import staff_member

# Every meeting of the materials demo: its files cover all three confidentialities.
WHOLE_MATERIALS_DEMO = True

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_demo"),
    # One worker runs the whole module under ``make test``, so the demo loads once.
    pytest.mark.xdist_group("file-access"),
]

# Who manages each app's files in the Wagtail admin: the notice editor alone
# manages attachments, so no role does; the IT desk curates the FAQ's.
# (Wagtail lets whoever may change a document delete it.)
ADMIN_MANAGERS = {
    attachments.COLLECTION_NAME: {"change": set(), "delete": set()},
    faq_files.COLLECTION_NAME: {
        "change": {roles.IT_DESK, roles.IT_DESK_LEAD},
        "delete": {roles.IT_DESK, roles.IT_DESK_LEAD},
    },
    # Materials are uploaded and replaced on their own pages only.
    materials_files.COLLECTION_NAME: {"change": set(), "delete": set()},
    # Report attachments are downloaded through the report or its case only.
    incidents_files.COLLECTION_NAME: {"change": set(), "delete": set()},
}
OTHER_SECTION = "410"  # 福祉総務課: sends no demo notice with a file and receives none alone
AUDIENCE_SECTION = "310"  # 市民課: the one section a demo notice with a file is sent to
SENDING_SECTION = "130"  # 情報政策課: sends that notice
SECRETARY_SECTION = "110"  # 総務課: keeps 部長会議 and 課長会議, whose closed papers it reads


@pytest.fixture
def people():
    """(label, user, roles): every role, and plain staff of four telling sections."""

    def section(code):
        return Department.objects.get(code=code)

    found = [
        (role, staff_member(roles=[role], department=section(OTHER_SECTION)), {role})
        for role in roles.ROLES
    ]
    for label, code in [
        ("another section's staff", OTHER_SECTION),
        ("the audience's staff", AUDIENCE_SECTION),
        ("the sending section's staff", SENDING_SECTION),
        ("a meeting secretary's staff", SECRETARY_SECTION),
    ]:
        found.append((label, staff_member(department=section(code)), {roles.STAFF}))
    return found


def demo_documents():
    documents = list(get_document_model().objects.select_related("collection").order_by("pk"))
    assert len(documents) >= 4, "the demo holds notice attachments and an FAQ document"
    return documents


def owners_rule(user, document):
    """The owning app's rule, asked of the app itself."""
    collection = document.collection.name
    if collection == attachments.COLLECTION_NAME:
        return any(
            bulletin_rules.can_open(user, item.notice)
            for item in NoticeAttachment.objects.filter(document=document)
        )
    if collection == faq_files.COLLECTION_NAME:
        return True
    if collection == materials_files.COLLECTION_NAME:
        return any(
            materials_rules.can_view(user, version.material)
            for version in MaterialVersion.objects.filter(document=document)
        )
    if collection == incidents_files.COLLECTION_NAME:
        return any(
            incidents_rules.can_download_attachment(user, attachment)
            for attachment in ReportAttachment.objects.filter(document=document)
        )
    raise AssertionError(f"{document.title!r} is in {collection!r}, which no app owns")


# A download refused is a file that does not exist, on every route; the
# admin sends those it does not let in away (to its home or the login).
DOWNLOAD_REFUSED = {404}
ADMIN_REFUSED = {302, 403}


def walk(client, people, route, expect, refused=DOWNLOAD_REFUSED):
    """Every demo document × every person through ``route``; returns the mismatches."""
    wrong = []
    for label, user, user_roles in people:
        client.force_login(user)
        for document in demo_documents():
            for url in route(document):
                status = client.get(url).status_code
                wanted = {200} if expect(user, user_roles, document) else refused
                if status not in wanted:
                    wrong.append(f"{label}: {url} answered {status}")
    return wrong


def download_allowed(user, _user_roles, document):
    return owners_rule(user, document)


def test_every_demo_document_belongs_to_an_app():
    for document in demo_documents():
        assert files.owner_of(document) is not None, document.title


def test_the_owning_apps_view(client, people):
    def route(document):
        return (
            [
                reverse("bulletin:attachment", args=[item.notice_id, item.pk])
                for item in NoticeAttachment.objects.filter(document=document)
            ]
            + [
                reverse("materials:download", args=[version.pk])
                for version in MaterialVersion.objects.filter(document=document)
            ]
            + [
                reverse("incidents:download", args=[attachment.pk])
                for attachment in ReportAttachment.objects.filter(document=document)
            ]
        )

    assert walk(client, people, route, download_allowed) == []


def test_wagtails_document_address(client, people):
    assert walk(client, people, lambda document: [document.url], download_allowed) == []


def test_the_storage_address(client, people):
    def route(document):
        return [f"/files/{document.file.name}"]

    assert walk(client, people, route, download_allowed) == []


@pytest.fixture
def development_urls(settings):
    """The URLs as the development server builds them (DEBUG on)."""
    import intranet.urls

    settings.DEBUG = True
    importlib.reload(intranet.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(intranet.urls)
    clear_url_caches()


@pytest.mark.usefixtures("development_urls")
def test_a_guessed_media_address_serves_nothing_even_in_development(client, people):
    def route(document):
        return [f"/media/{document.file.name}"]

    assert walk(client, people, route, lambda *args: False) == []


def admin_manages(action):
    def expect(_user, user_roles, document):
        return bool(user_roles & ADMIN_MANAGERS[document.collection.name][action])

    return expect


def test_the_admin_edit_screen(client, people):
    def route(document):
        return [reverse("wagtaildocs:edit", args=[document.pk])]

    assert walk(client, people, route, admin_manages("change"), ADMIN_REFUSED) == []


def test_the_admin_delete_screen(client, people):
    def route(document):
        return [reverse("wagtaildocs:delete", args=[document.pk])]

    assert walk(client, people, route, admin_manages("delete"), ADMIN_REFUSED) == []


def test_the_admin_document_list(client, people):
    wrong = []
    for label, user, user_roles in people:
        client.force_login(user)
        answer = client.get(reverse("wagtaildocs:index"))
        body = answer.content.decode() if answer.status_code == 200 else ""
        for document in demo_documents():
            listed = reverse("wagtaildocs:edit", args=[document.pk]) in body
            if listed != admin_manages("change")(user, user_roles, document):
                wrong.append(f"{label}: {document.collection.name} {document.pk} listed={listed}")
    assert wrong == []


def test_no_role_can_delete_or_replace_a_notice_attachment_in_the_admin(client, people):
    item = NoticeAttachment.objects.select_related("document").first()
    stored = item.document.file.name
    for _label, user, _user_roles in people:
        client.force_login(user)
        client.post(reverse("wagtaildocs:delete", args=[item.document_id]))
        client.post(
            reverse("wagtaildocs:edit", args=[item.document_id]),
            {"title": "差し替え", "collection": item.document.collection_id},
        )
    item.document.refresh_from_db()
    assert item.document.file.name == stored
    assert item.document.title != "差し替え"


def test_each_roles_collection_rights_are_on_app_collections_only():
    owned = set(files.owned_collection_names())
    rows = GroupCollectionPermission.objects.filter(group__name__in=roles.ROLES)
    assert rows.exists()
    for row in rows.select_related("collection", "group"):
        assert row.collection.depth == 2, f"{row.group.name} holds rights on the root"
        assert row.collection.name in owned, (row.group.name, row.collection.name)


def test_no_role_holds_rights_on_the_notice_attachments():
    collection = Collection.objects.get(name=attachments.COLLECTION_NAME)
    assert not GroupCollectionPermission.objects.filter(collection=collection).exists()
