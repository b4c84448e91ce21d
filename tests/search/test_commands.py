"""search_query and rebuild_search_index, as scripts and the IT desk use them."""

import json
import logging
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from intranet import roles
from intranet.models import HomePage
from search import rebuild, registry
from search.backends import reset_backends
from search.finder import PAGE_SIZE
from search.models import IndexedDocument
from search.rebuild import Progress
from tests.factories import staff_member
from tests.search.conftest import elasticsearch_backend

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
    assert shown["notices"][-1] == (
        "すべての語を含む結果がないため、一部の語を含む結果を表示しています"
    )


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


# -- rebuild_search_index: progress, background, resume ---------------------------------


@pytest.fixture
def many_published():
    home = HomePage.objects.get()
    for number in range(9):
        page = Page(title=f"会議資料 第{number}回", slug=f"m{number}")
        home.add_child(instance=page)
        page.save_revision().publish()


def test_rebuild_prints_its_progress_as_count_of_total_and_rate(many_published):
    IndexedDocument.objects.all().delete()
    output = run("rebuild_search_index", "--backend", "database")
    total = registry.document_count()
    assert f"{total:,} / {total:,}件 (100.0%)、毎秒" in output


def test_progress_tells_the_time_left():
    clock = iter([0.0, 60.0, 60.0, 120.0, 120.0]).__next__
    lines = []
    progress = Progress(10_000, lines.append, every=10, clock=clock)
    progress(1_000)  # at 60 s: 1,000 done, 9,000 left at 1,000 a minute
    progress(1_000)  # at 120 s
    assert lines == [
        "1,000 / 10,000件 (10.0%)、毎秒17件、残り約9分",
        "2,000 / 10,000件 (20.0%)、毎秒17件、残り約8分",
    ]


def test_background_rebuild_runs_as_a_task_and_logs_its_progress(many_published, caplog):
    IndexedDocument.objects.all().delete()
    with caplog.at_level(logging.INFO, logger="search.rebuild"):
        output = run("rebuild_search_index", "--backend", "database", "--background")
    assert "バックグラウンド" in output
    total = registry.document_count()
    assert any(f"{total:,} / {total:,}件" in message for message in caplog.messages)
    assert IndexedDocument.objects.count() == len(list(rebuild.documents_after()))


def test_the_database_engine_cannot_resume(published):
    with pytest.raises(CommandError, match="再開できません"):
        run("rebuild_search_index", "--backend", "database", "--resume")


@pytest.fixture
def elasticsearch(settings):
    """The Elasticsearch engine behind a fresh alias, as the command finds it from settings."""
    backend = elasticsearch_backend()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = backend.url
    settings.SEARCH_INDEX_NAME = backend.alias
    reset_backends()
    yield backend
    for name in backend.client.indices.get(index=f"{backend.alias}-*"):
        backend.client.indices.delete(index=name)
    reset_backends()


def interrupted_rebuild(monkeypatch, after):
    """Run the command with batches of 2 and stop it (as Ctrl-C would) after ``after`` documents."""
    every = rebuild.documents_after

    def stopping(checkpoint=None):
        for number, document in enumerate(every(checkpoint)):
            if number == after:
                raise KeyboardInterrupt
            yield document

    with monkeypatch.context() as patch:
        patch.setattr(rebuild, "documents_after", stopping)
        with pytest.raises(CommandError, match="--resume"):
            run("rebuild_search_index", "--batch-size", "2")


@pytest.mark.elasticsearch
def test_a_resumed_rebuild_indexes_every_document_exactly_once(
    many_published, elasticsearch, monkeypatch
):
    expected = sorted(document.key for document in rebuild.documents_after())
    interrupted_rebuild(monkeypatch, after=5)
    assert not elasticsearch._indexes_behind_alias()  # nobody searches a half-filled index

    output = run("rebuild_search_index", "--batch-size", "2", "--resume")
    assert "4件目まで登録済みの再構築を再開します" in output

    [index] = elasticsearch._indexes_behind_alias()
    found = elasticsearch.client.search(index=index, size=100, _source=False)["hits"]["hits"]
    assert sorted(hit["_id"] for hit in found) == expected
    stats = elasticsearch.client.indices.stats(index=index, metric="indexing")
    assert stats["_all"]["primaries"]["indexing"]["index_total"] == len(expected)


@pytest.mark.elasticsearch
def test_status_shows_how_far_an_interrupted_rebuild_got(
    many_published, elasticsearch, monkeypatch
):
    assert "未完了の再構築はありません" in run("rebuild_search_index", "--status")
    interrupted_rebuild(monkeypatch, after=3)
    assert "2件登録済み" in run("rebuild_search_index", "--status")


@pytest.mark.elasticsearch
def test_a_rebuild_without_resume_starts_afresh(many_published, elasticsearch, monkeypatch):
    interrupted_rebuild(monkeypatch, after=3)
    output = run("rebuild_search_index", "--batch-size", "2")
    assert "再開" not in output
    [index] = elasticsearch._indexes_behind_alias()
    total = len(list(rebuild.documents_after()))
    assert elasticsearch.client.count(index=index)["count"] == total
    # The abandoned half-filled index is gone, and nothing is left to resume.
    assert list(elasticsearch.client.indices.get(index=f"{elasticsearch.alias}-*")) == [index]
    assert elasticsearch.rebuild_status() is None
