"""The administration office's admin screens for the materials: meeting series and library folders.

One 「会議資料・様式」 menu holds the meeting series (who attends, who sits on
it, which department is its secretary) and the category trees of 様式集 and
統計・資料. Meetings and materials themselves are kept on the intranet's own
pages by the departments that own them. Django model permissions granted in
``materials.setup`` decide who sees these screens (事務局).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import LibraryCategory, MeetingSeries


def _staff_label(user):
    profile = user.staff_profile
    return f"{profile.full_name}（{profile.department.name}）"


class MeetingSeriesAdminForm(WagtailAdminModelForm):
    """Attending departments as checkboxes; members chosen by name and section."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        attending = self.fields["attending_departments"]
        attending.widget = forms.CheckboxSelectMultiple(choices=attending.choices)
        members = self.fields["members"]
        members.queryset = (
            get_user_model()
            .objects.filter(is_active=True, staff_profile__isnull=False)
            .select_related("staff_profile__department")
            .order_by("staff_profile__full_name_kana")
        )
        members.label_from_instance = _staff_label


class MeetingSeriesIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("secretary_department")


class MeetingSeriesViewSet(ModelViewSet):
    model = MeetingSeries
    icon = "group"
    menu_label = _("Meeting series")
    menu_order = 100
    index_view_class = MeetingSeriesIndexView
    list_display = [
        "name",
        Column("secretary_department", label=_("secretary department")),
        "sort_order",
    ]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("description"),
            FieldPanel("secretary_department"),
            FieldPanel("attending_departments"),
            FieldPanel("members"),
            FieldPanel("sort_order"),
        ],
        base_form_class=MeetingSeriesAdminForm,
    )


class LibraryCategoryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("parent")


class LibraryCategoryViewSet(ModelViewSet):
    """The folders of 様式集 and 統計・資料; a folder inside another names it as its parent."""

    model = LibraryCategory
    icon = "folder-open-inverse"
    menu_label = _("Library categories")
    menu_order = 200
    index_view_class = LibraryCategoryIndexView
    list_display = [
        "name",
        "library",
        Column("parent", label=_("parent category")),
        "sort_order",
    ]
    list_filter = ["library"]
    search_fields = ["name", "description"]
    ordering = ["library", "sort_order", "name"]
    form_fields = ["library", "name", "parent", "description", "sort_order"]


class MaterialsViewSetGroup(ViewSetGroup):
    menu_label = _("Meeting materials and forms")
    menu_icon = "doc-full"
    menu_order = 330
    items = (
        MeetingSeriesViewSet("materials_series"),
        LibraryCategoryViewSet("materials_categories"),
    )
