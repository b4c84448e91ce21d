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
    """Approve or reject one 仮予約 (or its whole series); a second decision is refused."""
    booking = get_object_or_404(
        Booking.objects.select_related("booked_by__staff_profile", "department", "series"), pk=pk
    )
    if not rules.can_approve(request.user, booking):
        raise PermissionDenied(_("You may not decide bookings of this resource."))
    waiting = booking.status == Booking.Status.TENTATIVE
    form = DecisionForm(request.POST or None, booking=booking)
    if request.method == "POST":
        if not waiting:
            messages.error(request, approval.already_decided_message(booking.status))
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
            messages.success(request, _success_message(decided))
            return redirect("reservations:approvals")
    occurrences = []
    if booking.series_id is not None:
        occurrences = approval.spans_of(
            booking.series.bookings.filter(status=Booking.Status.TENTATIVE).order_by("starts_at")
        )
    return render(
        request,
        "reservations/approval_decide.html",
        {
            "booking": booking,
            "form": form,
            "waiting": waiting,
            "already": "" if waiting else approval.already_decided_message(booking.status),
            "occurrences": occurrences,
            "span": approval.spans_of([booking])[0][1],
            "resource_names": approval.resource_names(booking),
            "requester": approval.person(booking.booked_by),
        },
    )


def _success_message(decided):
    values = {"booking": approval.describe(decided)}
    if decided[0].status == Booking.Status.CONFIRMED:
        return _("Approved %(booking)s. The one who booked has been told.") % values
    return _("Rejected %(booking)s. The one who booked has been told, with your reason.") % values


urlpatterns = [
    path("approvals/", approvals, name="approvals"),
    path("<int:pk>/decide/", decide, name="decide"),
]
