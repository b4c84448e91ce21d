"""The search page behind the header's search box, and the click-through that logs openings."""

from functools import partial
from urllib.parse import urlencode

from django.core import signing
from django.core.paginator import Page, Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from intranet.models import Department

from . import log, registry
from .backends.base import ORDER_RELEVANCE
from .documents import MARK_OCR
from .finder import Filters, find
from .forms import SearchForm
from .snippets import highlight, snippet

SUGGESTIONS = 5
CLICK_SALT = "search.click"
LOG_SALT = "search.log"
MARK_LABELS = {MARK_OCR: _("Read by OCR")}


class _Window:
    """Lets Django's Paginator page through an engine's results without fetching them all."""

    def __init__(self, total):
        self.total = total

    def count(self):
        return self.total


def _ask_url():
    try:
        return reverse("questions:ask")
    except NoReverseMatch:
        return ""


def _present(hits, terms, labels, departments, first_rank, log_id=None, user=None):
    return [
        {
            "hit": hit,
            "href": click_url(log_id, first_rank + index, hit, user),
            "rank": first_rank + index,
            "type_label": labels.get(hit.doc_type, hit.doc_type),
            "department": departments.get(hit.department_id),
            "title_html": highlight(hit.title, terms),
            "snippet_html": snippet(hit.body, terms),
            "marks": [MARK_LABELS.get(mark, mark) for mark in hit.marks],
        }
        for index, hit in enumerate(hits)
    ]


def _grouped(results):
    """The page's results with the parts of one whole together, in the order first found.

    A hit that names a ``group`` (a page of a material's file) joins the
    entry of that group: the whole's title is shown once, with the hit on the
    whole itself (if it was found) and the hits on its parts beneath it.
    Hits of no group are entries of their own. Each entry is a dict with
    ``head`` (the result on the whole, or None), ``parts`` (results),
    ``title_html``, ``href`` and ``first`` (the first result, for the meta line).
    """
    entries, by_group = [], {}
    for result in results:
        hit = result["hit"]
        entry = by_group.get(hit.group) if hit.group else None
        if entry is None:
            entry = {"head": None, "parts": [], "first": result, "group": hit.group}
            entries.append(entry)
            if hit.group:
                by_group[hit.group] = entry
        if hit.part:
            entry["parts"].append(result)
        elif entry["head"] is None:
            entry["head"] = result
        else:  # a second whole in the same group: an entry of its own
            entries.append({"head": result, "parts": [], "first": result, "group": ""})
    for entry in entries:
        head = entry["head"]
        entry["title_html"] = (head or entry["first"])["title_html"]
        entry["href"] = head["href"] if head else entry["group"] or entry["first"]["href"]
    return entries


def search(request):
    labels = registry.type_labels()
    form = SearchForm(request.GET or None, type_choices=labels.items())
    context = {"form": form, "query": "", "results": [], "ask_url": _ask_url()}
    if form.is_bound and not form.is_valid():
        # The words stay in the header's box; the page says what to fix.
        context.update(query=form.cleaned_data.get("q", ""), invalid=True)
        return render(request, "search/results.html", context)
    if not form.is_bound or not form.cleaned_data["q"]:
        return render(request, "search/results.html", context)

    data = form.cleaned_data
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        number = 1
    found = find(
        request.user,
        data["q"],
        types=data["type"],
        filters=Filters(
            department_ids=tuple(data["department"].descendant_ids()) if data["department"] else (),
            date_from=data["date_from"],
            date_to=data["date_to"],
        ),
        page=number,
        order=data["order"] or ORDER_RELEVANCE,
    )
    if found.unavailable:
        context.update(query=data["q"], unavailable=True)
        return render(request, "search/results.html", context, status=503)

    departments = Department.objects.in_bulk(
        [hit.department_id for hit in found.hits if hit.department_id]
        + list(found.department_counts)
    )
    # A search is logged once; its later pages carry its (signed) log id instead.
    log_id = _signed_log_id(request)
    if log_id is None:
        log_id = log.record_search(request.user, data["q"], found.total).pk
    present = partial(
        _present,
        terms=found.terms,
        labels=labels,
        departments=departments,
        log_id=log_id,
        user=request.user,
    )
    page = Page(
        present(found.hits, first_rank=found.first_rank),
        found.page,
        Paginator(_Window(found.total), found.page_size),
    )
    entries = _grouped(page.object_list)
    suggestions = []
    if not found.total:  # words found apart, anywhere the user may look
        related = find(request.user, data["q"], match_any=True, page_size=SUGGESTIONS)
        suggestions = present(related.hits, first_rank=1)

    query_string = request.GET.copy()
    query_string.pop("page", None)
    if log_id:  # later pages keep crediting clicks to the same search
        query_string["log"] = _log_signer(request.user).sign(str(log_id))
    context.update(
        query=data["q"],
        query_was_shortened=form.query_was_shortened,
        page=page,
        entries=entries,
        total=found.total,
        type_facets=[
            (doc_type, labels.get(doc_type, doc_type), count)
            for doc_type, count in sorted(found.type_counts.items(), key=lambda kv: -kv[1])
        ],
        department_facets=[
            (departments[pk], count, _with(request, department=pk))
            for pk, count in sorted(found.department_counts.items(), key=lambda kv: -kv[1])
            if pk in departments
        ],
        suggestions=suggestions,
        query_string=query_string.urlencode(),
    )
    return render(request, "search/results.html", context)


def _with(request, **changes):
    """This search's URL with some parameters changed (a new search: no page, no log)."""
    query = request.GET.copy()
    for name in ("page", "log"):
        query.pop(name, None)
    for name, value in changes.items():
        query[name] = str(value)
    return "?" + query.urlencode()


def _log_signer(user):
    return signing.Signer(salt=f"{LOG_SALT}.{user.pk}")


def _signed_log_id(request):
    """The log id a later page of the same search carries, if this server signed it."""
    try:
        return int(_log_signer(request.user).unsign(request.GET.get("log", "")))
    except (signing.BadSignature, ValueError):
        return None


def click(request):
    """Log which result was opened (and at what rank), then go there.

    The link is signed when the results page shows it, for this user: only a
    result that really was shown to them is logged, and only its own address
    is followed.
    """
    try:
        shown = signing.loads(request.GET.get("c", ""), salt=f"{CLICK_SALT}.{request.user.pk}")
        log_id, rank, key, target = shown["log"], shown["rank"], shown["key"], shown["to"]
    except (signing.BadSignature, KeyError, TypeError):
        return HttpResponseRedirect(reverse("search:results"))
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("search:results")
    log.record_click(log_id, key, rank)
    return HttpResponseRedirect(target)


def click_url(log_id, rank, hit, user):
    if not log_id or user is None:
        return hit.url
    shown = {"log": log_id, "rank": rank, "key": hit.key, "to": hit.url}
    token = signing.dumps(shown, salt=f"{CLICK_SALT}.{user.pk}", compress=True)
    return f"{reverse('search:click')}?{urlencode({'c': token})}"
