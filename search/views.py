from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200


def search(request):
    """The search page behind the header's search box: live pages matching the query."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.live().specific().search(query) if query else Page.objects.none()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/results.html",
        {"query": query, "page": page, "query_string": urlencode({"q": query})},
    )
