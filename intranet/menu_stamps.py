"""The menu each user sees, kept between pages until what decides it changes.

The menu asks, on every page, whether the user may enter the admin (their
permissions: two queries) and which FAQ home page they may open (the page
restrictions, their groups, the page: three). What it found is kept in
Django's cache under the user's and everyone's ``MenuStamp`` values, read in
one query; a stamp that changed names another cache entry, so the menu is
worked out again.

The stamps live in the database, not in the cache: the server runs as
several processes, each with its own memory cache, and a change saved in
one must reach a page served by another. The receivers below give a stamp a
new value whenever a row the menu comes from is saved or deleted, in the
same transaction:

- the user's own stamp: the user saved (superuser or active state; not the
  login time), their groups or their own permissions changed;
- everyone's stamp: a group saved or deleted, a group's members or
  permissions changed from the group's or the permission's side, a
  permission deleted, a page saved, deleted, published, unpublished or
  moved, a page restriction or its groups changed, a site saved or deleted.

A menu entry's ``is_visible`` and ``locate`` may only read these. The stamps
are read before the menu is worked out: a change that lands in between is
stored under the old stamps at worst, and the next page reads the new ones.
"""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import MenuStamp

CACHE_PREFIX = "intranet.menu"
CACHE_SECONDS = 60 * 60
EVERYONE = MenuStamp.EVERYONE


def _new_value():
    # Random, not counted: a database restored or emptied (tests roll back) never
    # repeats a value that a cache entry may still be stored under.
    return random.getrandbits(62)


def _stamps(user_id):
    """{user id or EVERYONE: value} for the user and everyone, made if missing (one query)."""
    wanted = (EVERYONE, user_id)
    stamps = dict(MenuStamp.objects.filter(pk__in=wanted).values_list("pk", "value"))
    missing = [pk for pk in wanted if pk not in stamps]
    if missing:
        MenuStamp.objects.bulk_create(
            [MenuStamp(pk=pk, value=_new_value()) for pk in missing], ignore_conflicts=True
        )
        stamps = dict(MenuStamp.objects.filter(pk__in=wanted).values_list("pk", "value"))
    return stamps


def remembered(user, name, work_out):
    """``work_out(user)``, from the cache while the user's and everyone's stamps stay the same."""
    stamps = _stamps(user.pk)
    key = f"{CACHE_PREFIX}.{name}.{user.pk}.{stamps[EVERYONE]}.{stamps[user.pk]}"
    value = cache.get(key)
    if value is None:
        value = work_out(user)
        cache.set(key, value, CACHE_SECONDS)
    return value


def changed(user_id=EVERYONE):
    """The menu of this user (or, by default, of everyone) must be worked out again."""
    updated = MenuStamp.objects.filter(pk=user_id).update(value=_new_value())
    if not updated:
        MenuStamp.objects.bulk_create(
            [MenuStamp(pk=user_id, value=_new_value())], ignore_conflicts=True
        )


# -- what the menu comes from --------------------------------------------------


def _user_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # logging in changes nothing the menu holds
    changed(instance.pk)


def _user_relation_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A user's groups or own permissions, changed from the user's side or the other's."""
    if not action.startswith("post_"):
        return
    if not reverse:  # user.groups.add(...), user.user_permissions.add(...): this user
        changed(instance.pk)
    elif pk_set:  # group.user_set.add(...), permission.user_set.add(...): these users
        for user_id in pk_set:
            changed(user_id)
    else:  # group.user_set.clear(): whoever was in it
        changed()


def _everyone(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        changed()


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
