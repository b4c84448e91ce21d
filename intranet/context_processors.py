from django.conf import settings

from .banners import banners_for
from .navigation import nav_links_for
from .notifications import unread_count
from .session_timeout import seconds_left


def site_name(request):
    """The site's name for page titles, in the staff pages and in the Wagtail admin."""
    return {"WAGTAIL_SITE_NAME": settings.WAGTAIL_SITE_NAME}


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": nav_links_for(user, request.path)}


def notifications(request):
    """The bell's unread count: one indexed COUNT per page for a logged-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}


def session_timeout(request):
    """When the staff member's session ends, for the page's warning before it does."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "session_seconds_left": seconds_left(request),
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }


def banners(request):
    """Banners across the top of the page (a 緊急 notice not yet read)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"banners": banners_for(request)}
