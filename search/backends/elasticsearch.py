"""Elasticsearch, through the elasticsearch-dsl API (``elasticsearch.dsl``).

Terms come from search.text, so the mapping needs only Elasticsearch's core
``whitespace`` analyzer: no analysis plugin on the cluster. Searches go to an
alias; ``rebuild`` fills a fresh index and swaps the alias in one atomic
step, so staff keep searching while the index is rebuilt.

Matching and ranking follow the database engine (search.backends.sql_reading):
a bool query with one clause per query word (any of its terms, or any of its
phrases, adjacent and in order), ``minimum_should_match`` for how many must
match. The score is tiers of constant scores (a matched word, a word matched
in the title, a word matched by one of its own terms rather than a phrase of
parts), then a little BM25, then the document's boost, so a boost never
lifts a document across a tier. Totals stop at ``count_cap``
(track_total_hits) and facets count a sample of that many top matches.
"""

from contextlib import contextmanager
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .base import (
    EMPTY_RESULTS,
    EXACT_TIER,
    ORDER_DATE,
    TITLE_TIER,
    WORD_TIER,
    Hit,
    SearchBackend,
    SearchResults,
    SearchUnavailable,
    searchable,
)

# BM25 counts a little within a tier: its scores rarely pass 20, the smallest tier is 10.
TEXT_WEIGHT = 0.05


def _dsl():
    from elasticsearch import dsl

    return dsl


def _document_class(alias):
    dsl = _dsl()

    class IndexedDocument(dsl.Document):
        doc_type = dsl.Keyword()
        object_id = dsl.Keyword()
        title = dsl.Text(index=False)
        body = dsl.Text(index=False)
        url = dsl.Keyword(index=False)
        group = dsl.Keyword(index=False)
        part = dsl.Keyword(index=False)
        marks = dsl.Keyword(index=False)
        date = dsl.Date()
        department_id = dsl.Integer()
        access = dsl.Keyword()
        # SearchDocument.boost + 1 (from 0 to 2): a score may not go below zero.
        rank_boost = dsl.Float()
        title_terms = dsl.Text(analyzer="whitespace", search_analyzer="whitespace")
        body_terms = dsl.Text(analyzer="whitespace", search_analyzer="whitespace")

        class Index:
            name = alias
            settings = {"number_of_shards": 1, "number_of_replicas": 0}

    return IndexedDocument


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    transactional = False

    def __init__(self, url=None, alias=None):
        from elasticsearch import Elasticsearch

        self.url = url or settings.ELASTICSEARCH_URL
        self.alias = alias or settings.SEARCH_INDEX_NAME
        self.client = Elasticsearch(self.url, request_timeout=30)
        self.Document = _document_class(self.alias)
        self._alias_ready = False

    # -- indexes and the alias -----------------------------------------

    def _new_index_name(self):
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def _create_index(self, name):
        self.Document._index.clone(name=name, using=self.client).create(using=self.client)

    def _indexes_behind_alias(self):
        if not self.client.indices.exists_alias(name=self.alias):
            return []
        return list(self.client.indices.get_alias(name=self.alias))

    def ensure_index(self):
        """Create the first index and its alias, when there is none yet."""
        if self._alias_ready:
            return
        if not self._indexes_behind_alias():
            name = self._new_index_name()
            self._create_index(name)
            self.client.indices.put_alias(index=name, name=self.alias)
        self._alias_ready = True

    # -- writing ---------------------------------------------------------

    def _actions(self, documents, index):
        for document in documents:
            document = document.with_terms()
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": document.key,
                "_source": {
                    "doc_type": document.doc_type,
                    "object_id": document.object_id,
                    "title": document.title,
                    "body": document.body,
                    "url": document.url,
                    "group": document.group,
                    "part": document.part,
                    "marks": list(document.marks),
                    "date": document.date.isoformat() if document.date else None,
                    "department_id": document.department_id,
                    "access": list(document.access),
                    "rank_boost": 1.0 + max(-1.0, min(1.0, float(document.boost or 0.0))),
                    "title_terms": document.title_terms,
                    "body_terms": document.body_terms,
                },
            }

    def _bulk(self, actions, raise_on_error=True):
        from elasticsearch.helpers import bulk

        bulk(self.client, actions, refresh="wait_for", raise_on_error=raise_on_error)

    def index(self, documents):
        self.ensure_index()
        self._bulk(self._actions(documents, self.alias))

    def delete(self, keys):
        keys = list(keys)
        if not keys:
            return
        self.ensure_index()
        # A key that was never indexed answers 404: nothing to delete, not an error.
        self._bulk(
            ({"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys),
            raise_on_error=False,
        )

    def clear(self):
        for name in self._indexes_behind_alias():
            self.client.indices.delete(index=name)
        self._alias_ready = False
        self.ensure_index()

    def rebuild(self, documents, batch_size=500, progress=None, resume=False):
        """Fill a new index, then point the alias at it in one step and drop the old ones.

        A rebuild of a million documents takes hours (the Japanese pipeline is
        the slow part), so it can be interrupted and resumed. After each batch
        that Elasticsearch has acknowledged, the new index records a checkpoint
        in its mapping's ``_meta``: the last document done and how many are
        done. With ``resume``, an unfinished new index (one the alias does not
        point at yet, with a checkpoint) is filled on from there; without one,
        or without ``resume``, a fresh index is started and an unfinished one
        is dropped.

        ``documents`` is an iterable, or a function of the checkpoint (None,
        or a dict with ``doc_type``, ``object_id`` and ``done``) returning the
        documents after it in a stable order; only that second form can resume
        without sending the documents before the checkpoint again. (Sending one
        again would not duplicate it: a document's id is its key.)

        One batch is sent while the next is tokenized, which is all the
        overlap two cores give: the pipeline holds one, Elasticsearch the other.
        """
        from concurrent.futures import ThreadPoolExecutor

        unfinished = self._unfinished_rebuilds()
        if resume and unfinished:
            new, checkpoint = unfinished[0]
        else:
            for name, _checkpoint in unfinished:
                self.client.indices.delete(index=name)
            new, checkpoint = self._new_index_name(), None
            self._create_index(new)
            # No refresh while filling: nobody searches the new index before the swap.
            self.client.indices.put_settings(index=new, settings={"refresh_interval": "-1"})
            self._save_checkpoint(new, None, 0)
        if callable(documents):
            documents = documents(checkpoint)
        done = checkpoint["done"] if checkpoint else 0
        with ThreadPoolExecutor(max_workers=1) as sender:
            pending = None
            try:
                for batch in _batches(documents, batch_size):
                    actions = list(self._actions(batch, new))  # tokenizes, in this thread
                    if pending is not None:
                        sent, pending = pending, None
                        done = self._finish_batch(new, *sent, done, progress)
                    pending = (sender.submit(self._send, actions), batch[-1], len(batch))
            finally:
                # Interrupted or not, the batch in flight is waited for and recorded,
                # so a resumed run does not send it again.
                if pending is not None:
                    done = self._finish_batch(new, *pending, done, progress)
        self.client.indices.put_settings(index=new, settings={"refresh_interval": None})
        self.client.indices.refresh(index=new)
        old = [name for name in self._indexes_behind_alias() if name != new]
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        finished = {"done": done, "complete": True}
        self.client.indices.put_mapping(index=new, meta={REBUILD_META: finished})
        for name in old:
            self.client.indices.delete(index=name)
        self._alias_ready = True
        return done

    def _send(self, actions):
        from elasticsearch.helpers import bulk

        bulk(self.client, actions, raise_on_error=True, chunk_size=len(actions) or 1)

    def _finish_batch(self, index, future, last, size, done, progress):
        """Wait for a sent batch, record it as the checkpoint, report it; the new count."""
        future.result()
        done += size
        self._save_checkpoint(index, last, done)
        if progress:
            progress(size)
        return done

    def _save_checkpoint(self, index, last, done):
        checkpoint = {"done": done, "updated": timezone.now().isoformat(timespec="seconds")}
        if last is not None:
            checkpoint.update(doc_type=last.doc_type, object_id=last.object_id)
        self.client.indices.put_mapping(index=index, meta={REBUILD_META: checkpoint})

    def _unfinished_rebuilds(self):
        """Indexes being rebuilt (not behind the alias), newest first, with their checkpoints.

        A checkpoint is None when no batch has been stored yet.
        """
        current = set(self._indexes_behind_alias())
        mappings = self.client.indices.get_mapping(
            index=f"{self.alias}-*", allow_no_indices=True, ignore_unavailable=True
        )
        unfinished = []
        for name in sorted(mappings, reverse=True):
            meta = (mappings[name]["mappings"].get("_meta") or {}).get(REBUILD_META)
            if name not in current and meta is not None and not meta.get("complete"):
                unfinished.append((name, meta if "doc_type" in meta else None))
        return unfinished

    def rebuild_status(self):
        """The checkpoint of an unfinished rebuild (see ``rebuild``), or None when there is none."""
        unfinished = self._unfinished_rebuilds()
        if not unfinished:
            return None
        name, checkpoint = unfinished[0]
        return {"index": name, **(checkpoint or {"done": 0})}

    # -- reading ---------------------------------------------------------

    def _day_start(self, day):
        return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE)).isoformat()

    def _word_query(self, word, fields, prefix, exact_only=False):
        """Any of the word's terms (or, unless ``exact_only``, phrases) in any of these fields."""
        dsl = _dsl()
        forms = []
        for field_name in fields:
            if word.terms:
                if prefix:
                    forms += [dsl.Q("prefix", **{field_name: term}) for term in word.terms]
                else:
                    forms.append(dsl.Q("terms", **{field_name: list(word.terms)}))
            if not exact_only:
                kind = "match_phrase_prefix" if prefix else "match_phrase"
                forms += [
                    dsl.Q(kind, **{field_name: {"query": " ".join(p), "analyzer": "whitespace"}})
                    for p in word.phrases
                ]
                forms += [dsl.Q("prefix", **{field_name: term}) for term in word.prefixes]
        return dsl.Q("bool", should=forms, minimum_should_match=1)

    def _text_query(self, request):
        """Which words match, how (the tiers), a little BM25, and the document's boost."""
        dsl = _dsl()
        fields = ["title_terms"] if request.title_only else ["title_terms", "body_terms"]
        words = [w for w in request.words if w.terms or w.phrases]
        clauses = []
        for index, word in enumerate(words):
            prefix = request.prefix and index == len(words) - 1
            tiers = [
                dsl.Q(
                    "constant_score",
                    filter=self._word_query(word, fields, prefix),
                    boost=WORD_TIER,
                )
            ]
            if not request.title_only:
                tiers.append(
                    dsl.Q(
                        "constant_score",
                        filter=self._word_query(word, ["title_terms"], prefix),
                        boost=TITLE_TIER,
                    )
                )
            if word.has_looser_forms and word.terms:
                tiers.append(
                    dsl.Q(
                        "constant_score",
                        filter=self._word_query(word, fields, prefix, exact_only=True),
                        boost=EXACT_TIER,
                    )
                )
            clauses.append(dsl.Q("bool", should=tiers, minimum_should_match=1))
        words_query = dsl.Q("bool", should=clauses, minimum_should_match=request.required)
        text = dsl.Q(
            "multi_match",
            query=" ".join(request.terms),
            type="most_fields",
            fields=fields if request.title_only else ["title_terms^2", "body_terms"],
            analyzer="whitespace",
            boost=TEXT_WEIGHT,
        )
        return dsl.Q(
            "function_score",
            query=dsl.Q("bool", must=[words_query], should=[text]),
            functions=[{"field_value_factor": {"field": "rank_boost", "missing": 1.0}}],
            boost_mode="sum",
        )

    def _base_search(self, request):
        dsl = _dsl()
        search = self.Document.search(using=self.client, index=self.alias)
        search = search.query(self._text_query(request))
        if request.access is not None:
            search = search.filter("terms", access=sorted(request.access))
        date_range = {}
        if request.date_from:
            date_range["gte"] = self._day_start(request.date_from)
        if request.date_to:
            date_range["lt"] = self._day_start(request.date_to + timedelta(days=1))
        if date_range:
            search = search.filter("range", date=date_range)
        type_filter = dsl.Q("terms", doc_type=list(request.types)) if request.types else None
        department_filter = (
            dsl.Q("terms", department_id=list(request.department_ids))
            if request.department_ids
            else None
        )
        return search, type_filter, department_filter

    def search(self, request):
        if not searchable(request):
            return EMPTY_RESULTS
        with _unavailable_on_error():
            return self._search(request)

    def _search(self, request):
        self.ensure_index()
        dsl = _dsl()
        search, type_filter, department_filter = self._base_search(request)
        # Facets count under the other filter only, as the database engine does;
        # the hits are narrowed by both, after aggregation (post_filter).
        # They count the best ``count_cap`` matches (a sample), as the total stops there.
        match_all = dsl.Q("match_all")
        sample = search.aggs.bucket("sample", "sampler", shard_size=request.count_cap)
        sample.bucket("by_type", "filter", filter=department_filter or match_all).bucket(
            "values", "terms", field="doc_type", size=50
        )
        sample.bucket("by_department", "filter", filter=type_filter or match_all).bucket(
            "values", "terms", field="department_id", size=500
        )
        post = [f for f in (type_filter, department_filter) if f is not None]
        if post:
            search = search.post_filter(dsl.Q("bool", filter=post))
        if request.order == ORDER_DATE:
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        # The index terms are stored to be searched, not shown: a hit leaves them behind
        # (they are about twice the body, and a page of long bodies is read on every search).
        search = search.source(excludes=["title_terms", "body_terms"])
        search = search.extra(track_total_hits=request.count_cap)[
            request.offset : request.offset + request.limit
        ]
        response = search.execute()
        total = response.hits.total
        hits = [
            Hit(
                key=hit.meta.id,
                doc_type=hit.doc_type,
                object_id=hit.object_id,
                title=hit.title,
                body=getattr(hit, "body", "") or "",
                url=hit.url,
                date=_parse_date(getattr(hit, "date", None)),
                department_id=getattr(hit, "department_id", None),
                score=float(hit.meta.score or 0.0),
                group=getattr(hit, "group", "") or "",
                part=getattr(hit, "part", "") or "",
                marks=tuple(getattr(hit, "marks", None) or ()),
            )
            for hit in response
        ]
        aggregations = response.aggregations.sample
        capped = total.relation == "gte" and total.value >= request.count_cap
        return SearchResults(
            hits=hits,
            total=min(total.value, request.count_cap),
            total_capped=capped,
            type_counts={
                bucket.key: bucket.doc_count for bucket in aggregations.by_type.values.buckets
            },
            department_counts={
                int(bucket.key): bucket.doc_count
                for bucket in aggregations.by_department.values.buckets
            },
        )

    def count(self, request):
        if not searchable(request):
            return 0
        with _unavailable_on_error():
            return self._count(request)

    def _count(self, request):
        self.ensure_index()
        dsl = _dsl()
        search, type_filter, department_filter = self._base_search(request)
        extra = [f for f in (type_filter, department_filter) if f is not None]
        if extra:
            search = search.filter(dsl.Q("bool", filter=extra))
        response = search.extra(track_total_hits=request.count_cap, size=0).execute()
        return min(response.hits.total.value, request.count_cap)


@contextmanager
def _unavailable_on_error():
    """Turn the client's connection and server errors into SearchUnavailable."""
    from elasticsearch import ApiError, TransportError

    try:
        yield
    except (ApiError, TransportError) as error:
        raise SearchUnavailable(str(error)) from error


# The key, in a new index's mapping ``_meta``, of its rebuild's checkpoint.
REBUILD_META = "rebuild"


def _batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parse_date(value):
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))
