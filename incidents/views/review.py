"""Reviewing reports: the queue, a report's page, confirming, sending back, asking.

Whoever may not read a report (``rules.can_view_report``) is answered 404 on
each of its addresses, a section head of another department too: a refusal
names nothing. Every decision goes through ``incidents.services``, which
checks the rules and the state again with the report's row locked; a
reviewer who was beaten to it is told so, and what they typed is shown back
to them. The reporter of an anonymous report is never named here: not on the
page, in its history, nor in its questions and answers.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import deadlines, rules, services
from .. import queue as review_queue
from ..models import IncidentReport, ReportStep, State

PAGE_SIZE = 50

CONFIRM_AS_HEAD = "confirm_head"
CONFIRM_AS_OFFICE = "confirm_office"
SEND_BACK = "send_back"
KEEP_PRIVATE = "keep_private"
ACTIONS = (CONFIRM_AS_HEAD, CONFIRM_AS_OFFICE, SEND_BACK, KEEP_PRIVATE)


def _not_found():
    return Http404(_("This report does not exist or is not yours to open."))


def _report(user, pk):
    report = get_object_or_404(
        IncidentReport.objects.select_related("department", "category", "reporter__staff_profile"),
        pk=pk,
    )
    if not rules.can_view_report(user, report):
        raise _not_found()
    return report


def person(user):
    """A staff member by name (their login name if they have no profile)."""
    if user is None:
        return "—"
    profile = getattr(user, "staff_profile", None)
    return profile.full_name if profile is not None else user.get_username()


def reporter_label(report):
    """The reporter as reviewers see them: the name, or 「匿名」 — never anything else."""
    if report.anonymous:
        return _("Anonymous")
    return person(report.reporter)


def _by(report, user, from_reporter):
    if from_reporter and report.anonymous:
        return _("Reporter (anonymous)")
    return person(user)


def allowed_actions(user, report):
    """The decisions ``user`` may take on ``report`` in its present state."""
    actions = []
    if rules.can_review_as_head(user, report):
        actions += [CONFIRM_AS_HEAD, SEND_BACK]
    if rules.is_office(user):
        if report.state == State.HEAD_CONFIRMED:
            actions += [CONFIRM_AS_OFFICE, SEND_BACK, KEEP_PRIVATE]
        elif report.state == State.OFFICE_CONFIRMED:
            actions += [SEND_BACK, KEEP_PRIVATE]
        elif report.state == State.PUBLISHED:
            actions += [KEEP_PRIVATE]
    return list(dict.fromkeys(actions))


# ---- the queue ------------------------------------------------------------


WAITING = "waiting"


def _state_choices(reviewer):
    """The queue's filter: unfiltered first, then (for the office) what waits for it, each state."""
    if reviewer.is_office:
        first = [("", _("All open reports")), (WAITING, _("Waiting for the office"))]
    else:
        first = [("", _("Waiting for me"))]
    return [*first, *State.choices]


def _states_chosen(reviewer, state):
    if not state:
        return None
    if state == WAITING:
        return reviewer.waiting_states()
    return [state]


def queue(request):
    """What waits for the reviewer, overdue first; filtered by state on request.

    Staff who review nothing are refused (403): the page would always be empty.
    """
    reviewer = review_queue.Reviewer.of(request.user)
    if not reviewer.reviews:
        raise PermissionDenied(
            _("Only section heads and the administration office review reports.")
        )
    choices = _state_choices(reviewer)
    state = request.GET.get("state", "")
    if state not in dict(choices):
        state = ""
    now = timezone.now()
    reports = reviewer.queue(_states_chosen(reviewer, state), now)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "reports": page.object_list,
        "state": state,
        "state_choices": choices,
        "query_string": f"state={state}" if state else "",
        "overdue_count": reviewer.overdue_count(now),
    }
    return render(request, "incidents/queue.html", context)


# ---- one report -----------------------------------------------------------


def _steps(report):
    steps = report.steps.select_related("actor__staff_profile")
    return [
        {
            "step": step,
            "by": _by(report, step.actor, step.role == ReportStep.Role.REPORTER),
        }
        for step in steps
    ]


def _thread(report):
    return [
        {"message": message, "by": _by(report, message.author, message.from_reporter)}
        for message in report.messages.select_related("author__staff_profile")
    ]


def report(request, pk):
    user = request.user
    report = _report(user, pk)
    is_reporter = rules.is_reporter(user, report)
    context = {
        "report": report,
        "reporter": reporter_label(report),
        "overdue": deadlines.is_overdue(report, timezone.now()),
        "steps": _steps(report),
        "thread": _thread(report),
        "attachments": list(report.attachments.all()),
        "related_cases": list(rules.visible_cases(user, report.related_cases.all())),
        "actions": allowed_actions(user, report),
        "can_ask": rules.can_ask_reporter(user, report) and not is_reporter,
        "can_answer": is_reporter and not report.anonymous,
        "can_edit_case": rules.is_office(user)
        and report.state in (State.OFFICE_CONFIRMED, State.PUBLISHED, State.KEPT),
        "comment": request.session.pop(_kept_key(report, "comment"), ""),
        "body": request.session.pop(_kept_key(report, "body"), ""),
    }
    return render(request, "incidents/report.html", context)


def _kept_key(report, field):
    return f"incidents:report:{report.pk}:{field}"


def _keep_for_the_form(request, report, field, text):
    """What the reviewer typed, shown again in the form after a refusal (nothing lost)."""
    if text.strip():
        request.session[_kept_key(report, field)] = text


def _refused(request, report, message, text="", field="comment"):
    messages.error(request, message)
    _keep_for_the_form(request, report, field, text)
    return redirect(report)


_DONE = {
    CONFIRM_AS_HEAD: lambda: _("Confirmed. The administration office has been told."),
    CONFIRM_AS_OFFICE: lambda: _("Confirmed. Edit the public version of the case next."),
    SEND_BACK: lambda: _("Sent back with your comment."),
    KEEP_PRIVATE: lambda: _("The report is kept without being published."),
}


def _decide(report, user, action, comment):
    if action == CONFIRM_AS_HEAD:
        return services.confirm_as_head(report, user, comment)
    if action == CONFIRM_AS_OFFICE:
        return services.confirm_as_office(report, user, comment)
    if action == SEND_BACK:
        return services.send_back(report, user, comment)
    return services.keep_private(report, user, comment)


@require_POST
def review(request, pk):
    """Confirm, send back or keep private, as the reviewer's role and the report's state allow."""
    user = request.user
    report = _report(user, pk)
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "")[:2000]
    shown_state = request.POST.get("state", report.state)
    if action not in ACTIONS:
        return _refused(request, report, _("Choose what to do with the report."), comment)
    if shown_state != report.state:
        return _refused(
            request, report, _("Someone else has already dealt with this report."), comment
        )
    if action not in allowed_actions(user, report):
        return _refused(
            request, report, _("You cannot do this with the report in its present state."), comment
        )
    try:
        _decide(report, user, action, comment)
    except services.StateChanged:
        return _refused(
            request, report, _("Someone else has already dealt with this report."), comment
        )
    except PermissionDenied:
        return _refused(
            request, report, _("You cannot do this with the report in its present state."), comment
        )
    except ValidationError as error:
        return _refused(request, report, " ".join(error.messages), comment)
    messages.success(request, _DONE[action]())
    if action == CONFIRM_AS_OFFICE:
        return redirect("incidents:case_edit", pk=report.pk)
    return redirect(report)


@require_POST
def message(request, pk):
    """A reviewer asks the reporter; a named reporter answers."""
    user = request.user
    report = _report(user, pk)
    body = request.POST.get("body", "")[:4000]
    try:
        if rules.is_reporter(user, report):
            services.answer(report, body, user=user)
            done = _("Your answer has been sent to the reviewers.")
        elif rules.can_ask_reporter(user, report):
            services.ask_reporter(report, user, body)
            done = (
                _("Your question has been posted. The reporter reads it with their inquiry key.")
                if report.anonymous
                else _("Your question has been sent to the reporter.")
            )
        else:
            return _refused(
                request,
                report,
                _("Questions can be asked only while the report is open."),
                body,
                "body",
            )
    except PermissionDenied:
        return _refused(
            request,
            report,
            _("Questions can be asked only while the report is open."),
            body,
            "body",
        )
    except ValidationError as error:
        return _refused(request, report, " ".join(error.messages), body, "body")
    messages.success(request, done)
    return redirect(report)
