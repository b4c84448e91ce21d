"""Japanese everywhere: a complete catalogue, and dates like 2026年11月26日(木) 14:00."""

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.template import Context, Template

from tests.conftest import require_server

BASE_DIR = Path(__file__).resolve().parents[2]
CATALOGUE = BASE_DIR / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def project_source_dirs():
    """The project's own apps (not Wagtail's or Django's) and the project templates."""
    from django.apps import apps

    own = [
        Path(config.path).name
        for config in apps.get_app_configs()
        if Path(config.path).parent == BASE_DIR
    ]
    return [*own, "templates"]


def untranslated(po):
    return [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and ("fuzzy" in entry.flags or not (entry.msgstr or any(entry.msgstr_plural.values())))
    ]


def test_every_catalogue_entry_is_translated():
    assert untranslated(polib.pofile(str(CATALOGUE))) == []


def test_the_catalogue_covers_every_string_in_the_code(tmp_path):
    """Extract the strings afresh (makemessages) into a copy and compare with the catalogue."""
    if shutil.which("xgettext") is None:
        require_server("GNU gettext (xgettext) is needed to extract messages")
    for name in project_source_dirs():
        shutil.copytree(BASE_DIR / name, tmp_path / name, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(BASE_DIR / "manage.py", tmp_path)
    (tmp_path / "locale" / "ja" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(CATALOGUE, tmp_path / "locale" / "ja" / "LC_MESSAGES")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "ja", "--no-location"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"DJANGO_SETTINGS_MODULE": "intranet.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(tmp_path / "locale" / "ja" / "LC_MESSAGES" / "django.po"))
    assert untranslated(fresh) == [], "run scripts/update-messages and translate the new strings"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ('{{ value|date:"DATETIME_FORMAT" }}', "2026年11月26日(木) 14:00"),
        ('{{ value|date:"DATE_FORMAT" }}', "2026年11月26日(木)"),
        ("{{ value }}", "2026年11月26日(木) 14:00"),
    ],
)
def test_dates_read_the_japanese_way(template, expected):
    value = datetime.datetime(2026, 11, 26, 5, 0, tzinfo=datetime.UTC)  # 14:00 in Tokyo
    assert Template(template).render(Context({"value": value})) == expected


@pytest.mark.django_db
def test_the_projects_catalogue_does_not_relabel_wagtails_menu(client):
    """「ページ」 stays Wagtail's word in the admin; the intranet's own pager says ページ送り."""
    from intranet import roles
    from tests.factories import staff_member

    client.force_login(staff_member(roles=[roles.IT_DESK]))
    body = client.get("/admin/").content.decode()
    assert "ページ送り" not in body
    assert "氏名" not in body
