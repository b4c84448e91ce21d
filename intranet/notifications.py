"""In-app notifications: the bell in the header and the list behind it.

Apps send one with ``intranet.notify(recipient, message, url)``; they never touch
the table themselves.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Notification

PAGE_SIZE = 30


def notify(recipient, message, url=""):
    """Tell one staff member something, with an optional link to where it happened."""
    if recipient is None or not recipient.is_active:
        return None
    return Notification.objects.create(recipient=recipient, message=message[:300], url=url)


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "intranet/notifications.html", {"page": page})


def open_notification(request, pk):
    """Mark one notification read and follow its link (local links only)."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
def mark_all_read(request):
    updated = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if updated:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")
