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
from .documents import MARK_OCR
from .finder import Filters
from .forms import SearchForm
from .results import results_page
from .snippets import highlight, snippet

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


def _present(shown, terms, labels, departments, click=None, prefixes=()):
    """A hit as the page lists it: its link, labels and snippet (the title is the entry's)."""
    hit = shown.hit
    return {
        "hit": hit,
        "href": click(shown.rank, hit) if click else hit.url,
        "rank": shown.rank,
        "type_label": labels.get(hit.doc_type, hit.doc_type),
        "department": departments.get(hit.department_id),
        "snippet_html": snippet(hit.body, terms, prefixes=prefixes),
        "marks": [MARK_LABELS.get(mark, mark) for mark in hit.marks],
    }


def _presented_entries(entries, present, terms, prefixes=()):
    """The page's entries (see ``results.entries``) with links, highlights and snippets.

    An entry shows one title, its whole's or its first hit's: only that one is highlighted.
    """
    presented = []
    for entry in entries:
        done = {shown.rank: present(shown) for shown in entry.shown()}
        head = done[entry.head.rank] if entry.head else None
        first = done[entry.first.rank]
        titled = head or first
        titled["title_html"] = highlight(titled["hit"].title, terms, prefixes)
        presented.append(
            {
                "head": head,
                "parts": [done[part.rank] for part in entry.parts],
                "first": first,
                "title_html": titled["title_html"],
                "href": head["href"] if head else entry.group or first["href"],
            }
        )
    return presented


def search(request):
    labels = registry.type_labels()
    form = SearchForm(request.GET or None, type_choices=labels.items())
    context = {"form": form, "query": "", "ask_url": _ask_url()}
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
    shown = results_page(
        request.user,
        data["q"],
        types=data["type"],
        filters=Filters(
            department_ids=tuple(data["department"].descendant_ids()) if data["department"] else (),
            date_from=data["date_from"],
            date_to=data["date_to"],
        ),
        page=number,
        order=data["order"],
    )
    if shown is None:
        context.update(query=data["q"], unavailable=True)
        return render(request, "search/results.html", context, status=503)

    found = shown.found
    # Each hit names its department as 「部 課」: the 部 comes in the same query.
    departments = Department.objects.select_related("parent").in_bulk(
        [hit.department_id for hit in found.hits if hit.department_id]
        + list(found.department_counts)
    )
    # A search is logged once, with what the user was shown; its later pages carry its
    # (signed) log id instead.
    log_id = _signed_log_id(request)
    if log_id is None:
        log_id = log.record_search(
            request.user, data["q"], found.total, all_words_hits=found.all_words_total
        ).pk
    present = partial(
        _present,
        terms=found.terms,
        prefixes=found.prefixes,
        labels=labels,
        departments=departments,
        click=ClickLinks(log_id, request.user),
    )
    entries = _presented_entries(shown.entries, present, found.terms, found.prefixes)
    page = Page(
        [result for entry in entries for result in ([entry["head"]] + entry["parts"]) if result],
        found.page,
        Paginator(_Window(found.total), found.page_size),
    )

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
        total_capped=found.total_capped,
        notices=shown.notices,
        # Where the hits with every word end: a mark on the others, when there are both.
        mark_partial=found.fallback and found.all_words_total > 0,
        type_facets=[
            (doc_type, labels.get(doc_type, doc_type), count)
            for doc_type, count in sorted(found.type_counts.items(), key=lambda kv: -kv[1])
        ],
        department_facets=[
            (departments[pk], count, _with(request, department=pk))
            for pk, count in sorted(found.department_counts.items(), key=lambda kv: -kv[1])
            if pk in departments
        ],
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


class ClickLinks:
    """The links of one page's hits through the click log, signed once for its user.

    A link is followed only when its signature holds for the user who opens
    it (see ``click``); one signer serves the page's twenty links.
    """

    def __init__(self, log_id, user):
        self.log_id = log_id
        self.signer = signing.TimestampSigner(salt=f"{CLICK_SALT}.{user.pk}") if user else None
        self.path = reverse("search:click")

    def __call__(self, rank, hit):
        if not self.log_id or self.signer is None:
            return hit.url
        shown = {"log": self.log_id, "rank": rank, "key": hit.key, "to": hit.url}
        token = self.signer.sign_object(shown, compress=True)
        return f"{self.path}?{urlencode({'c': token})}"
