"""``manage.py privacy_scan [--json] FILE|-``: findings by line, as text or JSON; exit status 0."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

TEXTS = (
    "第3回委員会の議事録です。\n"
    "申請者の携帯 090-3412-7788、個人番号 9458 0730 2153\r\n"
    "内線 2345 へどうぞ。\n"
    "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"
)
EXPECTED = [
    {"line": 2, "kind": "phone", "start": 7, "end": 20, "text": "090-3412-7788"},
    {"line": 2, "kind": "my_number", "start": 26, "end": 40, "text": "9458 0730 2153"},
    {"line": 4, "kind": "email", "start": 0, "end": 15, "text": "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"},
]


@pytest.fixture
def texts_file(tmp_path):
    path = tmp_path / "texts.txt"
    path.write_bytes(TEXTS.encode("utf-8"))
    return path


def run(*args, stdin=None):
    out = io.StringIO()
    call_command("privacy_scan", *args, stdout=out, stdin=stdin)
    return out.getvalue()


def test_json_lists_every_finding_with_exactly_its_line_kind_offsets_and_text(texts_file):
    assert json.loads(run("--json", str(texts_file))) == EXPECTED


def test_plain_output_prints_one_finding_a_line(texts_file):
    assert run(str(texts_file)).splitlines() == [
        "2\tphone\t7\t20\t090-3412-7788",
        "2\tmy_number\t26\t40\t9458 0730 2153",
        "4\temail\t0\t15\tｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ",
    ]


def test_a_dash_reads_standard_input():
    assert json.loads(run("--json", "-", stdin=io.StringIO(TEXTS))) == EXPECTED


def test_nothing_found_prints_an_empty_json_list(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("内線 2345 へどうぞ。\n", encoding="utf-8")
    assert json.loads(run("--json", str(path))) == []
    assert run(str(path)) == ""


@pytest.mark.parametrize("found", [True, False])
def test_exit_status_is_0_whether_or_not_something_is_found(found):
    text = "電話 0721-53-1111\n" if found else "内線 2345\n"
    result = subprocess.run(
        [sys.executable, "manage.py", "privacy_scan", "--json", "-"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert bool(json.loads(result.stdout)) is found


def test_a_missing_file_is_explained_in_japanese(tmp_path):
    with pytest.raises(CommandError, match="が見つかりません"):
        run(str(tmp_path / "none.txt"))


def test_a_file_that_is_not_utf8_is_explained_in_japanese(tmp_path):
    path = tmp_path / "sjis.txt"
    path.write_bytes("電話 0721-53-1111".encode("cp932"))
    with pytest.raises(CommandError, match="UTF-8 として読めません"):
        run(str(path))


def test_offsets_of_the_first_line_do_not_count_a_byte_order_mark(tmp_path):
    path = tmp_path / "excel.txt"
    path.write_bytes("電話 0721-53-1111\n".encode("utf-8-sig"))
    assert json.loads(run("--json", str(path))) == [
        {"line": 1, "kind": "phone", "start": 3, "end": 15, "text": "0721-53-1111"}
    ]
