import pytest
from wagtail.rich_text import RichText

from faq.models import FaqIndexPage, FaqPage
from intranet.models import HomePage


@pytest.fixture
def vpn_faq():
    home = HomePage.objects.get()
    index = home.add_child(instance=FaqIndexPage(title="よくある質問", slug="faq"))
    index.save_revision().publish()
    network = index.add_child(instance=FaqIndexPage(title="ネットワーク", slug="network"))
    network.save_revision().publish()
    page = FaqPage(
        title="VPNに接続できない",
        slug="vpn",
        answer=[
            ("paragraph", RichText("<p>再起動してください。</p>")),
            ("steps", ["電源を切る", "電源を入れる"]),
        ],
        keywords="ブイピーエヌ 在宅",
    )
    network.add_child(instance=page)
    page.save_revision().publish()
    return page
