"""Writing a report: the draft that saves itself, sending it, the anonymous reporter's page."""

from django.http import Http404


def new_report(request):
    raise Http404


def draft(request, pk):
    raise Http404


def autosave(request, pk):
    raise Http404


def delete_draft(request, pk):
    raise Http404


def similar_cases(request):
    raise Http404


def my_reports(request):
    raise Http404


def anonymous(request):
    raise Http404


def edit_returned(request, pk):
    raise Http404
