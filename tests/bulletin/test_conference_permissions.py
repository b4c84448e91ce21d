"""A board for some departments is invisible to everyone else, in every channel."""

import pytest
from django.urls import reverse

from bulletin.models import Post, Reaction, Thread
from intranet.models import Department, Notification
from tests.factories import DepartmentFactory, staff_member

from .boards import board_url, make_board, make_thread, post_url, reply_url, thread_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def dx_department():
    bu = DepartmentFactory(name="総務部", kind=Department.Kind.BU)
    return DepartmentFactory(name="情報政策課", parent=bu)


@pytest.fixture
def dx_board(dx_department):
    return make_board(slug="dx", name="庁内DX推進", departments=[dx_department.parent])


@pytest.fixture
def member(dx_department):
    return staff_member(department=dx_department, full_name="情報 太郎")


@pytest.fixture
def secret_thread(dx_board, member):
    return make_thread(dx_board, member, title="極秘の検討")


@pytest.fixture
def outsider_client(client):
    client.force_login(staff_member())
    return client


def test_a_member_of_a_section_below_the_department_sees_the_board(client, member, dx_board):
    client.force_login(member)
    assert "庁内DX推進" in client.get(reverse("bulletin:boards")).content.decode()


def test_the_board_list_leaves_out_a_board_for_other_departments(outsider_client, dx_board):
    assert "庁内DX推進" not in outsider_client.get(reverse("bulletin:boards")).content.decode()


def test_the_board_page_is_not_found_for_an_outsider(outsider_client, dx_board):
    assert outsider_client.get(board_url(dx_board)).status_code == 404


def test_the_archive_is_not_found_for_an_outsider(outsider_client, dx_board):
    url = reverse("bulletin:board_archive", args=[dx_board.slug])
    assert outsider_client.get(url).status_code == 404


def test_the_thread_page_is_not_found_for_an_outsider(outsider_client, secret_thread):
    assert outsider_client.get(thread_url(secret_thread)).status_code == 404


def test_a_thread_is_not_found_under_another_boards_address(outsider_client, secret_thread):
    open_board = make_board(slug="open")
    url = reverse("bulletin:thread", args=[open_board.slug, secret_thread.pk])
    assert outsider_client.get(url).status_code == 404


def test_an_outsider_cannot_start_a_thread(outsider_client, dx_board):
    url = reverse("bulletin:new_thread", args=[dx_board.slug])
    response = outsider_client.post(url, {"title": "侵入", "body": "本文"})
    assert response.status_code == 404
    assert not Thread.objects.filter(title="侵入").exists()


def test_an_outsider_cannot_reply(outsider_client, secret_thread):
    response = outsider_client.post(reply_url(secret_thread), {"body": "返信"})
    assert response.status_code == 404
    assert secret_thread.posts.count() == 1


def test_an_outsider_cannot_react(outsider_client, secret_thread):
    response = outsider_client.post(post_url("react", secret_thread.posts.get()))
    assert response.status_code == 404
    assert not Reaction.objects.exists()


def test_an_outsider_cannot_open_the_hide_form(outsider_client, secret_thread):
    assert outsider_client.get(post_url("hide_post", secret_thread.posts.get())).status_code == 404


def test_an_outsider_cannot_open_the_edit_form(outsider_client, secret_thread):
    assert outsider_client.get(post_url("edit_post", secret_thread.posts.get())).status_code == 404


def test_a_reply_cannot_quote_a_post_from_a_board_one_cannot_see(outsider_client, secret_thread):
    thread = make_thread(make_board(slug="open"), staff_member())
    secret = secret_thread.posts.get()
    outsider_client.post(reply_url(thread), {"body": "引用", "quotes": secret.pk})
    assert not Post.objects.filter(quotes=secret).exists()


def test_the_reply_page_does_not_show_a_post_from_another_board(outsider_client, secret_thread):
    thread = make_thread(make_board(slug="open"), staff_member())
    response = outsider_client.get(reply_url(thread), {"quote": secret_thread.posts.get().pk})
    assert "投稿1です。" not in response.content.decode()


def test_a_starter_who_left_the_departments_is_not_notified(client, secret_thread, member):
    member.staff_profile.department = DepartmentFactory()
    member.staff_profile.save()
    colleague = staff_member(department=secret_thread.board.departments.get())
    client.force_login(colleague)
    client.post(reply_url(secret_thread), {"body": "返信します。"})
    assert not Notification.objects.filter(recipient=member).exists()


def test_a_moderator_outside_the_departments_sees_the_board(client, dx_board):
    moderator = staff_member()
    dx_board.moderators.add(moderator)
    client.force_login(moderator)
    assert client.get(board_url(dx_board)).status_code == 200


def test_only_a_moderator_may_hide_a_post(client, secret_thread, dx_department):
    client.force_login(staff_member(department=dx_department))
    response = client.post(post_url("hide_post", secret_thread.posts.get()), {"reason": "不適切"})
    assert response.status_code == 403
    assert not Post.objects.filter(hidden_at__isnull=False).exists()


def test_only_the_author_may_edit_a_post(client, secret_thread, dx_department):
    client.force_login(staff_member(department=dx_department))
    response = client.post(post_url("edit_post", secret_thread.posts.get()), {"body": "改ざん"})
    assert response.status_code == 403
    assert secret_thread.posts.get().body == "投稿1です。"
