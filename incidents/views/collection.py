"""The case collection: browse, filter, read a case (every staff member).

Everything here is the office's published version (``Case``), never the
report: no reporter, no names, the date as the office chose to show it.
A case the reader may not see is answered 404, naming nothing.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .. import rules, similar
from ..case_filters import CaseFilterForm
from ..models import Case
from ..search import DOC_TYPE

PAGE_SIZE = 30


def _links(user):
    """Which of the app's other pages this reader is offered beside the list."""
    office = rules.is_office(user)
    return {
        "is_reviewer": office or bool(rules.heads_department_ids(user)),
        "is_office": office,
    }


def index(request):
    """ミス・ヒヤリハット事例集: the cases this reader may see, newest first, 30 a page."""
    cases = rules.visible_cases(request.user)
    filters = CaseFilterForm(request.GET or None, cases=cases)
    listed = filters.filter(cases).order_by("-occurred_on", "-pk")
    # Categories and departments come in their own small queries (as the
    # bulletin board's list does): joined, SQLite may start from them and
    # walk every case of each before it sorts.
    listed = listed.prefetch_related("category", "department").defer(
        "what_happened", "causes", "immediate_action", "prevention", "lessons"
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "incidents/index.html",
        {
            "filters": filters,
            "filter_errors": filters.is_bound and bool(filters.errors),
            "page": page,
            "query_string": query.urlencode(),
            "search_type": DOC_TYPE,
            **_links(request.user),
        },
    )


def case(request, pk):
    """One case as published, with its public files, 「似た事例」 and its address to pass on."""
    found = get_object_or_404(Case.objects.select_related("category", "department"), pk=pk)
    if not rules.can_view_case(request.user, found):
        raise Http404(_("This case does not exist or is not published."))
    return render(
        request,
        "incidents/case.html",
        {
            "case": found,
            "attachments": list(found.public_attachments()),
            "similar": similar.similar_cases(request.user, found),
            "share_url": request.build_absolute_uri(found.get_absolute_url()),
            "can_edit": rules.can_edit_case(request.user, found),
        },
    )
