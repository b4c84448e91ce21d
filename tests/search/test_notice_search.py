"""Notices in the intranet search: found by their audience only, on every engine."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

import search
from bulletin.models import Notice
from search import registry
from search.backends.base import SearchRequest
from search.documents import user_access_tokens
from tests.bulletin.conftest import Office
from tests.factories import notice

pytestmark = pytest.mark.django_db

MARKER = "ヒミツ"  # only in notices some of the staff may not see
SHARED = "庁舎停電"


@pytest.fixture
def office(db):
    return Office()


@pytest.fixture
def notices(office):
    now = timezone.now()
    return {
        "all": notice(f"{SHARED}のお知らせ", body=f"<p>{SHARED}があります。</p>"),
        "somu": notice(f"{SHARED}{MARKER}総務部", audience=[office.somu]),
        "jinji": notice(f"{SHARED}{MARKER}人事課", audience=[office.jinji]),
        "bu_only": notice(
            f"{SHARED}{MARKER}部内のみ", audience=[office.shimin_bu], include_sections=False
        ),
        "scheduled": notice(f"{SHARED}{MARKER}予約", starts_at=now + timedelta(days=1)),
        "withdrawn": notice(f"{SHARED}{MARKER}取り下げ", withdrawn_at=now),
        "archived": notice(
            f"{SHARED}の過去のお知らせ",
            starts_at=now - timedelta(days=30),
            ends_at=now - timedelta(days=1),
        ),
    }


def found_titles(user):
    return {hit.title for hit in search.find(user, SHARED, types=["notice"]).hits}


def test_staff_outside_every_audience_find_only_what_is_for_everyone(office, notices):
    assert found_titles(office.citizen) == {"庁舎停電のお知らせ", "庁舎停電の過去のお知らせ"}


def test_a_section_finds_what_is_sent_to_it_and_to_its_department(office, notices):
    assert found_titles(office.hr) == {
        "庁舎停電のお知らせ",
        "庁舎停電の過去のお知らせ",
        f"{SHARED}{MARKER}総務部",
        f"{SHARED}{MARKER}人事課",
    }


def test_a_notice_for_a_department_without_its_sections_is_found_there_only(office, notices):
    assert f"{SHARED}{MARKER}部内のみ" in found_titles(office.bu_head)
    assert f"{SHARED}{MARKER}部内のみ" not in found_titles(office.citizen)


def test_withdrawing_a_notice_takes_it_out_of_the_search(client, office, notices):
    sent = notice("人事課の研修案内", sender=office.jinji)
    client.force_login(office.hr)
    client.post(reverse("bulletin:withdraw", args=[sent.pk]), {"confirm": "on"})
    assert not search.find(office.hr, "研修案内", types=["notice"]).hits


def test_the_search_page_shows_an_outsider_no_trace_of_a_hidden_notice(client, office, notices):
    client.force_login(office.citizen)
    body = client.get(reverse("search:results"), {"q": SHARED}).content.decode()
    assert SHARED in body and MARKER not in body


def test_after_a_rebuild_every_engine_finds_exactly_what_visible_to_allows(office, notices, engine):
    engine.rebuild(registry.all_documents())
    notice_type = next(t for t in registry.registered_types() if t.doc_type == "notice")
    for user in (office.citizen, office.hr, office.bu_head, office.office):
        request = SearchRequest(
            text=SHARED, access=user_access_tokens(user), types=("notice",), limit=100
        )
        found = {hit.object_id for hit in engine.search(request).hits}
        for sent in Notice.objects.all():
            allowed = notice_type.to_document(sent) is not None and notice_type.visible_to(
                user, sent
            )
            assert (str(sent.pk) in found) == allowed, (engine.name, sent.title, user)
