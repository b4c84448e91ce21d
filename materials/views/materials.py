"""One material: its page, upload to a meeting, edit, new version, personal-data check.

Whoever may not open a material is answered 404 on every one of its
addresses, and whoever may not edit it 404 on the editing ones: a refusal
names nothing (the project's way, see ``intranet.files``). Every write goes
through ``materials.services``, the one path that checks the rules and the
upload again and saves all or nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intranet.privacy.findings import LABELS

from .. import publication, rules, services
from ..forms import MaterialEditForm, MaterialUploadForm, NewVersionForm, PersonalDataOverrideForm
from ..models import Material, MaterialVersion, Meeting
from ..preview import preview_for


def _not_found():
    return Http404(_("This material does not exist or is not yours to open."))


def _material(user, pk):
    """The material if ``user`` may open it; 404 otherwise."""
    material = get_object_or_404(
        Material.objects.select_related(
            "meeting__series__secretary_department__parent",
            "agenda_item",
            "category",
            "department__parent",
            "current__uploaded_by__staff_profile",
        ),
        pk=pk,
    )
    if not rules.can_view(user, material):
        raise _not_found()
    return material


def _material_to_edit(user, pk):
    material = _material(user, pk)
    if not rules.can_edit_material(user, material):
        raise _not_found()
    return material


def _form_errors_from(form, error):
    """A service's ValidationError shown on the form (on its fields where it names them)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _send_back(form, error):
    """The form comes back with the service's reason, still holding the files it was sent."""
    _form_errors_from(form, error)
    form.send_back()


def add_to_meeting(request, pk):
    """Upload files to a meeting: one material per file, all or none saved."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("series__secretary_department"), pk=pk
    )
    if not rules.can_edit_meeting(request.user, meeting):
        raise Http404(_("This page does not exist."))
    form = MaterialUploadForm(
        request.POST or None, request.FILES or None, meeting=meeting, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                added = [
                    services.add_material(
                        user=request.user,
                        upload=upload,
                        title=title,
                        department=meeting.series.secretary_department,
                        meeting=meeting,
                        agenda_item=data.get("agenda_item"),
                        confidentiality=data["confidentiality"],
                        departments=data["departments"],
                        description=data["description"],
                    )
                    for upload, title in form.materials_to_add()
                ]
        except PermissionDenied:
            raise Http404(_("This page does not exist.")) from None
        except ValidationError as error:
            _send_back(form, error)
        else:
            form.release_held_uploads()
            messages.success(
                request,
                ngettext(
                    "%(count)d material has been added. Its text is read in the background.",
                    "%(count)d materials have been added. Their text is read in the background.",
                    len(added),
                )
                % {"count": len(added)},
            )
            return redirect(added[0] if len(added) == 1 else meeting)
    return render(request, "materials/upload.html", {"form": form, "meeting": meeting})


def _breadcrumb(material):
    """(label, url) from the top of the section down to where the material belongs."""
    if material.meeting_id:
        meeting = material.meeting
        return [
            (_("Meeting materials"), reverse("materials:index")),
            (meeting.series.name, meeting.series.get_absolute_url()),
            (meeting.title, meeting.get_absolute_url()),
        ]
    crumbs = [(_("Forms and statistics"), reverse("materials:libraries"))]
    category = material.category
    for node in [*category.ancestors(), category]:
        crumbs.append((node.name, node.get_absolute_url()))
    return crumbs


def _findings_with_parts(material, parts):
    """The standing personal-data findings, each with its label and the part it links to."""
    numbers = {part.label: part.number for part in parts}
    return [
        {
            **finding,
            "label": LABELS.get(finding["kind"], finding["kind"]),
            "part_number": numbers.get(finding.get("part")),
        }
        for finding in publication.unresolved_findings(material)
    ]


def detail(request, pk):
    material = _material(request.user, pk)
    can_edit = rules.can_edit_material(request.user, material)
    versions = list(
        MaterialVersion.objects.filter(material=material)
        .select_related("uploaded_by__staff_profile")
        .order_by("-number")
    )
    current = material.current
    parts = list(current.parts.all()) if current else []
    findings = _findings_with_parts(material, parts) if can_edit else []
    context = {
        "material": material,
        "breadcrumb": _breadcrumb(material),
        "current": current,
        "earlier": [version for version in versions if version.pk != material.current_id],
        "parts": parts,
        "can_edit": can_edit,
        "findings": findings,
        "departments": list(material.departments.select_related("parent")),
        "preview": preview_for(current) if current else None,
    }
    return render(request, "materials/material.html", context)


def edit(request, pk):
    material = _material_to_edit(request.user, pk)
    form = MaterialEditForm(request.POST or None, material=material)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_material(
                Material.objects.get(pk=material.pk),
                request.user,
                departments=form.cleaned_data["departments"],
                **form.changes(),
            )
        except PermissionDenied:
            raise _not_found() from None
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("The material has been updated."))
            return redirect(material)
    return render(request, "materials/material_edit.html", {"form": form, "material": material})


def replace(request, pk):
    """A new version: it becomes current; the earlier ones stay in the history, downloadable."""
    material = _material_to_edit(request.user, pk)
    form = NewVersionForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_version(
                material, form.cleaned_data["file"], request.user, note=form.cleaned_data["note"]
            )
        except PermissionDenied:
            raise _not_found() from None
        except ValidationError as error:
            _send_back(form, error)
        else:
            form.release_held_uploads()
            messages.success(
                request,
                _("The new version has been uploaded. Its text is read in the background."),
            )
            return redirect(material)
    return render(request, "materials/material_replace.html", {"form": form, "material": material})


def personal_data(request, pk):
    """Judge the personal-data findings not personal data, with a reason: publishes the material."""
    material = _material_to_edit(request.user, pk)
    current = material.current
    parts = list(current.parts.all()) if current else []
    findings = _findings_with_parts(material, parts)
    form = PersonalDataOverrideForm(request.POST or None)
    if request.method == "POST" and findings and form.is_valid():
        try:
            publication.override_findings(
                Material.objects.get(pk=material.pk), request.user, form.cleaned_data["reason"]
            )
        except PermissionDenied:
            raise _not_found() from None
        messages.success(request, _("The findings have been judged not personal data."))
        return redirect(material)
    return render(
        request,
        "materials/material_privacy.html",
        {"form": form, "material": material, "findings": findings},
    )
