"""Search engines behind one interface; ``SEARCH_BACKEND`` in settings picks the default."""

from django.conf import settings
from django.utils.module_loading import import_string

BACKENDS = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}

_instances = {}


def get_backend(name=None):
    name = name or settings.SEARCH_BACKEND
    if name not in BACKENDS:
        raise ValueError(f"Unknown search backend {name!r}; choose one of {', '.join(BACKENDS)}")
    if name not in _instances:
        _instances[name] = import_string(BACKENDS[name])()
    return _instances[name]


def reset_backends():
    """Forget backend instances (their settings may have changed)."""
    _instances.clear()
