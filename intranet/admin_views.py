"""Wagtail admin screens for the organisation.

System administrators edit departments and staff profiles through model
viewsets (Django model permissions decide who sees them). Section heads get a
read-only "my department" screen scoped to their own department and those
below it; ``roles.can_manage_department`` decides.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from . import roles
from .models import Department, StaffProfile


class DepartmentViewSet(ModelViewSet):
    model = Department
    menu_label = _("Departments")
    icon = "group"
    add_to_admin_menu = False
    list_display = ["name", "code", "kind", "parent", "extension_from", "extension_to"]
    search_fields = ["name", "code"]
    form_fields = ["code", "name", "kind", "parent", "extension_from", "extension_to", "sort_order"]


class StaffProfileViewSet(ModelViewSet):
    model = StaffProfile
    menu_label = _("Staff")
    icon = "user"
    add_to_admin_menu = False
    list_display = ["full_name", "full_name_kana", "staff_number", "department", "extension"]
    list_filter = ["department"]
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
