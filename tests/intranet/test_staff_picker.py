"""The staff picker: its suggestions (JSON), its widget, and the plain search without JavaScript.

A city has thousands of staff: the widget renders only the people chosen, in
a fixed number of queries, whether the organisation has fifty staff or 5,000.
"""

import re

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intranet.kana import normalize_for_lookup
from intranet.models import StaffProfile
from intranet.staff_picker import RESULT_LIMIT, StaffPickerField
from reservations.models import Booking
from tests.factories import DepartmentFactory, at, booking, room, staff_member, working_day

FILLER_COUNT = 5_000
PICK = "/directory/staff/pick/"


class World:
    """総務部 (総務課 mine, 人事課) and 市民部 (市民課), a few 山田s, and 5,000 others."""

    def __init__(self):
        somu_bu = DepartmentFactory(name="総務部", kind="bu", sort_order=1)
        shimin_bu = DepartmentFactory(name="市民部", kind="bu", sort_order=2)
        # 市民課 sorts before 総務課: 「own section first」 must beat the organisation's order.
        self.shimin = DepartmentFactory(name="市民課", parent=shimin_bu, sort_order=0)
        self.somu = DepartmentFactory(name="総務課", parent=somu_bu, sort_order=5)
        self.jinji = DepartmentFactory(name="人事課", parent=somu_bu, sort_order=6)
        self.me = staff_member(
            full_name="鈴木 一郎", full_name_kana="すずき いちろう", department=self.somu
        )
        self.taro = staff_member(
            full_name="山田 太郎", full_name_kana="やまだ たろう", department=self.shimin
        )
        self.hanako = staff_member(
            full_name="山田 花子", full_name_kana="やまだ はなこ", department=self.somu
        )
        self.jiro = staff_member(
            full_name="山田 次郎", full_name_kana="やまだ じろう", department=self.jinji
        )
        self.sato = staff_member(
            full_name="佐藤 健", full_name_kana="さとう けん", department=self.jinji
        )
        self.gone = staff_member(
            full_name="山田 退職", full_name_kana="やまだ たいしょく", department=self.somu
        )
        self.gone.is_active = False
        self.gone.save()
        self.filler = self._filler()

    def _filler(self):
        """5,000 more staff in one section, made with two bulk inserts."""
        section = DepartmentFactory(name="窓口課", sort_order=9)
        users = get_user_model().objects.bulk_create(
            get_user_model()(username=f"filler{n}", password="!") for n in range(FILLER_COUNT)
        )
        if users[0].pk is None:  # a database that does not return ids
            users = list(get_user_model().objects.filter(username__startswith="filler"))
        StaffProfile.objects.bulk_create(
            StaffProfile(
                user=user,
                staff_number=f"F{n:05d}",
                full_name=f"窓口 職員{n}",
                full_name_kana="まどぐち しょくいん",
                department=section,
                lookup_text=" ".join(
                    [normalize_for_lookup(f"窓口 職員{n}"), normalize_for_lookup("まどぐち")]
                ),
            )
            for n, user in enumerate(users)
        )
        return users


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield World()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def me_client(client, world, db):
    client.force_login(world.me)
    return client


def names(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return [person["name"] for person in response.json()["results"]]


# The suggestions --------------------------------------------------------------


def test_a_name_in_kanji_finds_the_person(me_client):
    assert "山田 太郎" in names(me_client.get(PICK, {"q": "山田 太郎"}))


@pytest.mark.parametrize("typed", ["やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "やまだ たろう"])
def test_a_reading_in_either_kana_finds_the_person(me_client, typed):
    assert "山田 太郎" in names(me_client.get(PICK, {"q": typed}))


def test_a_department_finds_its_staff(me_client):
    found = names(me_client.get(PICK, {"q": "人事"}))
    assert sorted(found) == sorted(["山田 次郎", "佐藤 健"])


@pytest.mark.parametrize("typed", ["しみん", "シミン", "ｼﾐﾝ", "しみんか"])
def test_a_department_read_in_kana_finds_its_staff(me_client, typed):
    assert names(me_client.get(PICK, {"q": typed})) == ["山田 太郎"]


@pytest.mark.django_db
def test_a_department_keeps_its_reading_when_renamed():
    from intranet.models import Department

    section = Department.objects.create(code="X1", name="税務課")
    assert section.lookup_text == "税務課 ぜいむか"
    section.name = "市民税課"
    section.save(update_fields=["name"])
    section.refresh_from_db()
    assert section.lookup_text == "市民税課 しみんぜいか"


def test_a_department_above_finds_the_staff_of_its_sections(me_client):
    found = names(me_client.get(PICK, {"q": "市民部"}))
    assert found == ["山田 太郎"]


def test_my_own_section_comes_first_then_my_department(me_client):
    assert names(me_client.get(PICK, {"q": "やまだ"})) == ["山田 花子", "山田 次郎", "山田 太郎"]


def test_each_result_says_where_the_person_works(me_client, world):
    result = me_client.get(PICK, {"q": "山田 太郎"}).json()["results"][0]
    assert result == {
        "id": world.taro.pk,
        "name": "山田 太郎",
        "department": "市民課",
        "label": "山田 太郎（市民課）",
    }


def test_staff_who_have_left_are_not_offered(me_client):
    assert "山田 退職" not in names(me_client.get(PICK, {"q": "退職"}))


def test_i_am_not_offered_unless_the_form_asks_for_me(me_client):
    assert names(me_client.get(PICK, {"q": "鈴木"})) == []
    assert names(me_client.get(PICK, {"q": "鈴木", "self": "1"})) == ["鈴木 一郎"]


def test_at_most_twenty_people_come_back(me_client):
    assert len(names(me_client.get(PICK, {"q": "まどぐち"}))) == RESULT_LIMIT


def test_the_suggestions_take_the_same_queries_for_three_or_twenty_people(me_client):
    me_client.get(PICK, {"q": "やまだ"})  # the session and user, once
    with CaptureQueriesContext(transaction.get_connection()) as few:
        me_client.get(PICK, {"q": "やまだ"})
    with CaptureQueriesContext(transaction.get_connection()) as many:
        me_client.get(PICK, {"q": "まどぐち"})
    assert len(few) == len(many)


def test_the_suggestions_ask_for_a_login(client, world, db):
    response = client.get(PICK, {"q": "やまだ"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "%", "_", "'; DROP TABLE auth_user; --", "<script>alert(1)</script>", "山" * 5000],
)
def test_hostile_input_finds_nobody_and_never_fails(me_client, typed):
    assert names(me_client.get(PICK, {"q": typed})) == []


def test_a_nul_byte_is_dropped_not_an_error(me_client):
    assert "山田 太郎" in names(me_client.get(PICK, {"q": "山田\x00太郎"}))


# The widget -------------------------------------------------------------------


class PeopleForm(forms.Form):
    title = forms.CharField(label="件名")
    people = StaffPickerField(label="参加者", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["people"].for_user(user)


def ticked(html, name="people"):
    """The ids ticked or carried (checkbox or hidden) under ``name``."""
    pattern = rf'<input type="checkbox" name="{name}" value="(\d+)"( checked)?'
    return {int(value): bool(checked) for value, checked in re.findall(pattern, html)}


def test_the_submitted_value_is_the_list_of_people(world, db):
    form = PeopleForm({"title": "打合せ", "people": [world.taro.pk, world.sato.pk]})
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["people"]) == {world.taro, world.sato}


def test_someone_who_has_left_cannot_be_chosen(world, db):
    form = PeopleForm({"title": "打合せ", "people": [world.gone.pk]})
    assert not form.is_valid()
    assert form.errors["people"] == ["職員名簿から選んでください。"]


def test_the_widget_renders_only_the_people_chosen(world, db):
    form = PeopleForm({"title": "打合せ", "people": [world.taro.pk, world.hanako.pk]})
    html = str(form["people"])
    assert ticked(html) == {world.taro.pk: True, world.hanako.pk: True}
    assert "山田 太郎（市民課）" in html
    assert "<option" not in html
    assert "窓口 職員" not in html


def test_the_widget_renders_in_one_query_for_one_person_or_ten(
    world, db, django_assert_num_queries
):
    one = PeopleForm({"title": "打合せ", "people": [world.taro.pk]})
    ten = PeopleForm({"title": "打合せ", "people": [user.pk for user in world.filler[:10]]})
    assert one.is_valid() and ten.is_valid()  # a view checks the form before it renders it
    with django_assert_num_queries(1):
        str(one["people"])
    with django_assert_num_queries(1):
        html = str(ten["people"])
    assert len(ticked(html)) == 10


def test_an_empty_picker_renders_without_a_query(world, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = str(PeopleForm()["people"])
    assert ticked(html) == {}
    assert 'role="listbox"' in html


def test_the_label_names_the_search_box(world, db):
    html = PeopleForm().as_div()
    assert 'for="id_people"' in html
    assert re.search(r'<input type="search" name="people_q"[^>]* id="id_people"', html)


# The plain search, without JavaScript -----------------------------------------


def plain_search(query, chosen=(), user=None):
    data = {"title": "打合せ", "people": [person.pk for person in chosen]}
    data.update({"people_q": query, "people_search": "1"})
    return PeopleForm(data, user=user)


def test_the_search_button_sends_nothing_and_says_why(world, db):
    form = plain_search("やまだ", chosen=[world.sato])
    assert not form.is_valid()
    assert "「やまだ」" in form.errors["people"][0]


def test_the_search_lists_matches_to_tick_and_keeps_the_chosen_ticked(world, db):
    form = plain_search("やまだ", chosen=[world.sato], user=world.me)
    form.is_valid()
    html = str(form["people"])
    assert ticked(html) == {
        world.sato.pk: True,
        world.hanako.pk: False,
        world.jiro.pk: False,
        world.taro.pk: False,
    }
    assert list(ticked(html))[1:] == [world.hanako.pk, world.jiro.pk, world.taro.pk]
    assert 'value="やまだ"' in html


def test_the_search_renders_in_constant_queries(world, db, django_assert_num_queries):
    form = plain_search("まどぐち", chosen=[world.sato], user=world.me)
    form.is_valid()
    with django_assert_num_queries(2):  # the chosen, the matches
        html = str(form["people"])
    assert len(ticked(html)) == RESULT_LIMIT + 1


def test_the_search_says_when_nobody_matches(world, db):
    form = plain_search("存在しない人")
    form.is_valid()
    assert "見つかりません" in str(form["people"])


def test_enter_in_another_box_with_the_search_box_empty_sends_the_form(world, db):
    """Enter in a text box presses the form's first button, which may be the picker's."""
    form = plain_search("", chosen=[world.taro])
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["people"]) == [world.taro]


# Where people are chosen ------------------------------------------------------


def test_the_booking_form_searches_without_javascript_and_keeps_what_was_typed(me_client, world):
    resource = room("第1会議室", capacity=10)
    day = working_day(2)
    response = me_client.post(
        reverse("reservations:new"),
        {
            "resource": resource.pk,
            "date": day.isoformat(),
            "start_time": "10:00",
            "end_time": "11:00",
            "title": "庁内調整会議",
            "attendee_count": "3",
            "attendees": [world.sato.pk],
            "attendees_q": "市民課",
            "attendees_search": "1",
        },
    )
    assert response.status_code == 200
    assert not Booking.objects.exists()
    html = response.content.decode()
    assert 'value="庁内調整会議"' in html
    assert ticked(html, "attendees") == {world.sato.pk: True, world.taro.pk: False}


def test_the_booking_form_takes_participants_from_the_picker(me_client, world):
    resource = room("第1会議室", capacity=10)
    day = working_day(2)
    response = me_client.post(
        reverse("reservations:new"),
        {
            "resource": resource.pk,
            "date": day.isoformat(),
            "start_time": "10:00",
            "end_time": "11:00",
            "title": "庁内調整会議",
            "attendee_count": "3",
            "attendees": [world.sato.pk, world.taro.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert set(Booking.objects.get().attendees.all()) == {world.sato, world.taro}


def test_the_booking_form_lists_none_of_the_5000_staff(me_client, world):
    """Nobody is listed but the chosen: the page does not grow with the staff."""
    room("第1会議室", capacity=10)
    response = me_client.get(reverse("reservations:new"))
    html = response.content.decode()
    assert "窓口 職員" not in html
    assert ticked(html, "attendees") == {}


def test_find_time_chooses_colleagues_with_the_picker(me_client, world):
    response = me_client.get(
        reverse("reservations:find_time"),
        {"colleagues": [world.taro.pk], "date_from": "", "date_to": ""},
    )
    html = response.content.decode()
    assert ticked(html, "colleagues") == {world.taro.pk: True}
    assert "窓口 職員" not in html
    assert "Ctrl" not in html


def test_changing_a_booking_shows_its_participants_chosen_even_one_who_has_left(me_client, world):
    day = working_day(2)
    held = booking(
        room("第1会議室", capacity=10),
        at(day, "10:00"),
        at(day, "11:00"),
        user=world.me,
        attendees=[world.taro, world.gone],
    )
    html = me_client.get(reverse("reservations:edit", args=[held.pk])).content.decode()
    assert ticked(html, "attendees") == {world.taro.pk: True, world.gone.pk: True}
    assert "窓口 職員" not in html
