"""The project's admin forms speak plainly: a Japanese title on the create view (no
「New: …」), 「選択してください」 in selects (no 「---------」), no slug to type, date
pickers on dates, and Wagtail's unsaved-edits bar in Japanese."""

import pytest
from django import forms
from django.urls import get_resolver, reverse
from django.utils import translation
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("intranet", "faq", "bulletin", "reservations", "incidents", "materials", "search")


def project_viewsets():
    assert get_resolver().url_patterns  # loading the admin's URLs registers its viewsets
    return [
        viewset
        for viewset in viewsets.viewsets
        if isinstance(viewset, ModelViewSet)
        and viewset.model._meta.app_label in PROJECT_APPS
        and getattr(viewset, "add_view_class", None)
    ]


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture(params=project_viewsets(), ids=lambda viewset: viewset.name)
def viewset(request):
    return request.param


def test_the_create_view_has_a_japanese_title_and_no_dashes(admin_client, viewset):
    response = admin_client.get(reverse(viewset.get_url_name("add")))
    assert response.status_code == 200
    body = response.content.decode()
    assert "New:" not in body
    assert "新規:" not in body
    assert "新規作成: " not in body  # the page's title and heading: 「新規作成：設備」
    assert "---------" not in body
    assert f"{viewset.model._meta.verbose_name}を追加" in body


def test_date_fields_in_the_admin_forms_use_wagtails_date_pickers(viewset):
    form_class = viewset.get_form_class()
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.DateTimeField):
            assert isinstance(field.widget, AdminDateTimeInput), name
        elif isinstance(field, forms.DateField):
            assert isinstance(field.widget, AdminDateInput), name


def test_the_blackout_form_picks_its_dates_with_wagtails_date_picker(admin_client):
    body = admin_client.get(reverse("reservation_blackouts:add")).content.decode()
    assert 'initDateTimeChooser("id_starts_at"' in body
    assert 'initDateTimeChooser("id_ends_at"' in body


def test_no_admin_form_asks_for_a_slug(viewset):
    assert "slug" not in viewset.get_form_class().base_fields


@pytest.mark.parametrize(
    ("url", "data", "model_path"),
    [
        (
            "notice_categories:add",
            {"name": "人事・研修", "description": "", "sort_order": "0"},
            "bulletin.models.NoticeCategory",
        ),
        (
            "conference_boards:add",
            {
                "name": "庁内改善提案",
                "purpose": "業務改善の提案を話し合う場です。",
                "all_staff": "on",
                "anonymity": "named",
                "edit_window_minutes": "30",
                "retention_months": "6",
                "sort_order": "0",
            },
            "bulletin.models.Board",
        ),
    ],
)
def test_adding_without_a_slug_gives_a_unique_ascii_one(admin_client, url, data, model_path):
    from django.utils.module_loading import import_string

    model = import_string(model_path)
    response = admin_client.post(reverse(url), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    first = model.objects.get(name=data["name"])
    assert first.slug.isascii() and first.slug
    admin_client.post(reverse(url), {**data, "name": data["name"] + "（2）"})
    second = model.objects.get(name=data["name"] + "（2）")
    assert second.slug.isascii() and second.slug != first.slug


def test_a_slug_once_given_is_kept_on_rename():
    from bulletin.models import NoticeCategory

    category = NoticeCategory.objects.create(name="研修")
    slug = category.slug
    category.name = "研修・講座"
    category.save()
    category.refresh_from_db()
    assert category.slug == slug


def test_wagtails_unsaved_edits_bar_speaks_japanese():
    from django.template.loader import render_to_string

    with translation.override("ja"):
        html = render_to_string("wagtailadmin/shared/unsaved_changes_warning.html")
    assert "unsaved edits" not in html
    assert "Save your changes before leaving" not in html


def test_a_blank_choice_reads_choose_in_every_form():
    from intranet.models import Department

    class Form(forms.Form):
        department = forms.ModelChoiceField(queryset=Department.objects.all())
        kind = forms.TypedChoiceField(choices=[("", "---------"), ("a", "A")], required=False)
        named = forms.ModelChoiceField(
            queryset=Department.objects.all(), empty_label="すべての所属"
        )

    with translation.override("ja"):
        html = str(Form())
    assert "---------" not in html
    assert html.count('<option value="" selected>選んでください…</option>') == 2
    assert '<option value="" selected>すべての所属</option>' in html


def test_the_near_miss_report_form_has_no_dashes(client):
    from tests.factories import DepartmentFactory
    from tests.incidents import factories

    client.force_login(factories.reporter(DepartmentFactory(name="税務課")))
    body = client.get(reverse("incidents:report_new"), follow=True).content.decode()
    assert "<select" in body
    assert "---------" not in body
