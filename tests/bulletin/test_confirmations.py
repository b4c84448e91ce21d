"""「確認しました」, who has confirmed, the CSV, the dashboard panel and the 緊急 banner."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletin import services
from bulletin.models import NoticeRead
from tests.factories import notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def must_confirm(office):
    return notice("個人情報保護研修の受講について", sender=office.jinji, requires_confirmation=True)


def test_confirming_without_javascript_redirects_back_with_a_message(client, office, must_confirm):
    client.force_login(office.citizen)
    response = client.post(reverse("bulletin:confirm", args=[must_confirm.pk]), follow=True)
    assert "このお知らせを確認しました。" in response.content.decode()
    assert NoticeRead.objects.get(user=office.citizen).confirmed_at is not None


def test_confirming_from_the_pages_script_answers_in_json(client, office, must_confirm):
    client.force_login(office.citizen)
    response = client.post(
        reverse("bulletin:confirm", args=[must_confirm.pk]), HTTP_ACCEPT="application/json"
    )
    assert response.json()["message"].startswith("確認済み（")


def test_the_first_confirmation_stands(client, office, must_confirm):
    first = services.confirm(must_confirm, office.citizen)
    assert services.confirm(must_confirm, office.citizen) == first


def test_a_notice_one_cannot_see_cannot_be_confirmed(client, office):
    hidden = notice("内示", audience=[office.jinji], requires_confirmation=True)
    client.force_login(office.citizen)
    assert client.post(reverse("bulletin:confirm", args=[hidden.pk])).status_code == 404
    assert not NoticeRead.objects.exists()


def test_a_notice_that_asks_no_confirmation_cannot_be_confirmed(client, office):
    plain = notice()
    client.force_login(office.citizen)
    assert client.post(reverse("bulletin:confirm", args=[plain.pk])).status_code == 404


def test_confirming_is_a_post(client, office, must_confirm):
    client.force_login(office.citizen)
    assert client.get(reverse("bulletin:confirm", args=[must_confirm.pk])).status_code == 405


def test_the_summary_counts_by_department(office, must_confirm):
    services.confirm(must_confirm, office.citizen)
    services.mark_read(must_confirm, office.hr)
    rows = {row.department.name: row for row in services.confirmation_summary(must_confirm)}
    assert (rows["市民課"].staff, rows["市民課"].confirmed, rows["市民課"].unread) == (1, 1, 0)
    assert (rows["人事課"].staff, rows["人事課"].read_not_confirmed, rows["人事課"].unread) == (
        2,
        1,
        1,
    )


def test_the_staff_list_puts_those_who_have_not_confirmed_first(office, must_confirm):
    services.confirm(must_confirm, office.citizen)
    services.mark_read(must_confirm, office.hr)
    names = [profile.full_name for profile in services.staff_by_status(must_confirm)]
    assert names[-1] == "市民 一郎"
    assert names.index("人事 花子") < names.index("人事 太郎")


def test_the_summary_counts_only_the_audience(office):
    sent = notice(audience=[office.jinji], requires_confirmation=True)
    services.confirm(sent, office.citizen)  # not in the audience: not counted
    assert [row.department.name for row in services.confirmation_summary(sent)] == ["人事課"]
    assert sum(row.confirmed for row in services.confirmation_summary(sent)) == 0


def test_the_sending_section_sees_the_confirmations(client, office, must_confirm):
    client.force_login(office.hr_colleague)
    response = client.get(reverse("bulletin:confirmations", args=[must_confirm.pk]))
    assert "宛先5名：確認済み0名" in response.content.decode()


def test_the_administration_office_sees_every_notices_confirmations(client, office, must_confirm):
    client.force_login(office.office)
    assert client.get(reverse("bulletin:confirmations", args=[must_confirm.pk])).status_code == 200


def test_other_staff_do_not_see_the_confirmations_or_their_csv(client, office, must_confirm):
    client.force_login(office.citizen)
    assert client.get(reverse("bulletin:confirmations", args=[must_confirm.pk])).status_code == 403
    response = client.get(reverse("bulletin:confirmations_csv", args=[must_confirm.pk]))
    assert response.status_code == 403 and "人事 花子" not in response.content.decode()


def test_the_csv_opens_in_excel_with_who_has_not_confirmed_first(client, office, must_confirm):
    services.confirm(must_confirm, office.citizen)
    client.force_login(office.hr)
    response = client.get(reverse("bulletin:confirmations_csv", args=[must_confirm.pk]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["所属", "氏名", "職員番号", "状態", "既読日時", "確認日時"]
    assert rows[1][3] == "未読" and rows[1][4:] == ["", ""]
    assert rows[-1][:4] == ["市民生活部 市民課", "市民 一郎", rows[-1][2], "確認済み"]


def test_other_staff_may_not_send_reminders(client, office, must_confirm):
    client.force_login(office.citizen)
    assert client.post(reverse("bulletin:remind", args=[must_confirm.pk])).status_code == 403


def test_a_reminder_skips_those_who_have_confirmed(office, must_confirm):
    services.confirm(must_confirm, office.citizen)
    assert office.citizen not in services.unconfirmed_users(must_confirm)
    assert services.remind_unconfirmed(must_confirm) == 4


# The home page and every page.


def panel_titles(client, user):
    client.force_login(user)
    body = client.get("/").content.decode()
    return body.split('data-panel="bulletin.unconfirmed"', 1)[1].split("</section>", 1)[0]


def test_the_panel_lists_what_i_must_confirm_until_i_do(client, office, must_confirm):
    assert must_confirm.title in panel_titles(client, office.citizen)
    services.confirm(must_confirm, office.citizen)
    assert must_confirm.title not in panel_titles(client, office.citizen)


def test_the_panel_lists_an_important_notice_until_it_is_read(client, office):
    important = notice("庁舎の耐震工事", importance=1)
    assert important.title in panel_titles(client, office.citizen)
    services.mark_read(important, office.citizen)
    assert important.title not in panel_titles(client, office.citizen)


def test_the_panel_leaves_out_ordinary_notices(client, office):
    notice("食堂のメニュー")
    assert "食堂のメニュー" not in panel_titles(client, office.citizen)


def banner(client, user, path="/directory/"):
    client.force_login(user)
    body = client.get(path).content.decode()
    return (
        body.split('class="site-banners"', 1)[1].split("</div>", 1)[0]
        if ('class="site-banners"' in body)
        else ""
    )


def test_an_urgent_notice_is_a_banner_on_every_page_until_read(client, office):
    urgent = notice("庁内ネットワーク障害", importance=0)
    assert urgent.title in banner(client, office.citizen)
    assert urgent.title in banner(client, office.citizen, reverse("bulletin:archive"))
    client.get(urgent.get_absolute_url())
    assert banner(client, office.citizen) == ""


def test_an_urgent_notice_for_another_department_is_no_banner(client, office):
    notice("人事課の緊急連絡", importance=0, audience=[office.jinji])
    assert banner(client, office.citizen) == ""


def test_an_urgent_notice_past_its_period_is_no_banner(client, office):
    notice(
        "昨日の障害",
        importance=0,
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=1),
    )
    assert banner(client, office.citizen) == ""
