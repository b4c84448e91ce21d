"""Staff directory: find a colleague by name (kanji or kana), department or extension.

Also the home page's 「わたしの所属」 panel: the staff member's own section,
its extensions and its head, with a link to the directory.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from . import dashboard
from .forms import DirectorySearchForm
from .kana import normalize_for_lookup
from .models import StaffProfile
from .roles import SECTION_HEAD

PAGE_SIZE = 30


def search_staff(query="", department=None, extension=""):
    staff = StaffProfile.objects.select_related("department__parent")
    if query:
        staff = staff.filter(lookup_text__contains=normalize_for_lookup(query))
    if department is not None:
        staff = staff.filter(department_id__in=department.descendant_ids())
    if extension:
        staff = staff.filter(extension__startswith=extension)
    return staff


def directory_index(request):
    form = DirectorySearchForm(request.GET or None)
    if form.is_valid():
        staff = search_staff(
            form.cleaned_data["q"],
            form.cleaned_data["department"],
            form.cleaned_data["extension"],
        )
    else:
        staff = search_staff() if not form.is_bound else StaffProfile.objects.none()
    page = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "intranet/directory.html",
        {"form": form, "page": page, "query_string": query_string.urlencode()},
    )


def my_department_items(request):
    profile = getattr(request.user, "staff_profile", None)
    if profile is None:
        return []
    department = profile.department
    items = [dashboard.PanelItem(title=str(department), meta=_("My department"))]
    if department.extension_from and department.extension_to:
        items.append(
            dashboard.PanelItem(
                title=f"{department.extension_from}〜{department.extension_to}",
                meta=_("Extension range"),
            )
        )
    heads = department.staff.filter(user__groups__name=SECTION_HEAD).exclude(pk=profile.pk)
    for head in heads:
        items.append(
            dashboard.PanelItem(
                title=f"{head.full_name}（{head.job_title}）",
                meta=_("Section head, extension %(ext)s") % {"ext": head.extension or "—"},
            )
        )
    return items


def register_my_department_panel():
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="intranet.my_department",
            title=_("My department"),
            order=90,
            items=my_department_items,
            empty_message=_(
                "Your account has no staff profile yet. Ask a system administrator to add one."
            ),
            more_url="directory:index",
            more_label=_("Staff directory"),
        )
    )
