"""Middleware of the intranet core."""

import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import QueryDict
from django.shortcuts import render
from django.utils.cache import patch_cache_control

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


class QueryParameterMiddleware:
    """Cut any query parameter to 10,000 characters and drop NUL bytes before a view sees it.

    No search box or filter needs more, and a longer value reaches places
    that fail on it: SQLite refuses a LIKE pattern over 50,000 bytes, which
    every admin listing's search builds from ``q``; PostgreSQL refuses a NUL
    in any text. (Forms already refuse NUL in what is posted.) The search page
    says when it shortened what was typed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [value for _key, values in request.GET.lists() for value in values]
        if any(len(value) > MAX_PARAMETER_CHARS or "\x00" in value for value in values):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(
                    key, [value.replace("\x00", "")[:MAX_PARAMETER_CHARS] for value in values]
                )
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Pages shown to a logged-in staff member are never kept by a shared cache or proxy.

    ``Cache-Control: private, no-cache``: the browser may keep the page but
    asks again before showing it, and no cache between the office and the
    server stores it. Responses that already say how to cache themselves keep
    their own rule, with ``private`` added.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            else:
                patch_cache_control(response, private=True, no_cache=True)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY), loosened for the Wagtail admin.

    The staff pages run no inline script at all. Wagtail's editor still
    writes a few inline scripts (date pickers, inline panels, workflow
    buttons), so below ``/admin/`` inline scripts are allowed; every other
    rule (sources from this site only, no plugins, no framing by others,
    forms posted here only) holds there too.
    """

    ADMIN_PREFIX = "/admin/"
    ADMIN_ADDITIONS = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(self.ADMIN_PREFIX):
            update = dict(parts.update or {})
            for directive, sources in self.ADMIN_ADDITIONS.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts


class MethodNotAllowedPageMiddleware:
    """A GET on a form's POST-only address gets a Japanese page, not Django's blank 405."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response
