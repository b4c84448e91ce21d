"""The header's count of notices waiting for the staff member (「未確認のお知らせ」)."""

from .dashboard import WAITING_URL, waiting_count


def waiting_notices(request):
    """One COUNT per page for a logged-in user, shared with the home panel's total."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"waiting_notices": waiting_count(request), "waiting_notices_url": WAITING_URL}
