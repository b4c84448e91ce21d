"""The Wagtail site the intranet serves: one HomePage at the root of the default site."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .models import HomePage

SITE_NAME = "庁内イントラネット"


def ensure_home_page():
    """Create the HomePage and the default site when a database lacks them; return the page."""
    home = HomePage.objects.first()
    if home is None:
        if not Locale.objects.exists():
            Locale.objects.create(
                language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
            )
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))
        home = root.add_child(instance=HomePage(title="ホーム", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": SITE_NAME},
    )
    return home
