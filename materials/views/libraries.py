"""The form and statistics libraries (様式集, 統計・資料): their folders, documents and uploads.

Every list and every count is of ``rules.visible_materials(user)``: a
document a user may not read is neither listed nor counted, in its folder
or in any folder above it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import rules, services
from ..library_forms import CategorySortForm, LibraryUploadForm, upload_departments
from ..models import Library, LibraryCategory

PAGE_SIZE = 100


class CategoryTree:
    """Every category of both libraries (one query) with the number of documents the user
    may read in each, its sub-folders included (one more query, whatever the size)."""

    def __init__(self, user):
        self.categories = list(LibraryCategory.objects.order_by("sort_order", "name", "pk"))
        self.children = {}
        for category in self.categories:
            self.children.setdefault(category.parent_id, []).append(category)
        own = dict(
            rules.visible_materials(user)
            .filter(category__isnull=False)
            .order_by()
            .values("category")
            .annotate(count=Count("pk"))
            .values_list("category", "count")
        )
        for category in self.categories:
            category.document_count = self._total(category, own, set())

    def _total(self, category, own, seen):
        seen.add(category.pk)
        return own.get(category.pk, 0) + sum(
            self._total(child, own, seen)
            for child in self.children.get(category.pk, ())
            if child.pk not in seen
        )

    def top(self, library):
        return [c for c in self.children.get(None, ()) if c.library == library]

    def below(self, category):
        return self.children.get(category.pk, [])


def index(request):
    """Both libraries, each with its top folders and how many documents each holds."""
    tree = CategoryTree(request.user)
    libraries = [
        {
            "value": library.value,
            "label": library.label,
            "categories": tree.top(library.value),
            "count": sum(category.document_count for category in tree.top(library.value)),
        }
        for library in Library
    ]
    return render(request, "materials/libraries.html", {"libraries": libraries})


def category(request, pk):
    """A folder: where it sits, its sub-folders, and its documents, 100 a page."""
    folder = get_object_or_404(LibraryCategory, pk=pk)
    tree = CategoryTree(request.user)
    sort = CategorySortForm(request.GET or None)
    documents = (
        rules.visible_materials(request.user)
        .filter(category=folder)
        .select_related("department__parent", "current")
        .order_by(*sort.ordering())
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "category": folder,
        "library_label": Library(folder.library).label,
        "is_forms": folder.library == Library.FORMS,
        "ancestors": folder.ancestors(),
        "subcategories": tree.below(folder),
        "page": page,
        "sort": sort,
        "current_sort": sort.key(),
        "query_string": query.urlencode(),
        "can_upload": bool(upload_departments(request.user)),
    }
    return render(request, "materials/category.html", context)


def upload(request, pk):
    """File a new document in a folder, for the user's own department.

    Staff who may not file documents anywhere get a 404, as for a page that
    does not exist. A file refused by the checks comes back with the reason;
    a good file is held while another field is put right.
    """
    folder = get_object_or_404(LibraryCategory, pk=pk)
    if not upload_departments(request.user):
        raise Http404(_("You may not add documents here."))
    form = LibraryUploadForm(
        request.POST or None, request.FILES or None, user=request.user, category=folder
    )
    if request.method == "POST" and form.is_valid():
        try:
            material = services.add_material(user=request.user, **form.material_fields())
        except PermissionDenied as error:
            raise Http404(_("You may not add documents here.")) from error
        except ValidationError as error:
            form.add_error("file", error)
        else:
            form.release_held_uploads()
            messages.success(
                request,
                _("「%(title)s」 has been added. Its text is being read.") % {"title": material},
            )
            return redirect(material)
    context = {
        "category": folder,
        "library_label": Library(folder.library).label,
        "ancestors": folder.ancestors(),
        "form": form,
    }
    return render(request, "materials/category_upload.html", context)
