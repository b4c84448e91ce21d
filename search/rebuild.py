"""A full rebuild of the search index: in a stable order, resumable, with its progress told.

At a million documents a rebuild takes hours, nearly all of it in the Japanese
pipeline. So the documents come type by type (in registration order) and by
primary key, which lets an engine that records a checkpoint (Elasticsearch:
the last document it has stored) start again just after it; and the rebuild
says how far it is (count of total, rate, time left) every few seconds, on the
command's output in the foreground, in the log when the task worker runs it.
"""

import logging
import time

from django_tasks import task

from intranet import visibility

from . import registry
from .backends import get_backend

logger = logging.getLogger(__name__)

REPORT_EVERY_SECONDS = 10.0


def documents_after(checkpoint=None):
    """Every document, type by type and by primary key, after the checkpoint's document.

    ``checkpoint`` is None (from the start) or a dict naming the last document
    done by its ``doc_type`` and ``object_id`` (every type's object id is its pk).
    """
    types = registry.registered_types()
    after_pk = None
    if checkpoint:
        position = [t.doc_type for t in types].index(checkpoint["doc_type"])
        types, after_pk = types[position:], checkpoint["object_id"]
    with visibility.restrictions_snapshot():
        for number, indexed_type in enumerate(types):
            queryset = indexed_type.queryset().order_by("pk")
            if number == 0 and after_pk is not None:
                queryset = queryset.filter(pk__gt=after_pk)
            for obj in queryset.iterator(chunk_size=500):
                if registry.type_for(obj) is not indexed_type:
                    continue  # indexed under a more specific registration
                document = indexed_type.to_document(obj)
                if document is not None:
                    yield document


def _duration(seconds):
    minutes = round(seconds / 60)
    if minutes < 1:
        return "1分未満"
    if minutes < 60:
        return f"約{minutes}分"
    return f"約{minutes // 60}時間{minutes % 60}分"


class Progress:
    """Counts the documents done and says, every few seconds, how far the rebuild is."""

    def __init__(self, total, write, every=REPORT_EVERY_SECONDS, clock=time.monotonic):
        self.total, self.write, self.every, self.clock = total, write, every, clock
        self.done = self.resumed_at = 0
        self.started = self.reported = clock()

    def resume_at(self, done):
        """Documents a previous, interrupted run already stored (not counted in the rate)."""
        self.done = self.resumed_at = done

    def __call__(self, count):
        self.done += count
        if self.clock() - self.reported >= self.every:
            self.report()

    def report(self):
        self.reported = now = self.clock()
        elapsed = max(now - self.started, 1e-9)
        rate = (self.done - self.resumed_at) / elapsed
        line = f"{self.done:,} / {self.total:,}件"
        if self.total:
            line += f" ({min(self.done / self.total, 1):.1%})"
        line += f"、毎秒{rate:,.0f}件"
        if rate > 0 and self.done < self.total:
            line += f"、残り{_duration((self.total - self.done) / rate)}"
        self.write(line)


def run(backend=None, batch_size=500, resume=False, write=logger.info):
    """Rebuild the index of ``backend`` (the default engine when None); how many were stored.

    With ``resume``, an engine that keeps a checkpoint goes on with its
    unfinished rebuild; one that keeps none (the database) cannot resume.
    """
    engine = get_backend(backend)
    resumable = hasattr(engine, "rebuild_status")
    if resume and not resumable:
        raise ValueError(f"{engine.name} cannot resume a rebuild")
    progress = Progress(registry.document_count(), write)

    def documents(checkpoint):
        if checkpoint:
            progress.resume_at(checkpoint["done"])
            write(
                f"{checkpoint['done']:,}件目まで登録済みの再構築を再開します"
                f"（{checkpoint['doc_type']}:{checkpoint['object_id']}の次から）。"
            )
        return documents_after(checkpoint)

    write(f"{engine.name}の検索インデックスを再構築します（{progress.total:,}件）。")
    if resumable:
        count = engine.rebuild(documents, batch_size, progress=progress, resume=resume)
    else:
        count = engine.rebuild(documents_after(), batch_size, progress=progress)
    progress.report()
    return count


@task()
def rebuild_in_background(backend=None, batch_size=500, resume=False):
    """``rebuild_search_index --background``: the same rebuild, its progress in the log."""
    return run(backend, batch_size, resume, write=logger.info)
