"""The case collection: browse, filter, read a case (every staff member)."""

from django.http import Http404


def index(request):
    raise Http404


def case(request, pk):
    raise Http404
