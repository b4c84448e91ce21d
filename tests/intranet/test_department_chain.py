"""A user's department and those above it, as every page's notice count and banners ask them."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.models import Department, department_chain
from tests.factories import DepartmentFactory, staff_member

pytestmark = pytest.mark.django_db


def test_the_department_chain_comes_with_the_staff_profile_in_one_query():
    """The header's notice count and banners ask it on every page."""
    bu = DepartmentFactory(name="総務部", kind=Department.Kind.BU)
    ka = DepartmentFactory(name="総務課", parent=bu)
    user = get_user_model().objects.get(pk=staff_member(department=ka).pk)
    with CaptureQueriesContext(connection) as queries:
        assert department_chain(user) == [ka.pk, bu.pk]
        assert user.staff_profile.department == ka
    assert len(queries) == 1
    deeper = DepartmentFactory(name="庶務係", parent=ka)
    user = get_user_model().objects.get(pk=staff_member(department=deeper).pk)
    assert department_chain(user) == [deeper.pk, ka.pk, bu.pk]
