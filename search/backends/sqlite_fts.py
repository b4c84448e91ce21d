"""SQLite's full-text index: an external-content FTS5 table over the stored terms.

Only the inverted index is stored in ``search_fts`` (migration 0004); the
terms themselves live once, in ``search_indexeddocument``, and this module
keeps the two in step by hand: FTS5 needs a document's old terms to take it
out of the index.
"""

import itertools
import math

from .sql_reading import DOCS, SqlDialect, placeholders, sql_sum

# An OR of AND-combinations stays this small; beyond it, an OR with a count of matched words.
MAX_COMBINATIONS = 64


def _quote_fts5(term):
    return '"' + term.replace('"', '""') + '"'


class SQLiteDialect(SqlDialect):
    """FTS5: the match is a join with the FTS table; bm25 is lower-is-better."""

    def source(self):
        return f"search_fts JOIN {DOCS} d ON d.id = search_fts.rowid"

    def id_column(self):
        return "search_fts.rowid"  # FTS5 walks its matches in this order, and seeks by it

    def _phrase(self, terms, prefix):
        quoted = [_quote_fts5(t) for t in terms]
        if prefix:
            quoted[-1] += "*"
        return " + ".join(quoted)

    def _word(self, word, *, title_only=False, exact_only=False):
        forms = [self._phrase((t,), word.prefix) for t in word.terms]
        if not exact_only:
            forms += [self._phrase(p, word.prefix) for p in word.phrases]
        expression = "(" + " OR ".join(forms) + ")"
        return "{title_terms} : " + expression if title_only else expression

    def _in_index(self, expression):
        return (
            "(d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))",
            [expression],
        )

    def match(self, words, required, title_only):
        exprs = [self._word(w, title_only=title_only) for w in words]
        if required >= len(words):
            return "search_fts MATCH %s", [" AND ".join(exprs)]
        if required == 1:
            return "search_fts MATCH %s", [" OR ".join(exprs)]
        if math.comb(len(exprs), required) <= MAX_COMBINATIONS:
            combos = itertools.combinations(exprs, required)
            return "search_fts MATCH %s", [" OR ".join("(" + " AND ".join(c) + ")" for c in combos)]
        counted, params = self.matched_words(words, title_only)
        return f"search_fts MATCH %s AND ({counted}) >= %s", [
            " OR ".join(exprs),
            *params,
            required,
        ]

    def matched_words(self, words, title_only):
        parts, params = [], []
        for w in words:
            sql, p = self._in_index(self._word(w, title_only=title_only))
            parts.append(sql)
            params += p
        return sql_sum(parts), params

    def title_words(self, words):
        parts, params = [], []
        for w in words:
            sql, p = self._in_index(self._word(w, title_only=True))
            parts.append(sql)
            params += p
        return sql_sum(parts), params

    def exact_words(self, words, title_only):
        parts, params = [], []
        for w in words:
            if w.has_phrases and w.terms:
                sql, p = self._in_index(self._word(w, title_only=title_only, exact_only=True))
                parts.append(sql)
                params += p
        return sql_sum(parts), params

    def text_score(self, words):
        # bm25 is negative, lower is better: -bm25 / (1 - bm25) is in [0, 1), higher is better.
        return "(-bm25(search_fts, 4.0, 1.0) / (1.0 - bm25(search_fts, 4.0, 1.0)))", []

    def store_terms(self, cursor, rows):
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title_terms, body_terms) VALUES (%s, %s, %s)", rows
        )

    def delete_terms(self, cursor, ids):
        """Take these documents out of the FTS index: FTS5 needs their old terms to do it."""
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor.execute(
                f"SELECT id, title_terms, body_terms FROM {DOCS} WHERE id IN "
                f"({placeholders(chunk)})",
                chunk,
            )
            cursor.executemany(
                "INSERT INTO search_fts (search_fts, rowid, title_terms, body_terms) "
                "VALUES ('delete', %s, %s, %s)",
                cursor.fetchall(),
            )

    def clear_terms(self, cursor):
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
