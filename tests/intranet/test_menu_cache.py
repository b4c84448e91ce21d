"""Each user's menu is kept between pages, and never outlives a change of what decides it.

Each test opens a page once (the menu is kept), changes what the menu comes
from (permissions, groups, the FAQ home page and its restrictions), and opens
a page again: the menu must follow the change at once.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from intranet import menu_stamps, navigation
from intranet.models import HomePage, MenuStamp
from tests.factories import faq_home, staff_member

pytestmark = pytest.mark.django_db

ADMIN = "wagtailadmin_home"

# What the menu is read from: none of these may be asked again while nothing changed.
MENU_TABLES = ("auth_permission", "wagtailcore_pageviewrestriction", "auth_user_groups")


@pytest.fixture
def office():
    """A FAQ home, a group that may enter the admin, and a staff member outside it."""
    home = faq_home()
    editors = Group.objects.create(name="編集担当")
    editors.permissions.add(access_admin())
    return {"home": home, "editors": editors, "user": staff_member()}


def access_admin():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def menu(client):
    """{URL name: address} of the menu entries a page shows the client ("faq:home": FAQ)."""
    page = client.get(reverse("notifications:list"))
    assert page.status_code == 200
    names = {str(item.label): item.url_name for item in navigation._items}
    return {names[str(link.label)]: link.url for link in page.context["nav_items"]}


def test_a_page_reads_no_permission_or_restriction_rows_once_the_menu_is_kept(client, office):
    client.force_login(office["user"])
    menu(client)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("notifications:list")).status_code == 200
    asked = [q["sql"] for q in queries if any(t in q["sql"] for t in MENU_TABLES)]
    assert asked == []
    assert len([q for q in queries if MenuStamp._meta.db_table in q["sql"]]) == 1


def test_joining_and_leaving_a_group_shows_at_once(client, office):
    user, editors = office["user"], office["editors"]
    client.force_login(user)
    assert ADMIN not in menu(client)
    user.groups.add(editors)
    assert ADMIN in menu(client)
    editors.user_set.remove(user)  # from the group's side
    assert ADMIN not in menu(client)
    editors.user_set.add(user)
    assert ADMIN in menu(client)
    editors.user_set.clear()
    assert ADMIN not in menu(client)


def test_a_groups_permissions_changed_show_at_once(client, office):
    user, editors = office["user"], office["editors"]
    user.groups.add(editors)
    client.force_login(user)
    assert ADMIN in menu(client)
    editors.permissions.remove(access_admin())
    assert ADMIN not in menu(client)
    access_admin().group_set.add(editors)  # from the permission's side
    assert ADMIN in menu(client)
    editors.delete()
    assert ADMIN not in menu(client)


def test_a_users_own_permissions_and_superuser_state_show_at_once(client, office):
    user = office["user"]
    client.force_login(user)
    assert ADMIN not in menu(client)
    user.user_permissions.add(access_admin())
    assert ADMIN in menu(client)
    access_admin().user_set.remove(user)  # from the permission's side
    assert ADMIN not in menu(client)
    user.is_superuser = True
    user.save()
    assert ADMIN in menu(client)


def test_a_deleted_permission_shows_at_once(client, office):
    user = office["user"]
    user.groups.add(office["editors"])
    client.force_login(user)
    assert ADMIN in menu(client)
    access_admin().delete()  # drops it from every group without a relation signal
    assert ADMIN not in menu(client)


def test_the_faq_home_follows_its_restriction_and_its_groups_at_once(client, office):
    user, home, editors = office["user"], office["home"], office["editors"]
    client.force_login(user)
    assert menu(client)["faq:home"] == home.url
    restriction = PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([editors])
    assert menu(client)["faq:home"] == reverse("faq:home")  # no home the user may open
    user.groups.add(editors)
    assert menu(client)["faq:home"] == home.url
    restriction.groups.clear()
    assert menu(client)["faq:home"] == reverse("faq:home")
    restriction.delete()
    assert menu(client)["faq:home"] == home.url


def test_the_faq_home_follows_the_page_tree_at_once(client, office):
    user, home = office["user"], office["home"]
    client.force_login(user)
    assert menu(client)["faq:home"] == home.url
    section = HomePage.objects.get().add_child(instance=Page(title="情報政策課", slug="it"))
    home.move(section, pos="last-child")
    home.refresh_from_db()
    assert menu(client)["faq:home"] == home.url == "/it/faq/"
    home.unpublish()
    assert menu(client)["faq:home"] == reverse("faq:home")
    home.save_revision().publish()
    assert menu(client)["faq:home"] == "/it/faq/"
    home.delete()
    assert menu(client)["faq:home"] == reverse("faq:home")


def test_a_change_saved_elsewhere_is_seen_through_the_stamps(client, office):
    """Another server process has its own cache: only the stamps in the database reach it."""
    user = office["user"]
    client.force_login(user)
    assert ADMIN not in menu(client)
    # What another process would do: the rows change, the stamp with them, not this cache.
    office["editors"].user_set.through.objects.create(user=user, group=office["editors"])
    assert ADMIN not in menu(client)  # no signal: kept, as documented
    menu_stamps.changed(user.pk)
    assert ADMIN in menu(client)
