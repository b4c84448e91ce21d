"""An untraceable board keeps its promise: no record anywhere names who wrote an anonymous post.

「モデレーターを含め誰にも投稿者は分かりません」 holds for every table, log line and
mail, for the personal-data guard's overrides too; the post is made under the
setting the poster was shown; a board turned untraceable forgets its earlier
authors; and its times are kept to the minute.
"""

import logging
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import models
from django.urls import reverse
from django.utils import timezone

from bulletin.conference import services
from bulletin.models import Board, MailPreference, Post, Thread
from intranet import roles
from intranet.privacy.models import PrivacyOverride
from intranet.privacy.overrides import override
from intranet.privacy.scanner import scan
from tests.factories import staff_member

from .boards import make_board, make_thread, reply_url, thread_url

pytestmark = pytest.mark.django_db

PHONE = "090-1234-5678"
BODY = f"相談窓口は{PHONE}です。"
REASON = "庁内の相談窓口の公開番号です"
POSTER_NAME = "秘密 匿子"
POSTER_USERNAME = "tokumei-toukousha"


def untraceable_board(**fields):
    return make_board(slug="voice", anonymity=Board.Anonymity.UNTRACEABLE, **fields)


def traceable_board(**fields):
    return make_board(slug="voice", anonymity=Board.Anonymity.TRACEABLE, **fields)


def the_poster():
    poster = staff_member(full_name=POSTER_NAME)
    poster.username = POSTER_USERNAME
    poster.last_name, poster.first_name = POSTER_NAME.split()
    poster.email = "tokumei@example.jp"
    poster.save()
    return poster


def choices(response):
    return re.findall(r'name="not_personal_data" value="([^"]+)"', response.content.decode())


def post_with_override(client, url, data):
    """Post, then tick the guard's finding as not personal data, as the poster does."""
    first = client.post(url, data)
    return client.post(url, {**data, "not_personal_data": choices(first), "privacy_reason": REASON})


def anonymous_reply_with_override(client, thread):
    url = reply_url(thread)
    shown = client.get(url)
    assert shown.status_code == 200
    data = {"body": BODY, "anonymous": "on", "anonymity_shown": thread.board.anonymity}
    return post_with_override(client, url, data)


# Nothing records the poster.


def test_an_override_on_an_untraceable_post_records_no_reviewer(client):
    thread = make_thread(untraceable_board(), staff_member())
    client.force_login(the_poster())
    anonymous_reply_with_override(client, thread)
    override = PrivacyOverride.objects.get()
    assert override.object_id == str(thread.posts.latest("pk").pk)
    assert override.overridden_by is None


def test_the_system_administrator_does_not_see_the_poster_among_the_overrides(client):
    thread = make_thread(untraceable_board(), staff_member())
    client.force_login(the_poster())
    anonymous_reply_with_override(client, thread)
    client.force_login(staff_member(roles=[roles.SYSTEM_ADMIN]))
    body = client.get(reverse("privacy_overrides:index")).content.decode()
    assert PHONE in body
    assert POSTER_NAME not in body
    assert "".join(POSTER_NAME.split()) not in body


def test_an_override_on_a_traceable_post_still_names_the_reviewer(client):
    poster = the_poster()
    thread = make_thread(traceable_board(), staff_member())
    client.force_login(poster)
    anonymous_reply_with_override(client, thread)
    assert PrivacyOverride.objects.get().overridden_by == poster


def _user_fields(model):
    user_model = get_user_model()
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    ]


def _text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
    ]


def records_naming(user):
    """Every (model, row, field) in the database that holds the user's id, login, name or address.

    Foreign keys to the user, a generic relation to the user, and any text
    that contains their login, name (with or without the space) or e-mail.
    """
    words = {
        user.username,
        user.email,
        POSTER_NAME,
        "".join(POSTER_NAME.split()),
        user.get_full_name(),
    } - {""}
    user_type = ContentType.objects.get_for_model(user)
    found = set()
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        for field in _user_fields(model):
            for pk in model._default_manager.filter(**{field.attname: user.pk}).values_list(
                "pk", flat=True
            ):
                found.add((label, pk, field.name))
        names = {field.name for field in model._meta.concrete_fields}
        if {"content_type", "object_id"} <= names:
            for pk in model._default_manager.filter(
                content_type=user_type, object_id=str(user.pk)
            ).values_list("pk", flat=True):
                found.add((label, pk, "object_id"))
        for field in _text_fields(model):
            for word in words:
                lookup = {f"{field.name}__icontains": word}
                for pk in model._default_manager.filter(**lookup).values_list("pk", flat=True):
                    found.add((label, pk, field.name))
    return found


def test_no_record_log_or_mail_names_the_untraceable_poster(client, caplog):
    starter = staff_member()
    starter.email = "starter@example.jp"
    starter.save()
    MailPreference.objects.create(user=starter, thread_replies=True)
    thread = make_thread(untraceable_board(), starter)
    poster = the_poster()
    client.force_login(poster)
    before = records_naming(poster)
    caplog.set_level(logging.DEBUG)

    response = anonymous_reply_with_override(client, thread)

    assert response.status_code == 302
    assert Post.objects.filter(thread=thread, anonymous=True).exists()
    assert PrivacyOverride.objects.exists()
    assert records_naming(poster) - before == set()
    assert poster.username not in caplog.text
    assert POSTER_NAME not in caplog.text
    for message in mail.outbox:
        assert POSTER_NAME not in message.body
        assert poster.username not in message.body
        assert poster.email not in message.recipients()


# The post is made under the setting the poster was shown.


def test_a_reply_is_not_saved_when_the_board_became_traceable_while_the_form_was_open(client):
    board = untraceable_board()
    thread = make_thread(board, staff_member())
    client.force_login(the_poster())
    board.anonymity = Board.Anonymity.TRACEABLE
    board.save()
    data = {"body": "言いにくいことですが。", "anonymous": "on", "anonymity_shown": "untraceable"}
    response = client.post(reply_url(thread), data)
    assert response.status_code == 200
    assert thread.posts.count() == 1
    body = response.content.decode()
    assert "匿名投稿の設定が「" in body
    assert "投稿はまだ保存されていません" in body
    assert "言いにくいことですが。" in body  # the text typed stays


def test_the_form_that_comes_back_carries_the_new_setting(client):
    board = untraceable_board()
    thread = make_thread(board, staff_member())
    poster = the_poster()
    client.force_login(poster)
    board.anonymity = Board.Anonymity.TRACEABLE
    board.save()
    data = {"body": "言いにくいことですが。", "anonymous": "on", "anonymity_shown": "untraceable"}
    response = client.post(reply_url(thread), data)
    shown = re.search(r'name="anonymity_shown" value="([^"]+)"', response.content.decode())
    assert shown.group(1) == "traceable"
    client.post(reply_url(thread), {**data, "anonymity_shown": shown.group(1)})
    assert thread.posts.latest("pk").author == poster


def test_a_thread_is_not_started_when_the_board_changed_while_the_form_was_open(client):
    board = traceable_board()
    client.force_login(the_poster())
    board.anonymity = Board.Anonymity.NAMED
    board.save()
    data = {"title": "職場の困りごと", "body": "本文", "anonymous": "on"}
    response = client.post(
        reverse("bulletin:new_thread", args=[board.slug]), {**data, "anonymity_shown": "traceable"}
    )
    assert not Thread.objects.exists()
    assert "投稿はまだ保存されていません" in response.content.decode()


def test_the_forms_carry_the_setting_they_show(staff_client):
    board = untraceable_board()
    thread = make_thread(board, staff_member())
    for url in (reverse("bulletin:new_thread", args=[board.slug]), reply_url(thread)):
        body = staff_client.get(url).content.decode()
        assert 'name="anonymity_shown" value="untraceable"' in body


def test_the_service_refuses_a_post_under_a_setting_no_longer_in_force():
    board = traceable_board()
    thread = make_thread(board, staff_member())
    Board.objects.filter(pk=board.pk).update(anonymity=Board.Anonymity.UNTRACEABLE)
    with pytest.raises(services.AnonymityChanged):
        services.reply(thread, staff_member(), "本文", anonymous=True, shown_anonymity="traceable")
    assert thread.posts.count() == 1


# A board switched from traceable to untraceable forgets its earlier authors.

BOARD_FORM = {
    "name": "職場の声",
    "slug": "voice",
    "purpose": "声を寄せる場です。",
    "all_staff": "on",
    "edit_window_minutes": "30",
    "retention_months": "6",
    "sort_order": "0",
}


@pytest.fixture
def office_client(client):
    client.force_login(staff_member(roles=[roles.ADMIN_OFFICE]))
    return client


@pytest.fixture
def traced():
    """A traceable board with an anonymous post whose author and override reviewer are stored."""
    poster = the_poster()
    thread = make_thread(traceable_board(), staff_member())
    post = Post.objects.create(thread=thread, author=poster, anonymous=True, body=BODY)
    override(post, scan(BODY), REASON, poster)
    named = Post.objects.create(thread=thread, author=poster, anonymous=False, body="記名です。")
    return SimpleNamespace(board=thread.board, post=post, named=named, poster=poster)


def edit_board(client, board, **fields):
    return client.post(reverse("conference_boards:edit", args=[board.pk]), {**BOARD_FORM, **fields})


def test_the_edit_screen_warns_that_becoming_untraceable_erases_authors(office_client, traced):
    body = office_client.get(reverse("conference_boards:edit", args=[traced.board.pk]))
    assert "以前の匿名投稿について記録している投稿者を消去" in body.content.decode()


def test_becoming_untraceable_asks_for_confirmation_with_the_number_of_posts(office_client, traced):
    response = edit_board(office_client, traced.board, anonymity="untraceable")
    assert "投稿者が分かる匿名投稿が1件あります" in response.content.decode()
    traced.board.refresh_from_db()
    assert traced.board.anonymity == Board.Anonymity.TRACEABLE
    assert Post.objects.get(pk=traced.post.pk).author == traced.poster


def test_becoming_untraceable_erases_the_authors_of_earlier_anonymous_posts(office_client, traced):
    edit_board(office_client, traced.board, anonymity="untraceable", confirm_untraceable="on")
    traced.board.refresh_from_db()
    assert traced.board.anonymity == Board.Anonymity.UNTRACEABLE
    assert Post.objects.get(pk=traced.post.pk).author is None
    assert PrivacyOverride.objects.get().overridden_by is None
    assert Post.objects.get(pk=traced.named.pk).author == traced.poster  # named stays named


def test_becoming_untraceable_takes_back_the_reply_notices_that_name_a_starter(office_client):
    from intranet.models import Notification

    board = traceable_board()
    starter, replier = the_poster(), staff_member()
    anonymous, _post = services.start_thread(
        board, starter, "匿名の相談", "相談です。", anonymous=True
    )
    named, _post = services.start_thread(board, starter, "記名の相談", "相談です。")
    services.reply(anonymous, replier, "返信です。")
    services.reply(named, replier, "返信です。")
    assert Notification.objects.filter(recipient=starter).count() == 2
    edit_board(office_client, board, anonymity="untraceable", confirm_untraceable="on")
    [kept] = Notification.objects.filter(recipient=starter)
    assert kept.url.startswith(thread_url(named))


def test_becoming_untraceable_cuts_the_boards_times_to_the_minute(office_client, traced):
    edit_board(office_client, traced.board, anonymity="untraceable", confirm_untraceable="on")
    times = [*Post.objects.values_list("created_at", flat=True)]
    times += Thread.objects.values_list("created_at", flat=True)
    times += Thread.objects.values_list("last_posted_at", flat=True)
    times += PrivacyOverride.objects.values_list("created_at", flat=True)
    assert all((time.second, time.microsecond) == (0, 0) for time in times)


def test_becoming_traceable_again_applies_only_to_later_posts(client, office_client, traced):
    edit_board(office_client, traced.board, anonymity="untraceable", confirm_untraceable="on")
    edit_board(office_client, traced.board, anonymity="traceable")
    assert Post.objects.get(pk=traced.post.pk).author is None
    client.force_login(traced.poster)
    thread = traced.post.thread
    client.post(reply_url(thread), {"body": "後の投稿", "anonymous": "on"})
    assert thread.posts.latest("pk").author == traced.poster


# Times to the minute.


@pytest.fixture
def odd_moment(monkeypatch):
    """Posting happens at hh:mm:33.123456."""
    moment = timezone.now().replace(second=33, microsecond=123456) - timedelta(minutes=5)
    monkeypatch.setattr(services, "timezone", SimpleNamespace(now=lambda: moment))
    return moment


def test_an_untraceable_post_is_stored_to_the_minute(client, odd_moment):
    thread = make_thread(untraceable_board(), staff_member())
    client.force_login(the_poster())
    anonymous_reply_with_override(client, thread)
    post = thread.posts.latest("pk")
    assert post.created_at == odd_moment.replace(second=0, microsecond=0)
    assert PrivacyOverride.objects.get().created_at == post.created_at


def test_an_untraceable_thread_is_stored_to_the_minute(client, odd_moment):
    board = untraceable_board()
    client.force_login(the_poster())
    client.post(
        reverse("bulletin:new_thread", args=[board.slug]),
        {"title": "相談", "body": "本文", "anonymous": "on", "anonymity_shown": "untraceable"},
    )
    thread = Thread.objects.get()
    minute = odd_moment.replace(second=0, microsecond=0)
    assert (thread.created_at, thread.last_posted_at) == (minute, minute)
    assert thread.posts.get().created_at == minute


def test_an_untraceable_post_is_shown_to_the_minute(client, odd_moment):
    thread = make_thread(untraceable_board(), staff_member())
    client.force_login(the_poster())
    anonymous_reply_with_override(client, thread)
    body = client.get(thread_url(thread)).content.decode()
    post = thread.posts.latest("pk")
    shown = re.search(rf'id="post-{post.pk}".*?<time datetime="([^"]+)"', body, re.S).group(1)
    assert ":33" not in shown
    assert ".123456" not in shown
    assert shown.startswith(timezone.localtime(post.created_at).strftime("%Y-%m-%dT%H:%M"))


def test_a_traceable_post_keeps_its_exact_time(client, odd_moment):
    thread = make_thread(traceable_board(), staff_member())
    client.force_login(the_poster())
    anonymous_reply_with_override(client, thread)
    assert thread.posts.latest("pk").created_at == odd_moment
