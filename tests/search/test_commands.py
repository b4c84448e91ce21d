"""search_query and rebuild_search_index, as scripts and the IT desk use them."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from intranet import roles
from intranet.models import HomePage
from search.finder import PAGE_SIZE
from search.models import IndexedDocument
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    home = HomePage.objects.get()
    for number, title in enumerate(["パスワードを忘れたとき", "パスワードの変更方法", "VPN接続"]):
        page = Page(title=title, slug=f"c{number}")
        home.add_child(instance=page)
        page.save_revision().publish()


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_search_query_prints_json_hits_best_first(published):
    shown = json.loads(run("search_query", "ぱすわーど", "--json"))
    hits = shown["hits"]
    assert sorted(hit["title"] for hit in hits) == [
        "パスワードの変更方法",
        "パスワードを忘れたとき",
    ]
    assert set(hits[0]) >= {"rank", "title", "url", "type", "score", "matched_all"}
    assert [hit["rank"] for hit in hits] == [1, 2]
    assert hits[0]["score"] >= hits[1]["score"]
    assert (shown["total"], shown["total_capped"], shown["fallback"]) == (2, False, False)


def test_search_query_prints_the_fallback_as_the_page_does(published):
    shown = json.loads(run("search_query", "パスワード 駐車場", "--json"))
    assert [(hit["matched_all"], hit["type"]) for hit in shown["hits"]] == [(False, "page")] * 2
    assert shown["fallback"] is True and shown["all_words_total"] == 0
    assert shown["notices"] == [
        "すべての語を含む結果がないため、一部の語を含む結果を表示しています"
    ]


def test_search_query_with_odd_syntax_prints_no_hits(published):
    assert json.loads(run("search_query", '"(*:\\', "--json"))["hits"] == []


def test_search_query_pages_like_the_page(published):
    home = HomePage.objects.get()
    for number in range(PAGE_SIZE + 1):
        page = Page(title=f"庁内通知 第{number}号", slug=f"n{number}")
        home.add_child(instance=page)
        page.save_revision().publish()
    shown = json.loads(run("search_query", "通知", "--json", "--page", "2"))
    assert (shown["page"], shown["pages"], [hit["rank"] for hit in shown["hits"]]) == (
        2,
        2,
        [PAGE_SIZE + 1],
    )


def test_search_query_searches_as_the_staff_member_named(published):
    home = HomePage.objects.get()
    hidden = Page(title="パスワード管理台帳", slug="ledger")
    home.add_child(instance=hidden)
    hidden.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.IT_DESK)])
    hidden.save_revision().publish()
    member = staff_member()

    def titles(*options):
        output = run("search_query", "パスワード", "--json", *options)
        return sorted(hit["title"] for hit in json.loads(output)["hits"])

    assert "パスワード管理台帳" in titles()
    assert "パスワード管理台帳" not in titles("--user", member.username)


def test_search_query_names_an_unknown_user():
    with pytest.raises(CommandError, match="見つかりません"):
        run("search_query", "パスワード", "--user", "nobody")


@pytest.mark.parametrize("query", ["パスワード 駐車場", "パスワード", "存在しない語"])
def test_search_query_prints_exactly_what_the_search_page_lists(published, client, query):
    member = staff_member()
    client.force_login(member)
    response = client.get(reverse("search:results"), {"q": query})
    body = response.content.decode().replace("<mark>", "").replace("</mark>", "")
    listed = [
        {name: getattr(result["hit"], name) for name in ("title", "url", "matched_all")}
        | {"rank": result["rank"]}
        for entry in response.context["entries"]
        for result in [entry["head"], *entry["parts"]]
        if result
    ]
    shown = json.loads(run("search_query", query, "--json", "--user", member.username))
    assert [
        {name: hit[name] for name in ("rank", "title", "url", "matched_all")}
        for hit in shown["hits"]
    ] == listed
    assert shown["total"] == response.context["total"]
    assert all(notice in body for notice in shown["notices"])
    positions = [body.index(hit["title"]) for hit in shown["hits"]]
    assert positions == sorted(positions)


def test_rebuild_recreates_a_lost_index(published):
    IndexedDocument.objects.all().delete()
    output = run("rebuild_search_index", "--backend", "database")
    assert "database" in output
    assert json.loads(run("search_query", "VPN", "--json"))["hits"][0]["title"] == "VPN接続"
