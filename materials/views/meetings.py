"""Meeting series, meetings and their agendas (to be filled in)."""

from django.http import Http404


def _not_yet(request, pk=None):
    raise Http404


index = series = meeting_add = meeting = meeting_edit = _not_yet
