"""Upload handlers that keep the name a file was sent under, and ``sent_name`` to read it.

Django cuts a file name longer than 255 characters short (keeping its extension)
when it makes the uploaded file, so a form only ever sees the cut name and would
store a name nobody chose. These are Django's own handlers, except that each
file they make remembers the whole name it came with (its directory parts and
unprintable characters already dropped by Django's parser), so a check can refuse
a name that is too long and say how long it was.
"""

from django.core.files import uploadhandler


class _KeepsSentName:
    def file_complete(self, file_size):
        upload = super().file_complete(file_size)
        if upload is not None:
            upload.sent_name = self.file_name
        return upload


class MemoryFileUploadHandler(_KeepsSentName, uploadhandler.MemoryFileUploadHandler):
    """Django's in-memory handler (small files), keeping the sent name."""


class TemporaryFileUploadHandler(_KeepsSentName, uploadhandler.TemporaryFileUploadHandler):
    """Django's temporary-file handler (large files), keeping the sent name."""


def sent_name(upload):
    """The whole name ``upload`` was sent under, or its name when it did not come from a form."""
    return getattr(upload, "sent_name", None) or getattr(upload, "name", None) or ""
