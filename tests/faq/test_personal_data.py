"""An FAQ marked 公開可 leaves the office: the personal-data guard stands before its publishing."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.rich_text import RichText

from faq.csv_import import import_rows, read_rows
from faq.models import FaqIndexPage, FaqPage, OpenQuestion
from intranet import roles
from intranet.privacy.findings import Finding
from intranet.privacy.models import PrivacyOverride
from intranet.privacy.pages import PersonalDataFound
from tests.factories import faq_edit_form, public_faq_draft, staff_member

pytestmark = pytest.mark.django_db

RESIDENT_PHONE = "090-1234-5678"
ANSWER = f"相談者（電話 {RESIDENT_PHONE}）から連絡がありました。折り返してください。"


@pytest.fixture
def draft(vpn_faq):
    """A new FAQ, not yet published, meant for 公開可, with a resident's phone number."""
    parent = FaqIndexPage.objects.get(slug="network")
    return public_faq_draft(parent, "折り返し電話の依頼を受けたとき", ANSWER)


@pytest.fixture
def lead(client):
    user = staff_member(roles=[roles.IT_DESK_LEAD])
    roles.sync_roles()
    client.force_login(user)
    return user


def test_publishing_a_public_faq_with_a_residents_phone_number_is_refused(draft):
    with pytest.raises(PersonalDataFound) as refused:
        draft.get_latest_revision().publish()
    assert [(f.kind, f.text) for f in refused.value.findings] == [("phone", RESIDENT_PHONE)]
    draft.refresh_from_db()
    assert not draft.live


def test_the_same_text_for_staff_only_is_published(draft):
    draft.audience = FaqPage.Audience.STAFF_ONLY
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert draft.live


def test_an_override_with_a_reason_lets_it_be_published_and_a_new_number_is_checked_again(
    draft, lead
):
    from intranet.privacy import scan
    from intranet.privacy.overrides import override

    override(draft, scan(draft.privacy_text()), "市の代表番号です", lead)
    draft.get_latest_revision().publish()
    draft.refresh_from_db()
    assert draft.live

    draft.answer = [("paragraph", RichText(f"<p>{ANSWER} 別の方は 080-9876-5432 です。</p>"))]
    with pytest.raises(PersonalDataFound) as refused:
        draft.save_revision().publish()
    assert [f.text for f in refused.value.findings] == ["080-9876-5432"]


def test_the_editor_refuses_publish_and_submit_but_saves_the_draft(client, draft, lead):
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    saved = client.post(edit, faq_edit_form(draft, "action-save", [ANSWER], audience="public"))
    assert saved.status_code == 302
    for action in ("action-publish", "action-submit"):
        response = client.post(edit, faq_edit_form(draft, action, [ANSWER], audience="public"))
        assert response.status_code == 200, action
        assert RESIDENT_PHONE in response.content.decode()
        assert "個人情報" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live and draft.current_workflow_state is None

    removed = "相談者から連絡がありました。折り返してください。"
    published = client.post(edit, faq_edit_form(draft, "action-publish", [removed], "public"))
    assert published.status_code == 302
    draft.refresh_from_db()
    assert draft.live


def test_a_number_saved_while_in_moderation_is_refused_before_the_dashboard_approves(
    client, draft, lead
):
    """Approval publishes the latest version; a draft saved during moderation is checked."""
    clean = "相談者から連絡がありました。折り返してください。"
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    submitted = client.post(edit, faq_edit_form(draft, "action-submit", [clean], "public"))
    assert submitted.status_code == 302
    draft.refresh_from_db()
    assert draft.workflow_in_progress
    refused = client.post(edit, faq_edit_form(draft, "action-save", [ANSWER], "public"))
    assert refused.status_code == 200 and RESIDENT_PHONE in refused.content.decode()
    assert RESIDENT_PHONE not in draft.get_latest_revision_as_object().privacy_text()


def test_a_phone_number_typed_as_a_tag_is_caught_too(client, vpn_faq, lead):
    edit = reverse("wagtailadmin_pages:edit", args=[vpn_faq.pk])
    data = faq_edit_form(vpn_faq, "action-publish", ["再起動してください。"], audience="public")
    data["tags"] = RESIDENT_PHONE
    refused = client.post(edit, data)
    assert refused.status_code == 200 and RESIDENT_PHONE in refused.content.decode()
    vpn_faq.refresh_from_db()
    assert vpn_faq.audience == "staff"  # still the published version


def test_the_editor_shows_the_findings_highlighted_with_a_way_to_override(client, draft, lead):
    body = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert f">{RESIDENT_PHONE}</mark>" in body
    assert reverse("intranet_privacy_override", args=[draft.pk]) in body


def test_the_override_screen_needs_a_reason_and_records_who(client, draft, lead):
    url = reverse("intranet_privacy_override", args=[draft.pk])
    page = client.get(url).content.decode()
    assert RESIDENT_PHONE in page
    key = f"phone:{ANSWER.index(RESIDENT_PHONE) + len(draft.title) + 1}"
    missing = client.post(url, {"findings": [key], "reason": "  "})
    assert missing.status_code == 200 and not PrivacyOverride.objects.exists()
    assert "理由" in missing.content.decode()

    done = client.post(url, {"findings": [key], "reason": "庁舎の代表番号"})
    assert done.status_code == 302
    record = PrivacyOverride.objects.get()
    assert (record.kind, record.text, record.overridden_by, record.reason) == (
        "phone",
        RESIDENT_PHONE,
        lead,
        "庁舎の代表番号",
    )
    draft.get_latest_revision().publish()


def test_only_an_editor_of_the_page_may_override(client, draft):
    client.force_login(staff_member(roles=[roles.SECTION_HEAD]))
    url = reverse("intranet_privacy_override", args=[draft.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"findings": ["phone:0"], "reason": "x"}).status_code in (302, 403)
    assert not PrivacyOverride.objects.exists()


def test_system_administrators_see_every_override_and_the_it_desk_does_not(
    client, draft, lead, vpn_faq
):
    from intranet.privacy import scan
    from intranet.privacy.overrides import override

    lead.last_name, lead.first_name = "山崎", "裕子"
    lead.save()

    override(draft, scan(draft.privacy_text()), "庁舎の代表番号", lead)
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    assert client.get(reverse("privacy_overrides:index")).status_code in (302, 403)
    client.force_login(staff_member(roles=[roles.SYSTEM_ADMIN]))
    body = client.get(reverse("privacy_overrides:index")).content.decode()
    with CaptureQueriesContext(connection) as one_override:
        client.get(reverse("privacy_overrides:index"))
    another = staff_member(roles=[roles.IT_DESK_LEAD])
    override(vpn_faq, [Finding(0, 3, "phone", "0721-53-1111")], "市の代表番号", another)
    with CaptureQueriesContext(connection) as two_overrides:
        client.get(reverse("privacy_overrides:index"))
    assert len(two_overrides) == len(one_override)  # no query per row
    assert RESIDENT_PHONE in body and "庁舎の代表番号" in body and draft.title in body
    assert "山崎 裕子" in body  # who decided, as staff write names (姓 名)
    written_here = ["add_privacyoverride", "change_privacyoverride", "delete_privacyoverride"]
    assert not Permission.objects.filter(
        group__name=roles.SYSTEM_ADMIN, codename__in=written_here
    ).exists()


def test_a_public_csv_import_keeps_a_row_with_personal_data_inside(vpn_faq):
    data = (
        "question,answer\n"
        "プリンターの場所,2階の複合機です。\n"
        f"折り返しの依頼,相談者の電話は {RESIDENT_PHONE} です。\n"
    ).encode()
    report = read_rows(data, "question", "answer")
    import_rows(report, FaqIndexPage.objects.get(slug="network"), audience="public")
    audiences = dict(FaqPage.objects.values_list("title", "audience"))
    assert audiences["プリンターの場所"] == "public"
    assert audiences["折り返しの依頼"] == "staff"
    assert any(RESIDENT_PHONE in str(warning.message) for warning in report.warnings)


def test_the_question_box_warns_before_sending_personal_data(client, vpn_faq):
    client.force_login(staff_member())
    url = reverse("questions:ask")
    question = {"question": "住民から問い合わせ", "details": f"折り返し先は {RESIDENT_PHONE} です"}
    warned = client.post(url, question)
    assert warned.status_code == 200 and not OpenQuestion.objects.exists()
    assert f"「{RESIDENT_PHONE}」" in warned.content.decode()
    sent = client.post(url, {**question, "confirmed": "1"})
    assert sent.status_code == 302 and OpenQuestion.objects.get().details.endswith("です")
