"""The synonym dictionary in the Wagtail admin, beside the search reports the IT desk reads."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Synonym dictionary")
    # In 「レポート」, next to 検索レポート: where the IT desk sees what staff did not find.
    menu_hook = "register_reports_menu_item"
    menu_order = 901
    base_url_path = "search/synonyms"
    list_display = [
        "name",
        Column("words", label=_("words"), accessor="words_in_line"),
        UpdatedAtColumn(),
    ]
    list_per_page = 50
    ordering = ["name", "pk"]
    search_fields = ["name", "members"]
    panels = [FieldPanel("members"), FieldPanel("name")]
