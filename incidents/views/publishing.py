"""The office edits a report's public version and publishes it past the personal-data guard.

One page for the administration office: the report as written beside the
case as it will be published. 保存 keeps the edits (a published case only
if the guard passes, since it is in the collection); 公開する saves and
publishes, or neither; 非公開にする and 公開を取り下げる keep the report out
of the collection. Anyone else is told the page does not exist.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import publication, rules, services
from ..case_forms import CaseForm
from ..models import Case, IncidentReport, State

EDITABLE_STATES = (State.OFFICE_CONFIRMED, State.PUBLISHED, State.KEPT)


def _case_to_edit(user, pk):
    report = get_object_or_404(
        IncidentReport.objects.select_related("department__parent", "category", "reporter"), pk=pk
    )
    case = Case.objects.filter(report=report).select_related("department", "category").first()
    if case is None or report.state not in EDITABLE_STATES or not rules.can_edit_case(user, case):
        raise Http404
    case.report = report
    return case


def _moved_on(request):
    messages.error(
        request,
        _(
            "Someone else acted on this report while you were editing it, so nothing was "
            "saved. Check its state below; your edits are still in the form."
        ),
    )


def edit_case(request, pk):
    case = _case_to_edit(request.user, pk)
    action = request.POST.get("action", "save") if request.method == "POST" else None
    if action in ("keep", "withdraw"):
        return _keep_private(request, case)
    guarding = action == "publish" or case.is_published
    form = CaseForm(request.POST or None, case=case, guarding=guarding)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.CASE_FIELDS}
        attachments = form.cleaned_data["public_attachments"]
        try:
            if action == "publish":
                services.save_and_publish(
                    case, request.user, fields, attachments, form.findings_cleared()
                )
            else:
                services.save_case(case, request.user, fields, attachments, form.findings_cleared())
        except services.StateChanged:
            _moved_on(request)
            case = _case_to_edit(request.user, pk)
        except (publication.Unresolved, publication.Unreadable) as refused:
            form.add_error(None, refused.message)
        else:
            if action == "publish":
                messages.success(request, _("The case was published in the collection."))
            else:
                messages.success(request, _("The public version was saved."))
                if not case.is_published and publication.unresolved_findings(case):
                    messages.warning(
                        request,
                        _(
                            "Personal data may remain: it must be removed or judged not "
                            "personal data before the case can be published."
                        ),
                    )
            return redirect("incidents:case_edit", pk=case.report.pk)
    return render(request, "incidents/case_edit.html", _context(case, form))


def _keep_private(request, case):
    withdrawing = case.report.state == State.PUBLISHED
    try:
        services.keep_private(case.report, request.user)
    except services.StateChanged:
        messages.error(
            request,
            _("Someone else acted on this report first, so nothing was changed. Check its state."),
        )
    else:
        if withdrawing:
            messages.success(request, _("The case was withdrawn from the collection."))
        else:
            messages.success(request, _("The report is kept, not published."))
    return redirect("incidents:case_edit", pk=case.report.pk)


def _context(case, form):
    report = case.report
    return {
        "case": case,
        "report": report,
        "form": form,
        "can_publish": report.state in (State.OFFICE_CONFIRMED, State.KEPT),
        "can_keep": report.state == State.OFFICE_CONFIRMED,
        "can_withdraw": report.state == State.PUBLISHED,
    }
