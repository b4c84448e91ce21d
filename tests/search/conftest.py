import os
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from search.backends import reset_backends
from search.backends.base import SearchRequest
from search.documents import EVERY_STAFF_MEMBER, SearchDocument
from tests.conftest import require_server

TOKYO = ZoneInfo("Asia/Tokyo")
ENGINES = ["database", "elasticsearch"]


def document(object_id, title, body="", **fields):
    fields.setdefault("doc_type", "faq")
    fields.setdefault("url", f"/faq/{object_id}/")
    return SearchDocument(object_id=str(object_id), title=title, body=body, **fields)


def ask(text, access=frozenset({EVERY_STAFF_MEMBER}), **options):
    return SearchRequest(text=text, access=access, **options)


def at(year, month, day, hour=9):
    return datetime(year, month, day, hour, tzinfo=TOKYO)


def elasticsearch_backend():
    if not os.environ.get("ELASTICSEARCH_URL") or not os.environ.get("EXPECT_ELASTICSEARCH"):
        require_server("no Elasticsearch server (run the tests through scripts/with-elasticsearch)")
    from search.backends.elasticsearch import ElasticsearchBackend

    # A fresh alias per test keeps tests independent of each other.
    return ElasticsearchBackend(
        url=os.environ["ELASTICSEARCH_URL"], alias=f"test-{uuid.uuid4().hex[:12]}"
    )


def pytest_collection_modifyitems(items):
    """Mark the Elasticsearch runs so that a run without that server can deselect them."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec and callspec.params.get("engine") == "elasticsearch":
            item.add_marker(pytest.mark.elasticsearch)


@pytest.fixture(params=ENGINES)
def engine(request, db):
    if request.param == "database":
        from search.backends.database import DatabaseBackend

        backend = DatabaseBackend()
        backend.clear()
        yield backend
        return
    backend = elasticsearch_backend()
    backend.ensure_index()
    yield backend
    for name in backend._indexes_behind_alias():
        backend.client.indices.delete(index=name)


@pytest.fixture(autouse=True)
def _fresh_backends():
    reset_backends()
    yield
    reset_backends()
