"""Middleware of the intranet core."""

import time

from django.conf import settings
from django.http import QueryDict

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


MAX_PARAMETER_CHARS = 10_000


class LongParameterMiddleware:
    """Cut any query parameter to 10,000 characters before a view sees it.

    No search box or filter needs more, and a longer value reaches places
    that fail on it: SQLite refuses a LIKE pattern over 50,000 bytes, which
    every admin listing's search builds from ``q``. The search page says when
    it shortened what was typed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = (value for _key, values in request.GET.lists() for value in values)
        if any(len(value) > MAX_PARAMETER_CHARS for value in values):
            shortened = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                shortened.setlist(key, [value[:MAX_PARAMETER_CHARS] for value in values])
            shortened._mutable = False
            request.GET = shortened
        return self.get_response(request)
