"""In-app notifications: the bell in the header and the list behind it.

Apps send one with ``intranet.notify(recipient, message, url)``, or the same
message to many with ``intranet.notify_many(recipients, message, url)`` (one
bulk write, however many), and take back what would name someone with
``intranet.withdraw_notifications``; they never touch the table themselves. With
``NOTIFY_BY_EMAIL`` on, each notification is also sent by e-mail to staff
who have an address.
"""

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mass_mail
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
    created = notify_many([recipient], message, url)
    return created[0] if created else None


def notify_many(recipients, message, url=""):
    """Tell each active recipient the same thing, in one write; returns the notifications."""
    message = str(message)[:300]
    recipients = {user.pk: user for user in recipients if user is not None and user.is_active}
    created = Notification.objects.bulk_create(
        Notification(recipient=user, message=message, url=url) for user in recipients.values()
    )
    if settings.NOTIFY_BY_EMAIL:
        _send_emails(recipients.values(), message, url)
    return created


def withdraw(recipient_id, url_prefix):
    """Delete the notifications that point one person under ``url_prefix``.

    For a notification that would itself name someone once a promise changes:
    a reply notice to the starter of a thread whose board became untraceable
    says who started it. An e-mail already sent cannot be taken back.
    """
    deleted, _by_model = Notification.objects.filter(
        recipient_id=recipient_id, url__startswith=url_prefix
    ).delete()
    return deleted


def absolute_url(path):
    """``path`` on the intranet as staff reach it from a mail or a feed reader."""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def _send_emails(recipients, message, url):
    link = absolute_url(url) if url.startswith("/") else url
    body = f"{message}\n\n{link}" if link else message
    subject = _("[%(site)s] %(message)s") % {
        "site": settings.WAGTAIL_SITE_NAME,
        "message": message[:60],
    }
    send_mass_mail(
        [(subject, body, None, [user.email]) for user in recipients if user.email],
        fail_silently=True,  # the notification under the bell is what counts
    )


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
