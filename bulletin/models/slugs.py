"""Addresses for categories and boards that nobody has to type.

A slug names a notice category in its feed's address and a board in the
conference room's addresses. Staff name these things in Japanese, which
``slugify`` turns into nothing, so the slug is made up on first save: the
name's ASCII letters when it has any (``dx``), else the prefix and a short
random part (``board-3f9c2a1b``). A slug once given is kept, so addresses
already shared keep working after a rename.
"""

import secrets

from django.utils.text import slugify


def fill_slug(instance, prefix, source=""):
    """Give ``instance`` a unique ASCII slug when it has none."""
    if instance.slug:
        return
    field_length = instance._meta.get_field("slug").max_length
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    candidate = slugify(source)[: field_length - 9].strip("-")
    while not candidate or candidate == "all" or others.filter(slug=candidate).exists():
        candidate = f"{prefix}-{secrets.token_hex(4)}"
    instance.slug = candidate
