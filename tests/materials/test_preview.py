"""The first rows of a statistics table on its page: CSV in either encoding, XLSX, and files
that are not what they say (no preview, never an error)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from openpyxl import Workbook

from materials import preview
from materials.models import Library
from tests.factories import DepartmentFactory
from tests.materials import factories

pytestmark = pytest.mark.django_db

POPULATION = "地区,人口,世帯数\r\n本町,1200,540\r\n錦町,980,410\r\n"


@pytest.fixture
def folder():
    return factories.category("人口統計", library=Library.REFERENCE), DepartmentFactory()


def version_of(folder, name, data):
    category, department = folder
    upload = SimpleUploadedFile(name, data)
    return factories.library_material(category, department, title=name, upload=upload).current


def spoiled(version, data):
    """``version`` with its stored file overwritten by ``data`` (damaged after the checks)."""
    stored = version.document.file
    stored.storage.delete(stored.name)
    assert stored.storage.save(stored.name, ContentFile(data)) == stored.name
    return version


def xlsx_bytes(sheets):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        POPULATION.encode("cp932"),
        POPULATION.encode("utf-8"),
        POPULATION.encode("utf-8-sig"),
        POPULATION.encode("utf-16"),
    ],
    ids=["cp932", "utf-8", "utf-8-bom", "utf-16"],
)
def test_a_csv_is_read_in_its_encoding(folder, data):
    table = preview.preview_for(version_of(folder, "人口.csv", data))
    assert table.headers == ("地区", "人口", "世帯数")
    assert table.rows == (("本町", "1200", "540"), ("錦町", "980", "410"))


def test_only_the_first_rows_and_columns_are_shown(folder):
    wide = ",".join(f"列{n}" for n in range(40))
    data = "\r\n".join([wide] + [",".join(["長い" * 60] * 40)] * 15).encode("cp932")
    table = preview.preview_for(version_of(folder, "広い表.csv", data), rows=10).first
    assert len(table.rows) == 10 and table.more_rows
    assert len(table.headers) == preview.MAX_COLUMNS and table.more_columns
    assert len(table.rows[0][0]) == preview.MAX_CELL


def test_a_csv_longer_than_what_is_read_says_there_is_more(folder):
    data = "\r\n".join(["地区,人口"] + ["本町,1200"] * 40_000).encode("cp932")
    assert len(data) > preview.CSV_BYTES
    table = preview.preview_for(version_of(folder, "長い表.csv", data)).first
    assert len(table.rows) == 20 and table.more_rows


def test_an_xlsx_shows_the_first_rows_of_each_sheet(folder):
    data = xlsx_bytes(
        {
            "令和5年": [["地区", "人口"], ["本町", 1200], ["錦町", None]],
            "令和6年": [["地区", "人口"], ["本町", 1180]],
        }
    )
    shown = preview.preview_for(version_of(folder, "人口.xlsx", data))
    assert [table.name for table in shown.tables] == ["令和5年", "令和6年"]
    assert shown.name == "令和5年"
    assert shown.rows == (("本町", "1200"), ("錦町", ""))


def test_a_broken_xlsx_has_no_preview(folder, caplog):
    good = version_of(folder, "壊れた表.xlsx", xlsx_bytes({"表": [["地区"]]}))
    version = spoiled(good, b"PK\x03\x04 this is not a workbook")
    assert preview.preview_for(version) is None
    assert "No preview" in caplog.text


def test_an_undecodable_csv_has_no_preview(folder):
    version = spoiled(version_of(folder, "表.csv", POPULATION.encode()), b"\x81\xff\xfe" * 50)
    assert preview.preview_for(version) is None


def test_a_text_file_has_no_preview(folder):
    assert preview.preview_for(version_of(folder, "メモ.txt", "本文".encode())) is None


def test_the_preview_is_an_accessible_table(folder):
    shown = preview.preview_for(
        version_of(folder, "人口.xlsx", xlsx_bytes({"令和6年": [["地区", "人口"], ["本町", 1180]]}))
    )
    html = render_to_string("materials/includes/preview.html", {"preview": shown})
    assert "<caption" in html and "令和6年" in html
    assert '<th scope="col">地区</th>' in html
    assert '<th scope="row">本町</th>' in html
    assert 'role="region" tabindex="0"' in html  # scrolls sideways, by keyboard too


def test_nothing_is_rendered_without_a_preview():
    assert render_to_string("materials/includes/preview.html", {"preview": None}).strip() == ""
