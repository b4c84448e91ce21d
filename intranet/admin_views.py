"""Wagtail admin screens for the organisation.

System administrators edit departments and staff profiles through model
viewsets (Django model permissions decide who sees them). Section heads get a
read-only "my department" screen scoped to their own department and those
below it; ``roles.can_manage_department`` decides.
"""

import json

import django_filters
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from taggit.models import ItemBase, TaggedItem
from wagtail.admin.auth import require_admin_access
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.views import tags as wagtail_tags
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from . import roles, visibility
from .forms import StaffContactForm
from .models import Department, StaffProfile

# What Wagtail tells a staff member without admin access who opens /admin/.
# Wagtail's Japanese catalogue has no translation for it; naming it here
# keeps it in the project's catalogue, which Django reads first.
ADMIN_DENIED_MESSAGE = gettext_noop("You do not have permission to access the admin.")


class DepartmentViewSet(ModelViewSet):
    model = Department
    menu_label = _("Departments")
    icon = "group"
    add_to_admin_menu = False
    list_display = ["name", "code", "kind", "parent", "extension_from", "extension_to"]
    search_fields = ["name", "code"]
    form_fields = ["code", "name", "kind", "parent", "extension_from", "extension_to", "sort_order"]


def _managed_departments(request):
    return roles.managed_departments(request.user) if request else Department.objects.none()


class StaffProfileFilterSet(WagtailFilterSet):
    """The department filter offers only the departments the viewer manages."""

    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=_managed_departments
    )

    class Meta:
        model = StaffProfile
        fields = ["department"]


class StaffProfileIndexView(generic.IndexView):
    """System administrators list every staff member; a section head only their own."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(department__in=roles.managed_departments(self.request.user))
        )


class StaffProfileViewSet(ModelViewSet):
    model = StaffProfile
    index_view_class = StaffProfileIndexView
    filterset_class = StaffProfileFilterSet
    menu_label = _("Staff")
    icon = "user"
    add_to_admin_menu = False
    list_display = ["full_name", "full_name_kana", "staff_number", "department", "extension"]
    search_fields = ["full_name", "full_name_kana", "staff_number", "extension"]
    form_fields = [
        "user",
        "staff_number",
        "full_name",
        "full_name_kana",
        "department",
        "extension",
        "job_title",
    ]


def managed_department_list(request):
    departments = roles.managed_departments(request.user).select_related("parent")
    if not departments.exists():
        raise PermissionDenied
    return TemplateResponse(
        request,
        "intranet/admin/managed_departments.html",
        {"departments": departments, "page_title": _("My departments")},
    )


def managed_department_detail(request, pk):
    department = get_object_or_404(Department, pk=pk)
    if not roles.can_manage_department(request.user, department):
        raise PermissionDenied
    staff = (
        StaffProfile.objects.filter(department_id__in=department.descendant_ids())
        .select_related("department", "user")
        .prefetch_related("user__groups")
    )
    return TemplateResponse(
        request,
        "intranet/admin/managed_department_detail.html",
        {"department": department, "staff": staff, "page_title": str(department)},
    )


def managed_staff_edit(request, pk, staff_pk):
    """A section head corrects the job title or extension of someone in their department."""
    department = get_object_or_404(Department, pk=pk)
    if not roles.can_manage_department(request.user, department):
        raise PermissionDenied
    profile = get_object_or_404(
        StaffProfile.objects.select_related("department"),
        pk=staff_pk,
        department_id__in=department.descendant_ids(),
    )
    form = StaffContactForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("Saved the job title and extension of %(name)s.") % {"name": profile}
        )
        return redirect("intranet_managed_department", pk=department.pk)
    return TemplateResponse(
        request,
        "intranet/admin/managed_staff_edit.html",
        {"department": department, "profile": profile, "form": form, "page_title": str(profile)},
    )


def _page_tag_models():
    """Tag through models whose tagged object is a Wagtail page (the FAQ's tags, say)."""
    for model in apps.get_models():
        if issubclass(model, ItemBase) and not issubclass(model, TaggedItem):
            related = model._meta.get_field("content_object").related_model
            if isinstance(related, type) and issubclass(related, Page):
                yield model


def tags_only_on_hidden_pages(user, names):
    """Of these tag names, the ones used on no object but pages this user may not open."""
    if not visibility.hidden_paths(user):
        return set()
    on_hidden, elsewhere = set(), set()
    for model in _page_tag_models():
        rows = model.objects.filter(tag__name__in=names)
        hidden = visibility.hidden_q(user, "content_object__path")
        on_hidden.update(rows.filter(hidden).values_list("tag__name", flat=True))
        elsewhere.update(rows.exclude(hidden).values_list("tag__name", flat=True))
    elsewhere.update(
        TaggedItem.objects.filter(tag__name__in=names).values_list("tag__name", flat=True)
    )
    return on_hidden - elsewhere


@require_admin_access
def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete, less the tags that would name what the user may not open."""
    names = json.loads(wagtail_tags.autocomplete(request, app_name, model_name).content)
    hidden = tags_only_on_hidden_pages(request.user, names)
    return JsonResponse([name for name in names if name not in hidden], safe=False)


def not_found(request):
    raise Http404


def is_row_id(text):
    """Whether ``text`` is a number a database id column can hold (a signed 64-bit integer)."""
    return text.isascii() and text.isdigit() and int(text) < 2**63


def numeric_id_only(view):
    """An admin view whose ``pk`` must be a number: anything else is a 404, not a server error."""

    @require_admin_access
    def wrapper(request, pk):
        if not is_row_id(pk):
            raise Http404
        return view(request, pk=pk)

    return wrapper


def numeric_ids_only(view):
    """An admin view of several objects by ``?id=``: an id that is not a number is a 404.

    Wagtail's choosers look up what was chosen with the ids as given, and fail on any other
    (or on a number too large for the database).
    """

    @require_admin_access
    def wrapper(request, *args, **kwargs):
        if not all(is_row_id(pk) for pk in request.GET.getlist("id")):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
