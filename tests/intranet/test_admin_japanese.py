"""No English is left on the admin screens each role reaches from its admin menu.

Logs in as each demo account with admin access, walks every entry of the
sidebar that Wagtail renders for it (the account menu included) and reads
the text a person sees or hears: text nodes, including screen-reader-only
ones, and the labels of controls. Words that come from the data (page titles,
user names and the like) are not the admin's to translate, and neither are
the few abbreviations staff read as they are.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from intranet import roles
from intranet.demo.organisation import DEMO_ACCOUNTS as demo_accounts
from tests.factories import staff_member

# The demo is loaded once for the module, on one worker (see tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("admin-japanese")]

# Every demo login whose role opens the admin (a role's list, not a hand-kept one).
DEMO_ACCOUNTS = [
    username
    for username, (_code, account_roles, _title, _description) in demo_accounts.items()
    if any(roles.ADMIN_ACCESS in roles.permissions_of(role) for role in account_roles)
]
ABBREVIATIONS = {"FAQ", "CSV", "URL", "ID", "PDF", "XLSX"}
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
LABEL_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}
NOT_SHOWN = {"script", "style", "template", "noscript"}


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class ShownText(HTMLParser):
    """The text of a page as a person sees or hears it: not scripts, not ``hidden`` elements."""

    def __init__(self):
        super().__init__()
        self.open_tags = []  # (tag, hides what it holds)
        self.texts = []

    def hiding(self):
        return any(hides for _tag, hides in self.open_tags)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hides = tag in NOT_SHOWN or "hidden" in attrs
        if not (hides or self.hiding()):
            self.texts.extend(value for name, value in attrs.items() if name in LABEL_ATTRIBUTES)
            if tag == "input" and attrs.get("type") in {"submit", "button"}:
                self.texts.append(attrs.get("value") or "")
        if tag not in VOID:
            self.open_tags.append((tag, hides))

    def handle_endtag(self, tag):
        for index in range(len(self.open_tags) - 1, -1, -1):
            if self.open_tags[index][0] == tag:
                del self.open_tags[index:]
                break

    def handle_data(self, data):
        if not self.hiding():
            self.texts.append(data)


def shown_text(html):
    parser = ShownText()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.texts if text and text.strip()]


def sidebar(html):
    """The sidebar's menu as Wagtail renders it: [(label, url)], submenus flattened."""
    match = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "label" in node:
                found.append((node["label"], node.get("url")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(match.group(1)))
    return found


# Where staff (or the demo) type text that the admin then shows: model label → fields.
TYPED_DATA = {
    "wagtailcore.Page": ["title"],
    "wagtailcore.Collection": ["name"],
    "wagtaildocs.Document": ["title", "file"],  # a file name is what its uploader typed
    "wagtailimages.Image": ["title"],
    "taggit.Tag": ["name"],
    "auth.User": ["username", "first_name", "last_name"],
    "auth.Group": ["name"],
    "intranet.Department": ["name"],
    "intranet.StaffProfile": ["full_name", "job_title"],
    "faq.OpenQuestion": ["question", "details", "reply"],
    "search.SearchQueryLog": ["query"],
    "search.SynonymGroup": ["name", "members"],
    "bulletin.NoticeCategory": ["name", "slug", "description"],
    "reservations.Resource": ["name", "location", "description"],
    "reservations.Feature": ["name"],
    "reservations.ResourceGroup": ["name"],
    "reservations.Blackout": ["reason"],
    "bulletin.Board": ["name", "slug", "purpose"],
    # Wagtail prints a page type's code name beside its name (page types report).
    "contenttypes.ContentType": ["app_label", "model"],
}


def words_in_the_data():
    """English words that staff or the demo typed: titles, names, questions, tags and the like."""
    from django.apps import apps

    words = set()
    for label, fields in TYPED_DATA.items():
        for row in apps.get_model(label).objects.values_list(*fields):
            for value in row:
                words.update(ENGLISH_WORD.findall(value or ""))
    return words


@pytest.fixture(scope="module")
def demo(shared_demo, django_db_blocker):
    """The shared demo, with one FAQ waiting for the lead's approval for the review screens."""
    from faq.models import FaqPage

    with django_db_blocker.unblock():
        writer = get_user_model().objects.get(username="itdesk")
        page = FaqPage.objects.live().order_by("pk").first()
        page.save_revision(user=writer)
        page.get_workflow().start(page, writer)


def english_left(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    home = client.get("/admin/").content.decode()
    screens = {"/admin/"}
    found = {}
    for label, url in sidebar(home):
        for word in ENGLISH_WORD.findall(label):
            found.setdefault(word, f"menu: {label}")
        if url and url.startswith("/admin/"):
            screens.add(url)
    allowed = ABBREVIATIONS | words_in_the_data()
    for url in sorted(screens):
        response = client.get(url, follow=True)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        for text in shown_text(response.content.decode()):
            for word in ENGLISH_WORD.findall(text):
                if word not in allowed:
                    found.setdefault(word, f"{url}: {text[:80]}")
    return found


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_the_admin_screens_of_each_role_are_in_japanese(client, demo, username):
    assert english_left(client, username) == {}


SCRIPT_CATALOGUE = Path(__file__).resolve().parents[2] / "locale/ja/LC_MESSAGES/djangojs.po"


def wagtail_script_catalogue(language):
    import wagtail.admin

    return polib.pofile(
        str(Path(wagtail.admin.__file__).parent / f"locale/{language}/LC_MESSAGES/djangojs.po")
    )


def test_the_script_catalogue_translates_only_what_wagtail_leaves_in_english():
    ours = polib.pofile(str(SCRIPT_CATALOGUE))
    wagtails = {(entry.msgctxt, entry.msgid) for entry in wagtail_script_catalogue("en")}
    translated = {
        (entry.msgctxt, entry.msgid)
        for entry in wagtail_script_catalogue("ja")
        if entry.translated()
    }
    for entry in ours:
        assert entry.translated(), entry.msgid
        assert (entry.msgctxt, entry.msgid) in wagtails - translated, entry.msgid


def test_the_admin_scripts_get_the_japanese_words(client):
    """The editor's 「すべて閉じる」 and the sidebar's toggle come from the script catalogue."""
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    body = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    for words in ("すべて閉じる", "サイドバーの開閉"):
        assert json.dumps(words) in body
