"""Settings for the test suite: SQLite by default, PostgreSQL when DATABASE_URL says so."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, private_storage

SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the live server's threads then each open their own
    # connection, as a real server's do, so concurrency tests meet real locking.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"intranet-test-{os.getpid()}.sqlite3")
    }

# Background tasks run at once, inside the request or test that enqueues them,
# so tests see their effect without a worker. The real database worker is
# exercised by tests/intranet/test_background_tasks.py.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Uploads of a test run go to a directory of their own, never the project's.
PRIVATE_FILES_ROOT = os.path.join(tempfile.gettempdir(), f"intranet-test-files-{os.getpid()}")
STORAGES = {**STORAGES, "default": private_storage(PRIVATE_FILES_ROOT)}  # noqa: F405
