"""What the intranet indexes: each app registers its searchable types here.

Registering a type is a few lines in the app's ``AppConfig.ready``::

    from search import registry
    from search.documents import SearchDocument

    registry.register(registry.IndexedType(
        doc_type="notice", label=_("Notices"), model=Notice,
        to_document=lambda notice: SearchDocument(
            doc_type="notice", object_id=str(notice.pk), title=notice.title,
            body=notice.body, url=notice.get_absolute_url(), date=notice.published_at,
            department_id=notice.department_id),
        queryset=lambda: Notice.objects.all(),
    ))

``to_document`` returns None for an object that must not be found (a draft,
an expired notice); signals then remove it from the index. Wagtail pages are
indexed when published and removed when unpublished or deleted; other models
on every save and delete.
"""

import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, replace

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from intranet import visibility
from intranet.registry import Registry

from .backends import get_backend


def _everyone(user, obj):
    return True


@dataclass(frozen=True)
class IndexedType:
    """One searchable type.

    ``visible_to(user, obj)`` states in Python who may see an object; the
    access tokens that ``to_document`` puts on its document must say the same
    to the engines. tests/search/test_no_leaks.py holds every registered type
    to that.
    """

    doc_type: str
    label: str
    model: type
    to_document: Callable
    queryset: Callable
    is_page: bool = False
    visible_to: Callable = _everyone
    # The doc_type this type's documents are parts of (a material's pages are parts of
    # "material"): the header's hint names the whole kind only, not its parts.
    part_of: str = ""


_types = Registry("search type")


def register(indexed_type):
    """Index a type; a ``doc_type`` registered twice raises ``AlreadyRegistered``."""
    _types.register(indexed_type.doc_type, indexed_type)
    if not indexed_type.is_page:
        uid = f"search.index.{indexed_type.doc_type}"
        post_save.connect(_on_save, sender=indexed_type.model, dispatch_uid=uid, weak=False)
        post_delete.connect(_on_delete, sender=indexed_type.model, dispatch_uid=uid, weak=False)
    return indexed_type


def unregister(doc_type):
    indexed_type = _types.unregister(doc_type)
    uid = f"search.index.{doc_type}"
    post_save.disconnect(sender=indexed_type.model, dispatch_uid=uid)
    post_delete.disconnect(sender=indexed_type.model, dispatch_uid=uid)


def registered_types():
    return list(_types)


def type_labels():
    return {indexed_type.doc_type: indexed_type.label for indexed_type in _types}


def kind_labels():
    """The labels of the kinds of things one can find: the types that are not parts of another."""
    return [indexed_type.label for indexed_type in _types if not indexed_type.part_of]


def type_for(obj):
    """The registration that indexes this object: the most specific class wins."""
    for cls in type(obj).__mro__:
        for indexed_type in _types:
            if indexed_type.model is cls:
                return indexed_type
    return None


def all_documents():
    """Every document of every registered type, for a full rebuild."""
    with visibility.restrictions_snapshot():
        for indexed_type in _types:
            for obj in indexed_type.queryset().iterator(chunk_size=500):
                if type_for(obj) is not indexed_type:
                    continue  # indexed under a more specific registration
                document = indexed_type.to_document(obj)
                if document is not None:
                    yield document


def document_count():
    return sum(indexed_type.queryset().count() for indexed_type in _types)


def _key(indexed_type, pk):
    return f"{indexed_type.doc_type}:{pk}"


# A save whose texts to segment come to more than this is indexed by the background
# task, not inside the request that saves (a material's PDF, page by page).
LONG_TEXT_CHARS = 20_000

_background = threading.local()


@contextmanager
def indexing_in_background():
    """Mark the work inside as background work: index long texts here and now.

    The task that indexes runs in it, and so may any task whose work includes
    indexing (reading an uploaded file's text).
    """
    outer = getattr(_background, "active", False)
    _background.active = True
    try:
        yield
    finally:
        _background.active = outer


def _stored_texts(keys):
    """The database engine's stored body and body terms of these documents, by key."""
    from .models import IndexedDocument

    rows = IndexedDocument.objects.filter(key__in=keys).values_list("key", "body", "body_terms")
    return {key: (body, body_terms) for key, body, body_terms in rows}


def _with_stored_body(document, body, body_terms):
    """The document with this body and its terms as stored; the heading (short) segmented anew."""
    heading = replace(document, body="").with_terms()
    return replace(heading, body=body, body_terms=body_terms)


def _plan(backend, pairs, budget):
    """Which documents to write now, and which objects' documents to leave to the task.

    On the database engine a document whose body is as stored keeps its stored
    terms: only its heading is segmented, so a change of who may see it, its
    date or its title costs little and takes effect at once. When the bodies
    that did change come to more than ``budget`` characters, they are left to
    the task; their documents are still written now with the body as stored,
    so a change of access never waits for the worker.
    """
    if not backend.transactional:
        return [document for _obj, document in pairs], []
    stored = _stored_texts([document.key for _obj, document in pairs])
    changed = [d for _obj, d in pairs if stored.get(d.key, (None,))[0] != d.body]
    defer = budget is not None and sum(len(d.body) for d in changed) > budget
    now, later = [], []
    for obj, document in pairs:
        body, body_terms = stored.get(document.key, (None, ""))
        if body == document.body:
            now.append(_with_stored_body(document, body, body_terms))
        elif not defer:
            now.append(document)
        else:
            later.append(obj.pk)
            if body is not None:
                now.append(_with_stored_body(document, body, body_terms))
    return now, later


def _write(backend, indexed_type, objects, removed_pks, budget=None):
    """Index ``objects`` (those that must not be found are removed) and remove ``removed_pks``.

    Returns the primary keys of the objects whose new text is left to the
    background task (see ``_plan``); none without a ``budget``.
    """
    pairs, deleted = [], [_key(indexed_type, pk) for pk in removed_pks]
    for obj in objects:
        document = indexed_type.to_document(obj)
        if document is None:
            deleted.append(_key(indexed_type, obj.pk))
        else:
            pairs.append((obj, document))
    documents, later = _plan(backend, pairs, budget)
    if documents:
        backend.index(documents)
    if deleted:
        backend.delete(deleted)
    return later


def _enqueue_on_commit(indexed_type, pks):
    from .tasks import sync_documents

    doc_type, pks = indexed_type.doc_type, [str(pk) for pk in pks]
    transaction.on_commit(lambda: sync_documents.enqueue(doc_type, pks), robust=True)


def _sync(indexed_type, objects, removed_pks=()):
    """Bring these objects' documents up to date, and drop the removed ones.

    The database engine indexes inside the saving transaction, so a rollback
    takes the index change back with it; but texts longer than
    ``LONG_TEXT_CHARS`` in all are segmented by a background task once the
    transaction commits (who may see them changes at once all the same: see
    ``_plan``). An external engine gets all the work as a background task
    once the transaction commits: the task reads the objects again and
    tokenizes them there, so a long text costs the person who saved it
    nothing, and an engine outage loses no saved work
    (``rebuild_search_index`` brings the index back).
    """
    backend = get_backend()
    if backend.transactional:
        in_background = getattr(_background, "active", False)
        budget = None if in_background else LONG_TEXT_CHARS
        later = _write(backend, indexed_type, objects, removed_pks, budget=budget)
        if later:
            _enqueue_on_commit(indexed_type, later)
        return
    _enqueue_on_commit(indexed_type, [obj.pk for obj in objects] + list(removed_pks))


def sync_now(doc_type, pks):
    """Index these objects as they are in the database now (the task's body)."""
    indexed_type = _types[doc_type]
    found = {
        str(obj.pk): obj
        for obj in indexed_type.queryset().filter(pk__in=pks)
        if type_for(obj) is indexed_type
    }
    pks = list(dict.fromkeys(pks))
    gone = [pk for pk in pks if pk not in found]
    with indexing_in_background():
        _write(get_backend(), indexed_type, [found[pk] for pk in pks if pk in found], gone)


_batch = threading.local()


@contextmanager
def batched_updates():
    """Collect index changes made inside the block and apply them at its end in one go.

    For bulk work such as a CSV import, where indexing each object as it is
    saved would cost one engine round trip (and one tokenizer run) per save.
    """
    pending = {}
    _batch.pending = pending
    try:
        yield
    finally:
        _batch.pending = None
    by_type = {}
    for (indexed_type, pk), obj in pending.items():
        saved, removed = by_type.setdefault(indexed_type, ([], []))
        if obj is None:
            removed.append(pk)
        else:
            saved.append(obj)
    for indexed_type, (saved, removed) in by_type.items():
        _sync(indexed_type, saved, removed)


def _defer(indexed_type, obj, remove=False):
    pending = getattr(_batch, "pending", None)
    if pending is None:
        return False
    pending[(indexed_type, obj.pk)] = None if remove else obj
    return True


def update(obj):
    """Index this object, or remove it when it should no longer be found."""
    indexed_type = type_for(obj)
    if indexed_type is not None and not _defer(indexed_type, obj):
        _sync(indexed_type, [obj])


def update_at(obj, when):
    """Index this object again at ``when`` (a notice scheduled to appear then, say).

    Needs a task backend that can defer (the database one); with one that
    runs tasks at once there is no later to wait for, and nothing is queued.
    """
    from .tasks import sync_documents

    indexed_type = type_for(obj)
    if indexed_type is None or not sync_documents.get_backend().supports_defer:
        return

    doc_type, pks = indexed_type.doc_type, [str(obj.pk)]
    transaction.on_commit(
        lambda: sync_documents.using(run_after=when).enqueue(doc_type, pks), robust=True
    )


def remove(obj):
    indexed_type = type_for(obj)
    if indexed_type is not None and not _defer(indexed_type, obj, remove=True):
        _sync(indexed_type, [], [obj.pk])


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        update(instance)


def _on_delete(sender, instance, **kwargs):
    remove(instance)


@contextmanager
def deferred_indexing(wagtail_models=()):
    """Index what is saved inside the block once, at its end, for bulk work such as an import.

    Both indexes wait: the intranet's own (``batched_updates``) and Wagtail's
    admin search for ``wagtail_models``, whose SQLite backend recomputes its
    statistics on every save and so slows a page-by-page import down as the
    index grows. While the block runs, those models' saves anywhere in the
    process are collected rather than indexed one by one.
    """
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.search.backends import get_search_backend

    saved = {}

    def collect(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[(type(instance), instance.pk)] = instance

    uids = {model: f"search.deferred.{model._meta.label}" for model in wagtail_models}
    for model, uid in uids.items():
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(collect, sender=model, weak=False, dispatch_uid=uid)
    try:
        with batched_updates():
            yield
    finally:
        for model, uid in uids.items():
            post_save.disconnect(sender=model, dispatch_uid=uid)
            post_save.connect(post_save_signal_handler, sender=model)
    backend = get_search_backend()
    for model in wagtail_models:
        objects = [obj for (cls, _pk), obj in saved.items() if cls is model]
        if objects:
            backend.add_bulk(model, objects)
