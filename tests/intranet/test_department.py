"""Departments form a tree with extension ranges; bad edits are explained in Japanese."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def validation_message(department):
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        department.full_clean()
    return str(error.value)


def test_an_inverted_extension_range_is_refused():
    department = DepartmentFactory.build(extension_from=3050, extension_to=3000)
    assert "内線番号（終了）は内線番号（開始）以上にしてください" in validation_message(department)


def test_a_department_cannot_be_moved_below_itself():
    bu = DepartmentFactory(kind="bu")
    bu.parent = DepartmentFactory(parent=bu)
    assert "下位の部署の下に置くことはできません" in validation_message(bu)


def test_descendants_and_membership_follow_the_tree():
    bu = DepartmentFactory(kind="bu")
    section = DepartmentFactory(parent=bu)
    other = DepartmentFactory()
    assert set(bu.descendant_ids()) == {bu.pk, section.pk}
    assert section.is_within(bu)
    assert not other.is_within(bu)


def test_a_section_is_named_with_its_department():
    bu = DepartmentFactory(name="総務部", kind="bu")
    assert str(DepartmentFactory(name="人事課", parent=bu)) == "総務部 人事課"
