"""Addresses in typed notice bodies become links, also where Japanese text touches them."""

import pytest

from bulletin.forms import body_to_html
from intranet.autolink import link_addresses


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "詳しくはこちらをご覧ください。https://portal.example.jp/faq/12",
            "https://portal.example.jp/faq/12",
        ),
        (
            "申請は https://portal.example.jp/apply?x=1&y=2 から",
            "https://portal.example.jp/apply?x=1&amp;y=2",
        ),
        ("手順書（http://fileserver/docs/manual.pdf）を参照", "http://fileserver/docs/manual.pdf"),
        ("https://portal.example.jp/をご覧ください。", "https://portal.example.jp/"),
        ("See https://example.jp/a_(b).", "https://example.jp/a_(b)"),
        ("(https://example.jp/x)", "https://example.jp/x"),
        ("「https://example.jp/y」", "https://example.jp/y"),
    ],
)
def test_an_address_touching_japanese_text_becomes_a_link(text, address):
    html = link_addresses(text)
    assert f'<a href="{address}" rel="nofollow">{address}</a>' in html
    assert html.count("<a ") == 1


def test_the_text_around_an_address_is_kept_and_escaped():
    html = link_addresses("<b>注意</b>。https://example.jp/x をご覧ください")
    assert html.startswith("&lt;b&gt;注意&lt;/b&gt;。<a ")
    assert html.endswith("</a> をご覧ください")


def test_text_without_an_address_and_a_bare_scheme_stay_text():
    assert link_addresses("https:// だけでは住所ではありません") == (
        "https:// だけでは住所ではありません"
    )
    assert "<a" not in link_addresses("メールは庁内メールで")


def test_two_addresses_in_one_paragraph():
    html = link_addresses("新：https://a.example.jp/、旧：https://b.example.jp/")
    assert html.count("<a ") == 2
    assert "、旧：" in html


def test_a_notice_body_links_an_address_after_japanese_punctuation():
    html = body_to_html("資料を掲載しました。https://portal.example.jp/materials/3\n\n以上です。")
    assert '<a href="https://portal.example.jp/materials/3" rel="nofollow">' in html
    assert html.startswith("<p>資料を掲載しました。<a ")
    assert html.endswith("<p>以上です。</p>")
