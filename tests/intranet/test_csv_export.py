"""Every CSV the intranet writes opens in Excel as text: no cell runs as a formula."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from faq.models import FaqPage
from intranet import csv_export, roles
from tests.factories import faq_home, live_faq, staff_member

ROOT = Path(__file__).resolve().parents[2]
APPS = ["intranet", "faq", "bulletin", "reservations", "incidents", "materials", "search"]
HOSTILE = ["=1+1", "+81-3-0000", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", '＝HYPERLINK("x")']


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_cell_gets_an_apostrophe_and_comes_back_unchanged(value):
    escaped = csv_export.escape_cell(value)
    assert escaped == "'" + value
    assert csv_export.unescape_cell(escaped) == value


@pytest.mark.parametrize("value", ["ふつうの文字列", "1+1=2", "'quoted", "", 42, None])
def test_other_cells_are_left_alone(value):
    assert csv_export.escape_cell(value) == value


def test_the_writer_writes_a_bom_and_escapes_every_row():
    out = io.StringIO()
    writer = csv_export.writer(out)
    writer.writerows([["=cmd|' /C calc'!A0", 3], ["安全", "-1"]])
    assert out.getvalue().startswith(csv_export.BOM)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip(csv_export.BOM))))
    assert rows == [["'=cmd|' /C calc'!A0", "3"], ["安全", "'-1"]]


def test_no_app_writes_csv_without_the_helper():
    """Walk the apps' source: csv.writer and DictWriter appear only in intranet/csv_export.py."""
    pattern = re.compile(r"csv\.(writer|DictWriter)\(")
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if path.name != "csv_export.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_the_open_data_csv_escapes_a_formula_in_a_question(client):
    live_faq(
        faq_home(),
        '=HYPERLINK("http://example.com","開く")',
        answer="@SUM(A1:A9)",
        audience=FaqPage.Audience.PUBLIC,
    )
    client.force_login(staff_member())
    content = client.get(reverse("faq:export_csv")).content.decode("utf-8")
    row = next(csv.DictReader(io.StringIO(content.lstrip(csv_export.BOM))))
    assert row["question"] == '\'=HYPERLINK("http://example.com","開く")'
    assert row["answer"] == "'@SUM(A1:A9)"


@pytest.mark.django_db
def test_the_search_report_csv_escapes_what_staff_typed(client):
    searcher = staff_member()
    client.force_login(searcher)
    client.get(reverse("search:results"), {"q": "=cmd|'/C calc'!A0"})
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    for report in ("top", "zero"):
        content = client.get(reverse("search_report_csv", args=[report])).content.decode()
        cells = [row[0] for row in csv.reader(io.StringIO(content.lstrip(csv_export.BOM)))]
        assert cells[1:] == ["'=cmd|'/c calc'!a0"], report
