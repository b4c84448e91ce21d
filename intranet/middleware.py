"""Middleware of the intranet core."""

import time

from django.conf import settings

RENEWED_AT = "_renewed_at"


class IdleSessionRenewalMiddleware:
    """Keep an active staff member's session alive without a database write on every request.

    Django renews a session's expiry only when the session is saved.
    ``SESSION_SAVE_EVERY_REQUEST`` would save it on every page view: one write
    per view, and on SQLite a lock that 200 simultaneous readers queue for.
    Instead the session is saved when its last renewal is older than
    ``SESSION_RENEW_SECONDS``, so the idle timeout holds to within that much.
    Must come after ``SessionMiddleware``, so that it runs before the session
    is saved on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            stale = now - session.get(RENEWED_AT, 0) >= settings.SESSION_RENEW_SECONDS
            if stale or session.modified:
                session[RENEWED_AT] = now  # marks the session modified: saved, expiry renewed
        return response
