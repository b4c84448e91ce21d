"""From a search that found nothing to one that finds: the zero-result report's actions.

Each row of 「何も見つからなかった検索」 offers actions; each is two clicks:
the action, then one form where the IT desk picks the target and confirms.
Search offers one itself (add the query to a synonym group); other apps add
theirs with a Wagtail hook, so search never writes their tables::

    @hooks.register(report_actions.HOOK)
    def faq_keyword_action():
        return ReportAction(_("Add to an FAQ's keywords"), "faq_keyword_from_search",
                            is_shown=can_edit_some_faq)
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages

from . import synonym_members
from .models import SynonymGroup

HOOK = "register_search_report_action"
REPORT_PERMISSION = "search.view_search_report"


@dataclass(frozen=True)
class ReportAction:
    """An action on a zero-result query: a label and the admin URL that takes ``?query=``."""

    label: str
    url_name: str
    is_shown: object = None  # callable(user) -> bool; None: whoever sees the report

    def shown_to(self, user):
        return self.is_shown is None or self.is_shown(user)

    def url_for(self, query):
        return f"{reverse(self.url_name)}?{urlencode({'query': query})}"


def actions_for(user):
    """The actions ``user`` may take on a zero-result query, in the hooks' order."""
    actions = (hook() for hook in hooks.get_hooks(HOOK))
    return [action for action in actions if action is not None and action.shown_to(user)]


class ReportQueryField(forms.CharField):
    """A query from the search log, as a word to add somewhere: one line, short, printable."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Query"))
        kwargs.setdefault("max_length", synonym_members.MAX_MEMBER_CHARS)
        kwargs.setdefault(
            "error_messages",
            {
                "required": gettext_lazy("No query was given: start again from the search report."),
                "max_length": gettext_lazy(
                    "The query is too long to add: at most %(limit_value)d characters."
                ),
            },
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return " ".join(super().to_python(value).split())

    def validate(self, value):
        super().validate(value)
        if synonym_members.has_control_characters(value):
            raise ValidationError(
                _("The query contains control characters and cannot be added."), code="control"
            )


def can_add_synonyms(user):
    return user.has_perm(REPORT_PERMISSION) and (
        user.has_perm("search.add_synonymgroup") or user.has_perm("search.change_synonymgroup")
    )


class AddToSynonymGroupForm(forms.Form):
    query = ReportQueryField(widget=forms.HiddenInput)
    group = forms.ModelChoiceField(
        label=gettext_lazy("Synonym group"),
        queryset=SynonymGroup.objects.order_by("name", "pk"),
        required=False,
        empty_label=gettext_lazy("Start a new group"),
        error_messages={"invalid_choice": gettext_lazy("Choose a group from the list.")},
    )
    words = forms.CharField(
        label=gettext_lazy("Words of the new group"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Only for a new group: the query and the words that mean the same, one per line."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        group = self.fields["group"]
        group.label_from_instance = lambda g: f"{g}（{g.words_in_line()}）"

    def clean(self):
        cleaned = super().clean()
        if "group" not in cleaned or "query" not in cleaned:
            return cleaned
        if cleaned["group"] is None:
            if not self.user.has_perm("search.add_synonymgroup"):
                self.add_error("group", _("You may not start a new group; choose one."))
            elif not cleaned.get("words", "").strip():
                self.add_error("words", _("Write the words of the new group, the query first."))
        elif not self.user.has_perm("search.change_synonymgroup"):
            self.add_error("group", _("You may not change an existing group."))
        return cleaned

    def save(self):
        """Add the query to the chosen group, or create the new one; the group, or None.

        What the dictionary refuses (a word already there, a new group of one
        word) comes back as an error on the form, and nothing is saved.
        """
        chosen, query = self.cleaned_data["group"], self.cleaned_data["query"]
        with transaction.atomic():
            if chosen is None:
                group = SynonymGroup(members=self.cleaned_data["words"])
                field = "words"
            else:
                group = SynonymGroup.objects.select_for_update().get(pk=chosen.pk)
                group.add_member(query)
                field = "group"
            try:
                group.full_clean()
            except ValidationError as error:
                for message in error.message_dict.get("members", error.messages):
                    self.add_error(field, message)
                return None
            group.save()
        return group


def add_to_synonym_group(request):
    """The IT desk adds a query that found nothing to a synonym group (or starts one)."""
    if not can_add_synonyms(request.user):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    initial_query = ReportQueryField(required=False, widget=forms.HiddenInput)
    try:
        query = initial_query.clean(source.get("query", ""))
    except ValidationError as error:
        query = ""
        messages.error(request, error.messages[0])
    form = AddToSynonymGroupForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={"query": query, "words": query},
    )
    if request.method == "POST" and form.is_valid():
        group = form.save()
        if group is not None:
            messages.success(
                request,
                _("「%(query)s」 was added to the synonym group 「%(group)s」.")
                % {"query": form.cleaned_data["query"], "group": group},
            )
            return redirect("search_reports")
    return TemplateResponse(
        request,
        "search/admin/add_to_synonym_group.html",
        {"form": form, "query": query, "page_title": _("Add to a synonym group")},
    )


@hooks.register(HOOK)
def synonym_action():
    return ReportAction(
        gettext_lazy("Add to a synonym group"), "search_report_synonym", is_shown=can_add_synonyms
    )
