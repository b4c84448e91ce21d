"""The staff directory finds colleagues by kanji, either kana, department or extension."""

import pytest
from django.urls import reverse

from tests.factories import DepartmentFactory, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleagues():
    bu = DepartmentFactory(name="市民生活部", kind="bu")
    shimin = DepartmentFactory(name="市民課", parent=bu)
    doro = DepartmentFactory(name="道路課")
    staff_member(
        full_name="佐藤 花子", full_name_kana="さとう はなこ", department=shimin, extension="3001"
    )
    staff_member(
        full_name="鈴木 一郎", full_name_kana="スズキ イチロウ", department=doro, extension="5051"
    )
    return {"bu": bu, "shimin": shimin, "doro": doro}


def names_found(client, **params):
    response = client.get(reverse("directory:index"), params)
    assert response.status_code == 200
    return [person.full_name for person in response.context["page"].object_list]


def test_search_by_kanji_ignores_the_space_between_names(staff_client, colleagues):
    assert names_found(staff_client, q="佐藤花子") == ["佐藤 花子"]


def test_search_by_hiragana_finds_a_reading_stored_in_katakana(staff_client, colleagues):
    assert names_found(staff_client, q="すずき") == ["鈴木 一郎"]


def test_search_by_half_width_katakana(staff_client, colleagues):
    assert names_found(staff_client, q="ｻﾄｳ") == ["佐藤 花子"]


def test_filter_by_department_includes_sections_below(staff_client, colleagues):
    assert names_found(staff_client, department=colleagues["bu"].pk) == ["佐藤 花子"]


def test_search_by_extension_accepts_full_width_digits(staff_client, colleagues):
    assert names_found(staff_client, extension="５０５") == ["鈴木 一郎"]


def test_letters_in_the_extension_get_a_japanese_message(staff_client, colleagues):
    response = staff_client.get(reverse("directory:index"), {"extension": "abc"})
    assert response.status_code == 200
    assert "内線番号は数字で入力してください" in response.content.decode()
    assert list(response.context["page"].object_list) == []


def test_an_unknown_department_id_is_a_form_error_not_a_500(staff_client, colleagues):
    response = staff_client.get(reverse("directory:index"), {"department": "99999"})
    assert response.status_code == 200
    assert response.context["form"].errors["department"]


def test_a_page_number_out_of_range_shows_the_last_page(staff_client, colleagues):
    response = staff_client.get(reverse("directory:index"), {"page": "999"})
    assert response.status_code == 200


def test_readings_are_stored_in_hiragana(colleagues):
    from intranet.models import StaffProfile

    assert StaffProfile.objects.get(full_name="鈴木 一郎").full_name_kana == "すずき いちろう"
