"""Nothing a staff member may not open reaches them through any channel.

Pages are hidden in every shape a view restriction can take: on the page
itself, on a category above it, a login-only restriction below a group
restriction, a restriction added after publishing (through the admin's own
privacy dialog), a password, a page moved into a restricted category. Each
hidden page carries a marker in its title, body and tags, and the marker must
not appear anywhere an outsider looks: search hits, counts, facets, snippets,
suggestions, the 質問箱, lists, panels, related links, exports, choosers and
tag autocomplete. The channels are walked, not listed: every registered search
type, every dashboard panel, every URL of the project that needs no admin.

Meeting materials are hidden too, one per confidentiality an outsider may not
open: 関係課のみ, 非公開, and a 全庁公開 one withheld by the personal-data guard.
So are e-conference posts: one on a board for one department, and one a
moderator hid on a board for all staff.
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import URLResolver, get_resolver, reverse
from wagtail.models import PageViewRestriction

from bulletin.conference import services as conference
from bulletin.models import Board
from faq.bulk import add_live_page
from faq.models import FaqDailyViews, FaqFeedback, FaqIndexPage, FaqPage, RelatedFaq
from intranet import dashboard, roles
from intranet.models import HomePage
from materials.models import Confidentiality, Material
from search import registry
from search.backends import get_backend
from search.backends.base import SearchRequest
from search.documents import user_access_tokens
from tests.factories import DepartmentFactory, live_faq, staff_member
from tests.intranet.test_login_required import sample_path
from tests.materials import factories as materials_factories

pytestmark = pytest.mark.django_db

SHAPES = [
    "own_group",
    "ancestor_group",
    "login_below_group",
    "added_after_publishing",
    "password",
    "moved_in",
]
MARKER = "ヒミツ"  # in every hidden title, answer and tag; never shown to an outsider
SHARED_WORD = "庁舎ネットワーク"  # in hidden and visible answers alike


def restrict(page, kind=PageViewRestriction.GROUPS, group=roles.IT_DESK):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="pw" if kind == "password" else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name=group)])
    return restriction


def faq(parent, title, answer, tags=()):
    return live_faq(parent, title, answer, tags=tags, audience=FaqPage.Audience.PUBLIC)


def category(parent, title):
    return add_live_page(parent, FaqIndexPage(title=title, slug=f"c{FaqIndexPage.objects.count()}"))


def hidden_faq(parent, shape):
    return faq(
        parent,
        f"{MARKER}{shape}の手順",
        f"{SHARED_WORD}の{MARKER}設定{shape}",
        tags=[f"{MARKER}タグ{shape}"],
    )


def hidden_materials(capture):
    """Materials an outsider may not open, each with the marker in its title and text."""
    concerned = DepartmentFactory(name="財政課")
    kept = materials_factories.series(name="部長会議")  # series and meetings are not secret
    kept.members.add(staff_member(department=DepartmentFactory(name="総務部")))
    sitting = materials_factories.meeting(kept, title="第1回")
    with capture(execute=True):
        made = {
            level: materials_factories.meeting_material(
                sitting,
                title=f"{MARKER}資料{level}",
                text=f"{SHARED_WORD}の{MARKER}更新計画。",
                confidentiality=level,
                departments=[concerned],
            )
            for level in (Confidentiality.DEPARTMENTS, Confidentiality.PRIVATE)
        }
        made["withheld"] = materials_factories.meeting_material(
            sitting,
            title=f"{MARKER}資料withheld",
            text=f"{SHARED_WORD}の{MARKER}名簿。連絡先は yamada@example.jp です。",
        )
    made = {key: Material.objects.get(pk=material.pk) for key, material in made.items()}
    assert made["withheld"].withheld
    return made, {
        "secretary": materials_factories.secretary_of(kept),
        "member": kept.members.get(),
        "concerned": staff_member(department=concerned),
    }


def hidden_posts():
    """A post on a board for one department, and a post hidden on a board for all staff."""
    member = staff_member(department=DepartmentFactory(name="秘書課"))
    board = Board.objects.create(
        slug="sample", name=f"{MARKER}会議室", purpose="秘書課の打ち合わせ", all_staff=False
    )
    board.departments.set([member.staff_profile.department])
    _thread, secret = conference.start_thread(
        board, member, f"{MARKER}の相談", f"{SHARED_WORD}の{MARKER}相談です。"
    )
    open_board = Board.objects.create(slug="open", name="全庁の会議室", purpose="全職員")
    moderator = staff_member()
    open_board.moderators.set([moderator])
    _thread, hidden = conference.start_thread(
        open_board, member, "庁舎の相談", f"{SHARED_WORD}の{MARKER}書き込みです。"
    )
    conference.hide(hidden, moderator, "個人名が含まれるため")
    return {"secret": secret, "hidden": hidden}, member


@pytest.fixture
def tree(client, django_capture_on_commit_callbacks):
    """An FAQ with one visible page and one hidden page per restriction shape, and materials
    hidden per confidentiality."""
    home = add_live_page(HomePage.objects.get(), FaqIndexPage(title="よくある質問", slug="faq"))
    open_category = category(home, "ネットワーク")
    visible = faq(open_category, "無線LANにつながらない", f"{SHARED_WORD}の設定を確認します。")
    hidden = {}

    page = hidden_faq(open_category, "own_group")
    restrict(page)
    hidden["own_group"] = page

    closed = category(home, f"{MARKER}情報システム担当専用")
    restrict(closed)
    hidden["ancestor_group"] = hidden_faq(closed, "ancestor_group")
    below = category(closed, f"{MARKER}サーバー室")
    restrict(below, PageViewRestriction.LOGIN)
    hidden["login_below_group"] = hidden_faq(below, "login_below_group")

    page = hidden_faq(open_category, "added_after_publishing")
    it_lead = staff_member(roles=[roles.IT_DESK_LEAD])
    it_lead.is_superuser = True
    it_lead.save()
    client.force_login(it_lead)
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": "groups", "groups": [Group.objects.get(name=roles.IT_DESK).pk]},
    )
    assert response.status_code == 200 and PageViewRestriction.objects.filter(page=page).exists()
    client.logout()
    hidden["added_after_publishing"] = page

    page = hidden_faq(open_category, "password")
    restrict(page, PageViewRestriction.PASSWORD)
    hidden["password"] = page

    page = hidden_faq(open_category, "moved_in")
    page.move(closed, pos="last-child")
    hidden["moved_in"] = FaqPage.objects.get(pk=page.pk)

    for page in [visible, *hidden.values()]:
        FaqDailyViews.objects.create(page=page, day=page.last_published_at.date(), views=5)
        RelatedFaq.objects.create(page=visible, related=page)
    materials, insiders = hidden_materials(django_capture_on_commit_callbacks)
    posts, board_member = hidden_posts()
    return {
        "posts": posts,
        "board_member": board_member,
        "home": home,
        "visible": visible,
        "hidden": hidden,
        "materials": materials,
        "material_insiders": insiders,
    }


@pytest.fixture(params=[roles.STAFF, roles.SECTION_HEAD, roles.ADMIN_OFFICE])
def outsider(request):
    """Staff who belong to none of the groups the hidden pages are restricted to."""
    return staff_member(roles=[request.param])


def assert_no_marker(response, where, query=""):
    """The marker is nowhere in the response, except in the query it echoes."""
    body = response.content.decode()
    if query:
        body = body.replace(query, "")
    assert MARKER not in body, f"{where} shows a hidden page to an outsider"


def test_the_fixture_hides_every_shape(tree, outsider):
    assert set(tree["hidden"]) == set(SHAPES)
    it_desk = staff_member(roles=[roles.IT_DESK])
    for shape, page in tree["hidden"].items():
        assert not registry.type_for(page).visible_to(outsider, page), shape
        if shape != "password":
            assert registry.type_for(page).visible_to(it_desk, page), shape
    for key, material in tree["materials"].items():
        assert not registry.type_for(material).visible_to(outsider, material), key
        assert registry.type_for(material).visible_to(
            tree["material_insiders"]["secretary"], material
        ), key
        for part in material.current.parts.all():
            assert not registry.type_for(part).visible_to(outsider, part), key
    posts = tree["posts"]
    for key, post in posts.items():
        assert not registry.type_for(post).visible_to(outsider, post), key
    assert registry.type_for(posts["secret"]).visible_to(tree["board_member"], posts["secret"])


# -- search ------------------------------------------------------------------


def test_search_hits_counts_facets_and_snippets(client, tree, outsider):
    client.force_login(outsider)
    response = client.get(reverse("search:results"), {"q": SHARED_WORD})
    assert_no_marker(response, "the search page")
    # Hits lacking one of the words may follow (the fallback): none of them is hidden either.
    hits = [result["hit"] for result in response.context["page"].object_list]
    assert [hit.title for hit in hits if hit.matched_all] == ["無線LANにつながらない"]
    assert response.context["total"] == len(hits)
    assert sum(c for _t, _label, c in response.context["type_facets"]) == len(hits)


def test_zero_result_fallback(client, tree, outsider):
    client.force_login(outsider)
    query = f"{MARKER} 存在しない語句"
    response = client.get(reverse("search:results"), {"q": query})
    assert response.context["total"] == 0
    assert response.context["entries"] == []  # the fallback list shows nothing hidden either
    assert_no_marker(response, "the fallback list", query)


def test_question_box_suggestions(client, tree, outsider):
    client.force_login(outsider)
    response = client.post(reverse("questions:ask"), {"question": f"{SHARED_WORD}の設定"})
    assert [hit.title for hit in response.context["suggestions"]] == ["無線LANにつながらない"]
    assert_no_marker(response, "the 質問箱's suggestions")


def _walk_registry(users, backend=None):
    """(user, type, object, found by that user, may that user see it) for every indexed object."""
    backend = backend or get_backend()
    for user in users:
        tokens = user_access_tokens(user)
        for indexed_type in registry.registered_types():
            for obj in indexed_type.queryset():
                if registry.type_for(obj) is not indexed_type:
                    continue
                document = indexed_type.to_document(obj)
                request = SearchRequest(
                    text=document.title if document else str(obj),
                    access=tokens,
                    types=(indexed_type.doc_type,),
                    limit=500,
                )
                keys = {hit.key for hit in backend.search(request).hits}
                found = f"{indexed_type.doc_type}:{obj.pk}" in keys
                allowed = document is not None and indexed_type.visible_to(user, obj)
                yield user, indexed_type, obj, found, allowed


def test_every_registered_type_finds_only_what_its_visible_to_allows(tree, outsider):
    """Walk the registry over the index as signals keep it: a hit is always allowed."""
    it_desk = staff_member(roles=[roles.IT_DESK])
    users = [outsider, it_desk, tree["board_member"], *tree["material_insiders"].values()]
    for user, indexed_type, obj, found, allowed in _walk_registry(users):
        assert allowed or not found, (indexed_type.doc_type, str(obj), user)
        if indexed_type.doc_type.startswith(("material", "conference")):  # kept on every save
            assert found or not allowed, (indexed_type.doc_type, str(obj), user)


def test_after_a_rebuild_every_engine_agrees_with_visible_to(tree, outsider, engine):
    """After a rebuild, on every engine, exactly what is allowed is found."""
    it_desk = staff_member(roles=[roles.IT_DESK])
    users = [outsider, it_desk, tree["board_member"], *tree["material_insiders"].values()]
    engine.rebuild(registry.all_documents())
    for user, indexed_type, obj, found, allowed in _walk_registry(users, engine):
        assert found == allowed, (engine.name, indexed_type.doc_type, str(obj), user)


def test_a_restriction_removed_in_the_admin_opens_the_page_in_search(client, tree, outsider):
    page = tree["hidden"]["added_after_publishing"]
    admin = staff_member()
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), {"restriction_type": "none"}
    )
    request = SearchRequest(text="added_after_publishing", access=user_access_tokens(outsider))
    assert [hit.title for hit in get_backend().search(request).hits] == [page.title]


def test_a_rebuilt_index_hides_the_same_pages(tree, outsider):
    backend = get_backend()
    backend.rebuild(registry.all_documents())
    request = SearchRequest(text=SHARED_WORD, access=user_access_tokens(outsider))
    assert [hit.title for hit in backend.search(request).hits] == ["無線LANにつながらない"]


# -- lists, panels, pages ------------------------------------------------------


def test_faq_lists_counts_and_most_read(client, tree, outsider):
    client.force_login(outsider)
    home = tree["home"]
    response = client.get(home.url)
    assert_no_marker(response, "the FAQ home")
    counts = {c.title: c.faq_count for c in response.context["categories"]}
    assert counts == {"ネットワーク": 1}
    for category_page in FaqIndexPage.objects.descendant_of(home):
        response = client.get(category_page.url)
        if response.status_code == 200:
            assert_no_marker(response, f"the category {category_page.title}")


def test_the_visible_faq_does_not_link_to_hidden_ones(client, tree, outsider):
    client.force_login(outsider)
    response = client.get(tree["visible"].url)
    assert_no_marker(response, "related FAQs")


def test_every_dashboard_panel(client, tree, outsider, rf):
    client.force_login(outsider)
    assert_no_marker(client.get("/"), "the home page")
    request = rf.get("/")
    request.user = outsider
    for panel in dashboard.registered_panels():
        titles = " ".join(item.title for item in panel.items(request))
        assert MARKER not in titles, panel.key


def test_the_admin_dashboard_of_an_it_desk_member_outside_the_group(client, tree):
    """The IT desk's own panels hide pages restricted to another group."""
    for restriction in PageViewRestriction.objects.filter(restriction_type="groups"):
        restriction.groups.set([Group.objects.get(name=roles.ADMIN_OFFICE)])
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    assert_no_marker(client.get(reverse("wagtailadmin_home")), "the admin dashboard")


def test_a_hidden_page_cannot_be_rated(client, tree, outsider):
    client.force_login(outsider)
    for shape, page in tree["hidden"].items():
        response = client.post(reverse("faq:feedback", args=[page.pk]), {"helpful": "no"})
        assert response.status_code == 404, shape
    assert not FaqFeedback.objects.exists()


def test_open_data_exports_only_unrestricted_pages(client, tree, outsider):
    client.force_login(outsider)
    for name in ("faq:export_csv", "faq:export_json"):
        assert_no_marker(client.get(reverse(name)), name)
    rows = json.loads(client.get(reverse("faq:export_json")).content)["faqs"]
    assert [row["question"] for row in rows] == ["無線LANにつながらない"]


def test_page_chooser_and_its_search(client, tree):
    client.force_login(staff_member(roles=[roles.SECTION_HEAD]))
    for url, params in [
        (reverse("wagtailadmin_choose_page"), {}),
        (reverse("wagtailadmin_choose_page_child", args=[tree["home"].pk]), {}),
        (reverse("wagtailadmin_choose_page_search"), {"q": SHARED_WORD}),
        (reverse("wagtailadmin_choose_page_search"), {"q": MARKER}),
    ]:
        response = client.get(url, params)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("application/json"):
            body = json.dumps(response.json(), ensure_ascii=False)
        else:
            body = response.content.decode()
        assert MARKER not in body.replace(f'value="{MARKER}"', ""), url


def test_tag_autocomplete(client, tree):
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    for restriction in PageViewRestriction.objects.filter(restriction_type="groups"):
        restriction.groups.set([Group.objects.get(name=roles.SECTION_HEAD)])
    response = client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": MARKER})
    assert response.json() == []
    client.force_login(staff_member(roles=[roles.SECTION_HEAD]))
    response = client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": MARKER})
    # The five pages restricted to 所属長; the password-protected one stays hidden.
    assert len(response.json()) == 5


def _staff_routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith(("admin/", "documents/")):
                continue
            yield from _staff_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def test_every_staff_url(client, tree, outsider):
    """Walk the URLconf outside the admin: no page, list or feed shows a hidden page."""
    client.force_login(outsider)
    checked = 0
    for route, _pattern in _staff_routes(get_resolver().url_patterns):
        if route.startswith("admin/") or "logout" in route:
            continue
        response = client.get(sample_path(route), {"q": SHARED_WORD})
        if response.status_code == 200 and "json" not in response.get("Content-Type", ""):
            assert_no_marker(response, route)
        elif response.status_code == 200:
            assert MARKER not in response.content.decode(), route
        checked += 1
    for page in FaqPage.objects.live().exclude(pk__in=[p.pk for p in tree["hidden"].values()]):
        assert_no_marker(client.get(page.url), page.url)
    assert checked > 10
