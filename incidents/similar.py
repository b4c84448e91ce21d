"""「似た事例」: published cases like a given one, for its page.

Cases of the same category come first (those sharing words with it before
the others), then cases of other categories that share words. The words are
the case's title and lessons, searched through ``search.find`` as the reader
(permission-filtered, type ``incident_case``, any of the words), so a case
the reader may not see is never suggested. A fixed number of queries,
however large the collection: one search, one query per list of cases.
"""

import search

from . import rules
from .search import DOC_TYPE

LIMIT = 5
# The search reads this much of the title and lessons: enough words to match on.
MAX_QUERY_CHARS = 200


def query_text(case):
    return f"{case.title} {case.lessons}"[:MAX_QUERY_CHARS]


def _ids_sharing_terms(user, case):
    found = search.find(
        user, query_text(case), types=(DOC_TYPE,), match_any=True, page_size=LIMIT * 4
    )
    ids = []
    for hit in found.hits:
        if hit.object_id.isdigit() and int(hit.object_id) != case.pk:
            ids.append(int(hit.object_id))
    return ids


def similar_cases(user, case, limit=LIMIT):
    """Up to ``limit`` published cases like ``case``, excluding it, most alike first."""
    published = rules.published_cases().exclude(pk=case.pk).select_related("category")
    ranked = _ids_sharing_terms(user, case)
    sharing = {found.pk: found for found in published.filter(pk__in=ranked)}
    by_rank = [sharing[pk] for pk in ranked if pk in sharing]
    same_category = [found for found in by_rank if found.category_id == case.category_id]
    chosen = same_category[:limit]
    if len(chosen) < limit:
        more = (
            published.filter(category_id=case.category_id)
            .exclude(pk__in=[found.pk for found in chosen])
            .order_by("-published_at", "-pk")[: limit - len(chosen)]
        )
        chosen.extend(more)
    if len(chosen) < limit:
        chosen.extend(found for found in by_rank if found.category_id != case.category_id)
    return chosen[:limit]
