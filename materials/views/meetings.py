"""Meeting series, meetings and their agendas: the 会議資料 screens.

Every list and count of materials goes through ``rules.visible_materials``:
a material the reader may not open is neither shown nor counted. Those who
may not arrange a series' meetings are answered 404, as if the screen did not
exist (the project's way with refusals).
"""

from itertools import groupby

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules
from ..forms import MeetingForm
from ..models import Meeting, MeetingSeries

RECENT_MEETINGS = 10


def visible_counts(user, meetings):
    """{meeting id: how many of its materials ``user`` may open}, in one query."""
    rows = (
        rules.visible_materials(user)
        .filter(meeting__in=[meeting.pk for meeting in meetings])
        .values("meeting")
        .annotate(count=Count("pk"))
        .values_list("meeting", "count")
    )
    return dict(rows)


def with_counts(user, meetings):
    meetings = list(meetings)
    counts = visible_counts(user, meetings)
    for meeting in meetings:
        meeting.material_count = counts.get(meeting.pk, 0)
    return meetings


def index(request):
    """The series (with their secretary departments) and the latest meetings."""
    series = MeetingSeries.objects.select_related("secretary_department__parent").annotate(
        meeting_count=Count("meetings")
    )
    recent = Meeting.objects.select_related("series").order_by("-held_at", "-pk")[:RECENT_MEETINGS]
    return render(
        request,
        "materials/index.html",
        {"series_list": series, "recent": with_counts(request.user, recent)},
    )


def series(request, pk):
    """A series' meetings by year (newest first), and 「会議を追加」 for its secretary."""
    kept = get_object_or_404(
        MeetingSeries.objects.select_related("secretary_department__parent").prefetch_related(
            Prefetch("attending_departments", to_attr="attending")
        ),
        pk=pk,
    )
    meetings = with_counts(
        request.user, kept.meetings.select_related("series").order_by("-held_at", "-pk")
    )
    years = [
        (year, list(group))
        for year, group in groupby(
            meetings, key=lambda meeting: timezone.localtime(meeting.held_at).year
        )
    ]
    return render(
        request,
        "materials/series.html",
        {"series": kept, "years": years, "can_edit": rules.can_edit_series(request.user, kept)},
    )


def agenda_with_materials(meeting, user):
    """(agenda items each with ``.shown`` materials, materials on no item) that ``user`` may open.

    Three queries however many materials: the agenda, the materials with their
    current versions, and nothing per material.
    """
    items = list(meeting.agenda_items.select_related("presenter__parent"))
    materials = (
        rules.visible_materials(user)
        .filter(meeting=meeting)
        .select_related("current")
        .order_by("sort_order", "pk")
    )
    by_item = {item.pk: item for item in items}
    for item in items:
        item.shown = []
    loose = []
    count = 0
    for material in materials:
        count += 1
        item = by_item.get(material.agenda_item_id)
        (item.shown if item else loose).append(material)
    return items, loose, count


def meeting(request, pk):
    shown = get_object_or_404(
        Meeting.objects.select_related("series__secretary_department__parent", "created_by"),
        pk=pk,
    )
    items, loose, count = agenda_with_materials(shown, request.user)
    return render(
        request,
        "materials/meeting.html",
        {
            "meeting": shown,
            "series": shown.series,
            "agenda": items,
            "loose": loose,
            "material_count": count,
            "can_edit": rules.can_edit_meeting(request.user, shown),
        },
    )


def _series_to_edit(user, pk):
    kept = get_object_or_404(MeetingSeries.objects.select_related("secretary_department"), pk=pk)
    if not rules.can_edit_series(user, kept):
        raise Http404(_("This page does not exist."))
    return kept


def meeting_add(request, pk):
    kept = _series_to_edit(request.user, pk)
    form = MeetingForm(request.POST or None, series=kept)
    if request.method == "POST" and form.is_valid():
        added = form.save(request.user)
        messages.success(request, _("The meeting has been added. Upload its materials here."))
        return redirect(added)
    return render(
        request, "materials/meeting_form.html", {"form": form, "series": kept, "meeting": None}
    )


def meeting_edit(request, pk):
    shown = get_object_or_404(Meeting.objects.select_related("series"), pk=pk)
    if not rules.can_edit_meeting(request.user, shown):
        raise Http404(_("This page does not exist."))
    # The form edits its own copy, so a form that comes back shows the meeting as it is saved.
    form = MeetingForm(
        request.POST or None, instance=Meeting.objects.get(pk=shown.pk), series=shown.series
    )
    if request.method == "POST" and form.is_valid():
        form.save(request.user)
        messages.success(request, _("The meeting has been updated."))
        return redirect(shown)
    return render(
        request,
        "materials/meeting_form.html",
        {"form": form, "series": shown.series, "meeting": shown},
    )
