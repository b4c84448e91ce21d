"""A notice for one department reaches nobody else through any channel.

The URLconf is walked, not listed: every staff URL outside the admin is
fetched as an outsider, with the hidden notice's id in every id slot, and
neither its title, its body nor its attachment's name may appear; the same
holds for every dashboard panel, the banners, the feed and the mail.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from bulletin import attachments, mail
from bulletin.models import FeedToken, MailPreference
from intranet import banners, dashboard
from tests.factories import notice
from tests.intranet.test_login_required import sample_path, walk

pytestmark = pytest.mark.django_db

MARKER = "ヒミツ"


@pytest.fixture
def hidden(office):
    sent = notice(
        f"{MARKER}人事異動の内示",
        body=f"<p>{MARKER}の本文</p>",
        audience=[office.jinji],
        sender=office.jinji,
        importance=0,
        requires_confirmation=True,
    )
    attachments.attach(sent, SimpleUploadedFile(f"{MARKER}名簿.pdf", b"%PDF-1.4"), office.hr)
    return sent


def staff_routes():
    for route, _pattern in walk(get_resolver().url_patterns):
        if not route.startswith("admin/") and "logout" not in route:
            yield route


def path_with(route, pk):
    path = re.sub(r"<int:\w+>", str(pk), route)
    return sample_path(path)


def test_every_staff_url_keeps_the_notice_from_an_outsider(client, office, hidden):
    client.force_login(office.citizen)
    checked = 0
    for route in staff_routes():
        for method in ("get", "post"):
            response = getattr(client, method)(path_with(route, hidden.pk), {"q": "人事異動"})
            content = (
                b"".join(response.streaming_content) if response.streaming else (response.content)
            )
            assert MARKER not in content.decode("utf-8", "replace"), (method, route)
            checked += 1
    assert checked > 40


def test_an_insider_sees_it_on_the_same_walk(client, office, hidden):
    """The walk above can fail: the same URLs show the notice to its audience."""
    client.force_login(office.hr_colleague)
    body = client.get(reverse("bulletin:index")).content.decode()
    assert MARKER in body


def test_every_dashboard_panel_and_banner(rf, office, hidden):
    request = rf.get("/")
    request.user = office.citizen
    for rendered in dashboard.panels_for(request):
        assert all(MARKER not in item.title for item in rendered.items), rendered.panel.key
    assert all(MARKER not in banner.text for banner in banners.banners_for(request))


def test_the_feed(client, office, hidden):
    token = FeedToken.objects.create(user=office.citizen)
    body = client.get(reverse("bulletin:feed", args=[token.secret])).content.decode()
    assert MARKER not in body


def test_the_mail(office, hidden, smtp_server, django_capture_on_commit_callbacks):
    for user in (office.citizen, office.hr, office.bu_head):
        user.email = f"{user.username}@city.example.jp"
        user.save()
        MailPreference.objects.create(user=user, urgent_notices=True)
    with django_capture_on_commit_callbacks(execute=True):
        mail.notice_sent(hidden)
    assert smtp_server.recipients == [office.hr.email]


def test_the_counts_filters_and_keyword_leave_it_out(client, office, hidden):
    client.force_login(office.citizen)
    for query in ({"status": "unconfirmed"}, {"status": "unread"}, {"q": MARKER}):
        response = client.get(reverse("bulletin:index"), query)
        assert response.context["page"].paginator.count == 0, query
    assert "waiting-notices" not in client.get(reverse("bulletin:index")).content.decode()
    panels = {rendered.panel.key: rendered for rendered in client.get("/").context["panels"]}
    assert panels["bulletin.unconfirmed"].total == 0


def test_the_insider_counts_it(client, office, hidden):
    """The check above can fail: the same counts include it for its audience."""
    client.force_login(office.hr_colleague)
    response = client.get(reverse("bulletin:index"), {"status": "unconfirmed", "q": MARKER})
    assert response.context["page"].paginator.count == 1
    assert 'class="waiting-notices__count">1件<' in response.content.decode()


def test_a_draft_reaches_nobody_outside_its_section_on_any_url(client, office):
    draft = notice(f"{MARKER}下書き", body=f"<p>{MARKER}</p>", sender=office.jinji, is_draft=True)
    client.force_login(office.citizen)
    for route in staff_routes():
        response = client.get(path_with(route, draft.pk), {"q": "下書き"})
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert MARKER not in content.decode("utf-8", "replace"), route
    client.force_login(office.hr_colleague)
    assert MARKER in client.get(draft.get_absolute_url()).content.decode()


# -- the e-conference room -------------------------------------------------------


@pytest.fixture
def secret_thread(office):
    """A thread on a board for 人事課 only (slug ``sample``, which the walk's slug slot takes)."""
    from bulletin.conference import services
    from bulletin.models import Board

    board = Board.objects.create(
        slug="sample", name=f"{MARKER}人事課の会議室", purpose="人事課の相談", all_staff=False
    )
    board.departments.set([office.jinji])
    thread, _post = services.start_thread(
        board, office.hr, f"{MARKER}電子レンジ", f"{MARKER}の電子レンジの相談です。"
    )
    services.reply(thread, office.hr_colleague, f"{MARKER}の返信です。")
    return thread


def test_every_staff_url_keeps_a_department_board_from_an_outsider(client, office, secret_thread):
    client.force_login(office.citizen)
    checked = 0
    for pk in {secret_thread.pk, *secret_thread.posts.values_list("pk", flat=True)}:
        for route in staff_routes():
            for method in ("get", "post"):
                response = getattr(client, method)(path_with(route, pk), {"q": "電子レンジ"})
                content = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                assert MARKER not in content.decode("utf-8", "replace"), (method, route)
                checked += 1
    assert checked > 40


def test_a_member_finds_the_same_thread_on_the_same_walk(client, office, secret_thread):
    """The walk above can fail: the search page and the board list show it to its audience."""
    client.force_login(office.hr_colleague)
    assert MARKER in client.get(reverse("search:results"), {"q": "電子レンジ"}).content.decode()
    assert MARKER in client.get(reverse("bulletin:boards")).content.decode()


def test_every_dashboard_panel_keeps_a_department_board_from_an_outsider(rf, office, secret_thread):
    request = rf.get("/")
    request.user = office.citizen
    for rendered in dashboard.panels_for(request):
        texts = " ".join(f"{item.title} {item.meta}" for item in rendered.items)
        assert MARKER not in texts, rendered.panel.key
    request.user = office.office  # 行政管理課: in 総務部 beside 人事課, not in it
    for rendered in dashboard.panels_for(request):
        texts = " ".join(f"{item.title} {item.meta}" for item in rendered.items)
        assert MARKER not in texts, rendered.panel.key


def test_no_channel_names_the_author_of_an_anonymous_post(client, rf, office):
    from bulletin.conference import services
    from bulletin.models import Board

    for anonymity in (Board.Anonymity.TRACEABLE, Board.Anonymity.UNTRACEABLE):
        board = Board.objects.create(
            slug=anonymity, name="匿名の会議室", purpose="相談", anonymity=anonymity
        )
        services.start_thread(
            board, office.hr, "電子レンジの使い方", "電子レンジの相談です。", anonymous=True
        )
    client.force_login(office.citizen)
    search_page = client.get(reverse("search:results"), {"q": "電子レンジ"})
    assert search_page.context["total"] == 2
    for response in (search_page, client.get("/"), client.get(reverse("bulletin:boards"))):
        assert "太郎" not in response.content.decode()
    by_name = client.get(reverse("search:results"), {"q": "人事 太郎"})
    kinds = {entry["hit"].doc_type for entry in by_name.context["page"].object_list}
    assert "conference_post" not in kinds  # the staff directory finds the person, not the post
