"""The demo FAQ: an IT-desk tree for a city office, plus the Python FAQ corpus for volume."""

import pytest
from django.core.management import call_command

from faq import demo
from faq.models import FaqIndexPage, FaqPage, OpenQuestion

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_demo"),
    # One worker runs the whole module under ``make test``, so the demo loads once.
    pytest.mark.xdist_group("faq-demo"),
]


def test_load_demo_builds_the_faq_tree_and_imports_the_python_faq():
    home = FaqIndexPage.objects.get(slug="faq")
    categories = [page.title for page in FaqIndexPage.objects.child_of(home)]
    expected = ["PC・周辺機器", "ネットワーク", "メール", "庁内システム", "セキュリティ"]
    assert set(expected + ["Python 開発"]) <= set(categories)
    python = FaqIndexPage.objects.get(title="Python 開発")
    assert FaqPage.objects.descendant_of(python).live().count() == 5  # the small Python FAQ
    assert python.url == "/faq/python/"
    assert FaqIndexPage.objects.child_of(python).get(title="一般情報").slug == "一般情報"
    vpn = FaqPage.objects.get(title="VPN に接続できないときの対処方法を教えてください。")
    assert "ブイピーエヌ" in vpn.keywords
    assert [block.block_type for block in vpn.answer] == ["paragraph", "steps", "paragraph"]
    assert FaqPage.objects.filter(audience=FaqPage.Audience.PUBLIC).exists()
    assert any(page.is_review_overdue() for page in FaqPage.objects.descendant_of(home))
    assert OpenQuestion.objects.filter(status=OpenQuestion.Status.OPEN).exists()


def test_loading_the_demo_again_adds_nothing():
    counts = (FaqPage.objects.count(), FaqIndexPage.objects.count(), OpenQuestion.objects.count())
    call_command("load_demo", verbosity=0)
    assert (
        FaqPage.objects.count(),
        FaqIndexPage.objects.count(),
        OpenQuestion.objects.count(),
    ) == counts
    assert counts[0] == len(demo.FAQS) + 5


def test_every_extension_and_section_the_demo_faq_names_is_in_the_directory():
    """Demo texts quote the directory: 内線 numbers of the right section, sections that exist."""
    import re

    from intranet.models import Department

    python = FaqIndexPage.objects.get(title="Python 開発")
    texts = [
        f"{page.title}\n{page.answer_text()}"
        for page in FaqPage.objects.exclude(pk__in=FaqPage.objects.descendant_of(python))
    ] + [question.details for question in OpenQuestion.objects.all()]
    it_desk = Department.objects.get(name="情報政策課")
    sections = set(Department.objects.values_list("name", flat=True))
    quoted = 0
    for text in texts:
        for who, number in re.findall(r"(情報システム担当)?（?内線\s*(\d{4})", text):
            quoted += 1
            owner = Department.objects.filter(
                extension_from__lte=int(number), extension_to__gte=int(number), kind="ka"
            ).first()
            assert owner is not None, f"内線 {number} is nobody's"
            if who:
                assert owner == it_desk, f"内線 {number} belongs to {owner}, not the IT desk"
        for name in re.findall(r"([一-龥ァ-ヶー]{1,8}課)(?:長|で|に|へ|の|が|は|を|と)", text):
            assert name in sections, f"{name} is not in the directory"
    assert quoted >= 2


def test_the_whole_python_faq_imports_as_plain_text(monkeypatch):
    """The demo loads above use five of its rows; here every row of the real file is imported."""
    from pathlib import Path

    monkeypatch.setattr(
        demo, "PYTHON_CSV", Path(demo.__file__).resolve().parent / "demo_data" / "python_faq_ja.csv"
    )
    demo._import_python_faq(FaqIndexPage.objects.get(slug="faq"))
    python = FaqIndexPage.objects.get(title="Python 開発")
    assert FaqPage.objects.descendant_of(python).live().count() >= 170
    pyd = FaqPage.objects.get(title="*.pyd ファイルは DLL と同じですか？")
    assert "``" not in pyd.answer_text()
    python_is = FaqPage.objects.get(title="Python とは何ですか？").answer_text()
    assert "さらに知りたければ、 Python チュートリアル から始めましょう。" in python_is


def test_the_it_desks_own_faqs_lead_the_new_and_most_read_lists(staff_client):
    """The imported Python FAQ is older and unread, so it does not crowd the IT desk's answers."""
    from django.test import RequestFactory

    from faq.dashboard import recent_faqs
    from tests.factories import staff_member

    python = FaqIndexPage.objects.get(title="Python 開発")
    imported = set(FaqPage.objects.descendant_of(python).values_list("title", flat=True))
    request = RequestFactory().get("/")
    request.user = staff_member()
    recent = [item.title for item in recent_faqs(request)]
    popular = staff_client.get("/faq/").context["popular"]
    assert len(recent) == 5 and not imported & set(recent)
    assert popular and not imported & {page.title for page in popular}


def test_search_dates_a_demo_faq_by_its_last_review(staff_client):
    from django.utils import timezone

    page = FaqPage.objects.get(title="パスワードを忘れました。")
    response = staff_client.get("/search/", {"q": "パスワード 忘れ", "type": "faq"})
    hits = [result["hit"] for result in response.context["page"].object_list]
    (hit,) = [hit for hit in hits if hit.title == page.title]
    assert timezone.localtime(hit.date).date() == page.last_reviewed_on
