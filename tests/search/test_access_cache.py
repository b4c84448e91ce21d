"""A user's access tokens are cached between searches, and never outlive a change of access.

Each test searches once (the tokens are cached), changes what the tokens come
from, and searches again: the next search, the suggestions and the count
must follow the change at once.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from search import access
from search.backends import get_backend
from search.documents import SearchDocument, department_token, user_access_tokens
from search.models import AccessStamp
from tests.factories import DepartmentFactory, faq_home, live_faq, staff_member

pytestmark = pytest.mark.django_db

GROUP_TITLE = "金庫番号の一覧表"
AREA_TITLE = "金庫鍵の保管簿"
DEPARTMENT_TITLE = "金庫室の入室記録"
WORD = "金庫"

# What the tokens are read from: none of these may be asked again while nothing changed.
TOKEN_TABLES = ("auth_user_groups", "wagtailcore_pageviewrestriction", "intranet_staffprofile")


@pytest.fixture
def office():
    """A section, a group, one FAQ behind a group restriction, one document for the section."""
    section = DepartmentFactory(name="会計課")
    vault = Group.objects.create(name="金庫担当")
    home = faq_home()
    live_faq(home, "金庫の開け方", "窓口で尋ねてください。")
    restricted = live_faq(home, AREA_TITLE, "鍵は総務にあります。")
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([vault])
    get_backend().index(
        [
            SearchDocument(
                doc_type="faq",
                object_id="dept-1",
                title=DEPARTMENT_TITLE,
                body="会計課の職員だけが読めます。",
                url="/faq/dept-1/",
                access=(department_token(section.pk),),
            )
        ]
    )
    user = staff_member(department=section)
    user.groups.add(vault)
    return {"section": section, "vault": vault, "restriction": restriction, "user": user}


def seen(client):
    """(titles on the results page, its count, titles suggested) for WORD, as the client."""
    page = client.get(reverse("search:results"), {"q": WORD})
    assert page.status_code == 200
    titles = {entry["first"]["hit"].title for entry in page.context["entries"]}
    suggested = client.get(reverse("search:suggest"), {"q": WORD}).json()
    suggestions = {item["text"] for group in suggested["groups"] for item in group["items"]}
    return titles, page.context["total"], suggestions


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"q": WORD}).status_code == 200
    return [q["sql"] for q in queries]


def test_a_keystroke_reads_no_access_rows_once_they_are_cached(client, office):
    client.force_login(office["user"])
    url = reverse("search:suggest")
    client.get(url, {"q": WORD})
    read = queries_of(client, url)
    assert [sql for sql in read if any(table in sql for table in TOKEN_TABLES)] == []
    assert len([sql for sql in read if AccessStamp._meta.db_table in sql]) == 1


def test_a_search_page_costs_fewer_queries_once_the_tokens_are_cached(client, office):
    client.force_login(office["user"])
    url = reverse("search:results")
    client.get(url, {"q": WORD})
    cached = queries_of(client, url)
    cache.clear()
    afresh = queries_of(client, url)
    # The header reads the restrictions and the profile for itself (kept on the user for the
    # request); the search no longer adds the group names and the section above.
    assert len(cached) <= len(afresh) - 2


def test_the_tokens_are_those_worked_out_afresh(office):
    user = office["user"]
    assert access.access_tokens(user) == user_access_tokens(user)
    assert access.access_tokens(user) == user_access_tokens(user)  # from the cache


def test_leaving_a_group_hides_its_pages_at_once(client, office):
    client.force_login(office["user"])
    titles, total, suggestions = seen(client)
    assert AREA_TITLE in titles and AREA_TITLE in suggestions
    office["user"].groups.remove(office["vault"])
    titles, total_after, suggestions = seen(client)
    assert AREA_TITLE not in titles and AREA_TITLE not in suggestions
    assert total_after == total - 1


def test_removed_from_the_group_side_hides_them_too(client, office):
    client.force_login(office["user"])
    assert AREA_TITLE in seen(client)[0]
    office["vault"].user_set.remove(office["user"])
    assert AREA_TITLE not in seen(client)[0]
    office["vault"].user_set.add(office["user"])
    assert AREA_TITLE in seen(client)[0]
    office["vault"].user_set.clear()
    assert AREA_TITLE not in seen(client)[0]


def test_a_deleted_group_opens_nothing(client, office):
    client.force_login(office["user"])
    assert AREA_TITLE in seen(client)[0]
    office["vault"].delete()
    titles, _total, suggestions = seen(client)
    assert AREA_TITLE not in titles and AREA_TITLE not in suggestions


def test_a_restriction_given_to_another_group_hides_the_area(client, office):
    client.force_login(office["user"])
    assert AREA_TITLE in seen(client)[0]
    office["restriction"].groups.set([Group.objects.create(name="別の担当")])
    titles, _total, suggestions = seen(client)
    assert AREA_TITLE not in titles and AREA_TITLE not in suggestions


def test_moving_to_another_department_hides_the_old_departments_documents(client, office):
    client.force_login(office["user"])
    titles, total, suggestions = seen(client)
    assert DEPARTMENT_TITLE in titles and DEPARTMENT_TITLE in suggestions
    profile = office["user"].staff_profile
    profile.department = DepartmentFactory(name="税務課")
    profile.save()
    titles, total_after, suggestions = seen(client)
    assert DEPARTMENT_TITLE not in titles and DEPARTMENT_TITLE not in suggestions
    assert total_after == total - 1


def test_a_section_moved_under_another_department_changes_its_tokens(client, office):
    client.force_login(office["user"])
    seen(client)
    bu = DepartmentFactory(name="会計部")
    office["section"].parent = bu
    office["section"].save()
    client.get(reverse("search:results"), {"q": WORD})
    assert department_token(bu.pk) in access.access_tokens(office["user"])


def test_a_moved_page_is_read_at_its_new_place(client, office):
    """Restrictions nest by tree path: a move may put an area inside another."""
    client.force_login(office["user"])
    assert AREA_TITLE in seen(client)[0]
    outer = live_faq(Page.objects.get(title=AREA_TITLE).get_parent(), "金庫の別室", "別室です。")
    closed = PageViewRestriction.objects.create(
        page=outer, restriction_type=PageViewRestriction.GROUPS
    )
    closed.groups.set([Group.objects.create(name="別室担当")])
    stamps = set(AccessStamp.objects.values_list("value", flat=True))
    Page.objects.get(title=AREA_TITLE).move(outer, pos="last-child")
    assert set(AccessStamp.objects.values_list("value", flat=True)) != stamps


def test_a_deactivated_or_promoted_user_changes_their_stamp(office):
    user = office["user"]
    access.access_tokens(user)
    before = AccessStamp.objects.get(pk=user.pk).value
    user.is_active = False
    user.save()
    assert AccessStamp.objects.get(pk=user.pk).value != before


def test_logging_in_keeps_the_cached_tokens(client, office):
    access.access_tokens(office["user"])
    before = AccessStamp.objects.get(pk=office["user"].pk).value
    client.force_login(office["user"])
    assert AccessStamp.objects.get(pk=office["user"].pk).value == before
