"""Wagtail's own search (admin page, document and snippet search) in Japanese.

Wagtail's database backend hands whole field values to SQLite FTS5 or
PostgreSQL, which cannot split Japanese into words. This backend feeds them
the terms of ``search.text`` instead: every indexed field value is replaced by
its index terms, and every query string by its query terms. Everything else,
the tables, ranking and query compilation, stays Wagtail's.

Use it in settings::

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend",
                                          "SEARCH_CONFIG": "simple"}}
"""

from modelsearch.backends.base import EmptySearchResults
from modelsearch.backends.database import SearchBackend as database_backend_for
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import Phrase, PlainText

from .text import index_text, query_terms


class _SegmentedField:
    """Mixin for a search field whose value is indexed as Japanese terms."""

    def get_value(self, obj):
        value = super().get_value(obj)
        if value is None:
            return None
        if isinstance(value, list | tuple):
            value = " ".join(str(item) for item in value)
        return index_text(str(value))


class SegmentedSearchField(_SegmentedField, SearchField):
    pass


class SegmentedAutocompleteField(_SegmentedField, AutocompleteField):
    pass


def _segmented(field):
    if isinstance(field, SearchField):
        copy = SegmentedSearchField(field.field_name, boost=field.boost, **field.kwargs)
    elif isinstance(field, AutocompleteField):
        copy = SegmentedAutocompleteField(field.field_name, **field.kwargs)
    elif isinstance(field, RelatedFields):
        copy = RelatedFields(field.field_name, [_segmented(sub) for sub in field.fields])
    else:
        return field
    return copy


class SegmentedObject:
    """Stands in for a model instance while it is indexed, with segmented search fields."""

    def __init__(self, obj):
        self._obj = obj

    @property
    def __class__(self):
        # Wagtail looks fields up on ``obj.__class__``: answer with the model.
        return type(self._obj)

    def __getattr__(self, name):
        return getattr(self._obj, name)

    def get_search_fields(self):
        return [_segmented(field) for field in self._obj.get_search_fields()]


def _segment_query(query):
    if isinstance(query, str):
        return " ".join(query_terms(query))
    if isinstance(query, PlainText):
        return PlainText(" ".join(query_terms(query.query_string)), operator=query.operator)
    if isinstance(query, Phrase):
        return Phrase(" ".join(query_terms(query.query_string)))
    return query


def _japanese(backend_class):
    """A subclass of one of Wagtail's database backends that speaks Japanese."""

    class JapaneseIndex(backend_class.index_class):
        def add_items(self, model, objs):
            super().add_items(model, [SegmentedObject(obj) for obj in objs])

    class JapaneseBackend(backend_class):
        index_class = JapaneseIndex

        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            query = _segment_query(query)
            if query == "" or (isinstance(query, PlainText | Phrase) and not query.query_string):
                return EmptySearchResults()
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    JapaneseBackend.__name__ = f"Japanese{backend_class.__name__}"
    return JapaneseBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = database_backend_for(params)
    return _japanese(type(backend))(params)
