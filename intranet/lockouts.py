"""The system administrator's 「ログインのロック」 screen: see and lift login lockouts.

django-axes counts wrong passwords per account and per address and refuses
logins once ``AXES_FAILURE_LIMIT`` is reached (see settings). Lifting a
lockout deletes the counted attempts of that account and that address, as
``python manage.py axes_reset_username`` and ``axes_reset_ip`` do.
"""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

UNLOCK_PERMISSION = "axes.delete_accessattempt"


def _require_permission(request):
    if not request.user.has_perm(UNLOCK_PERMISSION):
        raise PermissionDenied


def lockout_list(request):
    _require_permission(request)
    attempts = AccessAttempt.objects.order_by("-attempt_time")
    return TemplateResponse(
        request,
        "intranet/admin/lockouts.html",
        {
            "attempts": attempts,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "page_title": _("Login lockouts"),
        },
    )


@require_POST
def unlock(request, pk):
    _require_permission(request)
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    reset(ip=attempt.ip_address, username=attempt.username, ip_or_username=True)
    messages.success(
        request,
        _("Logins for %(username)s and from %(address)s are unlocked.")
        % {"username": attempt.username or "—", "address": attempt.ip_address or "—"},
    )
    return redirect("intranet_login_lockouts")
