"""Registered types stay current in the index through signals (database engine)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from intranet.models import HomePage
from search import registry
from search.backends import get_backend
from search.documents import SearchDocument, group_token, user_access_tokens
from tests.factories import DepartmentFactory, staff_member
from tests.search.conftest import ask

pytestmark = pytest.mark.django_db


def found(text, access=frozenset({"staff"})):
    return [hit.title for hit in get_backend("database").search(ask(text, access=access)).hits]


def add_page(title, parent=None):
    parent = parent or HomePage.objects.get()
    page = Page(title=title, slug=f"p{Page.objects.count()}")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_published_page_is_found():
    add_page("VPNに接続できない場合の対処方法")
    assert found("接続") == ["VPNに接続できない場合の対処方法"]


def test_an_unpublished_page_is_not_found():
    page = add_page("古いお知らせの掲載方法")
    page.unpublish()
    assert found("掲載") == []


def test_a_deleted_page_is_not_found():
    page = add_page("削除予定のページ")
    page.delete()
    assert found("削除") == []


def test_a_draft_is_not_found_until_published():
    home = HomePage.objects.get()
    draft = Page(title="下書きのページ", slug="draft", live=False)
    home.add_child(instance=draft)
    assert found("下書き") == []


def test_a_group_restricted_page_is_found_only_by_that_group():
    page = add_page("基幹系サーバーの保守手順")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="情報システム担当")])
    assert found("保守") == []
    assert found("保守", frozenset({"staff", group_token("情報システム担当")})) == []
    it_desk = user_access_tokens(staff_member(roles=["情報システム担当"]))
    assert found("保守", it_desk) == ["基幹系サーバーの保守手順"]
    assert found("保守", user_access_tokens(staff_member())) == []


def test_a_password_protected_page_is_not_indexed():
    page = add_page("人事評価の手引き")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    registry.update(page)
    assert found("人事", access=None) == []


def test_a_second_non_page_model_is_indexed_on_save_and_removed_on_delete():
    section = DepartmentFactory(name="道路課")
    user = staff_member(full_name="小川 彩", full_name_kana="おがわ あや", department=section)
    assert found("おがわ") == ["小川 彩"]
    profile = user.staff_profile
    profile.job_title = "道路維持係長"
    profile.save()
    assert found("維持") == ["小川 彩"]
    profile.delete()
    assert found("おがわ") == []


def test_a_new_type_registers_in_a_few_lines_and_rebuild_picks_it_up():
    from intranet.models import Department

    registry.register(
        registry.IndexedType(
            doc_type="department",
            label="部署",
            model=Department,
            to_document=lambda d: SearchDocument(
                doc_type="department", object_id=str(d.pk), title=d.name, body="", url="/"
            ),
            queryset=lambda: Department.objects.all(),
        )
    )
    try:
        DepartmentFactory(name="危機管理課")
        assert found("危機") == ["危機管理課"]
        get_backend("database").rebuild(registry.all_documents())
        assert found("危機") == ["危機管理課"]
    finally:
        registry.unregister("department")


def test_batched_updates_index_everything_at_the_end_of_the_block():
    section = DepartmentFactory(name="会計課")
    with registry.batched_updates():
        staff_member(full_name="会計 花子", full_name_kana="かいけい はなこ", department=section)
        assert found("かいけい") == []
    assert found("かいけい") == ["会計 花子"]
