import os

import pytest

from tests.factories import staff_member


def require_server(reason):
    """Skip a test that needs a missing server, except in CI, where it must run and so fails."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (in CI every server-backed test must run)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _postgresql_only(request):
    """A ``postgresql`` test run on another database fails: it must never pass by skipping."""
    if request.node.get_closest_marker("postgresql") is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("a PostgreSQL-only test ran on another database (make test runs it there)")


@pytest.fixture
def staff_user(db):
    return staff_member()


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Wagtail caches the site and its root paths; a rolled-back test must not leave them behind."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _forget_unwritten_faq_views():
    """FAQ views are counted in memory and written in batches; none may leak between tests."""
    from faq import view_counts

    view_counts.discard_pending()
    yield
    view_counts.discard_pending()


def write_small_python_faq(directory):
    """The demo's Python FAQ cut to its header and first five rows, written into ``directory``."""
    import csv

    from faq import demo

    with open(demo.PYTHON_CSV, encoding="utf-8", newline="") as source:
        reader = csv.reader(source)
        rows = [next(reader) for _ in range(6)]
    path = directory / "python_faq_ja.csv"
    with open(path, "w", encoding="utf-8", newline="") as target:
        csv.writer(target).writerows(rows)
    return path


@pytest.fixture
def small_python_faq(tmp_path, monkeypatch):
    """A smaller demo for tests that load it for every test (the browser's).

    The Python FAQ is cut to five questions, each meeting series has its
    latest sitting only (with the PDF whose p.12 the search tests look for),
    and the near-miss demo makes a few reports (published, overdue, sent back).
    """
    from faq import demo
    from incidents import demo as incidents_demo
    from materials import demo as materials_demo

    path = write_small_python_faq(tmp_path)
    monkeypatch.setattr(demo, "PYTHON_CSV", path)
    monkeypatch.setattr(materials_demo, "SITTINGS_PER_SERIES", 1)
    monkeypatch.setattr(incidents_demo, "REPORTS", SMALL_INCIDENTS_DEMO)
    return path


# Reports the near-miss demo makes for tests of other apps (the whole demo has about 70).
SMALL_INCIDENTS_DEMO = 6


@pytest.fixture(scope="module")
def shared_demo(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for a module of tests that read it.

    Its Python FAQ is cut to five questions and its meeting series to their
    latest sitting each, unless the module sets ``WHOLE_MATERIALS_DEMO = True``
    (the materials demo's own tests, which check a year of meetings); the
    near-miss demo makes a few reports unless it sets ``WHOLE_INCIDENTS_DEMO = True``.

    It is loaded inside a transaction that is rolled back after the module's
    last test, and each test (``db``) runs in a savepoint within it, so what
    one test changes the next does not see. Only for modules whose tests all
    use ``db``: a ``transactional_db`` test cannot run inside the transaction.
    """
    from django.core.management import call_command
    from django.db import transaction

    from faq import demo
    from incidents import demo as incidents_demo
    from materials import demo as materials_demo

    path = write_small_python_faq(tmp_path_factory.mktemp("demo"))
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setattr(demo, "PYTHON_CSV", path)
        if not getattr(request.module, "WHOLE_MATERIALS_DEMO", False):
            patch.setattr(materials_demo, "SITTINGS_PER_SERIES", 1)
        if not getattr(request.module, "WHOLE_INCIDENTS_DEMO", False):
            patch.setattr(incidents_demo, "REPORTS", SMALL_INCIDENTS_DEMO)
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def pytest_configure(config):
    """Let the live server queue as many connections as a production server does.

    Django's development server listens with a backlog of 10 connections; when
    50 clients connect at the same moment the kernel resets the rest, which
    says nothing about the intranet. gunicorn's default backlog is 2048.
    """
    from django.core.servers.basehttp import WSGIServer

    WSGIServer.request_queue_size = 2048
