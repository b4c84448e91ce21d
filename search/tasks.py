"""Background work of the search app, run by the task worker (``manage.py db_worker``)."""

from django_tasks import task

from . import registry


@task()
def sync_documents(doc_type, pks):
    """Index these objects as they are now; drop those that are gone or must not be found."""
    registry.sync_now(doc_type, pks)
