"""Statistics of the reports: charts with their tables, and the CSV."""

from django.http import Http404


def statistics(request):
    raise Http404


def statistics_csv(request):
    raise Http404
