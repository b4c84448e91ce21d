"""Approval of 仮予約: the approver's queue, confirm or reject, and who is told."""


def bookings_requested(bookings):
    """Tell the approvers that tentative bookings wait for them (after the booking commits)."""
