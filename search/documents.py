"""What every search engine stores for one searchable thing, and who may see it."""

from dataclasses import dataclass, field, replace
from datetime import datetime

from intranet import visibility
from intranet.models import department_chain

from .text import index_text

# Access tokens. A document lists the tokens that may see it; a user holds a
# set of tokens; a hit needs one token in common. Engines filter on them in
# the query itself, so nothing a user may not see is ever counted.
EVERY_STAFF_MEMBER = "staff"

# A hit's marks (``SearchDocument.marks``), labelled on the results page.
MARK_OCR = "ocr"  # the text was read from an image by character recognition


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

    A document that is one part of a larger whole (a page of a material's
    file) names the whole in ``group`` (its address) and itself in ``part``
    ("p.12"); the results page shows the whole's title once and its parts'
    hits beneath it. ``marks`` are short codes the results page labels beside
    a hit ("ocr": the text was read by character recognition).

    ``boost`` (from -1.0 to 1.0, 0 by default) nudges the document's rank a
    little: an FAQ that is recent and much read a little up, a page that only
    lists other pages a little down. It never lifts a body match above a
    title match (tests/search/test_backend_contract.py).

    Index terms: ``title_terms`` are the title's and the keywords' (a match
    there ranks above a match in the body), ``body_terms`` the body's.
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
    group: str = ""
    part: str = ""
    marks: tuple[str, ...] = ()
    boost: float = 0.0
    title_terms: str = field(default="", compare=False)
    body_terms: str = field(default="", compare=False)

    @property
    def key(self):
        return f"{self.doc_type}:{self.object_id}"

    def with_terms(self):
        """This document with its index terms made (by the Japanese pipeline), once."""
        if self.title_terms or self.body_terms:
            return self
        heading = "\n".join(part for part in (self.title, self.keywords) if part)
        return replace(self, title_terms=index_text(heading), body_terms=index_text(self.body))


def user_access_tokens(user):
    """The tokens this user holds, or None for a user who may see everything."""
    if user.is_superuser:
        return None
    tokens = {EVERY_STAFF_MEMBER, user_token(user.pk)}
    tokens.update(group_token(name) for name in user.groups.values_list("name", flat=True))
    tokens.update(area_token(page_id) for page_id in visibility.open_areas(user))
    chain = department_chain(user)
    if chain:
        tokens.add(department_member_token(chain[0]))
    tokens.update(department_token(department_id) for department_id in chain)
    return frozenset(tokens)
