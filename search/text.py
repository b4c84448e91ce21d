"""The Japanese text pipeline: text in, index terms out, the same for documents and queries.

Why each step:

- NFKC folds full-width ＡＢＣ/１２３ and half-width ｶﾅ to their usual forms, and
  lower case makes Excel and excel one term.
- SudachiPy segments Japanese, which has no spaces between words. Each word
  is indexed by its *normalized form*, so spelling variants meet
  (プリンタ → プリンター, 出来る/できる).
- Compound words are indexed by their parts (split mode A: 添付, ファイル), so
  a search for 添付 or 会議 finds 添付ファイル or 会議室, and whole (split
  mode C: 添付ファイル). The parts of the whole text come first, one after
  the other, so the parts of a compound that the text holds only inside a
  longer one stand next to each other (情報 セキュリティー inside
  情報セキュリティポリシー) and a phrase over them matches; the whole
  compounds, readings and loose keys follow, after all the parts.
- Content words are also indexed by their reading, and every term is folded
  from katakana to hiragana, so ぱすわーど finds パスワード and かいぎしつ finds 会議室.
- Nouns the text writes next to each other make one compound for a reader
  (浮動小数点数 is 浮動|小数|点数 to Sudachi): the readings of such a run are
  also indexed joined, from each of its words on (ふどうしょうすうてんすう,
  しょうすうてんすう), so a reading typed in kana that runs across the words,
  or stops inside the last one (ふどうしょうすうてん), is the beginning of one
  indexed reading (a query's long kana word matches as a prefix, see
  ``QueryForms.prefixes``).
- A word written in katakana with a small kana or a final long-vowel mark
  (セキュリティー, キャノン) is also indexed by its *loose key*: small kana made
  large, the final ー dropped (セキユリテイ, キヤノン). Loose keys stay in katakana,
  which no other index term is, so they only ever meet each other: せきゅりてぃ
  and きやのん find those words, while 規約 (きやく) never meets 客 (きゃく).
- Particles, auxiliary verbs, punctuation and white space carry no meaning for
  search and are dropped.

Queries go through ``query_words``: the same steps without readings, each
word with the forms that satisfy it (see ``QueryForms``), and without the
words that only shape a question (see ``QUERY_STOP_TERMS``). A chunk typed
purely in hiragana is segmented only where Sudachi's reading of it is
plausible: ぱすわーど is not Japanese grammar, いんさつできない is.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, replace

from intranet.kana import to_hiragana

# Parts of speech (Sudachi's first level) that are not worth a search term.
# (記号 stays: Sudachi files letters such as ラムダ and λ under it.)
SKIPPED_POS = {"助詞", "助動詞", "補助記号", "空白"}
# Words that shape a question rather than name what it is about, by normalized
# form: dropped from queries, still indexed in documents. Chosen by what the
# words do in a sentence, not by any measured query set:
# - light and auxiliary verbs that carry the grammar of 「…できない」「…している」
#   「…したい」「どうやって」: 為る, 成る, 有る, 居る, 出来る, 遣る;
# - "the way to / the reason for" nouns of 「…する方法」「…の理由」;
# - "when / in case" nouns of 「…ときは」「…の場合」「…の際」, and the formal
#   nouns こと, もの, ため that turn a clause into a noun;
# - the question words themselves (どう, なぜ, 何, どこ, いつ, 誰);
# - the asking itself: 「どう(すれば)いい」「いかが」「教えてください」
#   「知りたい」「分かりません」「…してほしい」「…と思う」「困っている」「可能ですか」.
QUERY_STOP_TERMS = {
    "為る", "成る", "有る", "居る", "出来る", "遣る",
    "方法", "理由", "仕方", "遣り方",
    "時", "場合", "際", "こと", "事", "物", "為",
    "良い", "宜しい", "如何", "どんな", "よう", "教える", "知る", "分かる", "下さる",
    "頂く", "欲しい", "思う", "困る", "可能",
    "どう", "何故", "何", "何処", "どこ", "いつ", "誰", "どれ", "どの",
}  # fmt: skip
# Word classes that never name what a question is about: pronouns (何, どこ,
# これ), adnominals (この, どの), adverbs (どう, なぜ, すぐ), conjunctions,
# interjections and honorific prefixes (ご確認). Dropped from queries only.
QUERY_SKIPPED_POS = {"代名詞", "連体詞", "副詞", "接続詞", "感動詞", "接頭辞"}
# Subsidiary verbs (補助動詞): a verb that can stand alone (非自立可能) right after
# the て/で form only adds aspect or politeness to the verb before it:
# 「開いてしまった」「送ってみた」「設定しておく」「教えてもらう」. Dropped from queries.
SUBSIDIARY_AFTER = {"て", "で"}
SUBSIDIARY_POS = {("動詞", "非自立可能"), ("形容詞", "非自立可能")}
# Derivational suffixes that make another part of speech of the same idea
# (永続 → 永続化 "to make lasting", 永続的 "lasting", 安全性 "safety"): a query
# word with one of them is also satisfied by its stem, and the suffix standing
# alone (Sudachi splits 的 off: 永続|的) is no word of its own.
DERIVATIONAL_SUFFIXES = {"化", "的", "性"}
# A predicate typed after its subject or object: what it holds, and what it never starts with.
PREDICATE_POS = {"動詞", "形容詞"}
PREDICATE_FOLLOWERS = {"助詞", "助動詞", "接尾辞", "補助記号", "記号", "空白"}
# Parts of speech whose reading is indexed too.
READING_POS = {"名詞", "固有名詞"}
# A run of adjacent nouns has its readings indexed joined, at most this many words at a time;
# numbers (数詞) end a run: their readings are not how anyone types them.
MAX_RUN_WORDS = 4
NOT_IN_RUN = {"数詞"}
# A word typed in kana with at least this many kana also matches as the beginning of an
# index term (a reading of a run of nouns it is the start of); shorter ones would meet
# unrelated words that merely begin with the same sounds.
MIN_PREFIX_KANA = 4
# A pure-hiragana chunk is split into words at these particles only, the ones
# that do not also turn up inside loanwords Sudachi misreads (ど, ん, さー …).
HIRAGANA_SPLIT_PARTICLES = {
    "を", "が", "に", "で", "へ", "と", "は", "も", "の", "や", "から", "まで", "より",
}  # fmt: skip
# Sudachi reads its input in bytes and refuses very long texts; split at sentence ends.
MAX_CHUNK_CHARS = 4000
# A final long-vowel mark is a spelling choice on words of three kana or more
# (プリンタ/プリンター); on shorter ones it tells words apart (キ/キー).
LOOSE_MIN_KANA = 3
_HIRAGANA_CHUNK = re.compile(r"^[\u3041-\u309f\u30fc]{2,}$")
_KANA = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc]+$")
_KATAKANA_WORD = re.compile(r"^[\u30a1-\u30fa\u30fc]{2,}$")
_HIRAGANA_WORD = re.compile(r"^[\u3041-\u3096\u30fc]{2,}$")
_SMALL_KANA = str.maketrans("ァィゥェォャュョヮッ", "アイウエオヤユヨワツ")
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


def _to_katakana(text):
    return "".join(chr(ord(ch) + 0x60) if "\u3041" <= ch <= "\u3096" else ch for ch in text)


def loose_key(term):
    """The katakana loose key of a kana word (small kana large, final ー dropped), else None."""
    if not _KANA.match(term):
        return None
    key = _to_katakana(term).translate(_SMALL_KANA)
    if key.endswith("ー") and len(key) > LOOSE_MIN_KANA:
        key = key[:-1]
    return key


def _indexed_loose_key(written):
    """The loose key a katakana word is indexed by, when it differs from the word itself."""
    if not _KATAKANA_WORD.match(written):
        return None
    key = loose_key(written)
    return key if key != written else None


def _long_vowel_variants(term):
    """A kana term that ends in ー without it (さーばー → さーば), for words no dictionary knows."""
    if _KANA.match(term) and term.endswith("ー") and len(term) > LOOSE_MIN_KANA:
        return (term[:-1],)
    return ()


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


def _tokenize(text):
    from sudachipy import SplitMode

    return _tokenizer().tokenize(text, SplitMode.C)


def _morphemes(text):
    for chunk in _chunks(text):
        for morpheme in _tokenize(chunk):
            if morpheme.part_of_speech()[0] in SKIPPED_POS:
                continue
            yield morpheme


def _parts(morpheme):
    """A compound's mode-A parts that are worth a term; [morpheme] when it is not a compound."""
    from sudachipy import SplitMode

    parts = morpheme.split(SplitMode.A)
    if len(parts) < 2:
        return [morpheme]
    return [part for part in parts if part.part_of_speech()[0] not in SKIPPED_POS]


def _term(morpheme):
    return _fold(morpheme.normalized_form())


def _run_readings(readings):
    """The joined readings of a run of adjacent nouns, from each word on (two words or more)."""
    return ["".join(readings[i : i + MAX_RUN_WORDS]) for i in range(len(readings) - 1)]


def _in_run(morpheme):
    pos = morpheme.part_of_speech()
    return pos[0] == "名詞" and pos[1] not in NOT_IN_RUN


def index_terms(text):
    """Terms to index for a document's text (repeats kept for ranking).

    First every word's mode-A terms in text order (what phrases match), then
    the whole compounds, readings, joined readings of noun runs and loose
    keys, also in text order.
    """
    parts, extra = [], []
    run, run_end = [], None
    for morpheme in _morphemes(normalize(text)):
        if not (_in_run(morpheme) and morpheme.begin() == run_end):
            extra.extend(_run_readings(run))
            run = []
        if _in_run(morpheme):
            run.append(_fold(morpheme.reading_form()))
            run_end = morpheme.end()
        term = _term(morpheme)
        pieces = _parts(morpheme)
        if len(pieces) > 1:
            parts.extend(_term(part) for part in pieces)
            extra.append(term)
        else:
            parts.append(term)
        if morpheme.part_of_speech()[0] in READING_POS:
            reading = _fold(morpheme.reading_form())
            if reading and reading != term:
                extra.append(reading)
        for piece in pieces if len(pieces) == 1 else [morpheme, *pieces]:
            key = _indexed_loose_key(piece.surface())
            if key:
                extra.append(key)
    extra.extend(_run_readings(run))
    return parts + extra


def word_keys(morpheme):
    """Every index term one word of a text is found by (for highlighting it)."""
    return written_word_keys(
        morpheme.surface(), morpheme.normalized_form(), morpheme.reading_form()
    )


def written_word_keys(surface, normalized, reading):
    """``word_keys`` of a word given by its surface, normalized form and reading."""
    keys = {_fold(normalized), _fold(reading)}
    for written in (surface, normalized):
        key = loose_key(_fold(written)) if _KATAKANA_WORD.match(written) else None
        if key:
            keys.add(key)
    return keys


def phrase_terms(text):
    """The index terms a phrase over ``text`` is made of: its words' mode-A terms, in order.

    A multi-word synonym (ウイルス対策ソフト) matches as this phrase.
    """
    return [_term(part) for morpheme in _morphemes(normalize(text)) for part in _parts(morpheme)]


@dataclass(frozen=True)
class QueryForms:
    """One word of a query as the pipeline reads it.

    ``terms``: the index terms any of which satisfies the word, the word's own
    first, then its variants (the other long-vowel spelling, the loose key, the
    hiragana as typed). ``parts``: a compound's mode-A terms, which satisfy it
    as a phrase where the text holds the compound inside a longer one; empty
    when the word is not a compound. ``prefixes``: the beginnings of index
    terms that satisfy it too, less well than its terms: a word typed in
    kana (at least ``MIN_PREFIX_KANA``) is the start of the joined reading
    of the nouns the text writes it with (ふどうしょうすうてん, 浮動小数点数).
    """

    typed: str
    terms: tuple[str, ...]
    parts: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()


def _with_reading_prefix(forms):
    """The word, matching also as the beginning of a reading when it was typed in kana."""
    typed = _fold(forms.typed)
    if len(typed) < MIN_PREFIX_KANA or not _KANA.match(typed):
        return forms
    return replace(forms, prefixes=(typed,))


def _kana_forms(term):
    """A kana term, without its final ー, and its loose key."""
    key = loose_key(term)
    return [term, *_long_vowel_variants(term), *([key] if key else [])]


def _is_derivational_suffix(morpheme):
    return (
        morpheme.part_of_speech()[0] == "接尾辞"
        and morpheme.normalized_form() in DERIVATIONAL_SUFFIXES
    )


def _is_stop(morpheme):
    return (
        morpheme.normalized_form() in QUERY_STOP_TERMS
        or morpheme.part_of_speech()[0] in QUERY_SKIPPED_POS
        or _is_derivational_suffix(morpheme)
    )


def _is_subsidiary(morpheme, previous):
    """Whether ``morpheme`` is a subsidiary verb: 非自立可能 right after the て/で form."""
    return (
        previous is not None
        and tuple(morpheme.part_of_speech()[:2]) in SUBSIDIARY_POS
        and previous.surface() in SUBSIDIARY_AFTER
        and previous.part_of_speech()[0] == "助詞"
    )


def _query_morphemes(text):
    """(morpheme, is a subsidiary verb) for each word of a query chunk worth a term."""
    for chunk in _chunks(text):
        previous = None
        for morpheme in _tokenize(chunk):
            if morpheme.part_of_speech()[0] not in SKIPPED_POS:
                yield morpheme, _is_subsidiary(morpheme, previous)
            previous = morpheme


def _morpheme_words(morphemes):
    """(forms, only shapes the question) for each (word, is subsidiary) Sudachi found in a chunk."""
    words = []
    for morpheme, subsidiary in morphemes:
        term = _term(morpheme)
        terms = [term]
        if _KANA.match(term):
            terms += _kana_forms(term)
        surface = morpheme.surface()
        if _HIRAGANA_WORD.match(surface) and morpheme.part_of_speech()[0] in READING_POS:
            terms += _kana_forms(surface)  # a noun typed in hiragana meets the reading
        elif _KATAKANA_WORD.match(surface):
            terms += _kana_forms(_fold(surface))
        pieces = _parts(morpheme)
        parts = ()
        if len(pieces) > 1:
            # A compound whose parts include a question word (対処方法) is also
            # satisfied by the rest of it (対処); one that ends in a derivational
            # suffix (永続化) by its stem (永続, which the text may hold as 永続的).
            kept = tuple(_term(piece) for piece in pieces if not _is_stop(piece))
            if len(kept) == 1:
                terms.append(kept[0])
            elif len(kept) > 1:
                parts = kept
        forms = QueryForms(typed=surface, terms=tuple(dict.fromkeys(terms)), parts=parts)
        words.append((forms, subsidiary or _is_stop(morpheme)))
    return words


def _plausible(morphemes):
    """Whether Sudachi's reading of a pure-hiragana chunk can be Japanese grammar.

    A hiragana loanword read as grammar comes apart into pieces no sentence
    has: a word that begins with a small kana or ー (せき|ゅ|り|て|ぃ), a symbol,
    a particle or auxiliary with a long-vowel mark (ぷりん|たー, あっぷ|でー|と).
    """
    for morpheme in morphemes:
        surface, pos = morpheme.surface(), morpheme.part_of_speech()[0]
        if morpheme.is_oov() or pos in {"記号", "補助記号", "空白"}:
            return False
        if surface[0] in "ぁぃぅぇぉゃゅょゎっー":
            return False
        if pos in {"助詞", "助動詞"} and "ー" in surface:
            return False
    return True


def _loanword_and_predicate(chunk):
    """A hiragana chunk Sudachi cannot read, cut before the particle that ends its subject.

    Staff type a loanword in hiragana and go on with its predicate in one
    chunk (ぷりんたーがうごかない, めにゅーがひらかない). Sudachi reads the
    loanword as grammar that no sentence has, so the chunk as a whole is not
    plausible, but the predicate alone is: the chunk is cut at the first
    particle after which a plausible reading begins with a content word and
    holds a verb or adjective, and before which at least two kana are left
    (the loanword). Returns (loanword, predicate), or None.
    """
    for start in range(2, len(chunk) - 2):
        if chunk[start - 1] in "っ":
            continue
        for particle in HIRAGANA_SPLIT_PARTICLES:
            if not chunk.startswith(particle, start):
                continue
            rest = chunk[start + len(particle) :]
            if len(rest) < 2:
                continue
            morphemes = list(_tokenize(rest))
            if (
                _plausible(morphemes)
                and morphemes[0].part_of_speech()[0] not in PREDICATE_FOLLOWERS
                and any(m.part_of_speech()[0] in PREDICATE_POS for m in morphemes)
            ):
                return chunk[:start], rest
    return None


def _hiragana_words(chunk):
    """(forms, only shapes the question) for a chunk typed purely in hiragana.

    The chunk is kept whole (ぱすわーど meets パスワード's folded term,
    かいぎしつ the reading of 会議室). Where Sudachi's reading is plausible,
    it is also split at particles (めーるが|おくれない) and each piece loses
    its inflection and light verbs (いんさつ|できない, わすれ|た): a piece
    that is one word is looked up by its normalized form (忘れる), a piece
    Sudachi could not read as one word by its hiragana (いんさつ meets the
    reading of 印刷).
    """
    whole = QueryForms(typed=chunk, terms=tuple(_kana_forms(chunk)))
    morphemes = list(_tokenize(chunk))
    if not _plausible(morphemes):
        split = _loanword_and_predicate(chunk)
        if split is None:
            return [(whole, False)]
        return [word for piece in split for word in _hiragana_words(piece)]
    runs, run = [], []
    for morpheme in morphemes:
        if (
            morpheme.part_of_speech()[0] == "助詞"
            and morpheme.surface() in HIRAGANA_SPLIT_PARTICLES
        ):
            runs.append(run)
            run = []
        else:
            run.append(morpheme)
    runs.append(run)
    words = []
    for run in runs:
        while run and run[0].part_of_speech()[0] in SKIPPED_POS:
            run = run[1:]
        while run and (
            run[-1].part_of_speech()[0] in SKIPPED_POS
            or run[-1].normalized_form() in QUERY_STOP_TERMS
            or (len(run) > 1 and _is_subsidiary(run[-1], run[-2]))
        ):
            run = run[:-1]
        if not run:
            continue
        surface = "".join(morpheme.surface() for morpheme in run)
        if len(surface) < 2:  # き|や|のん: a reading that leaves one kana is not one
            return [(whole, False)]
        if len(run) == 1:
            (morpheme,) = run
            terms = [_term(morpheme), *_kana_forms(surface)]
            # Only the question words by name: Sudachi reads many a hiragana
            # loanword as an adverb (ぷり|んた).
            stop = morpheme.normalized_form() in QUERY_STOP_TERMS
            words.append((QueryForms(typed=surface, terms=tuple(dict.fromkeys(terms))), stop))
        else:
            words.append((QueryForms(typed=surface, terms=tuple(_kana_forms(surface))), False))
    if not words:
        return [(whole, True)]
    if len(words) == 1 and not words[0][1]:
        terms = tuple(dict.fromkeys(whole.terms + words[0][0].terms))
        return [(QueryForms(typed=chunk, terms=terms), False)]
    return words


def _chunk_words(chunk):
    if _HIRAGANA_CHUNK.match(chunk):
        # を is only ever the object particle, so it parts words even where
        # Sudachi cannot read the rest (ぱすわーど|を|わすれた).
        return [
            word
            for piece in chunk.split("を")
            if _HIRAGANA_CHUNK.match(piece)
            for word in _hiragana_words(piece)
        ]
    return _morpheme_words(_query_morphemes(chunk))


def _prefix_words(chunk):
    """The words of the last chunk while it is being typed: the last one is a prefix.

    Kana and Latin letters are taken as typed (the IME may still be composing
    ぱすわ; Sudachi would read it as grammar); in a chunk with kanji, the words
    before the last are read as usual.
    """
    if not any(unicodedata.name(ch, "").startswith("CJK") for ch in chunk):
        before, last = [], _fold(chunk)
    else:
        morphemes = list(_query_morphemes(chunk))
        if not morphemes:
            return [], None
        before, last = _morpheme_words(morphemes[:-1]), _fold(morphemes[-1][0].surface())
    key = loose_key(last)
    terms = (last, key) if key and key != last else (last,)
    return before, QueryForms(typed=last, terms=terms)


def query_words(query, prefix=False):
    """The words a query must match, in the order typed, without repeats.

    Words that only shape a question are left out, unless nothing else is
    left. With ``prefix``, the last word is the start of a word still being
    typed, and its terms are prefixes.
    """
    chunks = [chunk for chunk in normalize(query).split(" ") if chunk]
    last = None
    if prefix and chunks:
        before, last = _prefix_words(chunks.pop())
    else:
        before = []
    words = [word for chunk in chunks for word in _chunk_words(chunk)] + before
    kept = [forms for forms, stop in words if not stop] or [forms for forms, _ in words]
    kept = [_with_reading_prefix(forms) for forms in kept]
    unique = {}
    for forms in kept:
        if forms.terms and forms.terms[0].strip():
            unique.setdefault(forms.terms[0], forms)
    return list(unique.values()) + ([last] if last and last.terms[0] else [])


def query_terms(query):
    """Each query word's own term, in the order typed (what a plain AND query needs)."""
    return [forms.terms[0] for forms in query_words(query)]


def reading(text):
    """The text's reading in hiragana, word by word as Sudachi reads it (市民課 → しみんか).

    For names that are looked up as typed in kana (the staff picker's departments).
    """
    return "".join(
        _fold(morpheme.reading_form())
        for chunk in _chunks(normalize(text))
        for morpheme in _tokenize(chunk)
    )


def index_text(text):
    """``index_terms`` joined by spaces: what a whitespace-tokenizing engine indexes."""
    return " ".join(index_terms(text))


def tokenizer():
    """This thread's Sudachi tokenizer, for apps that need parts of speech (the privacy guard)."""
    return _tokenizer()


def dictionary():
    """Sudachi's dictionary, for apps that look a word's readings up (the privacy guard)."""
    return _dictionary()
