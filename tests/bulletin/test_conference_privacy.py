"""Before a thread or reply is posted, the personal-data guard reads it."""

import re

import pytest
from django.urls import reverse

from bulletin.models import Thread
from intranet.privacy.models import PrivacyOverride

from .boards import make_board

pytestmark = pytest.mark.django_db

PHONE = "090-1234-5678"
DATA = {"title": "テレワーク端末の貸出", "body": f"問い合わせは{PHONE}まで"}


@pytest.fixture
def new_thread_url():
    return reverse("bulletin:new_thread", args=[make_board().slug])


def choices(response):
    return re.findall(r'name="not_personal_data" value="([^"]+)"', response.content.decode())


def test_personal_data_stops_the_thread(staff_client, new_thread_url):
    staff_client.post(new_thread_url, DATA)
    assert not Thread.objects.exists()


def test_the_finding_is_shown_highlighted(staff_client, new_thread_url):
    response = staff_client.post(new_thread_url, DATA)
    assert re.search(rf"<mark [^>]*>{PHONE}</mark>", response.content.decode())


def test_ticking_without_a_reason_is_refused(staff_client, new_thread_url):
    first = staff_client.post(new_thread_url, DATA)
    staff_client.post(new_thread_url, {**DATA, "not_personal_data": choices(first)})
    assert not Thread.objects.exists()


def test_ticking_with_a_reason_posts_and_records_the_override(staff_client, new_thread_url):
    first = staff_client.post(new_thread_url, DATA)
    reason = "庁内ヘルプデスクの代表番号です"
    staff_client.post(
        new_thread_url, {**DATA, "not_personal_data": choices(first), "privacy_reason": reason}
    )
    post = Thread.objects.get().posts.get()
    override = PrivacyOverride.objects.get()
    assert (override.object_id, override.text, override.reason) == (str(post.pk), PHONE, reason)


def test_removing_the_finding_posts_the_thread(staff_client, new_thread_url):
    staff_client.post(new_thread_url, DATA)
    staff_client.post(new_thread_url, {**DATA, "body": "問い合わせは情報政策課まで"})
    assert Thread.objects.filter(title=DATA["title"]).exists()
