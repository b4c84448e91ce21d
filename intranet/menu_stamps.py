"""The menu each user sees, kept between pages until what decides it changes.

The menu asks, on every page, whether the user may enter the admin (their
permissions: two queries) and which FAQ home page they may open (the page
restrictions, their groups, the page: three). What it found is kept in
Django's cache under the user's and everyone's ``MenuStamp`` values, read in
one query; a stamp that changed names another cache entry, so the menu is
worked out again.

The stamps live in the database (see ``intranet.stamps``). The receivers
below give a stamp a new value whenever a row the menu comes from is saved
or deleted, in the same transaction:

- the user's own stamp: the user saved (superuser or active state; not the
  login time), their groups or their own permissions changed;
- everyone's stamp: a group saved or deleted, a group's members or
  permissions changed from the group's or the permission's side, a
  permission deleted, a page saved, deleted, published, unpublished or
  moved, a page restriction or its groups changed, a site saved or deleted.

A menu entry's ``is_visible`` and ``locate`` may only read these.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import MenuStamp
from .stamps import Stamps

EVERYONE = MenuStamp.EVERYONE
_stamps = Stamps(MenuStamp, "intranet.menu")


def remembered(user, name, work_out):
    """``work_out(user)``, from the cache while the user's and everyone's stamps stay the same."""
    return _stamps.remembered(user, name, work_out)


def changed(user_id=EVERYONE):
    """The menu of this user (or, by default, of everyone) must be worked out again."""
    _stamps.changed(user_id)


# -- what the menu comes from --------------------------------------------------


_user_saved = _stamps.user_saved
_user_relation_changed = _stamps.user_relation_changed
_everyone = _stamps.everyone_changed


def connect():
    """Connect the receivers (from ``IntranetConfig.ready``)."""
    user_model = get_user_model()
    uid = "intranet.menu"
    post_save.connect(_user_saved, sender=user_model, dispatch_uid=f"{uid}.user")
    for relation in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(
            _user_relation_changed, sender=relation, dispatch_uid=f"{uid}.{relation.__name__}"
        )
    m2m_changed.connect(
        _everyone, sender=Group.permissions.through, dispatch_uid=f"{uid}.group_permissions"
    )
    m2m_changed.connect(
        _everyone,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=f"{uid}.restriction_groups",
    )
    for model in (Group, PageViewRestriction, Site, *get_page_models()):
        post_save.connect(_everyone, sender=model, dispatch_uid=f"{uid}.{model._meta.label}")
        post_delete.connect(_everyone, sender=model, dispatch_uid=f"{uid}.{model._meta.label}")
    # Deleting a permission drops it from every group and user without a relation signal.
    post_delete.connect(_everyone, sender=Permission, dispatch_uid=f"{uid}.permission")
    page_published.connect(_everyone, dispatch_uid=f"{uid}.page_published")
    page_unpublished.connect(_everyone, dispatch_uid=f"{uid}.page_unpublished")
    post_page_move.connect(_everyone, dispatch_uid=f"{uid}.page_moved")
