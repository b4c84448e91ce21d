"""The form and statistics libraries (to be filled in)."""

from django.http import Http404


def _not_yet(request, pk=None):
    raise Http404


index = category = _not_yet
