"""Apps mount their own URLs from their AppConfig, without editing intranet/urls.py."""

from types import SimpleNamespace

from django.apps import apps
from django.urls import get_resolver

from intranet.urls import app_url_patterns


def test_an_app_with_a_url_prefix_serves_its_urls_under_it():
    app = SimpleNamespace(name="tests.intranet.mounted_app", url_prefix="mounted/")
    unmounted = SimpleNamespace(name="tests.intranet", url_prefix=None)
    [pattern] = app_url_patterns([app, unmounted])
    match = pattern.resolve("mounted/")
    assert match.view_name == "mounted_app:index"


def test_no_mounted_prefix_collides_with_another_and_all_come_before_the_page_catch_all():
    prefixes = [str(p.pattern) for p in get_resolver().url_patterns]
    catch_all = prefixes.index("")
    assert len(set(prefixes[:catch_all])) == catch_all, "two entries share one prefix"
    mounted = [c.url_prefix for c in apps.get_app_configs() if getattr(c, "url_prefix", None)]
    for prefix in mounted:
        assert prefixes.index(prefix) < catch_all
