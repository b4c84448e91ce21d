"""Background work of the materials app, run by the task worker (``manage.py db_worker``)."""

from django_tasks import task

from . import reading


@task()
def extract_text(version_id):
    """Read the text out of one uploaded file (OCR for scanned pages), then index and check it."""
    reading.read_version(version_id)
