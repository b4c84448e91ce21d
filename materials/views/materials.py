"""One material: its page, upload, edit, new version, personal-data check (to be filled in)."""

from django.http import Http404


def _not_yet(request, pk=None):
    raise Http404


add_to_meeting = add_to_library = detail = edit = replace = personal_data = _not_yet
