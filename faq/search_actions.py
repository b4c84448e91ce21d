"""The search report's 「FAQ のキーワードに追加」: a query that found nothing, added to an FAQ."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from search.report_actions import REPORT_PERMISSION, ReportAction, ReportQueryField

from . import keywords


def can_add_keywords(user):
    """Whoever reads the search reports and may edit an FAQ."""
    return user.has_perm(REPORT_PERMISSION) and keywords.editable_faqs(user).exists()


class FaqKeywordForm(forms.Form):
    query = ReportQueryField(widget=forms.HiddenInput)
    page = forms.ModelChoiceField(
        label=gettext_lazy("FAQ"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("Choose an FAQ from the list.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = keywords.editable_faqs(user).order_by("title", "pk")


OUTCOMES = {
    keywords.PUBLISHED: gettext_lazy(
        "「%(word)s」 was added to the keywords of 「%(faq)s」 and published: "
        "a search for it finds the FAQ now."
    ),
    keywords.SUBMITTED: gettext_lazy(
        "「%(word)s」 was added to the keywords of 「%(faq)s」 and submitted for review: "
        "a search finds it once the FAQ is published."
    ),
    keywords.SAVED: gettext_lazy(
        "「%(word)s」 was added to the keywords of 「%(faq)s」 as a draft: "
        "a search finds it once the FAQ is published."
    ),
}


def add_keyword_from_search(request):
    """Pick the FAQ that answers a query that found nothing, and add the query to its keywords."""
    if not can_add_keywords(request.user):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    try:
        query = ReportQueryField(required=False).clean(source.get("query", ""))
    except ValidationError as error:
        query = ""
        messages.error(request, error.messages[0])
    form = FaqKeywordForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={"query": query},
    )
    if request.method == "POST" and form.is_valid():
        page, word = form.cleaned_data["page"], form.cleaned_data["query"]
        try:
            outcome = keywords.add_keyword(page, word, request.user)
        except keywords.KeywordRefused as refusal:
            form.add_error("page", str(refusal))
        else:
            messages.success(request, OUTCOMES[outcome] % {"word": word, "faq": page.title})
            return redirect("search_reports")
    return TemplateResponse(
        request,
        "faq/admin/keyword_from_search.html",
        {"form": form, "query": query, "page_title": _("Add to an FAQ's keywords")},
    )


def report_action():
    return ReportAction(
        gettext_lazy("Add to an FAQ's keywords"),
        "faq_keyword_from_search",
        is_shown=can_add_keywords,
    )
