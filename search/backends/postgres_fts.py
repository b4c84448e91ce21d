"""PostgreSQL's full-text index: a tsvector made in Python, with positions and weights.

``search_vector`` (migration 0004) holds the terms with their positions
(phrases) and weights (title and keywords A, body B), so no text-search
parser touches the terms; a GIN index serves the match and ts_rank scores.
"""

from .sql_reading import DOCS, SqlDialect, sql_sum

# tsvector limits: positions above 16383 are all 16383; at most 256 positions per lexeme;
# a lexeme of at most 2047 bytes.
MAX_POSITION = 16383
MAX_POSITIONS_PER_TERM = 256
MAX_LEXEME_BYTES = 2047


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
    """A tsvector with positions and weights, made in Python; ts_rank scores."""

    def source(self):
        return f"{DOCS} d"

    def id_column(self):
        return "d.id"

    def _operand(self, term, prefix, title_only):
        label = ("*" if prefix else "") + ("A" if title_only else "")
        return _quote_tsquery(term) + (":" + label if label else "")

    def _word(self, word, *, title_only=False, exact_only=False):
        forms = [self._operand(t, word.prefix, title_only) for t in word.terms]
        if not exact_only:
            for phrase in word.phrases:
                last = len(phrase) - 1
                forms.append(
                    "("
                    + " <-> ".join(
                        self._operand(t, word.prefix and i == last, title_only)
                        for i, t in enumerate(phrase)
                    )
                    + ")"
                )
        return "(" + " | ".join(forms) + ")"

    def _matches(self, tsquery):
        return "(d.search_vector @@ %s::tsquery)", [tsquery]

    def match(self, words, required, title_only):
        exprs = [self._word(w, title_only=title_only) for w in words]
        if required >= len(words):
            return "d.search_vector @@ %s::tsquery", [" & ".join(exprs)]
        if required == 1:
            return "d.search_vector @@ %s::tsquery", [" | ".join(exprs)]
        counted, params = self.matched_words(words, title_only)
        return f"d.search_vector @@ %s::tsquery AND ({counted}) >= %s", [
            " | ".join(exprs),
            *params,
            required,
        ]

    def _count(self, words, **options):
        parts, params = [], []
        for w in words:
            sql, p = self._matches(self._word(w, **options))
            parts.append(f"{sql}::int")
            params += p
        return sql_sum(parts), params

    def matched_words(self, words, title_only):
        return self._count(words, title_only=title_only)

    def title_words(self, words):
        return self._count(words, title_only=True)

    def exact_words(self, words, title_only):
        parts, params = [], []
        for w in words:
            if w.has_phrases and w.terms:
                sql, p = self._matches(self._word(w, title_only=title_only, exact_only=True))
                parts.append(f"{sql}::int")
                params += p
        return sql_sum(parts), params

    def text_score(self, words):
        # Weights {D, C, B, A}: title A, body B; normalization 32 squashes into [0, 1).
        query = " | ".join(self._word(w) for w in words)
        return "ts_rank('{0, 0, 0.25, 1.0}', d.search_vector, %s::tsquery, 32)", [query]

    def store_terms(self, cursor, rows):
        cursor.executemany(
            f"UPDATE {DOCS} SET search_vector = %s::tsvector WHERE id = %s",
            [(tsvector_literal(title, body), pk) for pk, title, body in rows],
        )

    def delete_terms(self, cursor, ids):
        pass

    def clear_terms(self, cursor):
        pass
