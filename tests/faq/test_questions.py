"""質問箱: staff ask, see matching FAQs first, the IT desk answers, the asker is notified."""

import pytest
from django.db import transaction
from django.urls import reverse
from wagtail.rich_text import RichText

from faq.admin_views import draft_faq_for
from faq.bulk import add_live_page
from faq.models import FaqIndexPage, FaqPage, OpenQuestion
from intranet import roles
from intranet.models import Notification
from intranet.site import ensure_home_page
from search.backends import reset_backends
from tests.factories import faq_edit_form, staff_member

pytestmark = pytest.mark.django_db


def test_matching_faqs_are_shown_before_the_question_is_sent(staff_client, vpn_faq):
    response = staff_client.post(
        reverse("questions:ask"), {"question": "自宅からVPNに接続できません"}
    )
    assert response.status_code == 200
    assert "既に答えているかもしれない" in response.content.decode()
    assert vpn_faq.title in response.content.decode()
    assert not OpenQuestion.objects.exists()


def test_the_question_is_sent_when_confirmed(staff_client, staff_user, vpn_faq):
    response = staff_client.post(
        reverse("questions:ask"),
        {"question": "自宅からVPNに接続できません", "details": "エラー 809", "confirmed": "1"},
    )
    question = OpenQuestion.objects.get()
    assert response.url == reverse("questions:detail", args=[question.pk])
    assert (question.asker, question.details, question.status) == (staff_user, "エラー 809", "open")


def test_a_question_without_matching_faqs_is_sent_at_once(staff_client, vpn_faq):
    staff_client.post(reverse("questions:ask"), {"question": "庁舎の駐輪場はどこですか"})
    assert OpenQuestion.objects.get().question == "庁舎の駐輪場はどこですか"


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "質問を書いてください"), ("　 \u3000", "質問を書いてください"), ("あ" * 201, "200文字")],
)
def test_a_bad_question_is_explained_and_nothing_is_saved(staff_client, question, message):
    response = staff_client.post(reverse("questions:ask"), {"question": question, "confirmed": "1"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OpenQuestion.objects.exists()


def test_the_search_page_query_prefills_the_question(staff_client):
    response = staff_client.get(reverse("questions:ask"), {"q": "印刷できない"})
    assert 'value="印刷できない"' in response.content.decode()


def test_staff_see_only_their_own_questions(client, staff_user):
    mine = OpenQuestion.objects.create(asker=staff_user, question="自分の質問")
    theirs = OpenQuestion.objects.create(asker=staff_member(), question="他人の質問")
    client.force_login(staff_user)
    listing = client.get(reverse("questions:list")).content.decode()
    assert mine.question in listing and theirs.question not in listing
    assert client.get(reverse("questions:detail", args=[theirs.pk])).status_code == 403
    it_desk = staff_member(roles=[roles.IT_DESK])
    client.force_login(it_desk)
    assert client.get(reverse("questions:detail", args=[theirs.pk])).status_code == 200


def test_a_reply_from_the_it_desk_answers_and_notifies_the_asker(client, staff_user):
    question = OpenQuestion.objects.create(asker=staff_user, question="プリンタが止まる")
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    form_page = client.get(reverse("faq_questions:edit", args=[question.pk])).content.decode()
    assert "プリンタが止まる" in form_page and form_page.count("FAQにする") == 1
    response = client.post(
        reverse("faq_questions:edit", args=[question.pk]),
        {"reply": "トナーを交換してください。", "status": "open"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == OpenQuestion.Status.ANSWERED
    assert question.answered_at is not None
    notification = Notification.objects.get(recipient=staff_user)
    assert "プリンタが止まる" in notification.message
    assert notification.url == reverse("questions:detail", args=[question.pk])


def test_closing_a_question_without_a_reply_tells_the_asker(client, staff_user):
    question = OpenQuestion.objects.create(asker=staff_user, question="重複した質問")
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    client.post(
        reverse("faq_questions:edit", args=[question.pk]), {"reply": "", "status": "closed"}
    )
    question.refresh_from_db()
    assert question.status == OpenQuestion.Status.CLOSED
    assert "終了しました" in Notification.objects.get(recipient=staff_user).message


def test_general_staff_cannot_open_the_it_desks_question_box(staff_client, staff_user):
    question = OpenQuestion.objects.create(asker=staff_user, question="質問")
    assert staff_client.get(reverse("faq_questions:index")).status_code in (302, 403)
    staff_client.post(reverse("faq_questions:edit", args=[question.pk]), {"reply": "勝手な回答"})
    question.refresh_from_db()
    assert question.reply == ""
    assert staff_client.post(reverse("faq_questions:convert", args=[question.pk])).status_code in (
        302,
        403,
    )


def test_turning_a_question_into_an_faq_makes_a_draft_and_publishing_notifies(
    client, staff_user, vpn_faq
):
    question = OpenQuestion.objects.create(
        asker=staff_user, question="Teamsで画面共有できない", details="共有ボタンが灰色です"
    )
    category = FaqIndexPage.objects.get(slug="network")
    writer = staff_member(roles=[roles.IT_DESK])
    client.force_login(writer)
    response = client.post(
        reverse("faq_questions:convert", args=[question.pk]), {"category": category.pk}
    )
    question.refresh_from_db()
    draft = FaqPage.objects.get(pk=question.faq_page_id)
    assert response.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert (draft.title, draft.live, draft.get_parent().pk) == (
        question.question,
        False,
        category.pk,
    )
    assert draft.answer_text() == ""  # the asker's words are not the answer
    assert question.status == OpenQuestion.Status.OPEN
    assert not Notification.objects.filter(recipient=staff_user).exists()

    draft.answer = [("paragraph", RichText("<p>共有の権限を確認してください。</p>"))]
    draft.save_revision(user=writer).publish()
    question.refresh_from_db()
    assert question.status == OpenQuestion.Status.ANSWERED
    assert Notification.objects.filter(recipient=staff_user).count() == 1
    detail = client.get(reverse("questions:detail", args=[question.pk])).content.decode()
    assert draft.url in detail


def test_a_second_question_with_the_same_text_gets_its_own_draft(staff_user, vpn_faq):
    category = FaqIndexPage.objects.get(slug="network")
    writer = staff_member(roles=[roles.IT_DESK])
    first = OpenQuestion.objects.create(asker=staff_user, question="同じ質問")
    second = OpenQuestion.objects.create(asker=staff_user, question="同じ質問")
    assert (
        draft_faq_for(first, category, writer).slug != draft_faq_for(second, category, writer).slug
    )


def test_the_convert_form_refuses_an_unknown_category(client, staff_user):
    question = OpenQuestion.objects.create(asker=staff_user, question="質問")
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    response = client.post(
        reverse("faq_questions:convert", args=[question.pk]), {"category": "999999"}
    )
    assert response.status_code == 200
    assert "一覧から分類を選んでください" in response.content.decode()
    assert not FaqPage.objects.exists()


@pytest.mark.parametrize(
    "question", ['"VPN" AND (接続 OR *', "<script>alert(1)</script>", "😀\x07 NEAR/3 ^"]
)
def test_odd_or_hostile_questions_are_stored_as_text_and_shown_escaped(
    staff_client, vpn_faq, question
):
    response = staff_client.post(reverse("questions:ask"), {"question": question, "confirmed": "1"})
    assert response.status_code == 302
    stored = OpenQuestion.objects.get()
    page = staff_client.get(response.url).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert stored.question.strip() and "\x07" not in stored.question


def test_the_it_desk_finds_questions_in_the_question_box(client, staff_user):
    OpenQuestion.objects.create(asker=staff_user, question="プリンタが止まる")
    OpenQuestion.objects.create(asker=staff_user, question="メールが届かない")
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    body = client.get(reverse("faq_questions:index"), {"q": "プリンタ"}).content.decode()
    assert "プリンタが止まる" in body and "メールが届かない" not in body
    waiting = client.get(reverse("faq_questions:index"), {"status": "open"}).content.decode()
    assert "プリンタが止まる" in waiting


def test_a_question_can_be_sent_while_the_search_server_is_down(staff_client, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    reset_backends()
    response = staff_client.post(reverse("questions:ask"), {"question": "VPNがつながらない"})
    reset_backends()
    assert response.status_code == 302
    assert OpenQuestion.objects.get().question == "VPNがつながらない"


@pytest.mark.django_db(transaction=True)
def test_publishing_an_faq_while_the_search_server_is_down_saves_it_and_logs(settings, caplog):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    reset_backends()
    try:
        with transaction.atomic():
            home = add_live_page(ensure_home_page(), FaqIndexPage(title="FAQ", slug="faq"))
    finally:
        reset_backends()
    assert FaqIndexPage.objects.get(pk=home.pk).live
    # The index change is a background task; its failure is logged, not raised.
    assert "path=search.tasks.sync_documents state=FAILED" in caplog.text


def test_a_draft_made_from_a_replied_question_starts_with_the_reply(staff_user, vpn_faq):
    question = OpenQuestion.objects.create(
        asker=staff_user,
        question="プリンターが遅い",
        details="朝だけ遅いです",
        reply="印刷キューを確認してください。\n再起動で直ります。",
    )
    draft = draft_faq_for(question, FaqIndexPage.objects.get(slug="network"), staff_user)
    assert draft.answer_text() == "印刷キューを確認してください。\n再起動で直ります。"
    assert "朝だけ遅い" not in draft.answer_text()


def test_an_faq_with_an_empty_answer_can_be_saved_but_not_submitted(client, staff_user, vpn_faq):
    question = OpenQuestion.objects.create(asker=staff_user, question="共有フォルダに入れない")
    writer = staff_member(roles=[roles.IT_DESK])
    draft = draft_faq_for(question, FaqIndexPage.objects.get(slug="network"), writer)
    client.force_login(writer)
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])

    saved = client.post(edit, faq_edit_form(draft, "action-save", []))
    assert saved.status_code == 302

    submitted = client.post(edit, faq_edit_form(draft, "action-submit", []))
    assert submitted.status_code == 200  # the form again, with its error
    draft.refresh_from_db()
    assert draft.current_workflow_state is None

    answered = ["アクセス権を申請します。"]
    submitted = client.post(edit, faq_edit_form(draft, "action-submit", answered))
    assert submitted.status_code == 302
    draft.refresh_from_db()
    assert draft.current_workflow_state is not None
