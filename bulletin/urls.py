from django.urls import path

from . import feeds, mail, views
from .conference import urls as conference_urls

app_name = "bulletin"

urlpatterns = [
    path("", views.board, name="index"),
    path("archive/", views.archive, name="archive"),
    path("sent/", views.sent, name="sent"),
    path("new/", views.new_notice, name="new"),
    path("<int:pk>/", views.notice_detail, name="notice"),
    path("<int:pk>/edit/", views.edit_notice, name="edit"),
    path("<int:pk>/publish/", views.publish_notice, name="publish"),
    path("<int:pk>/withdraw/", views.withdraw_notice, name="withdraw"),
    path("<int:pk>/confirm/", views.confirm_notice, name="confirm"),
    path("<int:pk>/confirmations/", views.confirmations, name="confirmations"),
    path("<int:pk>/confirmations.csv", views.confirmations_csv, name="confirmations_csv"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/versions/<int:version_id>/",
        views.attachment_version,
        name="attachment_version",
    ),
    path("feeds/", feeds.manage, name="feeds"),
    path("feeds/<str:secret>/", feeds.feed, name="feed"),
    path("feeds/<str:secret>/<slug:category>/", feeds.feed, name="category_feed"),
    path("mail/", mail.preferences, name="mail_preferences"),
    # The e-conference room: /bulletin/conference/…
    *conference_urls.urlpatterns,
]
