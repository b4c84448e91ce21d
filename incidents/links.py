"""「関連する事例」 on a notice or an FAQ page: the published cases its text links to.

A writer links a case by pasting its address (「この事例を紹介する」 on the case
page) into the body. The links are read from the body when the page is shown,
not kept in a table: editing the body or withdrawing the case changes the card
at once, and nothing has to be kept in step. Only a published case is shown,
with its title and category alone; a withdrawn or unknown one shows nothing.
"""

import json
import re

from django.urls import reverse

from . import rules

# How many linked cases a card lists; a body rarely links more.
MAX_CASES = 10


def _case_address_pattern():
    """``/incidents/cases/<id>/`` as the URLconf spells it (under any host or prefix)."""
    marker = "12345"
    before, after = reverse("incidents:case", args=[marker]).split(marker)
    return re.compile(re.escape(before) + r"(\d+)(?!\d)" + re.escape(after.rstrip("/")))


def _as_text(body):
    """A body as text: HTML as it is, a Wagtail StreamField as its stored (raw) data."""
    raw = getattr(body, "raw_data", None)
    if raw is not None:
        return json.dumps(list(raw), ensure_ascii=False)
    return str(body or "")


def case_ids_in(body):
    """Ids of the cases whose address appears in ``body``, in order of first appearance."""
    ids = []
    for match in _case_address_pattern().finditer(_as_text(body)):
        pk = int(match.group(1))
        if pk not in ids:
            ids.append(pk)
    return ids[:MAX_CASES]


def linked_cases(body):
    """The published cases ``body`` links to, in the order it names them (one query, or none)."""
    ids = case_ids_in(body)
    if not ids:
        return []
    found = {
        case.pk: case
        for case in rules.published_cases()
        .filter(pk__in=ids)
        .select_related("category")
        .only("pk", "title", "category__name")
    }
    return [found[pk] for pk in ids if pk in found]
