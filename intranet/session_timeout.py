"""The idle timeout as the browser sees it: how long is left, and a way to extend it.

Staff pages carry the seconds left (``intranet.context_processors.session_timeout``);
``static/js/session.js`` warns ``SESSION_WARNING_SECONDS`` before the end and
posts to :func:`extend_session` when the staff member chooses to go on.
"""

import time

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .middleware import RENEWED_AT


def seconds_left(request):
    """Seconds until the session ends if nothing else is requested after this page.

    ``IdleSessionRenewalMiddleware`` renews the session on the way out when
    its last renewal is ``SESSION_RENEW_SECONDS`` old; otherwise it runs
    from that last renewal.
    """
    age = settings.SESSION_COOKIE_AGE
    renewed_at = request.session.get(RENEWED_AT)
    if renewed_at is None:
        return age
    idle = int(time.time()) - renewed_at
    if idle >= settings.SESSION_RENEW_SECONDS:
        return age
    return age - idle


@require_POST
def extend_session(request):
    """Renew the session now, as a page view would; answers with the new seconds left.

    An anonymous request never gets here: the login requirement redirects it
    to the login page, which the page's script reads as "the session has ended".
    """
    request.session[RENEWED_AT] = int(time.time())  # modified: saved with a fresh expiry
    return JsonResponse({"seconds_left": settings.SESSION_COOKIE_AGE})
