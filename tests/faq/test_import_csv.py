"""import_faq_csv: UTF-8 or CP932, every bad row reported by line, all rows or none."""

from io import StringIO
from urllib.parse import unquote

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import PageLogEntry

from faq.csv_import import ImportRefused, read_rows
from faq.models import FaqIndexPage, FaqPage
from intranet import roles
from intranet.models import HomePage
from search.backends import get_backend
from search.backends.base import SearchRequest
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

CSV = (
    "質問,回答,分類,タグ\r\n"
    'VPNに接続できない,"再起動してください。\r\n改行も使えます。",'
    'ネットワーク > VPN,"VPN、在宅"\r\n'
    "プリンターが動かない,電源を確認してください。,PC・周辺機器,\r\n"
)


@pytest.fixture
def faq_home():
    page = HomePage.objects.get().add_child(instance=FaqIndexPage(title="よくある質問", slug="faq"))
    page.save_revision().publish()
    return page


def run_import(tmp_path, content, *extra, encoding="utf-8", err=None):
    path = tmp_path / "faq.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    out, err = StringIO(), err or StringIO()
    call_command(
        "import_faq_csv",
        str(path),
        "--question-column",
        "質問",
        "--answer-column",
        "回答",
        *extra,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def test_imports_published_faqs_with_nested_categories_and_tags(tmp_path, faq_home):
    out, _err = run_import(tmp_path, CSV, "--category-column", "分類", "--tags-column", "タグ")
    vpn = FaqPage.objects.get(title="VPNに接続できない")
    assert vpn.live
    assert [p.title for p in vpn.get_ancestors()[2:]] == ["よくある質問", "ネットワーク", "VPN"]
    assert sorted(tag.name for tag in vpn.tags.all()) == ["VPN", "在宅"]
    assert vpn.answer_text() == "再起動してください。\n改行も使えます。"
    assert "2件" in out


def test_imported_categories_get_readable_addresses(tmp_path, faq_home, staff_client):
    csv = CSV + '"なぜ？",はい。,"""データベース"" FAQ / 一般",\r\n？,はい。,？？,\r\n'
    run_import(tmp_path, csv, "--category-column", "分類")
    vpn = FaqPage.objects.get(title="VPNに接続できない")
    assert unquote(vpn.get_parent().url) == "/faq/ネットワーク/vpn/"
    assert "VPNに接続できない" in staff_client.get(vpn.get_parent().url).content.decode()
    assert unquote(FaqPage.objects.get(title="なぜ？").get_parent().url) == (
        "/faq/データベース-faq-一般/"
    )
    assert FaqPage.objects.get(title="？").get_parent().slug.startswith("c-")  # no letters


def test_a_category_slug_taken_by_a_sibling_gets_a_number(faq_home):
    from faq.csv_import import category_slug

    faq_home.add_child(instance=FaqIndexPage(title="VPN (旧)", slug="vpn"))
    assert category_slug("VPN", faq_home) == "vpn-2"


def test_imported_pages_have_a_revision_an_audit_trail_and_open_in_the_editor(
    tmp_path, faq_home, client
):
    run_import(tmp_path, CSV, "--category-column", "分類")
    vpn = FaqPage.objects.get(title="VPNに接続できない")
    assert vpn.live_revision_id == vpn.latest_revision_id is not None
    assert not vpn.has_unpublished_changes
    actions = set(PageLogEntry.objects.filter(page=vpn).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.publish"} <= actions
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[vpn.pk]))
    assert editor.status_code == 200
    assert "VPNに接続できない" in editor.content.decode()
    hits = get_backend().search(SearchRequest(text="再起動", access=None, types=("faq",)))
    assert [hit.title for hit in hits.hits] == ["VPNに接続できない"]


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp932", b"")]
)
def test_reads_utf8_with_or_without_bom_and_cp932(tmp_path, faq_home, encoding, prefix):
    run_import(tmp_path, prefix + CSV.encode(encoding))
    assert FaqPage.objects.count() == 2


def test_a_mixed_encoding_file_is_refused_with_advice(tmp_path, faq_home):
    mixed = "質問,回答\r\n".encode() + "接続,方法\r\n".encode("cp932")
    with pytest.raises(CommandError, match="UTF-8"):
        run_import(tmp_path, mixed)
    assert not FaqPage.objects.exists()


def test_a_missing_column_names_the_columns_the_file_has(tmp_path, faq_home):
    with pytest.raises(CommandError, match="Q,A|Q、A"):
        run_import(tmp_path, "Q,A\r\nx,y\r\n")


def test_one_bad_row_imports_nothing_and_names_its_line(tmp_path, faq_home):
    err = StringIO()
    with pytest.raises(CommandError, match="何も取り込みませんでした"):
        run_import(tmp_path, CSV + ",回答だけ,,\r\n質問だけ,,,\r\n", err=err)
    assert "5行目" in err.getvalue() and "6行目" in err.getvalue()
    assert not FaqPage.objects.exists()


def test_skip_bad_rows_imports_the_good_ones(tmp_path, faq_home):
    run_import(tmp_path, CSV + ",回答だけ\r\n", "--skip-bad-rows")
    assert FaqPage.objects.count() == 2


def test_duplicate_questions_are_warned_about_not_duplicated(tmp_path, faq_home):
    _out, err = run_import(tmp_path, CSV + "プリンターが動かない,別の回答,,\r\n")
    assert FaqPage.objects.filter(title="プリンターが動かない").count() == 1
    assert "警告" in err
    _out, err = run_import(tmp_path, CSV)
    assert FaqPage.objects.count() == 2
    assert "警告" in err


def test_script_tags_and_javascript_urls_arrive_as_inert_text(tmp_path, faq_home):
    run_import(
        tmp_path,
        '質問,回答\r\n危険な回答,"<script>alert(1)</script><a href=""javascript:x"">x</a>"\r\n',
    )
    page = FaqPage.objects.get()
    html = page.answer[0].value.source
    assert "<script" not in html and "javascript:" not in html.replace("javascript:x", "")
    assert "&lt;script&gt;" in html


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path, faq_home):
    row = "VPNに接続できない,再起動してください。" + "あ" * 1000 + ",ネットワーク,\r\n"
    content = ("質問,回答,分類,タグ\r\n" + row * (50 * 2**20 // len(row.encode()) + 1)).encode()
    assert len(content) >= 50 * 2**20
    with pytest.raises(CommandError, match="50 MB.*30 MB"):
        run_import(tmp_path, content)
    assert not FaqPage.objects.exists()


def test_the_size_limit_also_guards_read_rows(monkeypatch):
    monkeypatch.setattr("faq.csv_import.MAX_BYTES", 100)
    with pytest.raises(ImportRefused, match="MB"):
        read_rows((CSV * 5).encode(), "質問", "回答")


def test_an_unknown_parent_is_explained(tmp_path, faq_home):
    with pytest.raises(CommandError, match="見つかりません"):
        run_import(tmp_path, CSV, "--parent", "no-such-category")


def test_a_200_kb_answer_is_a_row_error_not_a_crash(tmp_path, faq_home):
    big = "あ" * 200_000
    content = f"質問,回答\r\n大きな回答,{big}\r\n普通の質問,普通の回答\r\n"
    err = StringIO()
    with pytest.raises(CommandError):
        run_import(tmp_path, content, err=err)
    assert "2行目" in err.getvalue() and "50000" in err.getvalue()
    assert not FaqPage.objects.exists()


def test_a_300_level_category_path_is_a_row_error(tmp_path, faq_home):
    path = " > ".join(f"階層{n}" for n in range(300))
    content = f"質問,回答,分類\r\n深い質問,回答です,{path}\r\n浅い質問,回答です,PC\r\n"
    out, err = run_import(tmp_path, content, "--category-column", "分類", "--skip-bad-rows")
    assert "2行目" in err and "300" in err
    assert list(FaqPage.objects.values_list("title", flat=True)) == ["浅い質問"]


def test_control_characters_and_nul_bytes_are_dropped(tmp_path, faq_home):
    content = (
        '質問,回答,分類,タグ\r\nNUL\x00入りの\x07質問,"回答\x00です\r\n2行目",'
        "ネット\x00ワーク,タ\x00グ\r\n"
    )
    run_import(tmp_path, content, "--category-column", "分類", "--tags-column", "タグ")
    page = FaqPage.objects.get()
    assert page.title == "NUL 入りの 質問"
    assert page.answer_text() == "回答です\n2行目"
    assert page.get_parent().title == "ネット ワーク"
    assert [tag.name for tag in page.tags.all()] == ["タ グ"]


def test_a_broken_csv_is_refused_with_its_line(tmp_path, faq_home):
    content = '質問,回答\r\nふつう,ふつう\r\n"閉じない引用符,回答\r\n'
    err = StringIO()
    with pytest.raises(CommandError):
        run_import(tmp_path, content, err=err)
    assert not FaqPage.objects.exists()


def test_escaped_formula_cells_import_as_typed(tmp_path, faq_home):
    content = "質問,回答\r\n'=1+1 と表示される,'-で始まる回答\r\n"
    run_import(tmp_path, content)
    page = FaqPage.objects.get()
    assert (page.title, page.answer_text()) == ("=1+1 と表示される", "-で始まる回答")
