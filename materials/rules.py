"""Who may read, edit and download materials: one answer for every channel.

The page, the lists and their counts (``visible_materials(user)``), downloads
(``may_download``, asked by ``intranet.files`` on every route to a file)
and search (``access_tokens``, the same rule said to the engines) all
read the rule from here:

- 全庁公開 (``PUBLIC``): every staff member, once the personal-data check
  has let it out (``Material.withheld``);
- 関係課のみ (``DEPARTMENTS``): staff of the departments concerned and of
  the sections below them, the owning department, and the series' members;
- 非公開 (``PRIVATE``): the owning department (a series' secretary
  department) and the series' members.

Those who may edit a material always see it. A meeting's materials are
edited by its series' secretary department; a library's by the owning
department.
"""

from django.db.models import Q

from intranet.models import department_chain
from search.documents import (
    EVERY_STAFF_MEMBER,
    department_token,
    user_token,
)

from .models import Confidentiality, Material


def _chain(user):
    chain = getattr(user, "_materials_chain", None)
    if chain is None:
        chain = tuple(department_chain(user)) if user.is_authenticated else ()
        user._materials_chain = chain
    return chain


def manages_all(user):
    """Superusers only: the engines give them every hit, so no other rule is needed there."""
    return user.is_authenticated and user.is_superuser


def in_department(user, department_id):
    """Staff of this department or of a section below it."""
    return department_id in _chain(user)


def can_edit_series(user, series):
    """The series' secretary department arranges its meetings and uploads their materials."""
    return manages_all(user) or in_department(user, series.secretary_department_id)


def can_edit_meeting(user, meeting):
    return can_edit_series(user, meeting.series)


def can_edit_material(user, material):
    if manages_all(user):
        return True
    if material.meeting_id:
        return can_edit_meeting(user, material.meeting)
    return in_department(user, material.department_id)


def can_add_to_library(user, department):
    """Staff file forms and tables for their own department (or one below it)."""
    return manages_all(user) or in_department(user, department.pk)


def _is_member(user, material):
    if not material.meeting_id:
        return False
    return material.meeting.series.members.filter(pk=user.pk).exists()


def can_view(user, material):
    if not user.is_authenticated:
        return False
    if can_edit_material(user, material):
        return True
    if material.confidentiality == Confidentiality.PUBLIC:
        return not material.withheld
    if in_department(user, material.department_id) or _is_member(user, material):
        return True
    if material.confidentiality == Confidentiality.DEPARTMENTS:
        chain = set(_chain(user))
        return any(department.pk in chain for department in material.departments.all())
    return False


def visible_materials(user, queryset=None):
    """The materials ``user`` may open (of ``queryset``, default all): the rule of ``can_view``."""
    if queryset is None:
        queryset = Material.objects.all()
    if not user.is_authenticated:
        return queryset.none()
    if manages_all(user):
        return queryset
    chain = _chain(user)
    member = Q(meeting__series__members=user)
    own = Q(department_id__in=chain)
    editing = Q(meeting__series__secretary_department_id__in=chain) | Q(
        meeting__isnull=True, department_id__in=chain
    )
    # A withheld 全庁公開 material is for its editors only, not its owner's staff or members.
    public = Q(confidentiality=Confidentiality.PUBLIC)
    readable = (
        (public & Q(withheld=False))
        | (~public & (own | member))
        | Q(confidentiality=Confidentiality.DEPARTMENTS, departments__in=chain)
    )
    ids = queryset.filter(readable | editing).values("pk")
    return queryset.filter(pk__in=ids)


def access_tokens(material):
    """Who may find ``material`` in search, as the engines' access tokens (see ``can_view``).

    Superusers search without tokens; editors hold the editing department's token, which
    every rule includes. A withheld material is found by its editors only: the series'
    secretary department for a meeting's material, the owning department for a library's,
    not the series' members (``can_view`` lets only editors open it).
    """
    owner = department_token(material.department_id)
    if material.meeting_id:
        secretary = department_token(material.meeting.series.secretary_department_id)
        members = tuple(
            user_token(pk) for pk in material.meeting.series.members.values_list("pk", flat=True)
        )
    else:
        secretary, members = owner, ()
    base = tuple(dict.fromkeys((owner, secretary, *members)))
    if material.confidentiality == Confidentiality.PUBLIC:
        return (secretary,) if material.withheld else (EVERY_STAFF_MEMBER,)
    if material.confidentiality == Confidentiality.DEPARTMENTS:
        concerned = tuple(department_token(d.pk) for d in material.departments.all())
        return tuple(dict.fromkeys((*base, *concerned)))
    return base
