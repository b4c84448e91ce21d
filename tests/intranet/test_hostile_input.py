"""Hostile input never breaks a page and is never echoed as live markup.

The URLconf is walked: every staff URL (and every live page), and the admin
screens this project adds or feeds with its own search, get a corpus of
hostile values in every query parameter they read and every field of every
form they show, as each role. Every answer must be something other than a
server error (the test client re-raises an exception a view lets through),
and the markup in the corpus must never come back unescaped, neither in the
answer nor afterwards in the screens that list what was stored.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.urls import get_resolver

from faq.bulk import add_live_page
from faq.models import FaqIndexPage, FaqPage, OpenQuestion
from intranet import notify, roles
from tests.factories import faq_home, live_faq, staff_member
from tests.intranet.test_login_required import sample_path, walk

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert("hostile")</script><img src=x onerror=alert(1)>'
HOSTILE = [
    MARKUP,
    "' OR '1'='1' --",
    '"; DROP TABLE auth_user; --',
    'NEAR(vpn 接続) AND title:* OR "unbalanced',
    "../../../../etc/passwd",
    "9" * 25,
    "-99999999999999999999",
    "0001-01-01",
    "9999-12-31",
    "99999-99-99",
    "x" * 100_000,
    "\x00\x07\x1b[31m制御文字\u202e",
]
INVALID_UTF8 = "q=%ff%fe%fd&page=%c0%80"
# Parameters the project's views read, sent to every URL besides the ones its forms name.
COMMON_PARAMS = [
    "q", "page", "type", "department", "date_from", "date_to", "order", "log", "rank", "key",
    "to", "next", "days", "p", "ordering", "term", "extension", "c",
]  # fmt: skip
ROLES = [
    [],
    [roles.SECTION_HEAD],
    [roles.IT_DESK],
    [roles.IT_DESK_LEAD],
    [roles.ADMIN_OFFICE],
    [roles.SYSTEM_ADMIN],
]
# Admin screens in the sweep: the ones this project adds, and Wagtail's searches and
# choosers, which run on the project's Japanese search backend.
OWN_ADMIN = re.compile(
    r"faq_questions|staffprofile|department|search_report|managed_department|tag_autocomplete"
    r"|privacy|search|choose"
)
SKIPPED = {"logout", "wagtailadmin_logout"}


class FormFields(HTMLParser):
    """The forms of a page: (method, action, [field names])."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append((attrs.get("method", "get").lower(), attrs.get("action") or "", []))
        elif tag in {"input", "textarea", "select", "button"} and self.forms and attrs.get("name"):
            if attrs.get("name") != "csrfmiddlewaretoken":
                self.forms[-1][2].append(attrs["name"])


def forms_of(response):
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = FormFields()
    parser.feed(response.content.decode(errors="replace"))
    return parser.forms


def assert_safe(response, where):
    assert response.status_code < 500, f"{where} answered {response.status_code}"
    if response.get("Content-Type", "").startswith(("text/html", "application/json")):
        assert MARKUP not in response.content.decode(errors="replace"), f"{where} echoes markup"


@pytest.fixture
def content():
    home = faq_home()
    network = add_live_page(home, FaqIndexPage(title="ネットワーク", slug="network"))
    live_faq(network, "VPNに接続できない", "再起動してください。")
    return home


def targets(user):
    """(where, path) for each URL of the sweep: the staff URLs, live pages, the admin screens."""
    for route, pattern in walk(get_resolver().url_patterns):
        if pattern.name in SKIPPED:
            continue
        if route.startswith("admin/") and not OWN_ADMIN.search(pattern.name or route):
            continue
        yield route, sample_path(route)
    for page in [*FaqIndexPage.objects.live(), *FaqPage.objects.live()]:
        yield page.url, page.url


def sweep(client, user):
    client.force_login(user)
    question = OpenQuestion.objects.create(asker=user, question="質問")
    notify(user, "お知らせ", "/")
    for where, path in targets(user):
        path = path.replace("/1/", f"/{question.pk}/", 1) if "questions" in path else path
        plain = client.get(path)
        assert_safe(plain, where)
        assert_safe(client.get(path, QUERY_STRING=INVALID_UTF8), f"{where} (invalid UTF-8)")
        forms = forms_of(plain) if plain.status_code == 200 else []
        names = set(COMMON_PARAMS).union(*(fields for _m, _a, fields in forms))
        for value in HOSTILE:
            assert_safe(client.get(path, dict.fromkeys(names, value)), f"GET {where}")
            for method, action, fields in forms:
                if method == "post" and fields:
                    target = urlparse(action).path or path
                    data = dict.fromkeys(fields, value)
                    assert_safe(client.post(target, data), f"POST {where} → {target}")
                    client.force_login(user)  # a form may have logged the user out


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role[0] if role else "一般職員")
def test_every_url_and_form_survives_hostile_input(client, content, role):
    user = staff_member(roles=role)
    sweep(client, user)
    # What was stored is shown escaped wherever it is listed afterwards.
    client.force_login(user)
    for where, path in targets(user):
        assert_safe(client.get(path), f"{where} after the sweep")


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_each_parameter_alone_survives_hostile_input(client, content, value):
    """One hostile parameter beside valid ones, so the view gets past its form and uses it."""
    user = staff_member()
    client.force_login(user)
    for where, path in targets(user):
        if where.startswith("admin/"):
            continue
        plain = client.get(path, {"q": "VPN"})
        names = set(COMMON_PARAMS).union(*(fields for _m, _a, fields in forms_of(plain)))
        for name in sorted(names - {"q"}):
            params = {"q": "VPN", name: value}
            assert_safe(client.get(path, params), f"GET {where} {name}={value[:30]!r}")


def test_a_chooser_given_an_id_that_is_not_a_number_answers_404(client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from faq import files

    document = Document.objects.create(
        title="様式", file=ContentFile(b"x", name="form.txt"), collection=files.collection()
    )
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    assert client.get("/admin/documents/chooser/chosen/sample/").status_code == 404
    assert client.get("/admin/images/chooser/chosen/sample/").status_code == 404
    assert client.get("/admin/failwhale/").status_code == 404
    chosen = client.get(f"/admin/documents/chooser/chosen/{document.pk}/")
    assert chosen.json()["result"]["title"] == "様式"
