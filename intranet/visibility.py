"""May this staff member see this page? One answer for every list, count, panel and search.

The rules are Wagtail's own view restrictions (the admin's 「プライバシー」
dialog), read the way Wagtail reads them when it serves a page: a page is
visible only when the user passes the restriction on the page itself *and*
on every ancestor. Outside the page itself nobody can type a password, so a
password-protected area is hidden from every list.

``visible_pages`` narrows a page queryset, ``can_view_page`` checks one page,
``restricted_area_of`` and ``open_areas`` give search documents and users the
tokens the search engines filter on (see ``search.documents``).

The restrictions are few (one per restricted area, not per page), so they are
read once per user object and reused for the rest of the request.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


@dataclass(frozen=True)
class Restriction:
    page_id: int
    path: str
    kind: str
    group_ids: frozenset[int]

    def covers(self, path):
        return path.startswith(self.path)

    def admits(self, user, user_group_ids):
        """Whether the user may pass this restriction without being asked for a password."""
        if self.kind == PageViewRestriction.LOGIN:
            return user.is_authenticated
        if self.kind == PageViewRestriction.GROUPS:
            return user.is_superuser or bool(self.group_ids & user_group_ids)
        return False  # a password: never from a list, a search or an export


_snapshot = threading.local()


@contextmanager
def restrictions_snapshot():
    """Read the restrictions once for a block that asks many times (a full reindex)."""
    outer = getattr(_snapshot, "restrictions", None)
    if outer is None:
        _snapshot.restrictions = _read_restrictions()
    try:
        yield
    finally:
        if outer is None:
            _snapshot.restrictions = None


def all_restrictions():
    """Every view restriction in the page tree, outermost first."""
    cached = getattr(_snapshot, "restrictions", None)
    return cached if cached is not None else _read_restrictions()


def _read_restrictions():
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    return sorted(
        (
            Restriction(
                page_id=restriction.page_id,
                path=restriction.page.path,
                kind=restriction.restriction_type,
                group_ids=frozenset(group.pk for group in restriction.groups.all()),
            )
            for restriction in restrictions
        ),
        key=lambda restriction: restriction.path,
    )


def _user_view(user):
    """(restrictions, the ones this user fails), cached on the user object for the request."""
    cached = getattr(user, "_page_visibility", None)
    if cached is None:
        restrictions = all_restrictions()
        group_ids = (
            set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
        )
        failed = [r for r in restrictions if not r.admits(user, group_ids)]
        cached = (restrictions, failed)
        if user.is_authenticated:
            user._page_visibility = cached
    return cached


def hidden_paths(user):
    """Tree paths of the restricted areas this user may not enter (outermost ones only)."""
    _restrictions, failed = _user_view(user)
    paths = []
    for restriction in failed:  # sorted by path: an area's ancestors come first
        if not any(restriction.path.startswith(outer) for outer in paths):
            paths.append(restriction.path)
    return paths


def hidden_q(user, path_field="path"):
    """A Q that matches the rows (pages, or rows pointing at pages) this user may not see."""
    hidden = Q(pk__in=[])
    for path in hidden_paths(user):
        hidden |= Q(**{f"{path_field}__startswith": path})
    return hidden


def visible_pages(user, pages, path_field="path"):
    """The pages of the queryset (or rows that point at pages) that this user may open."""
    if not hidden_paths(user):
        return pages
    return pages.exclude(hidden_q(user, path_field))


def can_view_page(user, page):
    return not any(page.path.startswith(path) for path in hidden_paths(user))


def public_pages(pages):
    """Pages with no view restriction at all, on themselves or above: safe to publish outside."""
    return pages.public()


# -- tokens for the search engines ---------------------------------------------


def restricted_area_of(page, restrictions=None):
    """The restriction chain that decides who sees ``page``.

    Returns None when no restriction (or only login restrictions, which every
    staff member passes) lies on the page or above it, the string
    ``"password"`` when a password guards it, and otherwise the id of the
    deepest restricted page above (or at) it: users may see the page exactly
    when they pass every restriction down to that one (``open_areas``).
    """
    restrictions = all_restrictions() if restrictions is None else restrictions
    chain = [r for r in restrictions if r.covers(page.path)]
    if any(r.kind == PageViewRestriction.PASSWORD for r in chain):
        return "password"
    if all(r.kind == PageViewRestriction.LOGIN for r in chain):
        return None
    return max(chain, key=lambda r: len(r.path)).page_id


def open_areas(user):
    """Ids of the restricted pages whose whole chain of restrictions this user passes."""
    restrictions, failed = _user_view(user)
    failed_paths = [r.path for r in failed]
    return {
        r.page_id for r in restrictions if not any(r.path.startswith(path) for path in failed_paths)
    }


def pages_under(page_ids):
    """Live pages at or below these pages: what to reindex when their restrictions change."""
    pages = Page.objects.filter(pk__in=page_ids)
    query = Q(pk__in=[])
    for page in pages:
        query |= Q(path__startswith=page.path)
    return Page.objects.live().filter(query)
