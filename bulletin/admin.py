"""The administration office's admin screens for the bulletin board: the notice categories."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import NoticeCategory


class NoticeCategoryViewSet(ModelViewSet):
    model = NoticeCategory
    icon = "tag"
    menu_label = _("Notice categories")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "description", "sort_order"]
    search_fields = ["name", "description"]
    form_fields = ["name", "description", "posting_departments", "sort_order"]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        form_class.base_fields["posting_departments"].widget = forms.CheckboxSelectMultiple(
            choices=form_class.base_fields["posting_departments"].choices
        )
        return form_class
