"""Meeting series, meetings and materials for the materials tests.

A material is made through ``materials.services`` (the one path uploads
take), so its file is a real document in the materials' collection and its
text is read by the real extraction task.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from materials import services
from materials.models import Confidentiality, Library, LibraryCategory, Meeting, MeetingSeries
from tests.factories import DepartmentFactory, staff_member


def series(name="庁内調整会議", secretary=None, members=(), attending=()):
    secretary = secretary or DepartmentFactory(name="政策企画課")
    made = MeetingSeries.objects.create(name=name, secretary_department=secretary)
    made.members.set(members)
    made.attending_departments.set(attending)
    return made


def meeting(of_series, title="第1回", days_ago=7, place="本庁舎3階 第1会議室", minutes=""):
    return Meeting.objects.create(
        series=of_series,
        title=title,
        held_at=timezone.now() - timedelta(days=days_ago),
        place=place,
        minutes=minutes,
    )


def category(name="住民票関係", library=Library.FORMS, parent=None):
    return LibraryCategory.objects.create(library=library, name=name, parent=parent)


def text_upload(text, name="資料.txt"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def secretary_of(of_series, **fields):
    """A staff member of the series' secretary department: may add its materials."""
    return staff_member(department=of_series.secretary_department, **fields)


def meeting_material(
    of_meeting,
    title="資料1",
    text="本文です。",
    confidentiality=Confidentiality.PUBLIC,
    departments=(),
    upload=None,
    user=None,
    **fields,
):
    user = user or secretary_of(of_meeting.series)
    return services.add_material(
        user=user,
        upload=upload or text_upload(text),
        title=title,
        department=of_meeting.series.secretary_department,
        meeting=of_meeting,
        confidentiality=confidentiality,
        departments=departments,
        **fields,
    )


def library_material(in_category, department, title="様式", text="本文です。", user=None, **fields):
    user = user or staff_member(department=department)
    return services.add_material(
        user=user,
        upload=fields.pop("upload", None) or text_upload(text),
        title=title,
        department=department,
        category=in_category,
        **fields,
    )
