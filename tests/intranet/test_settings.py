"""Production settings pass Django's deployment checks; sessions expire when idle."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

BASE_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="intranet.settings.production",
        SECRET_KEY="k" * 20 + "-production-secret-with-enough-entropy-0123456789",
        ALLOWED_HOSTS="intranet.city.example.lg.jp",
        DATABASE_URL="postgres://intranet@db.internal/intranet",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_manage("check", "--deploy", DJANGO_SETTINGS_MODULE="intranet.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY が設定されていません" in result.stderr


def test_database_url_selects_postgresql():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        DJANGO_SETTINGS_MODULE="intranet.settings.dev",
        DATABASE_URL="postgres://intranet:pw@db.internal:5432/intranet",
    )
    assert result.stdout.strip().endswith("django.db.backends.postgresql"), result.stderr


def test_session_idle_timeout_comes_from_the_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)",
        DJANGO_SETTINGS_MODULE="intranet.settings.dev",
        SESSION_IDLE_MINUTES="15",
    )
    assert result.stdout.strip().splitlines()[-1] == "900", result.stderr


def test_the_idle_warning_comes_from_the_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SESSION_WARNING_SECONDS)",
        DJANGO_SETTINGS_MODULE="intranet.settings.dev",
        SESSION_WARNING_SECONDS="300",
    )
    assert result.stdout.strip().splitlines()[-1] == "300", result.stderr


@pytest.mark.django_db
def test_an_idle_session_expires_and_sends_the_user_to_login(staff_client):
    assert staff_client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = staff_client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_request_renews_the_session_deadline_once_the_last_renewal_is_old(staff_client, settings):
    staff_client.get("/")
    first = Session.objects.get().expire_date
    Session.objects.update(expire_date=first - timedelta(minutes=30))
    settings.SESSION_RENEW_SECONDS = 0
    staff_client.get("/")
    assert Session.objects.get().expire_date >= first


@pytest.mark.django_db
def test_page_views_within_a_minute_do_not_rewrite_the_session(staff_client):
    staff_client.get("/")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert staff_client.get("/").status_code == 200
    writes = [
        q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]
    ]
    assert writes == []
