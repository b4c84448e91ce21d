"""Japanese full-text search: the facade other apps use.

- ``search.find(user, text, types=…, filters=…, page=…)``: see ``search.finder``.
- ``search.deferred_indexing()``: index once at the end of bulk work.
- ``search.registry.register(...)``: make a type searchable.

The functions import lazily, so that importing this package needs no model.
"""


def find(user, text, **options):
    from .finder import find as _find

    return _find(user, text, **options)


def deferred_indexing(wagtail_models=()):
    from .registry import deferred_indexing as _deferred_indexing

    return _deferred_indexing(wagtail_models)
