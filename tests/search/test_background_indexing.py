"""Indexing through the background task queue, run by the real database worker.

The worker is ``manage.py db_worker`` in its own process, against the test
database (a file on SQLite, a server on PostgreSQL), so a task makes the whole
trip a production task makes: enqueued in one process, stored in the
database, picked up and run by another.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import search
from faq.bulk import add_live_page
from faq.models import FaqIndexPage
from intranet.site import ensure_home_page
from search import registry
from search.backends import get_backend, reset_backends
from search.tasks import sync_documents
from tests.factories import live_faq, staff_member
from tests.search.conftest import elasticsearch_backend

pytestmark = pytest.mark.django_db(transaction=True)

PROJECT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def database_url():
    """The test database as a DATABASE_URL the worker process can open."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{quote(db['USER'])}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def run_worker(**environment):
    """Run every queued task in a separate worker process, then let it exit."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intranet.settings.dev",
        "DATABASE_URL": database_url(),
        "SEARCH_BACKEND": settings.SEARCH_BACKEND,
        **environment,
    }
    finished = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr


@pytest.fixture
def faq_category(transactional_db):
    return add_live_page(ensure_home_page(), FaqIndexPage(title="ネットワーク", slug="network"))


@pytest.fixture
def staff(transactional_db):
    return staff_member()


def test_the_worker_runs_a_queued_index_task(faq_category, staff, settings):
    settings.SEARCH_BACKEND = "database"
    reset_backends()
    faq = live_faq(faq_category, "VPNに接続できない場合の対処方法", "クライアントを再起動します。")
    get_backend().delete([f"faq:{faq.pk}"])
    assert search.find(staff, "VPN").total == 0

    settings.TASKS = DATABASE_TASKS
    sync_documents.enqueue(registry.type_for(faq).doc_type, [str(faq.pk)])
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"

    run_worker()

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert [hit.title for hit in search.find(staff, "VPN").hits] == [faq.title]


@pytest.mark.elasticsearch
def test_with_elasticsearch_a_saved_faq_is_indexed_by_the_worker_not_the_request(
    faq_category, staff, settings
):
    engine = elasticsearch_backend()
    engine.ensure_index()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_INDEX_NAME = engine.alias
    settings.TASKS = DATABASE_TASKS
    reset_backends()
    try:
        long_answer = "VPN クライアントを再起動してください。" + "接続先の設定を確認します。" * 2000
        faq = live_faq(faq_category, "VPNに接続できない場合の対処方法", long_answer)
        assert DBTaskResult.objects.filter(status="READY").exists()
        assert search.find(staff, "VPN").total == 0  # nothing indexed while the page was saved

        run_worker(SEARCH_INDEX_NAME=engine.alias)

        assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
        assert [hit.title for hit in search.find(staff, "VPN").hits] == [faq.title]
    finally:
        reset_backends()
        for name in engine._indexes_behind_alias():
            engine.client.indices.delete(index=name)


# -- long texts on the database engine: segmented by the worker, access changed at once -------

LONG_ANSWER = "VPN クライアントを再起動してください。" + "接続先の設定を確認します。" * 2000


@pytest.fixture
def segmented(monkeypatch):
    """How many characters the Japanese pipeline segments for the index."""
    import search.documents

    counted = {"chars": 0}
    real = search.documents.index_text

    def counting(text):
        counted["chars"] += len(text or "")
        return real(text)

    monkeypatch.setattr(search.documents, "index_text", counting)
    return counted


@pytest.fixture
def database_engine(settings):
    settings.SEARCH_BACKEND = "database"
    reset_backends()
    yield get_backend()
    reset_backends()


def test_a_long_text_is_segmented_by_the_worker_not_the_request_that_saves(
    faq_category, staff, settings, segmented, database_engine
):
    settings.TASKS = DATABASE_TASKS
    faq = live_faq(faq_category, "VPNに接続できない場合の対処方法", LONG_ANSWER)

    assert segmented["chars"] < 1_000  # the title, perhaps; never the answer
    assert DBTaskResult.objects.filter(status="READY").exists()
    assert search.find(staff, "VPN").total == 0

    run_worker()

    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    assert [hit.title for hit in search.find(staff, "再起動").hits] == [faq.title]


def test_a_long_text_edited_keeps_its_old_words_until_the_worker_has_read_the_new(
    faq_category, staff, settings, database_engine
):
    faq = live_faq(faq_category, "VPNに接続できない場合の対処方法", LONG_ANSWER)
    assert search.find(staff, "再起動").total == 1

    settings.TASKS = DATABASE_TASKS
    faq.answer = [("paragraph", RichText("<p>" + LONG_ANSWER.replace("再起動", "初期化") + "</p>"))]
    faq.title = "VPN障害時の対処"
    faq.save_revision().publish()

    assert search.find(staff, "再起動").total == 1  # the words the index has read so far
    assert search.find(staff, "障害").total == 1  # a title is short: current at once
    run_worker()
    assert search.find(staff, "再起動").total == 0
    assert [hit.title for hit in search.find(staff, "初期化").hits] == ["VPN障害時の対処"]


def test_a_long_text_made_confidential_is_hidden_at_once_without_segmenting_it_again(
    faq_category, staff, settings, segmented, database_engine
):
    faq = live_faq(faq_category, "VPNに接続できない場合の対処方法", LONG_ANSWER)
    it_desk = staff_member(roles=["情報システム担当"])
    assert search.find(staff, "再起動").total == 1
    settings.TASKS = DATABASE_TASKS
    segmented["chars"] = 0

    restriction = PageViewRestriction.objects.create(
        page=faq, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="情報システム担当")])

    assert search.find(staff, "再起動").total == 0
    assert [hit.title for hit in search.find(it_desk, "再起動").hits] == [faq.title]
    assert segmented["chars"] < 1_000
    assert not DBTaskResult.objects.exists()  # nothing left for the worker
