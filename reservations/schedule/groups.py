"""Staff groups a user keeps (my team across sections), and their week as a grid.

A group is its owner's own: nobody else sees, changes or even learns of it
(another user's group answers 404).
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from intranet.staff_picker import StaffPickerField

from ..models import StaffGroup
from . import grid, services


class StaffGroupForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Group name"),
        max_length=100,
        error_messages={"required": gettext_lazy("Enter a name, e.g. 防災プロジェクト.")},
    )
    members = StaffPickerField(
        label=gettext_lazy("Group members"),
        error_messages={"required": gettext_lazy("Choose at least one member.")},
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter a name, e.g. 防災プロジェクト."))
        return name


def _my_group(request, pk):
    return get_object_or_404(StaffGroup, pk=pk, owner=request.user)


def _save(form, group):
    with transaction.atomic():
        group.name = form.cleaned_data["name"]
        group.save()
        group.members.set(form.cleaned_data["members"])
    return group


@require_http_methods(["GET"])
def group_list(request):
    groups = StaffGroup.objects.filter(owner=request.user).prefetch_related("members")
    return render(request, "reservations/schedule/groups.html", {"groups": groups})


@require_http_methods(["GET", "POST"])
def group_new(request):
    form = StaffGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = _save(form, StaffGroup(owner=request.user))
        messages.success(request, _("The group 「%(name)s」 was made.") % {"name": group.name})
        return redirect("reservations:staff_group", group.pk)
    return render(request, "reservations/schedule/group_form.html", {"form": form, "group": None})


@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    group = _my_group(request, pk)
    if request.method == "POST" and request.POST.get("action") == "delete":
        name = group.name
        group.delete()
        messages.success(request, _("The group 「%(name)s」 was deleted.") % {"name": name})
        return redirect("reservations:staff_groups")
    initial = {"name": group.name, "members": [member.pk for member in group.members.all()]}
    form = StaffGroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        _save(form, group)
        messages.success(request, _("The group 「%(name)s」 was saved.") % {"name": group.name})
        return redirect("reservations:staff_group", group.pk)
    return render(request, "reservations/schedule/group_form.html", {"form": form, "group": group})


@require_http_methods(["GET"])
def group_week(request, pk):
    group = _my_group(request, pk)
    monday = grid.week_of(request)
    members = list(
        services.staff_users()
        .filter(pk__in=group.members.values("pk"))
        .order_by(
            "staff_profile__department__sort_order",
            "staff_profile__department__code",
            "staff_profile__full_name_kana",
            "pk",
        )
    )
    return render(
        request,
        "reservations/schedule/group.html",
        {
            **grid.week_context(monday),
            **grid.people_week(members, grid.week_days(monday), viewer=request.user),
            "group": group,
            "today": timezone.localdate(),
            "edit_url": reverse("reservations:staff_group_edit", args=[group.pk]),
        },
    )


urlpatterns = [
    path("schedule/groups/", group_list, name="staff_groups"),
    path("schedule/groups/new/", group_new, name="staff_group_new"),
    path("schedule/groups/<int:pk>/", group_week, name="staff_group"),
    path("schedule/groups/<int:pk>/edit/", group_edit, name="staff_group_edit"),
]
