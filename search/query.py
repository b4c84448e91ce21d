"""A query, parsed: the words a document must match, and every form each word may take.

``parse(text)`` is what every engine is asked (``SearchRequest.words``):
the Japanese pipeline's query terms (search.text), each word widened by its
variants, its compound parts (as a phrase) and the IT desk's synonyms
(search.synonyms).
"""

from dataclasses import dataclass

from . import synonyms as synonym_dictionary
from .text import query_words


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
    ``prefixes`` satisfy it as the beginning of an index term (a kana word
    that starts the reading of a longer compound); like a phrase, such a match
    ranks below a match of one of ``terms``.
    """

    typed: str
    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...] = ()
    synonyms: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()

    @property
    def has_looser_forms(self):
        """Whether the word can match by less than one of its own terms (a phrase or a prefix)."""
        return bool(self.phrases or self.prefixes)

    def all_terms(self):
        """Every index term this word can match, for highlighting."""
        return tuple(dict.fromkeys(self.terms + tuple(t for p in self.phrases for t in p)))


# At most this many phrases a compound gains from its parts' synonyms.
MAX_PART_SYNONYM_PHRASES = 8


def _part_synonym_phrases(parts, others):
    """(phrase, synonym) for the compound's phrase with one part replaced by a synonym of it.

    A compound made of a curated word means the same made of its synonym:
    休暇届 is 休暇申請 when 届・申請 are one group, PC画面 is パソコン画面.
    Each phrase replaces one part (a member of several terms is spliced in).
    """
    phrases = {}
    for index, part in enumerate(parts):
        for written, member_terms in others.get(part, ()):
            phrases.setdefault((*parts[:index], *member_terms, *parts[index + 1 :]), written)
    return list(phrases.items())[:MAX_PART_SYNONYM_PHRASES]


def _with_synonyms(forms, others):
    """The word with every member of the IT desk's synonym groups that hold one of its terms.

    A member that is one index term (PC) satisfies the word like its own
    terms; a member of several (ウイルス対策ソフト) as a phrase. ``others``
    is the dictionary (``synonyms.table()``).
    """
    terms, phrases, added = list(forms.terms), [forms.parts] if forms.parts else [], []
    for term in forms.terms:
        for written, member_terms in others.get(term, ()):
            member_terms = tuple(member_terms)
            if len(member_terms) == 1 and member_terms[0] not in terms:
                terms.append(member_terms[0])
            elif len(member_terms) > 1 and member_terms not in phrases:
                phrases.append(member_terms)
            else:
                continue
            added.append(written)
    for phrase, written in _part_synonym_phrases(forms.parts, others) if forms.parts else ():
        if phrase not in phrases:
            phrases.append(phrase)
            added.append(written)
    return QueryWord(
        typed=forms.typed,
        terms=tuple(terms),
        phrases=tuple(phrases),
        synonyms=tuple(dict.fromkeys(added)),
        prefixes=forms.prefixes,
    )


def parse(text, prefix=False):
    """The query's words, in the order typed, without repeats.

    With ``prefix`` the last word is still being typed: its terms are the
    start of index terms (ぱすわ, vp), and no synonyms are added to it.
    """
    words = query_words(text, prefix=prefix)
    complete = words[:-1] if prefix else words
    others = synonym_dictionary.table() if complete else {}
    parsed = [_with_synonyms(forms, others) for forms in complete]
    if prefix and words:
        last = words[-1]
        parsed.append(QueryWord(typed=last.typed, terms=last.terms))
    return parsed
