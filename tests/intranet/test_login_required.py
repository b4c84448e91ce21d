"""Every URL the project defines asks an anonymous visitor to log in.

The URLconf is walked, not listed by hand, so a view added later is covered
the moment its URL exists.
"""

import re
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver, resolve, reverse

# Views reachable without a login, because they are how one logs in.
LOGIN_VIEWS = {"login", "admin_login_redirect", "wagtailadmin_login", "wagtailcore_login"}
# Views reachable without a login because a program with no session reads them;
# a personal secret in the address stands in for the login, and a wrong one gets a 404.
SECRET_ADDRESS_VIEWS = {
    # The bulletin board's Atom feeds, read by a feed reader (bulletin/feeds.py).
    "bulletin:feed",
    "bulletin:category_feed",
    # Personal and resource iCalendar feeds, read by a calendar application.
    "reservations:feed",
}

_ROUTE_CONVERTERS = {
    "int": "1",
    "str": "sample",
    "slug": "sample",
    "path": "sample/path",
    "uuid": "12345678-1234-5678-1234-567812345678",
}


def _sample_for_group(group):
    if r"\d" in group:
        return "1"
    return "sample/" if "/" in group else "sample"


def _replace_groups(regex):
    """Replace each top-level group of a URL regex by a sample value.

    An optional non-capturing group (``(?:...)*``) is dropped altogether.
    """
    result, depth, start, index = "", 0, 0, 0
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            if depth == 0:
                result += regex[index : index + 2]
            index += 2
            continue
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                group = regex[start : index + 1]
                if group.startswith("(?:") and regex[index + 1 : index + 2] in {"*", "?"}:
                    index += 1  # skip the quantifier too
                else:
                    result += _sample_for_group(group)
        elif depth == 0:
            result += char
        index += 1
    return result


def sample_path(route):
    """A concrete path that the route (``path()`` or ``re_path()`` syntax) matches."""
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: _ROUTE_CONVERTERS[m.group(1) or "str"], route)
    route = _replace_groups(route)
    route = route.replace("^", "").replace("$", "").replace(r"\.", ".")
    route = route.replace(".*", "sample").replace("\\", "")
    return "/" + route


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def walk_with_namespaces(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from walk_with_namespaces(pattern.url_patterns, inner)
        else:
            yield namespace, pattern


ALL_ROUTES = list(walk(get_resolver().url_patterns))


def test_the_walk_covers_the_whole_project():
    names = {pattern.name for _route, pattern in ALL_ROUTES}
    assert len(ALL_ROUTES) > 150  # the Wagtail admin alone defines well over a hundred
    assert {"login", "logout", "password_change", "home", "directory:index"} - names <= {
        "directory:index"
    }
    assert "index" in names and "results" in names  # the directory and the search page


@pytest.mark.parametrize(("route", "pattern"), ALL_ROUTES, ids=[r for r, _ in ALL_ROUTES])
def test_anonymous_request_is_sent_to_the_login_page(client, db, route, pattern):
    path = sample_path(route)
    match = resolve(urlparse(path).path)
    assert match.func == pattern.callback or match.route == route, f"{path} does not reach {route}"

    response = client.get(path, follow=True)

    if match.url_name in LOGIN_VIEWS:
        assert response.status_code == 200
        return
    if match.view_name in SECRET_ADDRESS_VIEWS:
        assert response.status_code == 404, "a made-up secret must open nothing"
        return
    assert response.redirect_chain, f"{path} answered {response.status_code} without a redirect"
    final_url, _status = response.redirect_chain[-1]
    assert urlparse(final_url).path == reverse(settings.LOGIN_URL), response.redirect_chain
    assert "next=" in final_url
    assert response.status_code == 200


def test_login_exempt_views_are_only_the_login_pages():
    exempt = {
        (namespace, pattern.name)
        for namespace, pattern in walk_with_namespaces(get_resolver().url_patterns)
        if getattr(pattern.callback, "login_required", True) is False
    }
    secret_address_views = {tuple(name.split(":")) for name in SECRET_ADDRESS_VIEWS}
    # Wagtail's admin API views opt out of the middleware but check admin access
    # themselves; the parametrised test above proves they still redirect.
    api_views = {"listing", "detail", "find", "action"}
    assert {name for _namespace, name in exempt - secret_address_views} - api_views == LOGIN_VIEWS
    assert secret_address_views <= exempt


def test_after_login_the_user_comes_back_where_they_were_headed(client, staff_user):
    from tests.factories import PASSWORD

    response = client.post(
        reverse("login") + "?next=/directory/",
        {"username": staff_user.username, "password": PASSWORD, "next": "/directory/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/directory/"


def test_a_wrong_password_gets_a_japanese_message(client, staff_user):
    response = client.post(reverse("login"), {"username": staff_user.username, "password": "x"})
    assert response.status_code == 200
    assert "正しいユーザー名とパスワードを入力してください" in response.content.decode()
