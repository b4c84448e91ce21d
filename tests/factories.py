"""Factories for the organisation: departments, users with roles, staff profiles."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from intranet.models import Department, StaffProfile
from intranet.roles import STAFF

PASSWORD = "correct-horse-battery-staple"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"D{n:04d}")
    name = factory.Sequence(lambda n: f"第{n}課")
    kind = Department.Kind.KA
    extension_from = factory.Sequence(lambda n: 7000 + n * 10)
    extension_to = factory.LazyAttribute(lambda d: d.extension_from + 9)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """``UserFactory(roles=["所属長"])``; every user is also 一般職員."""
        names = {STAFF, *(extracted or [])}
        self.save()
        self.groups.set(Group.objects.filter(name__in=names))


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    staff_number = factory.Sequence(lambda n: f"T{n:05d}")
    full_name = "山田 太郎"
    full_name_kana = "やまだ たろう"
    department = factory.SubFactory(DepartmentFactory)
    extension = factory.Sequence(lambda n: str(8000 + n))
    job_title = "主事"


def staff_member(roles=(), **profile_fields):
    """A user with a staff profile and the given roles."""
    user = UserFactory(roles=list(roles))
    StaffProfileFactory(user=user, **profile_fields)
    return user


def faq_home(title="よくある質問", slug="faq"):
    """A live FAQ home under the intranet's home page."""
    from faq.bulk import add_live_page
    from faq.models import FaqIndexPage
    from intranet.models import HomePage

    return add_live_page(HomePage.objects.get(), FaqIndexPage(title=title, slug=slug))


def live_faq(parent, title, answer="回答です。", tags=(), **fields):
    """A live FAQ page with one paragraph of answer (escaped), added as an import adds it."""
    from django.utils.html import escape
    from wagtail.rich_text import RichText

    from faq.bulk import add_live_page
    from faq.csv_import import slug_for
    from faq.models import FaqPage

    page = FaqPage(
        title=title,
        slug=fields.pop("slug", slug_for(title)),
        answer=[("paragraph", RichText(f"<p>{escape(answer)}</p>"))],
        **fields,
    )
    page.tags.set(list(tags))
    return add_live_page(parent, page)


def public_faq_draft(parent, title, answer):
    """A saved, unpublished FAQ page marked 公開可, with one paragraph of answer (escaped)."""
    from django.utils.html import escape
    from wagtail.rich_text import RichText

    from faq.csv_import import slug_for
    from faq.models import FaqPage

    page = FaqPage(
        title=title,
        slug=slug_for(title),
        answer=[("paragraph", RichText(f"<p>{escape(answer)}</p>"))],
        audience=FaqPage.Audience.PUBLIC,
        live=False,
    )
    parent.add_child(instance=page)
    page.save_revision()
    return page


def faq_edit_form(page, action, paragraphs, audience="staff"):
    """The POST data of Wagtail's FAQ editor, as a press of ``action`` would send it."""
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "answer": streamfield([("paragraph", rich_text(text)) for text in paragraphs]),
            "keywords": "",
            "tags": "",
            "related_faqs": inline_formset([]),
            "audience": audience,
            "review_interval_days": "365",
            "last_reviewed_on": "",
            "reviewer": "",
        }
    )
    data[action] = "1"
    return data


def notice_category(slug="zencho", name="全庁通知"):
    from bulletin.models import NoticeCategory

    return NoticeCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def notice(title="庁舎停電のお知らせ", audience=(), include_sections=True, **fields):
    """A notice sent now to all staff, or to the ``audience`` departments (their sections too)."""
    from bulletin.models import Notice
    from bulletin.publishing import set_audience

    sent = Notice.objects.create(
        title=title,
        body=fields.pop("body", "<p>本日15時から停電します。</p>"),
        category=fields.pop("category", None) or notice_category(),
        sender=fields.pop("sender", None) or DepartmentFactory(name="管財課"),
        audience_all=not audience,
        **fields,
    )
    if audience:
        set_audience(sent, audience, include_sections)
    return sent


def working_day(days_ahead=1):
    """The first weekday at least ``days_ahead`` days from today that is not a holiday."""
    import datetime

    from django.utils import timezone

    from reservations.closed_days import is_closed_day

    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while day.weekday() >= 5 or is_closed_day(day):
        day += datetime.timedelta(days=1)
    return day


def open_weeks(days_ahead=1, weeks=4):
    """A working day at least ``days_ahead`` away whose next ``weeks`` weekly repeats are open.

    Where a weekly series starts in a test: none of its days a holiday or in
    the year-end closure, whatever today is.
    """
    import datetime

    from django.utils import timezone

    from reservations.closed_days import is_closed_day

    day = working_day(days_ahead)
    while any(is_closed_day(day + datetime.timedelta(weeks=n)) for n in range(weeks)):
        day = working_day((day - timezone.localdate()).days + 1)
    return day


def at(day, hour_minute):
    """An aware Asia/Tokyo datetime: ``at(working_day(), "10:30")``."""
    import datetime

    from django.utils import timezone

    hour, minute = (int(part) for part in hour_minute.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def resource_group(building="本庁舎", floor="3階"):
    """A floor inside a building, both made when missing."""
    from reservations.models import ResourceGroup

    top = ResourceGroup.objects.get_or_create(name=building, parent=None)[0]
    return ResourceGroup.objects.get_or_create(name=floor, parent=top)[0]


def room(name="第1会議室", capacity=12, features=(), **fields):
    """An active meeting room owned by a section (made when not given), bookable 8:00–21:00."""
    from reservations.models import Feature, Resource

    fields.setdefault("group", resource_group())
    fields.setdefault("owner", fields.get("owner") or DepartmentFactory(name="管財課"))
    created = Resource.objects.create(
        name=name, kind=Resource.Kind.ROOM, capacity=capacity, **fields
    )
    created.features.set(Feature.objects.get_or_create(name=name)[0] for name in features)
    return created


def equipment(name="プロジェクター1号", **fields):
    from reservations.models import Resource

    fields.setdefault("owner", DepartmentFactory(name="情報政策課"))
    return Resource.objects.create(name=name, kind=Resource.Kind.EQUIPMENT, **fields)


def vehicle(name="公用車 なにわ500 あ 12-34", **fields):
    from reservations.models import Resource

    fields.setdefault("owner", DepartmentFactory(name="管財課"))
    return Resource.objects.create(name=name, kind=Resource.Kind.VEHICLE, capacity=5, **fields)


def booking(resources, start, end, user=None, title="庁内調整会議", **fields):
    """A booking made through the service, so every rule holds; raises BookingRefused."""
    from reservations.services import BookingDraft, book

    if not isinstance(resources, list | tuple):
        resources = [resources]
    user = user or staff_member()
    draft = BookingDraft(
        user=user,
        resources=list(resources),
        title=title,
        department=fields.pop("department", None) or user.staff_profile.department,
        **fields,
    )
    return book(draft, start, end)
