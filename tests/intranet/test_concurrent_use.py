"""Many staff at once, against a real threaded server and the real database.

Django's live server answers each request in its own thread, and on SQLite the
test database is a file (intranet/settings/test.py), so every thread has its own
connection, as under a production server. The requests start together (a
barrier) from 50 client threads.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.conf import settings
from django.test import Client
from wagtail.rich_text import RichText

from faq.bulk import add_live_page
from faq.models import FaqFeedback, FaqIndexPage, FaqPage, OpenQuestion
from intranet.site import ensure_home_page
from tests.factories import staff_member

# Tests that open many connections at once run on one worker, one after another.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("many-connections")]

CLIENTS = 50


@pytest.fixture
def vpn_faq(transactional_db):
    home = ensure_home_page()
    category = add_live_page(home, FaqIndexPage(title="ネットワーク", slug="network"))
    return add_live_page(
        category,
        FaqPage(
            title="VPNに接続できない場合の対処方法",
            slug="vpn",
            answer=[("paragraph", RichText("<p>VPN クライアントを再起動してください。</p>"))],
        ),
    )


def logged_in_session(live_server, user):
    """A ``requests`` session carrying ``user``'s login cookie and a CSRF token."""
    client = Client()
    client.force_login(user)
    session = requests.Session()
    session.cookies.set(
        settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    session.get(f"{live_server.url}/accounts/password/", timeout=60)  # sets the CSRF cookie
    session.headers["X-CSRFToken"] = session.cookies.get(settings.CSRF_COOKIE_NAME, "")
    return session


def copies(session, count):
    """Separate ``requests`` sessions (a session is not thread-safe) with the same cookies."""
    result = []
    for _ in range(count):
        copy = requests.Session()
        copy.cookies.update(session.cookies)
        copy.headers.update(session.headers)
        result.append(copy)
    return result


def all_at_once(calls):
    """Run the calls from CLIENTS threads that start together; return their status codes."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=60)
        return call().status_code

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_fifty_simultaneous_searches_all_succeed(live_server, vpn_faq):
    sessions = copies(logged_in_session(live_server, staff_member()), CLIENTS)
    url = f"{live_server.url}/search/"
    queries = ["VPN 接続", "再起動", "対処方法", "ぶいぴーえぬ", "クライアント"]
    calls = [
        (lambda s=sessions[i], q=queries[i % 5]: s.get(url, params={"q": q}, timeout=120))
        for i in range(CLIENTS)
    ]
    assert all_at_once(calls) == [200] * CLIENTS


def test_fifty_simultaneous_questions_all_succeed(live_server, vpn_faq):
    sessions = copies(logged_in_session(live_server, staff_member()), CLIENTS)
    url = f"{live_server.url}/questions/ask/"
    calls = [
        (
            lambda i=i: sessions[i].post(
                url,
                data={"question": f"VPNに接続できない その{i}", "confirmed": "1"},
                allow_redirects=False,
                timeout=120,
            )
        )
        for i in range(CLIENTS)
    ]
    assert all_at_once(calls) == [302] * CLIENTS
    assert OpenQuestion.objects.count() == CLIENTS


def test_fifty_simultaneous_votes_are_all_recorded(live_server, vpn_faq):
    sessions = [logged_in_session(live_server, staff_member()) for _ in range(CLIENTS)]
    url = f"{live_server.url}/faq-data/{vpn_faq.pk}/feedback/"
    calls = [
        (lambda s=s: s.post(url, data={"helpful": "yes"}, allow_redirects=False, timeout=120))
        for s in sessions
    ]
    assert all_at_once(calls) == [302] * CLIENTS
    assert FaqFeedback.objects.filter(page=vpn_faq, helpful=True).count() == CLIENTS


def test_one_staff_member_voting_many_times_at_once_keeps_one_vote(live_server, vpn_faq):
    sessions = copies(logged_in_session(live_server, staff_member()), 20)
    url = f"{live_server.url}/faq-data/{vpn_faq.pk}/feedback/"
    calls = [
        (
            lambda i=i: sessions[i].post(
                url,
                data={"helpful": "no" if i % 2 else "yes", "comment": f"{i}"},
                allow_redirects=False,
                timeout=120,
            )
        )
        for i in range(20)
    ]
    assert all_at_once(calls) == [302] * 20
    assert FaqFeedback.objects.filter(page=vpn_faq).count() == 1


def test_two_hundred_simultaneous_page_views_all_succeed(live_server, vpn_faq):
    sessions = copies(logged_in_session(live_server, staff_member()), 200)
    calls = [(lambda s=s: s.get(f"{live_server.url}{vpn_faq.url}", timeout=120)) for s in sessions]
    assert all_at_once(calls) == [200] * 200
