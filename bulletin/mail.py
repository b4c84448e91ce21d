"""Optional e-mail for urgent notices and for replies to one's threads."""

from django.http import Http404


def preferences(request):
    raise Http404


def notice_sent(notice):
    """Called once a notice is saved as sent (or scheduled)."""


def reply_posted(post):
    """Called once a reply is posted to a thread."""
