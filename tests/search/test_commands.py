"""search_query and rebuild_search_index, as scripts and the IT desk use them."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from intranet.models import HomePage
from search.models import IndexedDocument

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
    hits = json.loads(run("search_query", "ぱすわーど", "--json", "--limit", "5"))
    assert sorted(hit["title"] for hit in hits) == [
        "パスワードの変更方法",
        "パスワードを忘れたとき",
    ]
    assert set(hits[0]) >= {"title", "url", "type", "score"}
    assert hits[0]["score"] >= hits[1]["score"]


def test_search_query_limit(published):
    assert len(json.loads(run("search_query", "パスワード", "--json", "--limit", "1"))) == 1


def test_search_query_with_odd_syntax_prints_an_empty_list(published):
    assert json.loads(run("search_query", '"(*:\\', "--json")) == []


def test_rebuild_recreates_a_lost_index(published):
    IndexedDocument.objects.all().delete()
    output = run("rebuild_search_index", "--backend", "database")
    assert "database" in output
    assert json.loads(run("search_query", "VPN", "--json"))[0]["title"] == "VPN接続"
