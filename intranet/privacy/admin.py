"""The system administrators' list of every personal-data override: what, where, who, when, why."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PrivacyOverride


class PrivacyOverrideIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("overridden_by")


class PrivacyOverrideViewSet(ModelViewSet):
    model = PrivacyOverride
    index_view_class = PrivacyOverrideIndexView
    icon = "warning"
    menu_label = _("Personal-data overrides")
    add_to_settings_menu = True
    menu_order = 910
    list_display = [
        "object_title",
        "kind",
        "text",
        "reason",
        Column(
            "overridden_by",
            label=_("overridden by"),
            accessor=lambda override: (
                override.overridden_by.get_full_name() if override.overridden_by else "—"
            ),
        ),
        "created_at",
    ]
    list_filter = ["kind"]
    search_fields = ["object_title", "text", "reason"]
    # Nobody adds or edits an override here: reviewers record them from the
    # page, and the record stays as it was written.
    form_fields = ["reason"]
