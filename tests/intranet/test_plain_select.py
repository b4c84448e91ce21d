"""``PlainSelect`` writes the HTML of Django's select templates, without a template per option."""

import pytest
from django import forms
from django.test.signals import template_rendered

from intranet.forms import department_filter_field
from intranet.models import Department
from intranet.plain_select import PlainSelect
from search.forms import SearchForm
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

CHOICES = [
    ("", "---------"),
    ("a&b", 'Tom & "Jerry" <b>'),
    ("2", "総務部 情報政策課"),
    ("部署", [("3", "市民課"), ("4", "税務課 <i>")]),
    (5, "数の値"),
]


@pytest.mark.parametrize("value", [None, "", "a&b", "3", 5])
def test_the_same_html_as_the_templates(value):
    attrs = {"id": "id_x", "required": True, "disabled": False, "data-note": "<&>"}
    mine = PlainSelect(choices=CHOICES, attrs={"class": "wide"}).render("x", value, attrs=attrs)
    django = forms.Select(choices=CHOICES, attrs={"class": "wide"}).render("x", value, attrs=attrs)
    assert mine == django
    assert "選んでください…" in mine


@pytest.fixture
def departments():
    bu = DepartmentFactory(kind=Department.Kind.BU, name="総務部")
    made = [bu, DepartmentFactory(parent=bu, name="情報政策課")]
    made += [DepartmentFactory(name=f"課{number} & <係>") for number in range(12)]
    return made


def test_the_department_filter_writes_what_the_templates_wrote(departments):
    chosen = departments[1]
    form = SearchForm({"q": "会議", "department": str(chosen.pk)})
    assert form.is_valid()
    assert isinstance(form.fields["department"].widget, PlainSelect)
    field = form["department"]
    attrs = field.build_widget_attrs({"id": field.auto_id})
    templates = forms.Select(choices=field.field.choices)
    expected = templates.render(field.html_name, field.value(), attrs)
    assert str(field) == expected
    assert f'<option value="{chosen.pk}" selected>総務部 情報政策課</option>' in expected


def test_the_department_filter_renders_no_template_per_department(departments):
    form = SearchForm({"q": "会議"})
    form.is_valid()
    names = []

    def seen(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(seen)
    try:
        html = str(form["department"])
    finally:
        template_rendered.disconnect(seen)
    assert html.count("<option") == len(departments) + 1
    assert not [name for name in names if name and "select_option" in name]


def test_the_filter_field_offers_every_department(departments):
    field = department_filter_field()
    assert len(list(field.choices)) == len(departments) + 1
