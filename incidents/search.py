"""Published cases in the intranet search (type ``incident_case``).

Only a published case is a document; its text is the office's redacted
version (never the report's), so a hit, its snippet and its facets name no
reporter. Reports themselves are never indexed. A case withdrawn from the
collection is removed from the index (``to_document`` returns None).
"""

from django.utils.translation import gettext_lazy as _

from search import registry
from search.documents import SearchDocument

from . import rules
from .models import Case

DOC_TYPE = "incident_case"


def case_keywords(case):
    return " ".join([case.category.name, case.get_place_display(), case.get_rule_axis_display()])


def case_body(case):
    return "\n".join(
        part
        for part in (
            case.what_happened,
            case.causes,
            case.immediate_action,
            case.prevention,
            case.lessons,
        )
        if part
    )


def case_document(case):
    if case.published_at is None:
        return None
    return SearchDocument(
        doc_type=DOC_TYPE,
        object_id=str(case.pk),
        title=case.title,
        body=case_body(case),
        url=case.get_absolute_url(),
        date=case.published_at,
        department_id=case.department_id,
        keywords=case_keywords(case),
    )


def _queryset():
    return Case.objects.select_related("category")


def register_cases():
    registry.register(
        registry.IndexedType(
            doc_type=DOC_TYPE,
            label=_("Mistake and near-miss cases"),
            model=Case,
            to_document=case_document,
            queryset=_queryset,
            visible_to=lambda user, case: (
                case.published_at is not None and rules.can_view_case(user, case)
            ),
        )
    )
