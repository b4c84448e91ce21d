"""The suite runs on the database the harness asked for, so the PostgreSQL run is real."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_tests_run_on_the_expected_database():
    expected = os.environ.get("EXPECT_DATABASE_VENDOR", "sqlite")
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
