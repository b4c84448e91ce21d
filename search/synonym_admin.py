"""The synonym dictionary in the Wagtail admin, beside the search reports the IT desk reads."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.snippets.views.chooser import (
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup


class _ChosenView(SnippetChosenView):
    """An address whose id is no number names no group: 404, where Wagtail's own view fails."""

    def get_object(self, pk):
        if not str(pk).isdigit():
            raise SynonymGroup.DoesNotExist
        return super().get_object(pk)


class _ChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return super().get_objects([pk for pk in pks if str(pk).isdigit()])


class _ChooserViewSet(SnippetChooserViewSet):
    chosen_view_class = _ChosenView
    chosen_multiple_view_class = _ChosenMultipleView


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    chooser_viewset_class = _ChooserViewSet
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
