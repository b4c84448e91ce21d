"""Hostile input never breaks a page and is never echoed as live markup.

The URLconf is walked: every staff URL (and every live page), and the admin
screens this project adds or feeds with its own search, get a corpus of
hostile values in every query parameter they read and every field of every
form they show, as each role. Every answer must be something other than a
server error (the test client re-raises an exception a view lets through),
and the markup in the corpus must never come back unescaped, neither in the
answer nor afterwards in the screens that list what was stored.

Every URL is asked plainly by every role. The parameters a view reads are
noted as it runs (tests/intranet/query_reads.py), in its own code, its forms,
its helpers and its templates: each of them that is a common name or a name of
the page's forms (for the apps, a name found in their source) gets every
hostile value, all together as each role, and one at a time beside a valid search (staff pages);
a name read only once another is sent is found on the way. The markup goes
to every common name and every name of the page's forms too, as a page may
echo what it never reads. A form shown on many pages is posted once per role.

A new app's URLs: add the app to ``APPS`` and build one of each thing its
URLs name in ``AppWorld`` (a method called from ``AppWorld.__init__``, like
``_materials``), putting the ids its routes take into ``self.ids`` under the
app's route prefix, e.g. ``self.ids["incidents/"] = {"pk": report.pk}``. A
route parameter with no id given gets a sample value (and so a 404). Every
form the app defines must then be shown on some page of the walk
(``test_the_sweep_reaches_every_form_of_the_apps``), or be listed in
``NOT_SWEPT`` with the reason.
"""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from django.forms import BaseForm
from django.urls import get_resolver
from django.utils import timezone

from faq.bulk import add_live_page
from faq.models import FaqIndexPage, FaqPage, OpenQuestion
from intranet import dates, notify, roles
from tests.factories import at, faq_home, live_faq, staff_member, working_day
from tests.intranet.query_reads import names_read, query_reads
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


def hostile_queries(client, path, where, values, offered, reads):
    """Each value at once in every query parameter the view at ``path`` reads.

    ``reads`` are the names its plain answer read. The markup also goes to every name
    ``offered`` (the common ones and those of its forms), as a page may echo a parameter it
    never reads. A name the view reads only once another is there is found on the way, and
    gets every value too. Returns the names the view read.
    """
    names = names_read(reads, offered)
    sent = {}

    def wanted(value):
        return names | offered if value == MARKUP else names

    while waiting := [v for v in values if wanted(v) and not wanted(v) <= sent.get(v, set())]:
        for value in waiting:
            sent[value] = wanted(value)
            with query_reads() as reads:
                response = client.get(path, dict.fromkeys(sent[value], value))
            assert_safe(response, f"GET {where} ({value[:20]!r})")
            names |= names_read(reads, offered)
    return names


def sweep(client, user):
    client.force_login(user)
    question = OpenQuestion.objects.create(asker=user, question="質問")
    notify(user, "お知らせ", "/")
    posted = set()
    for where, path in targets(user):
        path = path.replace("/1/", f"/{question.pk}/", 1) if "questions" in path else path
        with query_reads() as reads:
            plain = client.get(path)
        assert_safe(plain, where)
        assert_safe(client.get(path, QUERY_STRING=INVALID_UTF8), f"{where} (invalid UTF-8)")
        forms = forms_of(plain) if plain.status_code == 200 else []
        offered = set(COMMON_PARAMS).union(*(fields for _m, _a, fields in forms))
        hostile_queries(client, path, where, HOSTILE, offered, reads)
        for method, action, fields in forms:
            target = urlparse(action).path or path
            # A form shown on many pages (one of the layout's) is the same request from each.
            if method != "post" or not fields or (target, frozenset(fields)) in posted:
                continue
            posted.add((target, frozenset(fields)))
            for value in HOSTILE:
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
    """One hostile parameter beside valid ones, so the view gets past its form and uses it.

    Each parameter the view reads gets the value alone, a name it reads only once another
    is there too.
    """
    user = staff_member()
    client.force_login(user)
    for where, path in targets(user):
        if where.startswith("admin/"):
            continue
        with query_reads() as reads:
            plain = client.get(path, {"q": "VPN"})
        offered = set(COMMON_PARAMS).union(*(fields for _m, _a, fields in forms_of(plain)))
        waiting, done = names_read(reads, offered) - {"q"}, set()
        while waiting:
            name = min(waiting)
            with query_reads() as reads:
                response = client.get(path, {"q": "VPN", name: value})
            assert_safe(response, f"GET {where} {name}={value[:30]!r}")
            done.add(name)
            waiting = (waiting | names_read(reads, offered)) - done - {"q"}


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
    assert client.get(f"/admin/documents/chooser/chosen/{'9' * 25}/").status_code == 404
    for chooser in ("choose-page", "documents/chooser", "images/chooser"):
        for pk in ("x", "9" * 25, "²"):
            assert client.get(f"/admin/{chooser}/chosen-multiple/?id={pk}").status_code == 404
    chosen = client.get(f"/admin/documents/chooser/chosen/{document.pk}/")
    assert chosen.json()["result"]["title"] == "様式"


# The bulletin board, the bookings and the meeting materials and libraries: every URL, every
# parameter, every form, every field.
#
# The URLconf is walked for every route of the apps, each path filled with an object that
# exists; each is sent hostile values in every query parameter the apps read, and every form
# its page shows is posted back with its own values and one field at a time made hostile. The
# extremes of Python's calendar (year 1, year 9999) must be refused in words, never a 500.

APPS = ("bulletin", "reservations", "materials", "incidents")
APP_PREFIXES = tuple(f"{app}/" for app in APPS)
APP_SOURCES = [Path(__file__).resolve().parents[2] / app for app in APPS]
DATE_EXTREMES = {
    "date": ["9999-12-31", "0001-01-01"],
    "datetime-local": ["9999-12-31T23:59", "0001-01-01T00:00"],
    "month": ["9999-12", "0001-01"],
}
APP_HOSTILE = [
    *(value for values in DATE_EXTREMES.values() for value in values),
    "10000-01-01",
    "2026-02-30",
    "-1",
    "9" * 25,
    "x" * 5000,
    "\x00",
    MARKUP,
]
DATE_NAME = re.compile(r"(^|_)(date|week|month|start|end|from|to|until|at)(_|$)")
READ_PARAMETER = re.compile(
    r"""(?:GET|params)\.get\(\s*["'](\w+)["']|["'](\w+)["']\s+in\s+request\.GET"""
)
# What differs between two renderings of one page whatever the query: tokens, the way back
# here, the seconds left in the session.
VARYING = re.compile(
    r'(csrfmiddlewaretoken" value="|csrf-token="|csrfToken":\s*"|next=|seconds-left=")[^"&]*'
)
# The words of an error or a warning on a page.
ERROR = re.compile(
    r'(?:role="alert"[^>]*>|class="errorlist[^>]*>\s*<li>|message--(?:warning|error)">)'
    r"\s*(?:<p>)?([^<]*)"
)
# Forms of the apps that no page of the walk can show, by dotted name, with the reason.
# (The forms of their admin modules are left to the admin screens' tests.)
NOT_SWEPT = {
    "incidents.views.reporting.AnswerForm": "shown only to whoever posts a report's 照会キー",
}
# Routes whose forms keep what was typed, dates too, without checking them (a draft): the
# dates are refused in words when the report is sent.
DATES_KEPT_AS_TYPED = {"incidents/drafts/<int:pk>/"}


def parameters_the_apps_read():
    """Every name a view of the apps reads from a query string, found in their source."""
    names = set()
    for folder in APP_SOURCES:
        for source in folder.rglob("*.py"):
            for match in READ_PARAMETER.finditer(source.read_text(encoding="utf-8")):
                names.add(match.group(1) or match.group(2))
    return names


APP_ROUTES = [
    (route, pattern)
    for route, pattern in walk(get_resolver().url_patterns)
    if route.startswith(APP_PREFIXES)
]


class FilledForms(HTMLParser):
    """The forms of a page with what they would send: (method, action, {name: (type, value)})."""

    def __init__(self):
        super().__init__()
        self.forms, self._textarea, self._select = [], None, None

    def _field(self, name, kind, value, *, replace=True):
        fields = self.forms[-1][2]
        if replace or name not in fields:
            fields[name] = (kind, value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self.forms.append((attrs.get("method", "get").lower(), attrs.get("action") or "", {}))
        elif not self.forms or tag not in {"input", "textarea", "select", "option"}:
            return
        elif tag == "option" and self._select:
            selected = "selected" in attrs
            if attrs.get("value") and (selected or self._select not in self.forms[-1][2]):
                self._field(self._select, "select", attrs["value"], replace=selected)
        elif not name or name == "csrfmiddlewaretoken":
            return
        elif tag == "textarea":
            self._textarea = name
            self._field(name, "textarea", "")
        elif tag == "select":
            self._select = name
        elif attrs.get("type") in {"checkbox", "radio"}:
            if "checked" in attrs or attrs["type"] == "radio":
                self._field(
                    name, attrs["type"], attrs.get("value", "on"), replace="checked" in attrs
                )
            else:
                self._field(name, attrs["type"], "", replace=False)
        elif attrs.get("type") not in {"submit", "button", "file", "reset"}:
            self._field(name, attrs.get("type", "text"), attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            kind, value = self.forms[-1][2][self._textarea]
            self.forms[-1][2][self._textarea] = (kind, value + data)


def filled_forms(response):
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = FilledForms()
    parser.feed(response.content.decode(errors="replace"))
    return parser.forms


def sensible(name, kind, value):
    """What a person would type into an empty field, so the rest of the form is valid."""
    if value:
        return value
    day = working_day(days_ahead=3)
    return {
        "date": day.isoformat(),
        "datetime-local": f"{day.isoformat()}T10:00",
        "time": "11:00" if "end" in name else "10:00",
        "number": "1",
        "month": f"{day:%Y-%m}",
        "checkbox": "",
    }.get(kind, "確認のための入力です")


def forms_in_context(response):
    """The Django forms a page was rendered with, found among its context's values."""
    found = set()
    for context in response.context or []:
        for layer in getattr(context, "dicts", [context]):
            for value in layer.values() if isinstance(layer, dict) else []:
                items = value if isinstance(value, list | tuple) else [value]
                found.update(type(item) for item in items if isinstance(item, BaseForm))
    return found


def without_tokens(response):
    return VARYING.sub("", response.content.decode(errors="replace"))


def taken(response, absent, value):
    """Whether the page used a query value: it changed beyond echoing it, and said nothing new."""
    if response.status_code != 200 or absent.status_code != 200:
        return False
    if response.streaming or absent.streaming:  # a file, the same whatever the query
        return False
    shown, before = (
        without_tokens(page).replace(value, "").replace(quote(value), "")
        for page in (response, absent)
    )
    return shown != before and set(ERROR.findall(shown)) <= set(ERROR.findall(before))


# A material's addresses; those whose forms differ for a library's document (no agenda item)
# are swept for both kinds.
MATERIAL_PAGES = {"material", "material_edit", "material_replace", "material_privacy", "download"}
BOTH_KINDS = {"material", "material_edit"}


class AppWorld:
    """One of each thing the apps' URLs name, owned by (or open to) the person sweeping."""

    def __init__(self):
        from bulletin.models import Post
        from intranet.models import Department
        from reservations import approval
        from reservations.models import Booking
        from reservations.schedule.services import Repeat
        from tests.bulletin.boards import make_board, make_thread
        from tests.factories import DepartmentFactory, booking, equipment, notice, room, vehicle
        from tests.reservations.schedule_factories import entry

        # Route prefix → {route parameter: id}, for the apps whose ids depend on the prefix only.
        self.ids = {}
        self.department = DepartmentFactory(name="行政管理課", kind=Department.Kind.KA)
        self.user = staff_member(
            roles=[roles.ADMIN_OFFICE, roles.SECTION_HEAD], department=self.department
        )
        self.notice = notice(sender=self.department, requires_confirmation=True)
        board = make_board(moderators=[self.user])
        self.thread = make_thread(board, self.user, posts=2)
        self.post = Post.objects.filter(thread=self.thread).order_by("pk").last()
        day = working_day(days_ahead=2)
        self.room = room(owner=self.department)
        self.booking = booking(self.room, at(day, "10:00"), at(day, "11:00"), user=self.user)
        approved = room("庁議室", owner=self.department, requires_approval=True)
        self.waiting = booking(approved, at(day, "13:00"), at(day, "14:00"))
        car = vehicle(owner=self.department)
        self.drive = booking(car, at(day, "09:00"), at(day, "12:00"), user=self.user)
        begun = timezone.now() - datetime.timedelta(hours=1)
        Booking.objects.filter(pk=self.drive.pk).update(
            starts_at=begun, ends_at=begun + datetime.timedelta(hours=2)
        )
        # A repeating entry: its page opened at one occurrence also shows the scope of a change.
        self.event_day = day
        self.event = entry(
            self.user,
            day,
            repeat=Repeat.WEEKLY,
            weekdays=[day.weekday()],
            until=day + datetime.timedelta(weeks=2),
        )
        # A booking of the sweeper's whose one part its owner rejected: its page asks the
        # booker to book with the rest or cancel.
        council = room("委員会室", owner=self.department, requires_approval=True)
        screen = equipment("大型スクリーン", owner=DepartmentFactory(), requires_approval=True)
        self.rejected = booking(
            [council, screen], at(day, "15:00"), at(day, "16:00"), user=self.user
        )
        approval.decide(self.rejected, self.user, approve=False, reason="点検のため使えません。")
        self._materials()
        self._incidents()

    def _materials(self):
        """A series the sweeper's department runs, a meeting with an agenda item and a material
        on it (with a personal-data finding, so its check shows its form), and a folder holding
        a document of the sweeper's department: every upload and editing form is theirs."""
        from materials.models import AgendaItem, MaterialVersion
        from tests.materials import factories

        self.series = factories.series(secretary=self.department, members=[self.user])
        self.meeting = factories.meeting(self.series, title="第1回")
        item = AgendaItem.objects.create(meeting=self.meeting, number=1, title="予算について")
        self.meeting_material = factories.meeting_material(
            self.meeting, title="議事次第", agenda_item=item, user=self.user
        )
        MaterialVersion.objects.filter(pk=self.meeting_material.current_id).update(
            privacy_findings=[{"kind": "email", "text": "yamada@example.com", "part": "p.1"}]
        )
        self.folder = factories.category("住民票関係")
        self.library_material = factories.library_material(
            self.folder, self.department, title="交付申請書", user=self.user
        )

    def _incidents(self):
        """A report of the sweeper's department, sent by them (with a file) and confirmed up to
        its public version, which the sweeper edits; a published case; a draft of theirs with
        a file: every form is theirs."""
        from incidents import services
        from tests.incidents import factories

        self.incident_report = factories.submitted_report(
            user=self.user, attachments=[("経緯.txt", "封入の経緯")]
        )[0]
        services.confirm_as_head(self.incident_report, self.user)
        services.confirm_as_office(self.incident_report, self.user)
        published = factories.published_case(department=self.department)
        self.incident_draft = services.save_draft(self.user, {"title": "下書き"})
        factories.attach(self.incident_draft, self.user, "メモ.txt", "封入の手順")
        self.ids.update(
            {
                "incidents/drafts/": {"pk": self.incident_draft.pk},
                "incidents/reports/": {"pk": self.incident_report.pk},
                "incidents/cases/": {"pk": published.pk},
                "incidents/files/": {"pk": self.incident_report.attachments.get().pk},
            }
        )

    def paths(self, route, pattern):
        """The paths to sweep for a route: a material's for a meeting's, and a library's too."""
        if route.startswith("materials/") and pattern.name in MATERIAL_PAGES:
            kinds = [self.meeting_material]
            if pattern.name in BOTH_KINDS:
                kinds.append(self.library_material)
            return [
                self._filled(
                    route, {"pk": material.current_id if "files/" in route else material.pk}
                )
                for material in kinds
            ]
        if pattern.name == "event":
            page = self.path(route, pattern)
            return [page, f"{page}?date={self.event_day:%Y-%m-%d}"]
        return [self.path(route, pattern)]

    def path(self, route, pattern):
        """The route with real ids of the world in place of its parameters."""
        by_name = {
            "decide": self.waiting.pk,
            "booking": self.rejected.pk,
            "return_vehicle": self.drive.pk,
            "department_schedule": self.department.pk,
            "event": self.event.pk,
            "resource": self.room.pk,
            "resource_month": self.room.pk,
        }
        by_parameter = {
            "slug": self.thread.board.slug,
            "thread_pk": self.thread.pk,
            "attachment_id": 1,
            "secret": "sample",
            "category": "sample",
        }
        given = [ids for prefix, ids in self.ids.items() if route.startswith(prefix)]
        if given:
            by_parameter.update(given[0])
        elif route.startswith("materials/"):
            by_parameter["pk"] = (
                self.series.pk
                if "series/" in route
                else self.meeting.pk
                if "meetings/" in route
                else self.folder.pk
            )
        elif route.startswith("bulletin/conference/"):
            by_parameter["pk"] = self.post.pk if "posts/" in route else self.thread.pk
        elif route.startswith("bulletin/"):
            by_parameter["pk"] = self.notice.pk
        else:
            by_parameter["pk"] = by_name.get(pattern.name, self.booking.pk)
        return self._filled(route, by_parameter)

    @staticmethod
    def _filled(route, by_parameter):
        def value(match):
            converter, name = match.group(1) or "str", match.group(2)
            return str(by_parameter.get(name, "1" if converter == "int" else "sample"))

        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


@pytest.fixture(scope="module")
def app_world(django_db_setup, django_db_blocker):
    """The world, built once for the module inside a transaction rolled back at its end."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield AppWorld()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def rolled_back(send, *args):
    """One request whose writes are undone, so each value meets the same world."""
    from django.db import transaction

    with transaction.atomic():
        response = send(*args)
        transaction.set_rollback(True)
    return response


def assert_date_refused(response, where):
    text = response.content.decode(errors="replace")
    assert dates.bounds_message() in text, f"{where} does not say which dates it takes"


@pytest.mark.parametrize(("route", "pattern"), APP_ROUTES, ids=[route for route, _ in APP_ROUTES])
def test_every_url_and_form_of_the_apps_survives_hostile_input(client, app_world, route, pattern):
    client.force_login(app_world.user)
    for path in app_world.paths(route, pattern):
        sweep_app_path(client, route, path)


def sweep_app_path(client, route, path):
    """Hostile values in every query parameter of ``path`` and every field of its forms."""
    with query_reads() as reads:
        plain = client.get(path)
    assert_safe(plain, route)
    forms = filled_forms(plain) if plain.status_code == 200 else []
    offered = parameters_the_apps_read().union(
        *(fields for method, _a, fields in forms if method == "get")
    )
    names = hostile_queries(client, path, route, APP_HOSTILE, offered, reads)
    # A date of a shape the view takes (it changes the page without an error) is refused in
    # words at the extremes.
    for name in sorted(filter(DATE_NAME.search, names)):
        client.get(path, {name: ""})  # shows (and so clears) what earlier requests left to say
        absent = client.get(path, {name: ""})
        for kind, extremes in DATE_EXTREMES.items():
            value = sensible(name, kind, "")
            usual = client.get(path, {name: value})
            assert_safe(usual, f"GET {route}?{name}={value}")
            if not taken(usual, absent, value):
                continue
            for value in extremes:
                where = f"GET {route}?{name}={value}"
                asked = client.get(path, {name: value})
                assert_safe(asked, where)
                assert_date_refused(asked, where)
    for method, action, fields in forms:
        if method != "post" or not fields:
            continue
        target = urlparse(action).path or path
        valid = {name: sensible(name, kind, value) for name, (kind, value) in fields.items()}
        for name, (kind, _value) in fields.items():
            for value in APP_HOSTILE:
                where = f"POST {target} {name}={value[:20]!r}"
                response = rolled_back(client.post, target, {**valid, name: value})
                assert_safe(response, where)
                if value in DATE_EXTREMES.get(kind, ()) and route not in DATES_KEPT_AS_TYPED:
                    assert_date_refused(response, where)


def form_classes_of_the_apps():
    """Every form class the apps define, but the bases others build on and the admin's."""
    import importlib
    import pkgutil

    found = set()
    for package in APPS:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if ".migrations" in info.name or info.name.endswith("admin"):
                continue
            for value in vars(importlib.import_module(info.name)).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, BaseForm)
                    and value.__module__ == info.name
                ):
                    found.add(value)
    return {form for form in found if not any(issubclass(other, form) for other in found - {form})}


def test_the_sweep_reaches_every_form_of_the_apps(client, app_world, monkeypatch):
    """A form added later is swept the moment a page shows it; one no page shows fails here.

    Every form a request of the walk builds counts: the pages' own, and those a view builds
    only from what one of its pages posts.
    """
    built = set()
    build = BaseForm.__init__

    def recording(form, *args, **kwargs):
        built.add(type(form))
        build(form, *args, **kwargs)

    monkeypatch.setattr(BaseForm, "__init__", recording)
    client.force_login(app_world.user)
    for route, pattern in APP_ROUTES:
        for path in app_world.paths(route, pattern):
            page = client.get(path)
            for method, action, fields in filled_forms(page) if page.status_code == 200 else []:
                if method == "post":
                    data = {
                        name: sensible(name, kind, value) for name, (kind, value) in fields.items()
                    }
                    rolled_back(client.post, urlparse(action).path or path, data)
                    client.force_login(app_world.user)
    missing = form_classes_of_the_apps() - built
    missing = {form for form in missing if f"{form.__module__}.{form.__name__}" not in NOT_SWEPT}
    assert not missing, sorted(f"{form.__module__}.{form.__name__}" for form in missing)
