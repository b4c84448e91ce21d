"""The notice editor shows the sender what they typed, and says why 「全職員」 is not offered."""

import pytest
from django.urls import reverse

from bulletin.forms import NoticeForm, body_to_html, typed_text
from intranet import roles
from tests.factories import notice, staff_member

pytestmark = pytest.mark.django_db

TYPED = (
    "本庁舎で停電があります。\n詳しくは https://example.jp/teiden をご覧ください。"
    "\n\n退庁してください。"
)


def test_a_typed_body_comes_back_as_it_was_typed():
    assert typed_text(body_to_html(TYPED)) == TYPED


def test_html_plain_text_cannot_express_is_shown_as_it_is():
    stored = "<ul><li>一つ目</li><li>二つ目</li></ul>"
    assert typed_text(stored) == stored
    bold = "<p>本日は<strong>停電</strong>です。</p>"
    assert typed_text(bold) == bold


def test_the_edit_form_shows_the_text_not_the_markup(client, office):
    sent = notice(sender=office.gyosei, body=body_to_html(TYPED))
    client.force_login(office.office)
    form = client.get(reverse("bulletin:edit", args=[sent.pk])).context["form"]
    assert form["body"].value() == TYPED


def test_saving_the_shown_text_keeps_the_stored_body(office):
    sent = notice(sender=office.gyosei, body=body_to_html(TYPED))
    form = NoticeForm(instance=sent, user=office.office)
    assert body_to_html(form["body"].value()) == sent.body


def test_a_section_head_is_told_why_all_staff_is_not_offered(office):
    head = staff_member(roles=[roles.SECTION_HEAD], department=office.shimin)
    field = NoticeForm(user=head).fields["audience"]
    assert "all" not in [value for value, _label in field.choices]
    assert "全職員へのお知らせは" in str(field.help_text) and "事務局" in str(field.help_text)


def test_whoever_may_send_to_all_staff_is_offered_it(office):
    field = NoticeForm(user=office.office).fields["audience"]
    assert "all" in [value for value, _label in field.choices] and not field.help_text
