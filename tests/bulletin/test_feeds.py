"""Atom feeds of notices, read by a feed reader with a personal secret and no session."""

import logging
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletin import feeds
from bulletin.models import FeedToken, Notice
from tests.factories import DepartmentFactory, notice, notice_category, staff_member

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def category(slug="zencho", name="全庁通知"):
    return notice_category(slug, name)


make_notice = notice


@pytest.fixture
def token(staff_user):
    return FeedToken.objects.create(user=staff_user)


def read_feed(client, token, category_slug=None):
    """GET the feed as a reader does (no session) and parse it."""
    if category_slug:
        url = reverse("bulletin:category_feed", args=[token.secret, category_slug])
    else:
        url = reverse("bulletin:feed", args=[token.secret])
    response = client.get(url)
    assert response.status_code == 200, response.content.decode()
    return ET.fromstring(response.content)


def entry_titles(feed):
    return [
        entry.findtext("atom:title", namespaces=ATOM) for entry in feed.iterfind("atom:entry", ATOM)
    ]


# The feed.


def test_a_feed_reader_needs_no_login(client, token):
    make_notice()

    response = client.get(reverse("bulletin:feed", args=[token.secret]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")


def test_the_feed_lists_current_notices(client, token):
    make_notice(title="庁舎停電のお知らせ")

    assert entry_titles(read_feed(client, token)) == ["庁舎停電のお知らせ"]


def test_an_urgent_notice_is_marked_in_its_title(client, token):
    make_notice(title="避難訓練", importance=Notice.Importance.URGENT)

    assert entry_titles(read_feed(client, token)) == ["【緊急】避難訓練"]


def test_the_feed_leaves_out_notices_for_other_departments(client, token):
    make_notice(title="財政課だけのお知らせ", audience=[DepartmentFactory(name="財政課")])

    assert entry_titles(read_feed(client, token)) == []


def test_the_feed_shows_notices_for_the_owners_department(client, staff_user, token):
    make_notice(title="自課のお知らせ", audience=[staff_user.staff_profile.department])

    assert entry_titles(read_feed(client, token)) == ["自課のお知らせ"]


def test_the_feed_leaves_out_scheduled_notices(client, token):
    make_notice(title="来週のお知らせ", starts_at=timezone.now() + timedelta(days=7))

    assert entry_titles(read_feed(client, token)) == []


def test_the_feed_leaves_out_archived_notices(client, token):
    now = timezone.now()
    make_notice(title="先月のお知らせ", starts_at=now - timedelta(days=30), ends_at=now)

    assert entry_titles(read_feed(client, token)) == []


def test_the_feed_leaves_out_withdrawn_notices(client, token):
    make_notice(title="取り下げたお知らせ", withdrawn_at=timezone.now())

    assert entry_titles(read_feed(client, token)) == []


def test_the_newest_notice_comes_first(client, token):
    now = timezone.now()
    make_notice(title="昨日", starts_at=now - timedelta(days=1))
    make_notice(title="今日", starts_at=now - timedelta(minutes=1))

    assert entry_titles(read_feed(client, token)) == ["今日", "昨日"]


def test_the_feed_holds_a_bounded_number_of_notices(client, token):
    for number in range(feeds.FEED_SIZE + 1):
        make_notice(title=f"お知らせ{number}")

    assert len(entry_titles(read_feed(client, token))) == feeds.FEED_SIZE


def test_an_entry_links_to_the_notice_on_the_intranet(client, token, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://intra.city.example.jp"
    notice = make_notice()

    entry = read_feed(client, token).find("atom:entry", ATOM)

    link = entry.find("atom:link", ATOM).get("href")
    assert link == f"https://intra.city.example.jp/bulletin/{notice.pk}/"


def test_the_summary_is_the_body_as_plain_text(client, token):
    make_notice(
        body="<p>本日15時から停電します。</p><p>PCを<strong>終了</strong>してください。</p>"
    )

    summary = read_feed(client, token).find("atom:entry/atom:summary", ATOM)

    assert summary.get("type") == "text"
    assert summary.text == "本日15時から停電します。\nPCを終了してください。"


def test_a_category_feed_lists_only_that_category(client, token):
    make_notice(title="研修のお知らせ", category=category("kenshu", "研修"))
    make_notice(title="人事のお知らせ", category=category("jinji", "人事"))

    assert entry_titles(read_feed(client, token, "kenshu")) == ["研修のお知らせ"]


def test_the_feed_is_kept_by_no_shared_cache(client, token):
    response = client.get(reverse("bulletin:feed", args=[token.secret]))

    assert "private" in response["Cache-Control"]


def test_a_feed_only_answers_reads(client, token):
    response = client.post(reverse("bulletin:feed", args=[token.secret]))

    assert response.status_code == 405


# Addresses that do not work.


def test_a_wrong_secret_gets_a_japanese_not_found(client, token):
    response = client.get(reverse("bulletin:feed", args=["not-the-secret"]))

    assert response.status_code == 404
    assert "このフィードのアドレスは正しくありません" in response.content.decode()


def test_a_revoked_secret_gets_a_japanese_gone(client, token):
    token.revoked_at = timezone.now()
    token.save()

    response = client.get(reverse("bulletin:feed", args=[token.secret]))

    assert response.status_code == 410
    assert "このフィードのアドレスは取り消されたため" in response.content.decode()


def test_a_deactivated_users_secret_stops_working(client, staff_user, token):
    staff_user.is_active = False
    staff_user.save()

    response = client.get(reverse("bulletin:feed", args=[token.secret]))

    assert response.status_code == 410


def test_an_unknown_category_gets_a_japanese_not_found(client, token):
    response = client.get(reverse("bulletin:category_feed", args=[token.secret, "nothing"]))

    assert response.status_code == 404
    assert "このアドレスのお知らせの分類はありません" in response.content.decode()


def test_a_refused_secret_is_not_written_to_the_log(client, token, caplog):
    token.revoked_at = timezone.now()
    token.save()

    with caplog.at_level(logging.DEBUG):
        client.get(reverse("bulletin:feed", args=[token.secret]))

    assert caplog.records
    assert token.secret not in caplog.text


# The screen where staff manage their addresses.


def test_the_screen_offers_to_make_addresses(staff_client):
    response = staff_client.get(reverse("bulletin:feeds"))

    assert "フィードのアドレスはまだありません" in response.content.decode()


def test_making_addresses_shows_one_per_category(staff_client, staff_user, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://intra.city.example.jp"
    category("kenshu", "研修")

    response = staff_client.post(reverse("bulletin:feeds"), {"action": "issue"}, follow=True)

    secret = FeedToken.objects.get(user=staff_user).secret
    page = response.content.decode()
    assert f"https://intra.city.example.jp/bulletin/feeds/{secret}/" in page
    assert f"https://intra.city.example.jp/bulletin/feeds/{secret}/kenshu/" in page


def test_making_new_addresses_revokes_the_old_ones(staff_client, token):
    staff_client.post(reverse("bulletin:feeds"), {"action": "issue"})

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert FeedToken.objects.filter(user=token.user, revoked_at__isnull=True).count() == 1


def test_revoking_stops_the_feed(staff_client, client, token):
    staff_client.post(reverse("bulletin:feeds"), {"action": "revoke"})
    staff_client.logout()

    response = client.get(reverse("bulletin:feed", args=[token.secret]))

    assert response.status_code == 410


def test_a_get_request_revokes_nothing(staff_client, token):
    staff_client.get(reverse("bulletin:feeds") + "?action=revoke")

    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_screen_shows_only_the_users_own_secret(staff_client, token):
    other = FeedToken.objects.create(user=staff_member())

    page = staff_client.get(reverse("bulletin:feeds")).content.decode()

    assert token.secret in page
    assert other.secret not in page
