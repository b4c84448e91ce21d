"""The Japanese text pipeline: text in, index terms out, the same for documents and queries.

Why each step:

- NFKC folds full-width ＡＢＣ/１２３ and half-width ｶﾅ to their usual forms, and
  lower case makes Excel and excel one term.
- SudachiPy segments Japanese, which has no spaces between words. Each word
  is indexed by its *normalized form*, so spelling variants meet
  (プリンタ → プリンター, 出来る/できる).
- Compound words are indexed whole (split mode C: 添付ファイル) and by their
  parts (split mode A: 添付, ファイル), so a search for 添付 or 会議 finds
  添付ファイル or 会議室.
- Content words are also indexed by their reading, and every term is folded
  from katakana to hiragana, so ぱすわーど finds パスワード and かいぎしつ finds 会議室.
- Particles, auxiliary verbs, punctuation and white space carry no meaning for
  search and are dropped.

Queries go through ``query_terms``: the same steps without readings and
compound parts (those exist to be *found*, not to widen a query), without the
words that only shape a question (する, なる, 方法, 理由), and a chunk typed
purely in hiragana is kept whole, since segmenting ぱすわーど as if it were
Japanese grammar yields nonsense. benchmarks/search_relevance.py measured
each of these choices.
"""

import re
import threading
import unicodedata

from intranet.kana import to_hiragana

# Parts of speech (Sudachi's first level) that are not worth a search term.
# (記号 stays: Sudachi files letters such as ラムダ and λ under it.)
SKIPPED_POS = {"助詞", "助動詞", "補助記号", "空白"}
# Words that shape a question rather than name what it is about
# (…する方法, …になる理由): dropped from queries, still indexed in documents.
QUERY_STOP_TERMS = {"為る", "成る", "有る", "居る", "出来る", "方法", "理由", "仕方", "やり方"}
# Parts of speech whose reading is indexed too.
READING_POS = {"名詞", "固有名詞"}
# Sudachi reads its input in bytes and refuses very long texts; split at sentence ends.
MAX_CHUNK_CHARS = 4000
_HIRAGANA_CHUNK = re.compile(r"^[\u3041-\u309f\u30fc]{2,}$")
_SENTENCE_END = re.compile(r"(?<=[。！？!?\n])")


_dictionary_lock = threading.Lock()
_loaded_dictionary = None


def _dictionary():
    """Sudachi's dictionary, loaded once per process (threads that start together wait)."""
    global _loaded_dictionary
    if _loaded_dictionary is None:
        with _dictionary_lock:
            if _loaded_dictionary is None:
                from sudachipy import Dictionary

                _loaded_dictionary = Dictionary(dict="core")
    return _loaded_dictionary


_per_thread = threading.local()


def _tokenizer():
    """This thread's tokenizer.

    A Sudachi tokenizer refuses to be used by two threads at once ("Tokenizer
    is already in use"), and a threaded server answers many searches at once.
    The dictionary (the memory) is shared; each thread makes its own cheap
    tokenizer from it on first use.
    """
    tokenizer = getattr(_per_thread, "tokenizer", None)
    if tokenizer is None:
        tokenizer = _per_thread.tokenizer = _dictionary().tokenizer()
    return tokenizer


def normalize(text):
    """NFKC, lower case, and one space for any run of white space."""
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def _fold(term):
    return to_hiragana(unicodedata.normalize("NFKC", term).lower())


def _chunks(text):
    """Pieces short enough for Sudachi, cut at sentence ends where possible."""
    piece = ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > MAX_CHUNK_CHARS:
            yield sentence[:MAX_CHUNK_CHARS]
            sentence = sentence[MAX_CHUNK_CHARS:]
        if len(piece) + len(sentence) > MAX_CHUNK_CHARS:
            yield piece
            piece = ""
        piece += sentence
    if piece:
        yield piece


def _morphemes(text):
    from sudachipy import SplitMode

    tokenizer = _tokenizer()
    for chunk in _chunks(text):
        for morpheme in tokenizer.tokenize(chunk, SplitMode.C):
            if morpheme.part_of_speech()[0] in SKIPPED_POS:
                continue
            yield morpheme


def index_terms(text):
    """Terms to index for a document's text, in text order (repeats kept for ranking)."""
    from sudachipy import SplitMode

    terms = []
    for morpheme in _morphemes(normalize(text)):
        term = _fold(morpheme.normalized_form())
        terms.append(term)
        parts = morpheme.split(SplitMode.A)
        if len(parts) > 1:
            terms.extend(
                _fold(part.normalized_form())
                for part in parts
                if part.part_of_speech()[0] not in SKIPPED_POS
            )
        if morpheme.part_of_speech()[0] in READING_POS:
            reading = _fold(morpheme.reading_form())
            if reading and reading != term:
                terms.append(reading)
    return terms


def query_terms(query):
    """Terms a query must match, without duplicates, in the order typed."""
    terms = []
    for chunk in normalize(query).split(" "):
        if _HIRAGANA_CHUNK.match(chunk):
            terms.append(chunk)
            continue
        terms.extend(
            _fold(morpheme.normalized_form())
            for morpheme in _morphemes(chunk)
            if morpheme.normalized_form() not in QUERY_STOP_TERMS
        )
    return list(dict.fromkeys(term for term in terms if term.strip()))


def index_text(text):
    """``index_terms`` joined by spaces: what a whitespace-tokenizing engine indexes."""
    return " ".join(index_terms(text))


def tokenizer():
    """This thread's Sudachi tokenizer, for apps that need parts of speech (the privacy guard)."""
    return _tokenizer()


def dictionary():
    """Sudachi's dictionary, for apps that look a word's readings up (the privacy guard)."""
    return _dictionary()
