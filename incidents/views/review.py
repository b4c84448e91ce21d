"""Reviewing reports: the queue, a report's page, confirming, sending back, asking."""

from django.http import Http404


def queue(request):
    raise Http404


def report(request, pk):
    raise Http404


def review(request, pk):
    raise Http404


def message(request, pk):
    raise Http404
