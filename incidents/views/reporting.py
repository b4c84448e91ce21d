"""Writing a report: the draft that saves itself, sending it, the anonymous reporter's page.

A draft is found only among the writer's own (another's is a 404), and a
request naming a reporter, an owner or an author is refused whole: who wrote
a report is the login's, never the form's. An anonymous report's receipt is
the answer to the POST that sent it, not a page redirected to, so no address
in any log puts the writer's request beside the report's number; the
anonymous reporter's 照会キー travels only in POST bodies, never in an address
or the session.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

import search

from .. import drafting, rules, services
from ..models import IncidentReport, ReportDraft, ReportStep, State
from ..report_forms import ReportForm, initial_from_draft, initial_from_report, raw_values
from ..search import DOC_TYPE

# Names a form never carries: who wrote or owns something is the login's to say.
FORGED_NAMES = frozenset(
    {"reporter", "reporter_id", "owner", "owner_id", "author", "author_id", "actor", "user"}
)
SIMILAR_LIMIT = 5
SIMILAR_QUERY_CHARS = 200


def _refuse_forged(request):
    if FORGED_NAMES & set(request.POST):
        raise PermissionDenied


def _own_draft(request, pk):
    return get_object_or_404(ReportDraft, pk=pk, owner=request.user)


def _save_typed(request, draft):
    """Keep what was posted on the draft; a draft sent or deleted meanwhile is gone (404)."""
    try:
        with transaction.atomic():
            return services.save_draft(request.user, raw_values(request.POST), draft)
    except DatabaseError as error:  # its row was deleted between the lookup and the save
        raise Http404 from error


# ---- similar published cases -----------------------------------------------


def similar_to(user, text):
    """Published cases this user may read that share words with ``text``, best first."""
    text = " ".join(str(text or "").split())[:SIMILAR_QUERY_CHARS]
    if not text:
        return []
    found = search.find(user, text, types=(DOC_TYPE,), match_any=True, page_size=SIMILAR_LIMIT)
    ids = [int(hit.object_id) for hit in found.hits if hit.object_id.isdigit()]
    cases = rules.visible_cases(user, rules.published_cases()).select_related("category")
    by_id = cases.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def _ticked_ids(values):
    return [int(value) for value in values if str(value).isdigit()][:50]


def _case_choices(user, ticked_ids, suggestions):
    """The ticked cases first (so a tick is never lost), then the suggestions."""
    ticked = list(
        rules.visible_cases(user, rules.published_cases())
        .filter(pk__in=ticked_ids)
        .select_related("category")
    )
    seen = {case.pk for case in ticked}
    return [(case, True) for case in ticked] + [
        (case, False) for case in suggestions if case.pk not in seen
    ]


def similar_cases(request):
    """An HTML fragment of similar published cases, for the form (the script or its button)."""
    source = request.POST if request.method == "POST" else request.GET
    text = source.get("q") or " ".join(
        str(source.get(name, "")) for name in ("title", "what_happened")
    )
    suggestions = similar_to(request.user, text)
    choices = _case_choices(request.user, _ticked_ids(source.getlist("related_cases")), suggestions)
    return render(
        request,
        "incidents/includes/similar_cases.html",
        {"case_choices": choices, "searched": bool(text.strip())},
    )


# ---- drafts ----------------------------------------------------------------


def new_report(request):
    """Start writing: a draft in the writer's own department, then its page."""
    draft = drafting.start_draft(request.user)
    return redirect("incidents:draft", pk=draft.pk)


def _render_draft(request, draft, form, suggestions=(), upload_errors=(), searched=False):
    ticked = form["related_cases"].value() or []
    context = {
        "draft": draft,
        "form": form,
        "attachments": list(draft.attachments.all()),
        "case_choices": _case_choices(request.user, _ticked_ids(ticked), suggestions),
        "searched": searched,
        "upload_errors": upload_errors,
    }
    return render(request, "incidents/draft.html", context)


def _attach_uploads(request, draft, form):
    """Store the files that pass their checks; the messages of those that do not."""
    uploads = request.FILES.getlist("files")
    if not uploads:
        return []
    try:
        checked = form.fields["files"].clean(uploads)
    except ValidationError as error:
        return error.messages
    for upload, name, kind in checked:
        services.attach_to_draft(draft, request.user, upload, name, kind)
    return []


def draft(request, pk):
    draft = _own_draft(request, pk)
    if request.method != "POST":
        return _render_draft(request, draft, ReportForm(initial=initial_from_draft(draft)))
    _refuse_forged(request)
    draft = _save_typed(request, draft)
    upload_errors = _attach_uploads(request, draft, ReportForm())
    if "remove" in request.POST:
        if drafting.remove_attachment(draft, request.POST["remove"]):
            messages.success(request, _("The file was taken off the draft."))
        form = ReportForm(initial=initial_from_draft(draft))
        return _render_draft(request, draft, form, upload_errors=upload_errors)
    if "similar" in request.POST:
        text = f"{request.POST.get('title', '')} {request.POST.get('what_happened', '')}"
        return _render_draft(
            request,
            draft,
            ReportForm(initial=initial_from_draft(draft)),
            suggestions=similar_to(request.user, text),
            upload_errors=upload_errors,
            searched=True,
        )
    if "submit" not in request.POST:
        if upload_errors:
            return _render_draft(
                request,
                draft,
                ReportForm(initial=initial_from_draft(draft)),
                upload_errors=upload_errors,
            )
        messages.success(request, _("The draft was saved."))
        return redirect("incidents:draft", pk=draft.pk)
    return _submit(request, draft, upload_errors)


def _submit(request, draft, upload_errors):
    form = ReportForm(request.POST)
    if upload_errors or not form.is_valid():
        return _render_draft(request, draft, form, upload_errors=upload_errors)
    anonymous = form.cleaned_data["anonymous"]
    try:
        report, key = services.submit(
            draft,
            request.user,
            form.report_fields(),
            anonymous=anonymous,
            related_cases=form.cleaned_data["related_cases"],
        )
    except ValidationError as error:
        form.add_service_errors(error)
        return _render_draft(request, draft, form)
    except PermissionDenied as error:
        raise Http404 from error
    if not anonymous:
        messages.success(
            request,
            _("Your report %(number)s was sent to your section head.") % {"number": report.number},
        )
        return redirect(report.get_absolute_url())
    response = render(request, "incidents/receipt.html", {"report": report, "key": key})
    add_never_cache_headers(response)
    return response


@require_POST
def autosave(request, pk):
    """What the writer typed, saved as they type (the script posts here); answers JSON."""
    draft = _own_draft(request, pk)
    _refuse_forged(request)
    draft = _save_typed(request, draft)
    saved_at = timezone.localtime(draft.updated_at).strftime("%H:%M")
    return JsonResponse(
        {
            "saved_at": saved_at,
            "message": _("Draft saved %(time)s") % {"time": saved_at},
        }
    )


@require_POST
def delete_draft(request, pk):
    draft = _own_draft(request, pk)
    drafting.discard(draft)
    messages.success(request, _("The draft was deleted."))
    return redirect("incidents:my_reports")


def my_reports(request):
    """The writer's drafts and named reports (anonymous ones are nobody's: not listed)."""
    drafts = ReportDraft.objects.filter(owner=request.user).prefetch_related("attachments")
    reports = IncidentReport.objects.filter(reporter=request.user).select_related(
        "category", "department"
    )
    return render(
        request,
        "incidents/my_reports.html",
        {"drafts": drafts, "reports": reports, "returned": State.RETURNED},
    )


# ---- a report sent back ------------------------------------------------------


def _returned_comments(report):
    return report.steps.filter(action=ReportStep.Action.SENT_BACK).exclude(comment="")


def edit_returned(request, pk):
    """The named reporter corrects a report sent back and sends it again."""
    report = get_object_or_404(IncidentReport.objects.select_related("department"), pk=pk)
    if not rules.is_reporter(request.user, report):
        raise Http404
    if not rules.can_edit_as_reporter(request.user, report):
        messages.info(request, _("This report is not sent back: there is nothing to correct."))
        return redirect(report.get_absolute_url())
    form = ReportForm(initial=initial_from_report(report), for_draft=False)
    if request.method == "POST":
        _refuse_forged(request)
        form = ReportForm(request.POST, for_draft=False)
        if form.is_valid():
            try:
                services.resubmit(
                    report,
                    form.report_fields(),
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                )
            except services.StateChanged:
                messages.error(request, _("The report was changed meanwhile: nothing was saved."))
                return redirect(report.get_absolute_url())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("The corrected report was sent again."))
                return redirect(report.get_absolute_url())
    return render(
        request,
        "incidents/report_edit.html",
        {"report": report, "form": form, "comments": _returned_comments(report)},
    )


# ---- the anonymous reporter ------------------------------------------------


class KeyForm(forms.Form):
    key = forms.CharField(
        label=gettext_lazy("照会キー (inquiry key)"),
        max_length=64,
        help_text=gettext_lazy("The key shown once when you sent the anonymous report."),
        # A secret: not shown while typed, nor kept by the browser.
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _report_for_key(key):
    key = (key or "").strip()
    if not key or len(key) > 64:
        return None
    report = IncidentReport.objects.filter(
        anonymous=True, reporter_key_hash=IncidentReport.hash_key(key)
    ).first()
    return report if report is not None and rules.holds_key(report, key) else None


def _anonymous_response(request, template, context):
    response = render(request, template, context)
    add_never_cache_headers(response)
    return response


def anonymous(request):
    """The anonymous reporter's page, opened with the 照会キー posted (never in an address)."""
    if request.method != "POST":
        return _anonymous_response(request, "incidents/anonymous_key.html", {"form": KeyForm()})
    key_form = KeyForm(request.POST)
    report = _report_for_key(request.POST.get("key")) if key_form.is_valid() else None
    if report is None:
        key_form = KeyForm()
        key_form.wrong = True
        return _anonymous_response(request, "incidents/anonymous_key.html", {"form": key_form})
    key = key_form.cleaned_data["key"].strip()
    action = request.POST.get("action", "")
    answer_form, form, notice = AnswerForm(), None, ""
    if action == "answer":
        answer_form = AnswerForm(request.POST)
        if answer_form.is_valid():
            try:
                services.answer(report, answer_form.cleaned_data["body"], key=key)
            except ValidationError as error:
                answer_form.add_error("body", error.messages[0])
            else:
                answer_form, notice = AnswerForm(), _("Your answer was sent.")
    elif action == "resubmit" and report.state == State.RETURNED:
        _refuse_forged(request)
        form = ReportForm(request.POST, for_draft=False)
        if form.is_valid():
            try:
                services.resubmit(
                    report, form.report_fields(), key=key, comment=form.cleaned_data["comment"]
                )
            except services.StateChanged:
                form, notice = None, _("The report was changed meanwhile: nothing was saved.")
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                form, notice = None, _("The corrected report was sent again.")
    report.refresh_from_db()
    if form is None and report.state == State.RETURNED:
        form = ReportForm(initial=initial_from_report(report), for_draft=False)
    context = {
        "report": report,
        "key": key,
        "notice": notice,
        "answer_form": answer_form,
        "form": form,
        "questions": report.messages.all(),
        "comments": _returned_comments(report),
        "can_answer": report.is_open,
    }
    return _anonymous_response(request, "incidents/anonymous_report.html", context)
