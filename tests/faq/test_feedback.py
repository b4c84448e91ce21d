"""「この回答は役に立ちましたか？」: one vote per staff member per FAQ, changeable."""

import pytest
from django.urls import reverse

from faq.models import FaqFeedback

pytestmark = pytest.mark.django_db


def vote(client, page, helpful, comment=""):
    return client.post(
        reverse("faq:feedback", args=[page.pk]), {"helpful": helpful, "comment": comment}
    )


def test_a_vote_is_recorded_and_the_user_goes_back_to_the_faq(staff_client, staff_user, vpn_faq):
    response = vote(staff_client, vpn_faq, "yes", "助かりました")
    assert response["Location"] == vpn_faq.url + "#feedback"
    feedback = FaqFeedback.objects.get()
    assert (feedback.user, feedback.helpful, feedback.comment) == (staff_user, True, "助かりました")


def test_voting_again_changes_the_vote_instead_of_adding_one(staff_client, vpn_faq):
    vote(staff_client, vpn_faq, "yes")
    vote(staff_client, vpn_faq, "no", "手順が古い")
    assert FaqFeedback.objects.count() == 1
    assert FaqFeedback.objects.get().helpful is False


def test_the_page_shows_the_users_current_answer(staff_client, vpn_faq):
    vote(staff_client, vpn_faq, "no")
    body = staff_client.get(vpn_faq.url).content.decode()
    assert "あなたの回答：いいえ" in body


def test_a_vote_without_yes_or_no_is_explained(staff_client, vpn_faq):
    response = vote(staff_client, vpn_faq, "maybe")
    assert not FaqFeedback.objects.exists()
    body = staff_client.get(response["Location"]).content.decode()
    assert "選択してください" in body or "正しく選択" in body


def test_hostile_comments_are_shown_as_text(staff_client, vpn_faq):
    vote(staff_client, vpn_faq, "no", "<script>alert(1)</script>")
    body = staff_client.get(vpn_faq.url).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_feedback_needs_a_post(staff_client, vpn_faq):
    response = staff_client.get(reverse("faq:feedback", args=[vpn_faq.pk]))
    assert response.status_code == 405
