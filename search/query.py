"""A query, parsed: the words a document must match, and every form each word may take.

``parse(text)`` is what every engine is asked (``SearchRequest.words``):
the Japanese pipeline's query terms (search.text), each word widened by its
variants, its compound parts (as a phrase) and the IT desk's synonyms
(search.synonyms).
"""

from dataclasses import dataclass

from .text import query_terms


@dataclass(frozen=True)
class QueryWord:
    """One word of a query, and every form of it that satisfies it.

    A document matches the word when it holds any of ``terms`` (index terms:
    the word's own, its spelling and kana variants, the synonyms the IT desk
    curates) or any of ``phrases`` (runs of index terms that must stand next
    to each other: a compound's parts, so 情報セキュリティ is found inside
    情報セキュリティポリシー). A phrase match ranks below a match of one of
    ``terms``. ``typed`` is the word as the user wrote it; ``synonyms`` are the
    curated words that were added for it (the page says 「PC を含めて検索しました」).
    """

    typed: str
    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...] = ()
    synonyms: tuple[str, ...] = ()

    def all_terms(self):
        """Every index term this word can match, for highlighting."""
        return tuple(dict.fromkeys(self.terms + tuple(t for p in self.phrases for t in p)))


def parse(text, prefix=False):
    """The query's words, in the order typed, without repeats."""
    return [QueryWord(typed=term, terms=(term,)) for term in query_terms(text)]
