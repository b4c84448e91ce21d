"""Values worked out per user, kept in the cache until a database stamp says they changed.

Some things every page or keystroke needs (a user's search access tokens,
their menu) take several queries to work out and change rarely. They are
kept in Django's cache under two stamps read in one query: the user's and
everyone's (``UserStamp`` rows). Code that changes what the value comes from
gives a stamp a new value (``Stamps.changed``) in the same transaction, and
the next read names another cache entry, so the value is worked out again.

The stamps live in the database, not in the cache: the server runs as
several processes, each with its own memory cache, and a change saved in
one must reach a request served by another. The stamps are read before the
value is worked out: a change that lands in between is stored under the old
stamps at worst, and the next request reads the new ones.
"""

import random

from django.core.cache import cache

CACHE_SECONDS = 60 * 60


def _new_value():
    # Random, not counted: a database restored or emptied (tests roll back) never
    # repeats a value that a cache entry may still be stored under.
    return random.getrandbits(62)


class Stamps:
    """The stamps of one ``UserStamp`` model, and the cache entries kept under them."""

    def __init__(self, model, cache_prefix):
        self.model = model
        self.cache_prefix = cache_prefix

    def read(self, user_id):
        """{user id or EVERYONE: value} for the user and everyone, made if missing (one query)."""
        everyone = self.model.EVERYONE
        wanted = (everyone, user_id)
        stamps = dict(self.model.objects.filter(pk__in=wanted).values_list("pk", "value"))
        missing = [pk for pk in wanted if pk not in stamps]
        if missing:
            self.model.objects.bulk_create(
                [self.model(pk=pk, value=_new_value()) for pk in missing], ignore_conflicts=True
            )
            stamps = dict(self.model.objects.filter(pk__in=wanted).values_list("pk", "value"))
        return stamps

    def remembered(self, user, name, work_out):
        """``work_out(user)``, from the cache while the user's and everyone's stamps stay."""
        stamps = self.read(user.pk)
        everyone = stamps[self.model.EVERYONE]
        key = f"{self.cache_prefix}.{name}.{user.pk}.{everyone}.{stamps[user.pk]}"
        value = cache.get(key)
        if value is None:
            value = work_out(user)
            cache.set(key, value, CACHE_SECONDS)
        return value

    def changed(self, user_id=None):
        """What this user's (by default everyone's) values come from changed."""
        user_id = self.model.EVERYONE if user_id is None else user_id
        updated = self.model.objects.filter(pk=user_id).update(value=_new_value())
        if not updated:
            self.model.objects.bulk_create(
                [self.model(pk=user_id, value=_new_value())], ignore_conflicts=True
            )

    # -- receivers, for the modules that connect them to what their values come from

    def user_saved(self, sender, instance, update_fields=None, **kwargs):
        """A user saved: theirs changed (logging in, which sets only the login time, did not)."""
        if update_fields is not None and set(update_fields) <= {"last_login"}:
            return
        self.changed(instance.pk)

    def user_relation_changed(self, sender, instance, action, reverse, pk_set, **kwargs):
        """A user's groups or own permissions changed, from the user's side or the other's."""
        if not action.startswith("post_"):
            return
        if not reverse:  # user.groups.add(...): this user
            self.changed(instance.pk)
        elif pk_set:  # group.user_set.add(...): these users
            for user_id in pk_set:
                self.changed(user_id)
        else:  # group.user_set.clear(): whoever was in it
            self.changed()

    def everyone_changed(self, sender, **kwargs):
        """Something everyone's values come from was saved, deleted or its relations changed."""
        if kwargs.get("action", "post_").startswith("post_"):
            self.changed()
