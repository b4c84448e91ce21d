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


class PostgresDialect(SqlDialect):
    """A tsvector with positions and weights, made in Python; ts_rank scores.

    One instance serves one search: it keeps the sample it read for the
    count, so the facets and the ranking reuse it.
    """

    def __init__(self):
        self._samples = {}
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
        """The newest ``wanted`` matches: (id, doc_type, department_id), newest first.

        Read a window of ids at a time, from the newest, until enough
        matched: a common word is found in the first window, a rare one
        costs a few bitmap scans of the GIN index, each window as wide as the
        matches seen so far say is needed. In a window, the index is asked a
        match it answers alone, within the window's range of the primary key
        (``_index_ids``); the filters, the permission and the true match (with
        phrases) are then tested on the documents it found only, looked up by
        id, so no vector outside the window is read.
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
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {DOCS}")
            high = cursor.fetchone()[0]
            found, width = [], FIRST_WINDOW * wanted
            while high is not None and high > 0 and len(found) < wanted:
                low = max(0, high - width)
                ids, *certain = self._index_ids(
                    cursor, asked, "d.id > %s AND d.id <= %s", [low, high]
                )
                rows = []
                if ids:
                    # Those the words' own terms found (none asked: none) match for certain.
                    tested = [certain[0] if certain else []] + test_params if needs_test else []
                    # Newest first, no more than are missing: the rest would go unread.
                    missing = wanted - len(found)
                    cursor.execute(sql, [ids] + filter_params + tested + [missing])
                    rows = cursor.fetchall()
                found += rows
                missing = wanted - len(found)
                if rows:  # as wide again as this window's share of matches says, and a half
                    wider = math.ceil(missing * 1.5 * width / len(rows))
                    width = min(max(wider, width), width * WINDOW_GROWTH)
                else:
                    width *= WINDOW_GROWTH
                high = low
        return found[:wanted]

    @staticmethod
    def _index_ids(cursor, matches, among, among_params):
        """For each (match, params): the ids ``among`` it finds, from its GIN index alone.

        A bitmap scan of the GIN index, combined with the ids (a window's
        range of the primary key, or a list of candidates): the planner,
        which thinks testing a vector is cheap, would rather walk the primary
        key over them and read every row's vector. Index and sequential scans
        are turned off for these statements only, then set back as they were
        (the filters that follow need the primary key's index scan). The
        caller holds a transaction: SET LOCAL, undone by a rollback should a
        statement fail.
        """
        cursor.execute(
            "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan'), "
            "set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)"
        )
        saved = list(cursor.fetchone()[:2])
        found = []
        for match, params in matches:
            cursor.execute(
                f"SELECT d.id FROM {DOCS} d WHERE {match} AND {among}",
                params + among_params,
            )
            found.append([row[0] for row in cursor.fetchall()])
        cursor.execute(
            "SELECT set_config('enable_indexscan', %s, true), "
            "set_config('enable_seqscan', %s, true)",
            saved,
        )
        return found

    def _sample(self, request, **without):
        """The newest ``count_cap + 1`` matches (fewer: every match), read once per search."""
        key = self.where(request, **without)
        key = (key[0], tuple(map(str, key[1])))
        if key not in self._samples:
            self._samples[key] = self._newest(request, request.count_cap + 1, **without)
        return self._samples[key]

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
            sql = (
                f"WITH c AS MATERIALIZED (SELECT d.id, {tier_sql} AS tier FROM {self.source()} "
                "WHERE d.id = ANY(%s)), "
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
        """More than the cap match: rank the sample and the newest ``count_cap`` title matches."""
        ids = {row[0] for row in self._sample(request)[: request.count_cap]}
        if not request.title_only:
            title_request = request.without(title_only=True)
            ids |= {row[0] for row in self._newest(title_request, request.count_cap)}
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
