"""Every page carries a Content-Security-Policy; pages for a logged-in user are private."""

import pytest
from django.urls import get_resolver, reverse

from intranet import roles
from tests.factories import staff_member
from tests.intranet.test_login_required import sample_path, walk

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_staff_pages_allow_no_inline_script(staff_client):
    policy = directives(staff_client.get("/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def test_the_admin_allows_wagtails_inline_scripts_and_nothing_from_elsewhere(client):
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    policy = directives(client.get(reverse("wagtailadmin_home")))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_the_login_page_has_the_policy_too(client):
    assert directives(client.get(reverse("login")))["script-src"] == ["'self'"]


def test_every_page_a_logged_in_user_gets_is_private(client):
    """Walk the URLconf as a logged-in user: no answer may be stored by a shared cache."""
    client.force_login(staff_member(roles=[roles.IT_DESK_LEAD]))
    checked = 0
    for route, pattern in walk(get_resolver().url_patterns):
        if pattern.name in {"logout", "wagtailadmin_logout"}:
            continue
        response = client.get(sample_path(route))
        cache_control = response.get("Cache-Control", "")
        assert "private" in cache_control, f"{route} answered with {cache_control!r}"
        assert "public" not in cache_control, route
        checked += 1
    assert checked > 150


def test_an_ordinary_page_is_revalidated_before_it_is_shown_again(staff_client):
    cache_control = staff_client.get("/")["Cache-Control"]
    assert {"private", "no-cache"} <= {part.strip() for part in cache_control.split(",")}
