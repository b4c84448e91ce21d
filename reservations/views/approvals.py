"""The approver's screens: the queue of 仮予約 and the decision on one request."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import approval, rules
from ..models import Booking

APPROVE, REJECT = "approve", "reject"
ONE, SERIES = "one", "series"


class DecisionForm(forms.Form):
    """Approve or reject; a rejection says why. For a series: this occurrence or all waiting."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[(APPROVE, gettext_lazy("Approve")), (REJECT, gettext_lazy("Reject"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose whether to approve or reject the booking."),
            "invalid_choice": gettext_lazy("Choose whether to approve or reject the booking."),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for rejection"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Needed when you reject: the one who booked reads it in their notification."
        ),
        error_messages={
            "max_length": gettext_lazy(
                "Keep the reason to %(limit_value)d characters (it has %(show_value)d)."
            )
        },
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Which occurrences"),
        choices=[
            (ONE, gettext_lazy("This occurrence only")),
            (SERIES, gettext_lazy("Every waiting occurrence of the series")),
        ],
        initial=ONE,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        if booking.series_id is None:
            del self.fields["scope"]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("decision") == REJECT and not cleaned_data.get("reason", "").strip():
            self.add_error("reason", approval.reason_required_message())
        return cleaned_data

    @property
    def whole_series(self):
        return self.cleaned_data.get("scope") == SERIES


def _check_is_an_approver(user):
    if not user.has_perm("reservations.approve_booking"):
        raise PermissionDenied(
            _("Only section heads decide bookings, for the resources their section keeps.")
        )


def approvals(request):
    """The approver's queue: what waits for a decision, oldest request first."""
    _check_is_an_approver(request.user)
    requests = approval.requests_for(request.user)
    return render(
        request,
        "reservations/approvals.html",
        {"requests": requests, "waiting": sum(len(item.bookings) for item in requests)},
    )


def decide(request, pk):
    """Approve or reject the parts this approver keeps (of one 仮予約 or its whole series)."""
    booking = get_object_or_404(
        Booking.objects.select_related("booked_by__staff_profile", "department", "series"), pk=pk
    )
    if not rules.can_approve(request.user, booking):
        raise PermissionDenied(_("You may not decide bookings of this resource."))
    mine = approval.waiting_parts(request.user, booking)
    form = DecisionForm(request.POST or None, booking=booking)
    if request.method == "POST":
        if not mine:
            messages.error(request, approval.refusal_for(booking, request.user))
            return redirect("reservations:approvals")
        if form.is_valid():
            try:
                decided = approval.decide(
                    booking,
                    request.user,
                    approve=form.cleaned_data["decision"] == APPROVE,
                    reason=form.cleaned_data.get("reason", ""),
                    whole_series=form.whole_series,
                )
            except approval.DecisionRefused as refused:
                messages.error(request, refused.messages[0])
                return redirect("reservations:approvals")
            approved = form.cleaned_data["decision"] == APPROVE
            messages.success(request, _success_message(decided, mine, approved))
            return redirect("reservations:approvals")
    occurrences = []
    if booking.series_id is not None:
        occurrences = approval.spans_of(
            booking.series.bookings.filter(status=Booking.Status.TENTATIVE).order_by("starts_at")
        )
    mine_pks = {slot.pk for slot in mine}
    return render(
        request,
        "reservations/approval_decide.html",
        {
            "booking": booking,
            "form": form,
            "waiting": bool(mine),
            "already": "" if mine else approval.refusal_for(booking, request.user),
            "occurrences": occurrences,
            "span": approval.spans_of([booking])[0][1],
            "resource_names": approval.resource_names(booking),
            "my_resource_names": approval.names_of(mine),
            "other_parts": [slot for slot in approval.parts(booking) if slot.pk not in mine_pks],
            "requester": approval.person(booking.booked_by),
        },
    )


def _success_message(decided, mine, approved):
    values = {"booking": approval.describe(decided), "resources": approval.names_of(mine)}
    status = decided[0].status
    if status == Booking.Status.CONFIRMED:
        return _("Approved %(booking)s. The one who booked has been told.") % values
    if status == Booking.Status.REJECTED:
        return (
            _("Rejected %(booking)s. The one who booked has been told, with your reason.") % values
        )
    if approved:
        return (
            _(
                "Approved %(resources)s of %(booking)s. The booking is confirmed once the other "
                "departments approve their parts."
            )
            % values
        )
    return (
        _(
            "Rejected %(resources)s of %(booking)s. The one who booked has been told, with your "
            "reason, and chooses whether to keep the rest."
        )
        % values
    )


def choose_after_rejection(request, pk):
    """The booker's choice after an owner rejected a part: keep the rest, or cancel."""
    booking = get_object_or_404(Booking, pk=pk)
    if not rules.can_change(request.user, booking):
        raise PermissionDenied(
            _("Only the person who made this booking or the keeper of its resources may change it.")
        )
    if request.method != "POST":
        return redirect(booking)
    form = ChoiceForm(request.POST, booking=booking)
    if not form.is_valid():
        messages.error(request, _("Choose whether to keep the rest of the booking or cancel it."))
        return redirect(booking)
    whole_series = form.cleaned_data.get("scope") == SERIES
    try:
        if form.cleaned_data["choice"] == KEEP:
            changed = approval.keep_the_rest(booking, whole_series=whole_series)
        else:
            changed = approval.cancel_the_rest(booking, whole_series=whole_series)
    except approval.DecisionRefused as refused:
        messages.error(request, refused.messages[0])
        return redirect(booking)
    messages.success(request, _choice_message(changed))
    return redirect(booking)


KEEP, CANCEL = "keep", "cancel"


class ChoiceForm(forms.Form):
    """After a rejected part: book with what is left, or cancel; for a series, which ones."""

    choice = forms.ChoiceField(
        choices=[
            (KEEP, gettext_lazy("Book with the rest")),
            (CANCEL, gettext_lazy("Cancel")),
        ]
    )
    scope = forms.ChoiceField(
        choices=[
            (ONE, gettext_lazy("This occurrence only")),
            (SERIES, gettext_lazy("Every occurrence of the series waiting for this choice")),
        ],
        initial=ONE,
        required=False,
    )

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        if booking.series_id is None:
            del self.fields["scope"]


def _choice_message(changed):
    values = {"booking": approval.describe(changed)}
    status = changed[0].status
    if status == Booking.Status.CANCELLED:
        return _("Cancelled %(booking)s.") % values
    if status == Booking.Status.CONFIRMED:
        return _("%(booking)s is booked without the rejected resources and is confirmed.") % values
    return (
        _(
            "%(booking)s is booked without the rejected resources; it waits for the approval "
            "of the other departments."
        )
        % values
    )


urlpatterns = [
    path("approvals/", approvals, name="approvals"),
    path("<int:pk>/decide/", decide, name="decide"),
    path("<int:pk>/after-rejection/", choose_after_rejection, name="after_rejection"),
]
