"""Materials in the intranet search: each page, sheet or slide of a file is a document of its own.

Two types are registered: ``material`` (a material's title and description,
so it is found before its text is read and when it has none) and
``material_part`` (the text of one page, sheet or slide of its current
file). A part's hit opens the file at that page: a PDF at ``#page=N`` in
the browser's viewer, other files on the material's page at the part's
text. A part names its material as its ``group`` (the material's page)
and its page as its ``part`` ("p.12"), and is marked ``ocr`` when its text
was read by character recognition, so the results page shows the
material's title once with its pages' hits beneath it. Both carry the
material's confidentiality as access tokens
(``rules.access_tokens``), so the engines never return, count or facet a
material to anyone who may not open it.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from search import registry
from search.documents import MARK_OCR, SearchDocument

from . import rules
from .extraction import PDF
from .models import ExtractedPart, Material


def _material_keywords(material):
    return " ".join(part for part in (material.form_name, material.procedure) if part)


def material_document(material):
    return SearchDocument(
        doc_type="material",
        object_id=str(material.pk),
        title=material.title,
        body=material.description,
        url=material.get_absolute_url(),
        date=material.updated_at,
        department_id=material.department_id,
        access=rules.access_tokens(material),
        keywords=_material_keywords(material),
        group=material.get_absolute_url(),
    )


def part_url(part):
    version = part.version
    if version.kind == PDF:
        return f"{reverse('materials:download', args=[version.pk])}#page={part.number}"
    return f"{version.material.get_absolute_url()}#part-{part.number}"


def part_document(part):
    version = part.version
    material = version.material
    if material.current_id != version.pk:
        return None  # the text of a superseded file is not searched
    return SearchDocument(
        doc_type="material_part",
        object_id=str(part.pk),
        title=material.title,
        body=part.text,
        url=part_url(part),
        date=material.updated_at,
        department_id=material.department_id,
        access=rules.access_tokens(material),
        group=material.get_absolute_url(),
        part=part.label,
        marks=(MARK_OCR,) if part.ocr else (),
    )


def _material_queryset():
    return Material.objects.select_related("meeting__series").prefetch_related(
        "departments", "meeting__series__members"
    )


def _part_queryset():
    return ExtractedPart.objects.select_related(
        "version__material__meeting__series"
    ).prefetch_related(
        "version__material__departments", "version__material__meeting__series__members"
    )


def reindex(material):
    """Index the material and the text of its current file again (its rules changed)."""
    with registry.batched_updates():
        registry.update(material)
        for part in ExtractedPart.objects.filter(version__material=material):
            registry.update(part)


def register_materials():
    registry.register(
        registry.IndexedType(
            doc_type="material",
            label=_("Materials"),
            model=Material,
            to_document=material_document,
            queryset=_material_queryset,
            visible_to=rules.can_view,
        )
    )
    registry.register(
        registry.IndexedType(
            doc_type="material_part",
            label=_("Text in materials"),
            model=ExtractedPart,
            part_of="material",
            to_document=part_document,
            queryset=_part_queryset,
            visible_to=lambda user, part: rules.can_view(user, part.version.material),
        )
    )
