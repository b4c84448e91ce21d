"""Atom feeds of notices behind a personal, revocable secret (see the feed screens)."""

from django.http import Http404


def manage(request):
    raise Http404


def feed(request, secret, category=None):
    raise Http404
