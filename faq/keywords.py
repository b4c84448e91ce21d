"""Add a word to an FAQ's keywords from outside the page editor, through Wagtail's revisions.

The search report's zero-result action ends here: a query staff typed and
found nothing for becomes a keyword of the FAQ that answers it. The change is
a new revision like any other edit (history, audit log, indexing on publish):
an editor who may publish publishes it at once, so the next search finds the
FAQ; one who may not submits it to the FAQ's review workflow. A page with
unpublished changes of its own is left alone, so nobody publishes another's
draft by adding a word.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from search.text import normalize

from .models import FaqPage

PUBLISHED = "published"
SUBMITTED = "submitted"
SAVED = "saved"


class KeywordRefused(Exception):
    """The keyword cannot be added to this FAQ; the message says why and what to do."""


def editable_faqs(user):
    """Live FAQs whose editor ``user`` may open."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return FaqPage.objects.live().filter(pk__in=editable.values("pk"))


def has_keyword(page, word):
    return normalize(word) in normalize(page.keywords).split(" ")


def add_keyword(page, word, user):
    """Append ``word`` to the keywords of ``page`` as a new revision; what became of it.

    PUBLISHED, SUBMITTED (to the review workflow) or SAVED (a draft, where
    there is no workflow to submit to). Raises KeywordRefused, and saves
    nothing, when the word is there already, the page has unpublished changes
    or is in review or locked, or the page cannot be published as it is.
    """
    with transaction.atomic():
        page = FaqPage.objects.select_for_update().get(pk=page.pk)
        permissions = page.permissions_for_user(user)
        if not permissions.can_edit():
            raise PermissionDenied
        if has_keyword(page, word):
            message = _("「%(word)s」 is already a keyword of this FAQ.")
            raise KeywordRefused(message % {"word": word})
        if page.has_unpublished_changes or page.workflow_in_progress or permissions.page_locked():
            raise KeywordRefused(
                _(
                    "This FAQ has changes that are not published yet, or is in review or locked. "
                    "Add the keyword in the page editor instead."
                )
            )
        page.keywords = f"{page.keywords.strip()} {word}".strip()
        try:
            revision = page.save_revision(user=user, log_action=True)
            if permissions.can_publish():
                page.publish(revision, user=user)
                return PUBLISHED
            workflow = page.get_workflow()
            if workflow is not None and permissions.can_submit_for_moderation():
                workflow.start(page, user)
                return SUBMITTED
            return SAVED
        except ValidationError as error:
            transaction.set_rollback(True)
            raise KeywordRefused(" ".join(error.messages)) from None
