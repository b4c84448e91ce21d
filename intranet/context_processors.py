from .navigation import nav_links_for
from .notifications import unread_count


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

