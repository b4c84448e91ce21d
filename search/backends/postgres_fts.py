"""PostgreSQL's full-text index: a tsvector made in Python, with positions and weights.

``search_vector`` (migration 0004) holds the terms with their positions
(phrases) and weights (title and keywords A, body B), so no text-search
parser touches the terms; a GIN index serves the match and ts_rank scores.
``title_vector`` (migration 0007) is its title-and-keywords part, which
PostgreSQL derives itself, with a GIN index of its own: every title test
(the title tier, title-only searches, suggestions) reads it, never a
weight-restricted query on the large vector, which the index cannot answer
alone (it re-reads every candidate's whole vector to check the weights).

Reading, the dialect replaces three steps of the shared flow, so that a
word found in half the intranet costs no pass over every match:

- the count, the facets and the candidates are one sample: the newest
  ``count_cap + 1`` matches, read from the GIN index a window of ids at a
  time, newest first (a bitmap scan within a range of the primary key),
  where a backward scan of the primary key would test each row's vector
  until enough matched;
- the facets count that sample when no type or department filter narrows
  the search (else a sample of their own, read the same way);
- the score is computed for the candidates only (the sample, and the newest
  title matches when more than the cap match), looked up by id.
"""

import math

from django.db import connection, transaction

from .base import ORDER_DATE
from .sql_reading import DOCS, SqlDialect, sql_sum, words_of

# tsvector limits: positions above 16383 are all 16383; at most 256 positions per lexeme;
# a lexeme of at most 2047 bytes.
MAX_POSITION = 16383
MAX_POSITIONS_PER_TERM = 256
MAX_LEXEME_BYTES = 2047

# The newest matches are read in windows of ids: the first FIRST_WINDOW times as many ids as
# matches wanted, each next one WINDOW_GROWTH times wider.
FIRST_WINDOW = 4
WINDOW_GROWTH = 8
# A search reads at most this many documents' vectors to test a match the GIN index cannot
# answer alone (a phrase of a compound's parts, or some of the words): each read costs tens
# of microseconds, and a phrase of two common parts may need thousands of them. When the
# budget runs out before the sample is full, the count is what was found so far, shown as
# a lower bound (「…件以上」), as a count that reached the cap is.
TESTED_VECTORS = 500
# When more than the cap match, the newest this many title matches are ranked beside the
# sample (the newest matches): enough for the first pages, each a read of a whole vector.
TITLE_CANDIDATES = 1000
# The planner's settings while the GIN index is asked alone (see ``_index_ids``): no index
# walk of the primary key, no sequential scan, and no parallel workers, which cost more to
# start than the lookups take.
LOOKUP_SETTINGS = {
    "enable_indexscan": "off",
    "enable_seqscan": "off",
    "max_parallel_workers_per_gather": "0",
}


def _quote_tsvector(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(title_terms, body_terms):
    """A tsvector literal of the terms with their positions, title A and body B.

    The body's positions start after a gap, so a phrase never runs from the
    title into the body.
    """
    positions = {}
    position = 0
    for weight, text in (("A", title_terms), ("B", body_terms)):
        for term in (text or "").split():
            position = min(position + 1, MAX_POSITION)
            if len(term.encode()) > MAX_LEXEME_BYTES:
                continue
            seen = positions.setdefault(term, [])
            if len(seen) < MAX_POSITIONS_PER_TERM:
                seen.append(f"{position}{weight}")
        position = min(position + 1, MAX_POSITION)
    return " ".join(f"{_quote_tsvector(term)}:{','.join(p)}" for term, p in positions.items())


def _quote_tsquery(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _within_budget(ids, certain, budget):
    """The newest of a window's ``ids`` whose test fits ``budget``: (kept, budget left, all kept).

    The ids ``certain`` match for certain and cost nothing to keep; every
    other one costs a read of its vector. Newest first, so what is left out
    is older than all that is kept, and the matches stay the newest.
    """
    certain = set(certain)
    kept = []
    for pk in sorted(ids, reverse=True):
        if pk not in certain:
            if budget == 0:
                return kept, 0, False
            budget -= 1
        kept.append(pk)
    return kept, budget, True


class PostgresDialect(SqlDialect):
    """A tsvector with positions and weights, made in Python; ts_rank scores.

    One instance serves one search: it keeps the sample it read for the
    count, so the facets and the ranking reuse it.
    """

    def __init__(self):
        self._samples = {}
        self._complete = {}  # sample key -> False when the test budget ran out
        self._planner_settings = None  # enable_indexscan, enable_seqscan as they were
        # While the tiers of candidates are worked out: (vector, tsquery) -> the candidates
        # the GIN index finds for it (None until looked up).
        self._found = None

    def source(self):
        return f"{DOCS} d"

    def id_column(self):
        return "d.id"

    @staticmethod
    def _vector(title_only):
        return "d.title_vector" if title_only else "d.search_vector"

    def _operand(self, term, prefix):
        return _quote_tsquery(term) + (":*" if prefix else "")

    def _word(self, word, *, exact_only=False, phrases_as_and=False):
        forms = [self._operand(t, word.prefix) for t in word.terms]
        if not exact_only:
            for phrase in word.phrases:
                last = len(phrase) - 1
                forms.append(
                    "("
                    + (" & " if phrases_as_and else " <-> ").join(
                        self._operand(t, word.prefix and i == last) for i, t in enumerate(phrase)
                    )
                    + ")"
                )
            forms += [self._operand(t, True) for t in word.prefixes]
        return "(" + " | ".join(forms) + ")"

    def _matches(self, tsquery, title_only):
        vector = self._vector(title_only)
        if self._found is not None:
            ids = self._found.setdefault((vector, tsquery), None)
            if ids is not None:
                return "(d.id = ANY(%s))", [ids]
        return f"({vector} @@ %s::tsquery)", [tsquery]

    def match(self, words, required, title_only):
        vector = self._vector(title_only)
        exprs = [self._word(w) for w in words]
        if required >= len(words):
            return f"{vector} @@ %s::tsquery", [" & ".join(exprs)]
        if required == 1:
            return f"{vector} @@ %s::tsquery", [" | ".join(exprs)]
        counted, params = self.matched_words(words, title_only)
        return f"{vector} @@ %s::tsquery AND ({counted}) >= %s", [
            " | ".join(exprs),
            *params,
            required,
        ]

    def _count(self, words, title_only, **options):
        parts, params = [], []
        for w in words:
            sql, p = self._matches(self._word(w, **options), title_only)
            parts.append(f"{sql}::int")
            params += p
        return sql_sum(parts), params

    def matched_words(self, words, title_only):
        return self._count(words, title_only)

    def title_words(self, words):
        return self._count(words, True)

    def exact_words(self, words, title_only):
        return self._count(
            [w for w in words if w.has_looser_forms and w.terms], title_only, exact_only=True
        )

    def text_score(self, words):
        # Weights {D, C, B, A}: title A, body B; normalization 32 squashes into [0, 1).
        query = " | ".join(self._word(w) for w in words)
        return "ts_rank('{0, 0, 0.25, 1.0}', d.search_vector, %s::tsquery, 32)", [query]

    # -- the flow, replaced where a common word would cost a pass over every match --------

    def _index_match(self, words, required, title_only):
        """A match the GIN index answers alone, with no re-check: phrases read as AND.

        It finds every document the match finds, and perhaps more (parts
        that are not adjacent); ``_newest`` tests those few with the match.
        """
        exprs = [self._word(w, phrases_as_and=True) for w in words]
        joined = " & ".join(exprs) if required >= len(words) else " | ".join(exprs)
        return f"{self._vector(title_only)} @@ %s::tsquery", [joined]

    def _sure_match(self, words, required, title_only):
        """A match by the words' own terms alone (no phrases): certain, and the index's alone.

        None when a word has no term of its own, or when some of the words
        are enough (a count of them decides, which only the vector knows).
        """
        if 1 < required < len(words) or not all(w.terms for w in words):
            return None, []
        exprs = [self._word(w, exact_only=True) for w in words]
        joined = " & ".join(exprs) if required >= len(words) else " | ".join(exprs)
        return f"{self._vector(title_only)} @@ %s::tsquery", [joined]

    def _newest(self, request, wanted, **without):
        """The newest ``wanted`` matches, newest first, and whether none was left untested.

        Each match is (id, doc_type, department_id).

        Read a window of ids at a time, from the newest, until enough
        matched: a common word is found in the first window, a rare one
        costs a few bitmap scans of the GIN index, each window as wide as the
        matches seen so far say is needed. In a window, the index is asked a
        match it answers alone, within the window's range of the primary key
        (``_index_ids``); the filters, the permission and the true match (with
        phrases) are then tested on the documents it found only, looked up by
        id, so no vector outside the window is read. A document the index
        finds by its own terms matches for certain; each other one costs a
        read of its vector, at most ``TESTED_VECTORS`` of them (newest first)
        per search of the whole vector: beyond, the matches found are all
        there is to count and rank (``complete`` false).
        """
        words = words_of(request)
        exact, exact_params = self.match(words, request.required, request.title_only)
        index, index_params = self._index_match(words, request.required, request.title_only)
        clauses, filter_params = self.filters(request, **without)
        filters = "".join(f" AND {clause}" for clause in clauses)
        needs_test = any(w.has_phrases for w in words) or 1 < request.required < len(words)
        sure, sure_params = self._sure_match(words, request.required, request.title_only)
        test, test_params = "TRUE", []
        if needs_test:
            # Those the index finds by their own terms match for certain: test only the others.
            test, test_params = (f"(d.id = ANY(%s) OR {exact})", exact_params)
        sql = (
            f"SELECT d.id, d.doc_type, d.department_id FROM {self.source()} "
            f"WHERE d.id = ANY(%s){filters} AND {test} ORDER BY d.id DESC LIMIT %s"
        )
        asked = [(index, index_params)]
        if needs_test and sure:
            asked.append((sure, sure_params))
        budget = TESTED_VECTORS if needs_test and not request.title_only else None
        complete = True
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {DOCS}")
            high = cursor.fetchone()[0]
            found, width = [], FIRST_WINDOW * wanted
            while high is not None and high > 0 and len(found) < wanted:
                low = max(0, high - width)
                ids, *certain = self._index_ids(
                    cursor, asked, "d.id > %s AND d.id <= %s", [low, high]
                )
                rows, whole = [], True
                if ids:
                    # Those the words' own terms found (none asked: none) match for certain.
                    sure_ids = certain[0] if certain else []
                    if budget is not None:
                        ids, budget, whole = _within_budget(ids, sure_ids, budget)
                    tested = [sure_ids] + test_params if needs_test else []
                    # Newest first, no more than are missing: the rest would go unread.
                    missing = wanted - len(found)
                    cursor.execute(sql, [ids] + filter_params + tested + [missing])
                    rows = cursor.fetchall()
                found += rows
                missing = wanted - len(found)
                if not whole and missing > 0:
                    complete = False
                    break
                if rows:  # as wide again as this window's share of matches says, and a half
                    wider = math.ceil(missing * 1.5 * width / len(rows))
                    width = min(max(wider, width), width * WINDOW_GROWTH)
                else:
                    width *= WINDOW_GROWTH
                high = low
        return found[:wanted], complete

    def _index_ids(self, cursor, matches, among, among_params):
        """For each (match, params): the ids ``among`` it finds, from its GIN index alone.

        A bitmap scan of the GIN index, combined with the ids (a window's
        range of the primary key, or a list of candidates): the planner,
        which thinks testing a vector is cheap, would rather walk the primary
        key over them and read every row's vector. Index and sequential scans
        are turned off for these lookups only, then set back as they were
        (the filters that follow need the primary key's index scan). The
        caller holds a transaction: SET LOCAL, undone by a rollback should a
        statement fail. The settings, the lookups (one statement, each
        lookup a part of a UNION ALL) and the settings back go to the
        server at once: one round trip per window, not five. (Django's
        psycopg cursor binds parameters on the client, which lets one
        ``execute`` hold several statements; ``nextset`` steps through them.)
        """
        if not matches:
            return []
        settings = ", ".join(f"'{name}'" for name in LOOKUP_SETTINGS)
        if self._planner_settings is None:
            cursor.execute(f"SELECT current_setting(name) FROM unnest(ARRAY[{settings}]) name")
            self._planner_settings = [row[0] for row in cursor.fetchall()]
        lookups = " UNION ALL ".join(
            f"(SELECT {number}, d.id FROM {DOCS} d WHERE {match} AND {among})"
            for number, (match, _params) in enumerate(matches)
        )
        params = [p for _match, match_params in matches for p in match_params + among_params]
        cursor.execute(
            f"SELECT set_config(name, value, true) FROM unnest(ARRAY[{settings}], "
            f"ARRAY[{', '.join(repr(v) for v in LOOKUP_SETTINGS.values())}]) s(name, value); "
            f"{lookups}; "
            f"SELECT set_config(name, value, true) FROM unnest(ARRAY[{settings}], %s::text[]) "
            "s(name, value)",
            params + [self._planner_settings],
        )
        cursor.nextset()
        found = [[] for _match in matches]
        for number, pk in cursor.fetchall():
            found[number].append(pk)
        cursor.nextset()
        return found

    def _sample(self, request, **without):
        """The newest ``count_cap + 1`` matches (fewer: every match), read once per search."""
        key = self._sample_key(request, **without)
        if key not in self._samples:
            self._samples[key], self._complete[key] = self._newest(
                request, request.count_cap + 1, **without
            )
        return self._samples[key]

    def _sample_key(self, request, **without):
        sql, params = self.where(request, **without)
        return sql, tuple(map(str, params))

    def is_lower_bound(self, request, total):
        """More than the cap matched, or the test budget ran out before all were found."""
        self._sample(request)
        return total > request.count_cap or not self._complete[self._sample_key(request)]

    def capped_count(self, request, column=None, **without):
        if column is None:
            return len(self._sample(request, **without))
        sample = self._sample(request, **without)[: request.count_cap]
        index = {"doc_type": 1, "department_id": 2}[column]
        counts = {}
        for row in sample:
            if row[index] is not None:
                counts[row[index]] = counts.get(row[index], 0) + 1
        return counts

    def _tiers_from_index(self, request, ids):
        """The tiers of the documents ``ids``, each test of a word answered by the GIN index.

        Tested row by row, each candidate's vector would be read (a
        thousand of them for a common word); the index tells which of the
        candidates each word's query finds, and the tiers test the id.
        """
        self._found = {}
        try:
            self.tiers(request)  # which (vector, query) tests the tiers ask
            asked = list(self._found)
            with transaction.atomic(), connection.cursor() as cursor:
                found = self._index_ids(
                    cursor,
                    [(f"{vector} @@ %s::tsquery", [tsquery]) for vector, tsquery in asked],
                    "d.id = ANY(%s)",
                    [list(ids)],
                )
            self._found = dict(zip(asked, found, strict=True))
            return self.tiers(request)
        finally:
            self._found = None

    def _ranked_ids(self, request, ids, limit, offset):
        """The documents ``ids`` (matches already), ranked by the score: one page of them.

        By relevance, the tiers are worked out first for all of them, and the
        text score (ts_rank, which reads a document's whole vector) only for
        those in the tiers the page reaches: the page's last document is in
        the lowest of them, and text score and boost never cross a tier.
        """
        columns = (
            "d.key, d.doc_type, d.object_id, d.title, d.body, d.url, d.date, d.department_id, "
            'd."group", d.part, d.marks'
        )
        if request.order == ORDER_DATE:
            score_sql, score_params = self.score(request)
            sql = (
                f"SELECT {columns}, {score_sql} AS score FROM {self.source()} "
                "WHERE d.id = ANY(%s) ORDER BY d.date DESC, score DESC, d.id LIMIT %s OFFSET %s"
            )
            params = score_params + [list(ids), limit, offset]
        else:
            tier_sql, tier_params = self._tiers_from_index(request, ids)
            text_sql, text_params = self.text_score(words_of(request))
            # The tiers test ids only (the index answered every test), so they are worked
            # out over the list of ids itself, without a lookup of each row.
            sql = (
                f"WITH c AS MATERIALIZED (SELECT d.id, {tier_sql} AS tier "
                "FROM unnest(%s::int[]) AS d(id)), "
                "cut AS (SELECT tier FROM c ORDER BY tier DESC LIMIT 1 OFFSET %s) "
                f"SELECT {columns}, c.tier + {text_sql} + d.boost AS score "
                f"FROM c JOIN {self.source()} ON d.id = c.id "
                "WHERE c.tier >= COALESCE((SELECT tier FROM cut), 0) "
                "ORDER BY score DESC, d.date DESC, d.id LIMIT %s OFFSET %s"
            )
            params = tier_params + [list(ids), offset + limit - 1] + text_params
            params += [limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def ranked_rows(self, request, where, params, since=None, offset=None):
        """Every match is in the sample (no more than the cap match): rank those."""
        ids = [row[0] for row in self._sample(request)]
        if offset is None:
            return self._ranked_ids(request, ids, request.offset + request.limit, 0)
        return self._ranked_ids(request, ids, request.limit, offset)

    def ranked_window(self, request, where, params):
        """More than the cap match: rank the sample and the newest title matches.

        At most ``TITLE_CANDIDATES`` title matches beyond the sample: when a
        word is in the title of more, they all share the top tier, and ts_rank
        must read each one's whole vector to order them.
        """
        ids = {row[0] for row in self._sample(request)[: request.count_cap]}
        if not request.title_only:
            title_request = request.without(title_only=True)
            wanted = min(request.count_cap, TITLE_CANDIDATES)
            ids |= {row[0] for row in self._newest(title_request, wanted)[0]}
        return self._ranked_ids(request, sorted(ids), request.limit, request.offset)

    def store_terms(self, cursor, rows):
        cursor.executemany(
            f"UPDATE {DOCS} SET search_vector = %s::tsvector WHERE id = %s",
            [(tsvector_literal(title, body), pk) for pk, title, body in rows],
        )

    def delete_terms(self, cursor, ids):
        pass

    def clear_terms(self, cursor):
        pass
