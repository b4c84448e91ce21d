"""FAQ answers and category introductions are sanitised before they are stored."""

import pytest
from wagtail.rich_text import RichText

from faq.models import FaqIndexPage, FaqPage


@pytest.mark.django_db
def test_an_faq_answer_is_sanitised_when_saved(vpn_faq):
    vpn_faq.answer = [
        (
            "paragraph",
            RichText(
                '<p>手順<script>document.cookie</script><a href="javascript:x()">ここ</a></p>'
            ),
        ),
        ("code", "<script>これはコードの例</script>"),
    ]
    vpn_faq.save_revision().publish()
    page = FaqPage.objects.get(pk=vpn_faq.pk)
    assert page.answer[0].value.source == "<p>手順<a>ここ</a></p>"
    assert (
        page.answer[1].value == "<script>これはコードの例</script>"
    )  # code is shown escaped, kept


@pytest.mark.django_db
def test_a_category_intro_is_sanitised_when_saved(vpn_faq):
    category = FaqIndexPage.objects.get(slug="network")
    category.intro = '<p onclick="x()">案内<script>x()</script></p>'
    category.save()
    category.refresh_from_db()
    assert category.intro == "<p>案内</p>"
