"""The office edits a report's public version and publishes it past the personal-data guard."""

from django.http import Http404


def edit_case(request, pk):
    raise Http404
