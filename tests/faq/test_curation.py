"""The IT desk's admin dashboard: FAQs overdue for review and the lowest-rated ones."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from faq import curation
from faq.models import FaqDailyViews, FaqFeedback, OpenQuestion
from intranet import roles
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def test_an_faq_past_its_review_date_is_overdue(vpn_faq):
    vpn_faq.last_reviewed_on = timezone.localdate() - timedelta(days=400)
    vpn_faq.save()
    assert [page.title for page, _due in curation.overdue_reviews(staff_member())] == [
        "VPNに接続できない"
    ]


def test_a_recently_reviewed_faq_is_not_overdue(vpn_faq):
    vpn_faq.last_reviewed_on = timezone.localdate()
    vpn_faq.save()
    assert curation.overdue_reviews(staff_member()) == []


def test_lowest_rated_counts_the_votes(vpn_faq):
    FaqFeedback.objects.create(page=vpn_faq, user=staff_member(), helpful=False)
    FaqFeedback.objects.create(page=vpn_faq, user=staff_member(), helpful=True)
    (page,) = curation.lowest_rated(staff_member())
    assert (page.helpful_votes, page.unhelpful_votes) == (1, 1)


def test_the_it_desk_dashboard_shows_the_curation_panel(client, vpn_faq):
    vpn_faq.last_reviewed_on = timezone.localdate() - timedelta(days=400)
    vpn_faq.save()
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "見直し期限を過ぎた FAQ" in body
    assert "VPNに接続できない" in body


def test_other_admin_users_do_not_get_the_panel(client, vpn_faq):
    client.force_login(staff_member(roles=[roles.SECTION_HEAD]))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "見直し期限を過ぎた FAQ" not in body


def test_the_panel_lists_waiting_questions_and_the_most_viewed_faqs(client, vpn_faq):
    asker = staff_member()
    OpenQuestion.objects.create(asker=asker, question="共有フォルダに入れない")
    OpenQuestion.objects.create(
        asker=asker, question="回答済みの質問", status=OpenQuestion.Status.ANSWERED
    )
    FaqDailyViews.objects.create(page=vpn_faq, day=timezone.localdate(), views=12)
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "回答待ちの質問（1件）" in body
    assert "共有フォルダに入れない" in body and "回答済みの質問" not in body
    assert "閲覧12回" in body


def test_the_faq_panels_are_wagtails_dashboard_panels(client, vpn_faq):
    FaqDailyViews.objects.create(page=vpn_faq, day=timezone.localdate(), views=3)
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    for panel in ("waiting-questions", "overdue-reviews", "lowest-rated", "most-viewed"):
        assert f'id="faq-{panel}-section"' in body
    assert body.count('class="w-panel w-panel--dashboard"') >= 4
    assert 'class="listing listing--dashboard"' in body
