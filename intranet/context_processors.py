from django.conf import settings

from .navigation import nav_items_for
from .notifications import unread_count


def site_name(request):
    """The site's name for page titles, in the staff pages and in the Wagtail admin."""
    return {"WAGTAIL_SITE_NAME": settings.WAGTAIL_SITE_NAME}


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": nav_items_for(user)}


def notifications(request):
    """The bell's unread count: one indexed COUNT per page for a logged-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
