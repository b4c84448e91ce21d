"""A user's search access tokens, kept between requests until what decides them changes.

``search.documents.user_access_tokens`` reads the user's groups, the page
restrictions, the staff profile and each department above it: four or five
queries, on every search and on every keystroke of the suggestions. The
tokens are kept in Django's cache under the user's and everyone's
``AccessStamp`` values; one query reads both stamps, and a stamp that
changed names another cache entry, so the tokens are worked out again.

The stamps live in the database (see ``intranet.stamps``). The receivers
below give a stamp a new value whenever a row the tokens come from is saved
or deleted, in the same transaction:

- the user's own stamp: the user saved (superuser or active state; not the
  login time), their groups changed, their staff profile (department)
  saved or deleted;
- everyone's stamp: a department saved or deleted (the tree above a
  section), a group saved or deleted (its name is its token; deleting it
  drops its members without a membership signal), a group's members
  changed from the group's side, a page restriction or its groups changed,
  a page moved (restrictions nest by tree path).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from intranet.models import Department, StaffProfile
from intranet.stamps import Stamps

from .documents import user_access_tokens
from .models import AccessStamp

EVERYONE = AccessStamp.EVERYONE
_stamps = Stamps(AccessStamp, "search.access")


def access_tokens(user):
    """``user_access_tokens(user)``, from the cache while its stamps stay the same."""
    if user.is_superuser or not user.is_authenticated:
        return user_access_tokens(user)  # no query: None, or the anonymous user's
    return _stamps.remembered(user, "tokens", user_access_tokens)


def changed(user_id=EVERYONE):
    """The tokens of this user (or, by default, of everyone) must be worked out again."""
    _stamps.changed(user_id)


# -- what the tokens come from -------------------------------------------------


_user_saved = _stamps.user_saved
_memberships_changed = _stamps.user_relation_changed
_everyone = _stamps.everyone_changed


def _profile_changed(sender, instance, **kwargs):
    changed(instance.user_id)


def connect():
    """Connect the receivers (from ``SearchConfig.ready``)."""
    user_model = get_user_model()
    uid = "search.access"
    post_save.connect(_user_saved, sender=user_model, dispatch_uid=f"{uid}.user")
    post_save.connect(_profile_changed, sender=StaffProfile, dispatch_uid=f"{uid}.profile")
    post_delete.connect(_profile_changed, sender=StaffProfile, dispatch_uid=f"{uid}.profile")
    m2m_changed.connect(
        _memberships_changed, sender=user_model.groups.through, dispatch_uid=f"{uid}.groups"
    )
    for model in (Department, Group, PageViewRestriction):
        post_save.connect(_everyone, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
        post_delete.connect(_everyone, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
    m2m_changed.connect(
        _everyone,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=f"{uid}.restriction_groups",
    )
    post_page_move.connect(_everyone, dispatch_uid=f"{uid}.page_moved")
