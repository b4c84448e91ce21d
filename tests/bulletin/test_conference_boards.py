"""The board list and a board's page say what the board is for, who takes part and how."""

import pytest
from django.urls import reverse

from bulletin.models import Board
from intranet.models import Department
from tests.factories import DepartmentFactory, staff_member

from .boards import board_url, make_board

pytestmark = pytest.mark.django_db


def test_the_board_list_shows_each_boards_purpose(staff_client):
    make_board()
    response = staff_client.get(reverse("bulletin:boards"))
    assert "日々の仕事を良くするアイデアを出し合う場です。" in response.content.decode()


def test_the_board_list_says_when_no_board_is_open(staff_client):
    response = staff_client.get(reverse("bulletin:boards"))
    assert "参加できる電子会議室はまだありません。" in response.content.decode()


def test_the_board_page_names_its_member_departments(client):
    department = DepartmentFactory(name="財務部", kind=Department.Kind.BU)
    board = make_board(departments=[department])
    client.force_login(staff_member(department=DepartmentFactory(parent=department)))
    assert "<dd>財務部</dd>" in client.get(board_url(board)).content.decode()


def test_the_board_page_names_its_moderators(staff_client):
    board = make_board(moderators=[staff_member(full_name="司会 進")])
    assert "司会 進" in staff_client.get(board_url(board)).content.decode()


def test_the_board_page_says_whether_moderators_can_see_anonymous_posters(staff_client):
    board = make_board(anonymity=Board.Anonymity.TRACEABLE)
    body = staff_client.get(board_url(board)).content.decode()
    assert "匿名投稿可（モデレーターには投稿者が分かる）" in body


def test_the_board_page_states_the_edit_window(staff_client):
    board = make_board(edit_window_minutes=45)
    body = staff_client.get(board_url(board)).content.decode()
    assert "投稿後45分間は自分の投稿を編集できます。" in body
