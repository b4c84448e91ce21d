"""Colleagues in the global search: staff profiles as a searchable type."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.models import StaffProfile

from . import registry
from .documents import SearchDocument


def staff_document(profile):
    return SearchDocument(
        doc_type="staff",
        object_id=str(profile.pk),
        title=profile.full_name,
        body=" ".join(
            part
            for part in (
                profile.full_name_kana,
                str(profile.department),
                profile.job_title,
                f"内線{profile.extension}" if profile.extension else "",
            )
            if part
        ),
        url=reverse("directory:index") + "?" + urlencode({"q": profile.full_name}),
        department_id=profile.department_id,
    )


def register_staff():
    registry.register(
        registry.IndexedType(
            doc_type="staff",
            label=_("Staff"),
            model=StaffProfile,
            to_document=staff_document,
            queryset=lambda: StaffProfile.objects.select_related("department__parent"),
        )
    )
