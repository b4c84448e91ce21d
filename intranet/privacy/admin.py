"""The system administrators' list of every personal-data override: what, where, who, when, why."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PrivacyOverride


class PrivacyOverrideViewSet(ModelViewSet):
    model = PrivacyOverride
    icon = "warning"
    menu_label = _("Personal-data overrides")
    add_to_settings_menu = True
    menu_order = 910
    list_display = ["object_title", "kind", "text", "reason", "overridden_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["object_title", "text", "reason"]
    inspect_view_enabled = True
    # Nobody adds or edits an override here: reviewers record them from the
    # page, and the record stays as it was written.
    form_fields = ["reason"]
