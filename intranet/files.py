"""Files: one guarded way in, for every app.

Every file an app keeps is a Wagtail document (or image) in the app's own
collection, and the app says who may download it::

    from intranet import files, roles

    def may_download(user, document):
        return rules.can_open(user, NoticeAttachment.objects.get(document=document).notice)

    files.register_owner("お知らせの添付ファイル", may_download)
    roles.grant_collection(roles.IT_DESK, ["wagtaildocs.add_document"],
                           collection=lambda: files.collection("FAQ の画像と資料"))

``register_owner`` is called once per collection from the app's
``AppConfig.ready``; a second registration is refused, as Django's
``AdminSite.register`` refuses a model registered twice.

Every route to a file asks the same question, ``may_download(user, item)``:
the app's own download view (through ``serve``), Wagtail's
``/documents/<id>/<name>`` (through the ``before_serve_document`` hook in
``intranet.wagtail_hooks``) and the storage's own addresses ``/files/<stored
name>`` (``stored_file``, for images and their renditions too). A user who
may not download a file is told it does not exist (404), on every route.

A file in a collection no app owns is downloadable only by those who may
change it in the Wagtail admin (Wagtail's own collection permissions), and
by no one else.

Files are stored under ``PRIVATE_FILES_ROOT``, which no web server serves.
The checked view hands the file over as ``FILES_SERVE_METHOD`` says:
``"django"`` streams it itself; ``"x-accel-redirect"`` (nginx) and
``"x-sendfile"`` (Apache, lighttpd) answer with a header naming the file
and let the web server stream it, only after the check passed. Wagtail's
document view takes this module as its ``SENDFILE_BACKEND``.
"""

import os
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

SERVE_METHODS = ("django", "x-accel-redirect", "x-sendfile")


@dataclass(frozen=True)
class Owner:
    """An app's claim on a collection: its files are the app's, and it says who may see them."""

    collection_name: str
    may_download: object  # callable(user, document_or_image) -> bool


class AlreadyRegistered(Exception):
    pass


_owners = {}


def register_owner(collection_name, may_download):
    """Declare that the files of collection ``collection_name`` belong to the calling app."""
    if collection_name in _owners:
        raise AlreadyRegistered(f"The collection {collection_name!r} already has an owner.")
    _owners[collection_name] = Owner(collection_name, may_download)


def unregister_owner(collection_name):
    _owners.pop(collection_name, None)


def owned_collection_names():
    return tuple(_owners)


def collection(name):
    """The collection ``name`` directly below the root, made on first use."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    if root is None:  # Wagtail's migration makes it; a flushed database has none
        root = Collection.add_root(name="Root")
    existing = root.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    return root.add_child(name=name)


def owner_of(item):
    """The Owner of a document's or image's collection, or None if no app owns it."""
    item_collection = item.collection
    if item_collection.depth != 2:  # apps' collections sit directly below the root
        return None
    return _owners.get(item_collection.name)


def may_download(user, item):
    """Whether ``user`` may download ``item`` (a Wagtail document or image): the owner decides."""
    if not user.is_authenticated:
        return False
    owner = owner_of(item)
    if owner is not None:
        return bool(owner.may_download(user, item))
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(type(item))
    return policy.user_has_permission_for_instance(user, "change", item)


def check_download(user, item):
    """Raise Http404 unless ``user`` may download ``item``: a refusal names nothing."""
    if not may_download(user, item):
        raise Http404(_("This file does not exist or is not yours to open."))


def serve(request, document, filename=None, inline=False):
    """The checked answer to a download of ``document`` (saved as ``filename``).

    ``inline`` lets the browser show the file itself (a PDF in its viewer,
    opened at ``#page=N``) instead of saving it.
    """
    from wagtail.utils.sendfile import sendfile as send

    check_download(request.user, document)
    response = send(
        request,
        document.file.path,
        attachment=not inline,
        attachment_filename=filename or document.filename,
        mimetype=document.content_type,
        backend=sendfile,
    )
    return _harden(response)


def _harden(response):
    # As Wagtail's document view does: nothing in a file runs as this site's page.
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def serve_method():
    method = getattr(settings, "FILES_SERVE_METHOD", "django")
    if method not in SERVE_METHODS:
        raise ImproperlyConfigured(
            f"FILES_SERVE_METHOD must be one of {', '.join(SERVE_METHODS)}, not {method!r}."
        )
    return method


def private_root():
    return os.path.realpath(settings.PRIVATE_FILES_ROOT)


def sendfile(request, filename, **kwargs):
    """Wagtail's ``SENDFILE_BACKEND``: reached only after the download was checked.

    ``filename`` is a path inside ``PRIVATE_FILES_ROOT``; anything else is refused.
    """
    path = os.path.realpath(filename)
    root = private_root()
    if os.path.commonpath([path, root]) != root:
        raise Http404(_("This file does not exist or is not yours to open."))
    method = serve_method()
    if method == "django":
        from wagtail.utils import sendfile_streaming_backend

        return sendfile_streaming_backend.sendfile(request, path, **kwargs)
    response = HttpResponse()
    if method == "x-accel-redirect":
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        internal = settings.FILES_INTERNAL_URL.rstrip("/")
        response["X-Accel-Redirect"] = f"{internal}/{quote(relative)}"
    else:
        response["X-Sendfile"] = path
    return response


def _holder_of(name):
    """The document, image or rendition stored under ``name``, as (item to check, file)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    document = get_document_model().objects.filter(file=name).first()
    if document is not None:
        return document, document.file
    image_model = get_image_model()
    image = image_model.objects.filter(file=name).first()
    if image is not None:
        return image, image.file
    rendition_model = image_model.get_rendition_model()
    rendition = rendition_model.objects.select_related("image").filter(file=name).first()
    if rendition is not None:
        return rendition.image, rendition.file
    return None, None


def stored_file(request, name):
    """``/files/<stored name>``: the storage's own address, under the same check as every route.

    Images shown on pages (renditions) are reached here; a document's
    address answers exactly as ``/documents/<id>/<name>`` does.
    """
    from wagtail.utils.sendfile import sendfile as send

    item, stored = _holder_of(name)
    if item is None:
        raise Http404(_("This file does not exist or is not yours to open."))
    check_download(request.user, item)
    response = send(
        request,
        stored.path,
        attachment=False,
        attachment_filename=False,
        backend=sendfile,
    )
    return _harden(response)
