"""Files chosen in a form that comes back are kept, not dropped.

A browser cannot refill a file input, so when a form with files is sent
back (a field is wrong, the personal-data guard stops it) the files the
user chose would be lost, and the object would then go out without them.
``HoldsUploadsForm`` keeps them instead: each upload that passed its
field's checks is stored under a random name as a ``HeldUpload`` owned by
the user, the form comes back listing it as 「添付済み」 (with a box to drop
it) and carries its token in a hidden field; the next post of the form
gets the held file back in the same field, as if chosen again, so the
form's checks and its save treat it like any upload. Tokens of another
user, or of a file held longer than ``HELD_FOR``, are refused with a
message. Once the object is saved, ``release_held_uploads()`` lets them go.

Any form with file fields takes it in: mix it in before ``forms.Form``
(or ``ModelForm``), pass ``user=`` and render each file field with
``includes/field.html``, which lists the held files under the input.
"""

import os
import secrets
import uuid
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.files import File
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HELD_FOR = timedelta(days=1)


def new_token():
    return secrets.token_urlsafe(24)


def held_file_name(instance, filename):
    """A random stored name: the name the user gave stays in the database only."""
    extension = os.path.splitext(filename)[1].lower()[:16]
    return f"held-uploads/{uuid.uuid4().hex}{extension}"


class HeldUpload(models.Model):
    """A file chosen in a form that came back, kept for the user until the form is sent."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="held_uploads"
    )
    file = models.FileField(gettext_lazy("file"), upload_to=held_file_name)
    original_name = models.CharField(gettext_lazy("file name"), max_length=255)
    size = models.PositiveBigIntegerField(gettext_lazy("size"))
    created_at = models.DateTimeField(gettext_lazy("held at"), default=timezone.now, db_index=True)

    class Meta:
        app_label = "intranet"
        verbose_name = gettext_lazy("held upload")
        verbose_name_plural = gettext_lazy("held uploads")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    def as_upload(self):
        """The held file as an upload a form field accepts, under the name it was chosen with."""
        upload = HeldFile(self.file.open("rb"), name=self.original_name)
        upload.held_token = self.token
        return upload


class HeldFile(File):
    """An upload coming back from a ``HeldUpload`` (``held_token`` says which)."""

    held_token = None


def _delete_files(names):
    storage = HeldUpload._meta.get_field("file").storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete, robust=True)


def discard(rows):
    """Forget these held uploads and delete their files once the transaction commits."""
    rows = list(rows)
    if rows:
        names = [row.file.name for row in rows]
        HeldUpload.objects.filter(pk__in=[row.pk for row in rows]).delete()
        _delete_files(names)


def clean_stale(now=None):
    """Delete what has been held longer than ``HELD_FOR``; returns how many."""
    cutoff = (now or timezone.now()) - HELD_FOR
    stale = list(HeldUpload.objects.filter(created_at__lt=cutoff))
    discard(stale)
    return len(stale)


def hold(upload, user):
    """Keep ``upload`` for ``user``; returns the ``HeldUpload`` (and clears stale ones)."""
    clean_stale()
    upload.seek(0)
    row = HeldUpload(
        user=user,
        original_name=os.path.basename(upload.name or "")[:255],
        size=upload.size,
    )
    row.file.save(row.original_name, upload, save=False)
    row.save()
    upload.seek(0)
    return row


def held_by(user, tokens):
    """The fresh held uploads among ``tokens`` that belong to ``user``, in the order given."""
    tokens = [token for token in dict.fromkeys(tokens) if token]
    if not tokens:
        return []
    found = {
        row.token: row
        for row in HeldUpload.objects.filter(
            user=user, token__in=tokens, created_at__gte=timezone.now() - HELD_FOR
        )
    }
    return [found[token] for token in tokens if token in found]


class HoldsUploadsForm(forms.Form):
    """Keeps the files of a form that comes back (see the module's docstring)."""

    HELD_SUFFIX, DROP_SUFFIX = "-held", "-drop"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.held_uploads = {}

    def file_field_names(self):
        return [name for name, field in self.fields.items() if isinstance(field, forms.FileField)]

    def held_key(self, name):
        return self.add_prefix(name) + self.HELD_SUFFIX

    def drop_key(self, name):
        return self.add_prefix(name) + self.DROP_SUFFIX

    def full_clean(self):
        if self.is_bound:
            self._take_back_held_uploads()
        super().full_clean()
        if self.is_bound and self._errors:
            self.hold_uploads()
        self._show_held_uploads()

    def _take_back_held_uploads(self):
        """Put each held file back into its field, as if chosen again; drop the ticked ones."""
        self.files = self.files.copy()
        self._refused = {}
        for name in self.file_field_names():
            tokens = self.data.getlist(self.held_key(name))
            dropped = set(self.data.getlist(self.drop_key(name)))
            rows = held_by(self.user, tokens)
            self._refused[name] = len({token for token in tokens if token}) > len(rows)
            discard(row for row in rows if row.token in dropped)
            rows = [row for row in rows if row.token not in dropped]
            key = self.add_prefix(name)
            chosen = self.files.getlist(key)
            if getattr(self.fields[name].widget, "allow_multiple_selected", False):
                self.files.setlist(key, [row.as_upload() for row in rows] + chosen)
            elif chosen:
                discard(rows)  # a new choice replaces the one held
            elif rows:
                self.files.setlist(key, [rows[-1].as_upload()])
                discard(rows[:-1])

    def _clean_fields(self):
        super()._clean_fields()
        for name, refused in getattr(self, "_refused", {}).items():
            if refused:
                self.add_error(
                    name,
                    _(
                        "A file attached earlier is no longer held (files are kept for a day). "
                        "Choose it again."
                    ),
                )

    def hold_uploads(self):
        """Hold every new upload of a field that passed its checks; call when sending back."""
        for name in self.file_field_names():
            if name in self._errors:
                continue
            for upload in self.files.getlist(self.add_prefix(name)):
                if getattr(upload, "held_token", None) is None and upload:
                    upload.held_token = hold(upload, self.user).token

    def _show_held_uploads(self):
        """List each field's held files for the page (``field.held`` in includes/field.html)."""
        for name in self.file_field_names():
            tokens = [
                getattr(upload, "held_token", None)
                for upload in self.files.getlist(self.add_prefix(name))
            ]
            held = held_by(self.user, tokens)
            self.held_uploads[name] = held
            self.fields[name].held = held
            self.fields[name].held_key = self.held_key(name)
            self.fields[name].drop_key = self.drop_key(name)

    def _held_files(self):
        return [
            upload
            for name in self.file_field_names()
            for upload in self.files.getlist(self.add_prefix(name))
            if getattr(upload, "held_token", None)
        ]

    def release_held_uploads(self):
        """Call once the object is saved: its files are stored, the held copies can go."""
        files = self._held_files()
        for upload in files:
            upload.close()
        tokens = [upload.held_token for upload in files]
        discard(HeldUpload.objects.filter(user=self.user, token__in=tokens))
