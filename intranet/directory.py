"""Staff directory: find a colleague by name (kanji or kana), department or extension."""

from django.core.paginator import Paginator
from django.shortcuts import render

from .forms import DirectorySearchForm
from .kana import normalize_for_lookup
from .models import StaffProfile

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
