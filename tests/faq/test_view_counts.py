"""FAQ view counts: counted in memory, written in batches, shown to staff and the IT desk."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from faq import view_counts
from faq.bulk import add_live_page
from faq.models import FaqDailyViews, FaqIndexPage
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def _writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))]


def test_a_page_view_writes_nothing_until_the_batch_is_due(staff_client, vpn_faq, settings):
    settings.FAQ_VIEW_FLUSH_EVERY = 3
    settings.FAQ_VIEW_FLUSH_SECONDS = 3600
    view_counts.flush()  # start from an empty batch and a fresh clock
    with CaptureQueriesContext(connection) as queries:
        staff_client.get(vpn_faq.url)
        staff_client.get(vpn_faq.url)
    assert not [sql for sql in _writes(queries) if "faq_faqdailyviews" in sql]
    assert view_counts.pending_views() == 2
    assert not FaqDailyViews.objects.exists()

    staff_client.get(vpn_faq.url)  # the third view writes the batch
    assert FaqDailyViews.objects.get(page=vpn_faq).views == 3
    assert view_counts.pending_views() == 0


def test_flushing_adds_to_the_days_count(vpn_faq):
    for _ in range(4):
        view_counts.record_view(vpn_faq.pk)
    view_counts.flush()
    view_counts.record_view(vpn_faq.pk)
    view_counts.flush()
    assert vpn_faq.total_views() == 5


def test_views_of_a_deleted_faq_are_dropped(vpn_faq):
    view_counts.record_view(vpn_faq.pk)
    vpn_faq.delete()
    assert view_counts.flush() == 1
    assert not FaqDailyViews.objects.exists()


def test_previews_are_not_counted(client, vpn_faq):
    from intranet import roles
    from tests.factories import staff_member

    client.force_login(staff_member(roles=[roles.IT_DESK]))
    client.get(f"/admin/pages/{vpn_faq.pk}/view_draft/")
    assert view_counts.pending_views() == 0


def test_most_viewed_orders_by_recent_views(vpn_faq):
    other = vpn_faq.copy(update_attrs={"slug": "vpn-2", "title": "VPNの設定"})
    other.save_revision().publish()
    FaqDailyViews.objects.create(page=vpn_faq, day=timezone.localdate(), views=2)
    view_counts.record_view(other.pk)
    view_counts.record_view(other.pk)
    view_counts.record_view(other.pk)
    view_counts.flush()
    reader = staff_member()
    most_viewed = FaqDailyViews.objects.most_viewed(reader)
    assert [page.pk for page in most_viewed] == [other.pk, vpn_faq.pk]
    assert [page.recent_views for page in most_viewed] == [3, 2]
    old = timezone.localdate() - timedelta(days=40)
    FaqDailyViews.objects.create(page=vpn_faq, day=old, views=100)  # outside the 30 days
    assert FaqDailyViews.objects.most_viewed(reader)[0].pk == other.pk
    network = FaqIndexPage.objects.get(slug="network")
    assert len(FaqDailyViews.objects.most_viewed(reader, within=network)) == 2
    other_category = add_live_page(network.get_parent(), FaqIndexPage(title="メール", slug="mail"))
    assert FaqDailyViews.objects.most_viewed(reader, within=other_category) == []


def test_the_faq_page_shows_its_view_count(staff_client, vpn_faq):
    FaqDailyViews.objects.create(page=vpn_faq, day=timezone.localdate(), views=41)
    assert "閲覧41回" in staff_client.get(vpn_faq.url).content.decode()


def test_a_failed_write_keeps_the_views_for_the_next_try(vpn_faq):
    view_counts.record_view(vpn_faq.pk)
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE faq_faqdailyviews RENAME TO faq_faqdailyviews_away")
    assert view_counts.flush() == 0  # the table is gone: nothing written, nothing raised
    assert view_counts.pending_views() == 1
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE faq_faqdailyviews_away RENAME TO faq_faqdailyviews")
    assert view_counts.flush() == 1
    assert vpn_faq.total_views() == 1
