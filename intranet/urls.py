from django.apps import apps
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views import chooser as page_chooser
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views.chooser import viewset as document_chooser
from wagtail.images.views.chooser import viewset as image_chooser

from intranet import admin_views, files


def app_url_patterns(app_configs=None):
    """Each app whose AppConfig sets ``url_prefix`` serves its ``urls.py`` under that prefix.

    So an app mounts its screens (``url_prefix = "bulletin/"``) without
    editing this file. Its patterns come before Wagtail's page catch-all.
    """
    configs = apps.get_app_configs() if app_configs is None else app_configs
    return [
        path(config.url_prefix, include(f"{config.name}.urls"))
        for config in configs
        if getattr(config, "url_prefix", None)
    ]


urlpatterns = [
    path("accounts/", include("intranet.accounts")),
    # One login page for the whole intranet, the Wagtail admin included.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="login", query_string=True)),
        name="admin_login_redirect",
    ),
    # Wagtail's deliberate server error, meant for testing error reporting: not here.
    path("admin/failwhale/", admin_views.not_found),
    # Wagtail's choosers fail on an id that is not a number: a 404 instead.
    path(
        "admin/documents/chooser/chosen/<str:pk>/",
        admin_views.numeric_id_only(document_chooser.chosen_view),
    ),
    path(
        "admin/images/chooser/chosen/<str:pk>/",
        admin_views.numeric_id_only(image_chooser.chosen_view),
    ),
    path(
        "admin/choose-page/chosen-multiple/",
        admin_views.numeric_ids_only(page_chooser.ChosenMultipleView.as_view()),
        name="wagtailadmin_choose_page_chosen_multiple",
    ),
    path(
        "admin/documents/chooser/chosen-multiple/",
        admin_views.numeric_ids_only(document_chooser.chosen_multiple_view),
    ),
    path(
        "admin/images/chooser/chosen-multiple/",
        admin_views.numeric_ids_only(image_chooser.chosen_multiple_view),
    ),
    # Wagtail's tag autocomplete, without tags found only on pages the user may not open.
    path("admin/tag-autocomplete/", admin_views.tag_autocomplete),
    path("admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/", admin_views.tag_autocomplete),
    path("directory/", include("intranet.urls_directory")),
    path("notifications/", include("intranet.urls_notifications")),
    path("search/", include("search.urls")),
    path("faq-data/", include("faq.urls")),
    path("questions/", include("faq.urls_questions")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The storage's own addresses (images on pages): the same check as every download.
    path("files/<path:name>", files.stored_file, name="stored_file"),
    *app_url_patterns(),
]

urlpatterns += [
    path("", wagtail_views.serve, {"path": ""}, name="home"),
    path("", include(wagtail_urls)),
]
