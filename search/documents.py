"""What every search engine stores for one searchable thing, and who may see it."""

from dataclasses import dataclass, field, replace
from datetime import datetime

from intranet import visibility

from .text import index_text

# Access tokens. A document lists the tokens that may see it; a user holds a
# set of tokens; a hit needs one token in common. Engines filter on them in
# the query itself, so nothing a user may not see is ever counted.
EVERY_STAFF_MEMBER = "staff"


def group_token(name):
    return f"group:{name}"


def department_token(department_id):
    return f"dept:{department_id}"


def department_member_token(department_id):
    """Staff of exactly this department, not of the sections below it."""
    return f"member:{department_id}"


def user_token(user_id):
    return f"user:{user_id}"


def area_token(page_id):
    """A restricted area of the page tree (see ``intranet.visibility.restricted_area_of``)."""
    return f"area:{page_id}"


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing.

    ``title`` and ``body`` are stored as written and shown in results (the
    snippet is cut from the body). ``keywords`` are words that should find
    the document but are not text to read (an FAQ's keywords and tags): they
    are indexed with the body and never stored or shown.
    """

    doc_type: str
    object_id: str
    title: str
    body: str
    url: str
    date: datetime | None = None
    department_id: int | None = None
    access: tuple[str, ...] = (EVERY_STAFF_MEMBER,)
    keywords: str = ""
    title_terms: str = field(default="", compare=False)
    body_terms: str = field(default="", compare=False)

    @property
    def key(self):
        return f"{self.doc_type}:{self.object_id}"

    def with_terms(self):
        """This document with its index terms made (by the Japanese pipeline), once."""
        if self.title_terms or self.body_terms:
            return self
        searched_text = "\n".join(part for part in (self.body, self.keywords) if part)
        return replace(
            self, title_terms=index_text(self.title), body_terms=index_text(searched_text)
        )


def user_access_tokens(user):
    """The tokens this user holds, or None for a user who may see everything."""
    if user.is_superuser:
        return None
    tokens = {EVERY_STAFF_MEMBER, user_token(user.pk)}
    tokens.update(group_token(name) for name in user.groups.values_list("name", flat=True))
    tokens.update(area_token(page_id) for page_id in visibility.open_areas(user))
    profile = getattr(user, "staff_profile", None)
    department = profile.department if profile else None
    if department is not None:
        tokens.add(department_member_token(department.pk))
    while department is not None:
        tokens.add(department_token(department.pk))
        department = department.parent
    return frozenset(tokens)
