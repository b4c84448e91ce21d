import os

import pytest

from tests.factories import staff_member


def require_server(reason):
    """Skip a test that needs a missing server, except in CI, where it must run and so fails."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (in CI every server-backed test must run)")
    pytest.skip(reason)


@pytest.fixture
def staff_user(db):
    return staff_member()


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def _forget_unwritten_faq_views():
    """FAQ views are counted in memory and written in batches; none may leak between tests."""
    from faq import view_counts

    view_counts.discard_pending()
    yield
    view_counts.discard_pending()
