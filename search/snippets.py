"""Snippets with highlighted words, made in Python from the stored text.

Made the same way whatever engine found the document. The text is
segmented with the same pipeline, so a query for プリンタ highlights
プリンター and a query for ぱすわーど highlights パスワード. The text is shown
as written (full-width ？ and ＶＰＮ stay so): Sudachi folds widths itself
when it segments and reports where each word is in the original text.

A results page shows twenty hits, and a hit may be a 20,000-character page
of a meeting material: segmenting every body whole would make such a page
cost many times a page of short FAQs. So a long body is first searched as
a plain string (folded the cheap way: widths, case, katakana to hiragana,
voiced marks and long-vowel marks ignored) for the query's words and their
stems, and only a few windows around the places found are segmented; when
nothing is found that way (a word typed as its reading, say), the head of
the text is. The work per hit is bounded by ``SEGMENTED_CHARS_PER_HIT``
whatever the length of the body, and most long hits need one window: the
second is segmented only when the strings found there could make it shown.
"""

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import (
    MAX_CHUNK_CHARS,
    MAX_RUN_WORDS,
    _fold,
    _in_run,
    _tokenizer,
    word_keys,
    written_word_keys,
)

SNIPPET_CHARS = 120
SCAN_CHARS = 200_000  # look for the words (as strings) in this much of a long body
WINDOWS_TRIED = 200  # where a window may start: at most this many matching words
# A body up to this long is segmented whole; a longer one only around the places found.
SHORT_TEXT_CHARS = 600
WINDOWS_SEGMENTED = 2  # places of a long body segmented, the most promising first
CANDIDATES_TRIED = 500  # string matches weighed when choosing those places
MARGIN_CHARS = 40  # segmented either side of a place, so a word at its edge is read whole
HEAD_CHARS = 300  # segmented when no word was found as a string
SEGMENTED_CHARS_PER_HIT = WINDOWS_SEGMENTED * (SNIPPET_CHARS + 2 * MARGIN_CHARS) + HEAD_CHARS

_HIRAGANA = re.compile(r"^[\u3041-\u309f\u30fc]+$")
_HAS_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_KANJI_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆]+")
# Marks a loose match skips: long vowels, voicing marks (full and half width, combining).
_SKIPPED = "ーｰ～〜ﾞﾟ゛゜\u3099\u309a"
_SMALL_KANA = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")


def _loose_char(char):
    """One character folded for a plain string search, or None where it stays as it is."""
    folded = _fold(char)
    folded = "".join(
        c for c in unicodedata.normalize("NFD", folded) if c not in "\u3099\u309a"
    ).translate(_SMALL_KANA)
    return folded if len(folded) == 1 and folded != char else None


@lru_cache(maxsize=1)
def _loose_table():
    """The loose fold of the characters it changes: widths, case, kana, voicing, small kana."""
    table = {}
    ranges = [range(0x41, 0x5B), range(0x3041, 0x3100), range(0xFF01, 0xFF9F)]
    for code_points in ranges:
        for code in code_points:
            folded = _loose_char(chr(code))
            if folded is not None:
                table[code] = folded
    return table


@lru_cache(maxsize=1)
def _written_as():
    """For each loosely folded character, every character that folds to it (in a class)."""
    classes = {}
    for code, folded in _loose_table().items():
        classes.setdefault(folded, {folded}).add(chr(code))
    return {
        folded: "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
        for folded, chars in classes.items()
    }


def _loose_chars(needle):
    """The characters of ``needle`` folded loosely, the skipped marks left out."""
    folded = unicodedata.normalize("NFKC", needle).lower().translate(_loose_table())
    return [c for c in folded if c not in _SKIPPED]


def _needle_pattern(needle):
    """A pattern for ``needle`` as it may be written in the text, as it stands.

    Each character matches any character that folds to it loosely, and
    long-vowel and voicing marks may sit between them: the text is searched
    as written, so a match's position is the word's position.
    """
    chars = _loose_chars(needle)
    if not chars:
        return None
    written_as = _written_as()
    between = f"[{re.escape(_SKIPPED)}]*"
    return between.join(written_as.get(c, re.escape(c)) for c in chars)


def _needles(term):
    """Strings whose places in a text are where ``term`` may be written.

    The term itself; for a word written with kanji and kana (忘れる, お知らせ)
    its longest run of kanji, since the text inflects it (忘れた) or writes
    it another way (打合せ); for a word in hiragana (a reading: かいぎしつ)
    the kanji of the words Sudachi reads it as.
    """
    needles = [term]
    runs = _KANJI_RUN.findall(term)
    if runs and _HAS_HIRAGANA.search(term):
        needles.append(max(runs, key=len))
    if _HIRAGANA.match(term) and len(term) <= 30:
        from sudachipy import SplitMode

        for morpheme in _tokenizer().tokenize(term, SplitMode.C):
            runs = _KANJI_RUN.findall(morpheme.normalized_form())
            needles.extend(run for run in runs if run)
    return needles


class _Finder(NamedTuple):
    """The query's needles as one pattern, and the characters a match may begin with."""

    pattern: re.Pattern
    first: re.Pattern

    def finditer(self, text):
        """The matches ``pattern.finditer(text)`` gives, found several times faster.

        Python's regex engine tries a pattern of alternatives at every
        character of the text; a search for the characters a match may begin
        with skips, in C, to the few places worth trying.
        """
        position = 0
        while (candidate := self.first.search(text, position)) is not None:
            match = self.pattern.match(text, candidate.start())
            if match is None:
                position = candidate.start() + 1
            else:
                yield match
                position = match.end()


@lru_cache(maxsize=64)
def _finder(terms):
    """Finds every needle of the query's terms; the match's group says which term."""
    alternatives, firsts = [], []
    written_as = _written_as()
    for number, term in enumerate(terms):
        needles = [needle for needle in _needles(term) if _loose_chars(needle)]
        if needles:
            patterns = map(_needle_pattern, needles)
            alternatives.append(f"(?P<t{number}>{'|'.join(patterns)})")
            for needle in needles:
                first = _loose_chars(needle)[0]
                firsts.append(written_as.get(first, f"[{re.escape(first)}]"))
    if not alternatives:
        return None
    first = "[" + "".join(chars[1:-1] for chars in firsts) + "]"
    return _Finder(re.compile("|".join(alternatives)), re.compile(first))


# A page's twenty hits share most of their words, and so do the pages of a
# day's searches; working out a word's index terms costs more than segmenting
# it. So each word is remembered once, with its index terms and its parts,
# and so is, per query, what the word is to it.
WORDS_KEPT = 100_000  # words remembered; more, and the memory starts again
_words = {}
# A word of Sudachi's dictionary is known by its entry: its normalized form,
# reading, part of speech and parts are the entry's. A word Sudachi makes up
# (an unknown word, a number joined from its digits) has an entry number in
# the dictionary-id group 0xF shared by many, read differently by context
# (二 as ニ or フタ): it is known by its strings as well.
_MADE_UP = 0xF

# FAQ titles and answers, and the stretches of long bodies around a query's
# words, come back search after search. Their segmentation does not depend on
# the query, so the last ones are remembered as the words they hold: a text
# seen before costs no segmenting, only looking up what each of its words is
# to this query. A search that brings a text for the first time pays its
# segmenting as before. A FAQ answer remembered takes about 2 KB.
SEGMENTATIONS_KEPT = 8_192  # texts remembered, the least recently used forgotten first
SEGMENTATION_KEPT_CHARS = 1_000  # a longer text is segmented each time, not remembered


class _Word:
    """One word as written, with every index term it is found by.

    ``parts``: when it is a compound (添付ファイル), the surface, normalized
    form and reading of each of its mode-A parts (添付, ファイル), whose index
    terms are worked out the first time a query asks for them. Compared by
    identity: each word is made once while remembered.
    """

    __slots__ = ("keys", "parts", "_part_keys", "run_reading")

    def __init__(self, morpheme):
        from sudachipy import SplitMode

        self.keys = frozenset(word_keys(morpheme))
        parts = morpheme.split(SplitMode.A)
        self.parts = (
            tuple((p.surface(), p.normalized_form(), p.reading_form()) for p in parts)
            if len(parts) > 1
            else None
        )
        self._part_keys = None
        # A noun that joins the nouns beside it into a run: its reading, which the index
        # joins with theirs (see ``text.index_terms``), so a kana prefix may run across.
        self.run_reading = _fold(morpheme.reading_form()) if _in_run(morpheme) else None

    def part_keys(self):
        if self._part_keys is None:
            self._part_keys = frozenset().union(*(written_word_keys(*p) for p in self.parts))
        return self._part_keys

    def meets(self, wanted):
        """Whether the word is marked for the query terms ``wanted``.

        It is when its own index terms hold one of them; a word whose index
        terms contain a query term (添付ファイル for 添付) is when it is a
        compound with that term among its parts' index terms.
        """
        if not wanted.isdisjoint(self.keys):
            return True
        if self.parts is None or not any(t in form for t in wanted for form in self.keys):
            return False
        return not wanted.isdisjoint(self.part_keys())


class _Segmentation(NamedTuple):
    """A text's words in order, each distinct one among them once, and where each one ends.

    Sudachi's words cover the text end to end, so a word begins where the one
    before it ends.
    """

    words: tuple  # the _Word of each word of the text
    distinct: tuple  # the different _Word among them
    ends: array  # where each word of the text ends


def _segment(text):
    """The words of ``text`` as Sudachi reads them (in chunks, as the index does)."""
    from sudachipy import SplitMode

    tokenizer = _tokenizer()
    words, ends = [], []
    for start in range(0, len(text), MAX_CHUNK_CHARS):
        end = start
        for morpheme in tokenizer.tokenize(text[start : start + MAX_CHUNK_CHARS], SplitMode.C):
            surface, entry = morpheme.surface(), morpheme.word_id()
            if entry >> 28 == _MADE_UP:
                key = (
                    surface,
                    entry,
                    morpheme.normalized_form(),
                    morpheme.reading_form(),
                    morpheme.part_of_speech_id(),
                )
            else:
                key = (surface, entry)
            word = _words.get(key)
            if word is None:
                if len(_words) >= WORDS_KEPT:
                    _words.clear()
                word = _words[key] = _Word(morpheme)
            words.append(word)
            end += len(surface)  # the surface is the text as written, word after word
            ends.append(end)
    # An exactly sized array of small numbers: a remembered text costs little memory.
    size = "H" if len(text) < 1 << 16 else "L"
    return _Segmentation(tuple(words), tuple(dict.fromkeys(words)), array(size, ends))


_remembered_segmentation = lru_cache(maxsize=SEGMENTATIONS_KEPT)(_segment)


def _segmentation(text):
    if len(text) > SEGMENTATION_KEPT_CHARS:
        return _segment(text)
    return _remembered_segmentation(text)


def forget():
    """Forget the words and segmentations remembered (they only ever save time)."""
    _words.clear()
    _remembered_segmentation.cache_clear()
    _verdicts.cache_clear()


@lru_cache(maxsize=32)
def _verdicts(wanted):
    """The words already weighed for the query terms ``wanted``: {_Word: marked or not}."""
    return {}


def _matching_spans(text, terms, offset=0, prefixes=()):
    """(start, end) of each word in ``text`` whose index terms meet the query terms.

    And of each run of adjacent nouns whose joined reading begins with one of
    ``prefixes`` (a word typed in kana: ふどうしょうすうてん marks 浮動小数点数).
    """
    wanted = frozenset(terms)
    verdicts = _verdicts(wanted)
    segmentation = _segmentation(text)
    if prefixes:
        spans = _prefix_spans(segmentation, prefixes, offset)
        spans += _matching_spans(text, terms, offset)
        return sorted(set(spans))
    marked = set()
    for word in segmentation.distinct:
        verdict = verdicts.get(word)
        if verdict is None:
            if len(verdicts) >= WORDS_KEPT:
                verdicts.clear()
            verdict = verdicts[word] = word.meets(wanted)
        if verdict:
            marked.add(word)
    if not marked:
        return []
    ends = segmentation.ends
    return [
        (offset + (ends[index - 1] if index else 0), offset + ends[index])
        for index, word in enumerate(segmentation.words)
        if word in marked
    ]


def _prefix_spans(segmentation, prefixes, offset):
    """(start, end) of the runs of nouns whose joined reading begins with one of ``prefixes``.

    A run is read from each of its words on, at most ``MAX_RUN_WORDS`` words,
    as the index joins it; the span covers the words the prefix reaches into.
    """
    words, ends = segmentation.words, segmentation.ends
    spans = []
    for first, word in enumerate(words):
        if word.run_reading is None:
            continue
        for prefix in prefixes:
            joined = ""
            for last in range(first, min(len(words), first + MAX_RUN_WORDS)):
                if words[last].run_reading is None:
                    break
                joined += words[last].run_reading
                if joined.startswith(prefix):
                    begin = ends[first - 1] if first else 0
                    spans.append((offset + begin, offset + ends[last]))
                    break
                if not prefix.startswith(joined):
                    break
    return spans


def _mark(text, spans):
    out, position = [], 0
    for start, end in spans:
        if start < position:
            continue
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def highlight(text, terms, prefixes=()):
    """The whole (short) text with the query's words marked; safe HTML."""
    text = text or ""
    return _mark(text, _matching_spans(text, terms, 0, prefixes) if terms else [])


def _best_start(text, spans, length):
    """Where the window showing the most different query words begins (the first such).

    A page that mentions one word of a phrase early and the whole phrase
    later shows the phrase, not the lone word.
    """
    starts = [span[0] for span in spans]
    best, best_count = 0, -1
    for first, _end in spans[:WINDOWS_TRIED]:
        start = max(0, first - length // 4)
        inside = spans[bisect_left(starts, start) :]
        words = {text[s:e] for s, e in inside if e <= start + length}
        if len(words) > best_count:
            best, best_count = start, len(words)
    return best


def _places(text, terms, length):
    """Where the windows of a long text most likely to show the most query words begin.

    Found by a plain string search; each is weighed by how many different
    terms' needles fall in the window that would begin there. Each comes as
    (start, matches): ``matches`` is how many strings found overlap the
    stretch segmented there, no fewer than the different words it can show
    (None when the search stopped before counting them all).
    """
    finder = _finder(tuple(terms))
    if finder is None:
        return []
    found, ends = [], []
    for match in finder.finditer(text):
        found.append((match.start(), match.lastgroup))
        ends.append(match.end())
        if len(found) >= CANDIDATES_TRIED:
            break
    counted_all = len(found) < CANDIDATES_TRIED
    starts = [position for position, _term in found]
    weighed = []
    for position, _term in found:
        start = max(0, position - length // 4)
        inside = found[bisect_left(starts, start) : bisect_left(starts, start + length)]
        weighed.append((-len({term for _p, term in inside}), start))
    chosen = []
    for _weight, start in sorted(weighed):
        if all(abs(start - other) >= length for other, _matches in chosen):
            # The matches overlapping the stretch segmented there (ends grow as starts do).
            near = bisect_left(starts, start + length + MARGIN_CHARS) - bisect_right(
                ends, start - MARGIN_CHARS
            )
            chosen.append((start, near if counted_all else None))
        if len(chosen) == WINDOWS_SEGMENTED:
            break
    return chosen


def _most_words_shown(text, spans, length):
    """How many different words the best window over ``spans`` shows."""
    start = _best_start(text, spans, length)
    return len({text[s:e] for s, e in spans if s >= start and e <= start + length})


def _spans_around(text, terms, places, length, prefixes=()):
    """The matching words of the text near these places: only those stretches are segmented."""
    regions = []
    for place in sorted(places):
        begin = max(0, place - MARGIN_CHARS)
        end = min(len(text), place + length + MARGIN_CHARS)
        if regions and begin <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(end, regions[-1][1]))
        else:
            regions.append((begin, end))
    spans = []
    for begin, end in regions:
        # A word cut by the region's edge is not trusted: only whole words inside count.
        inner_begin = begin + MARGIN_CHARS if begin > 0 else 0
        inner_end = end - MARGIN_CHARS if end < len(text) else end
        spans += [
            (s, e)
            for s, e in _matching_spans(text[begin:end], terms, begin, prefixes)
            if s >= inner_begin and e <= inner_end
        ]
    return spans


def _spans_in_places(text, terms, places, length, prefixes=()):
    """The matching words around the places found, the second place segmented only if needed.

    The most promising place is segmented first. The second is segmented
    when it lies near the first (the two are then segmented as one stretch)
    or when the strings found there are enough to show as many different
    words as the first place's best window does: otherwise no window there
    could be chosen, and the words it holds could not be shown.
    """
    if len(places) < 2:
        starts = [start for start, _matches in places]
        return _spans_around(text, terms, starts, length, prefixes)
    (first, _), (second, matches) = places
    # Far enough apart, the two stretches are segmented apart and no window
    # beginning at a word of one reaches a word of the other.
    apart = 2 * length - length // 4 + 2 * MARGIN_CHARS
    if abs(second - first) <= apart or matches is None:
        return _spans_around(text, terms, [first, second], length, prefixes)
    spans = _spans_around(text, terms, [first], length, prefixes)
    shown = _most_words_shown(text, spans, length) if spans else 0
    crowded = len(spans) + matches > WINDOWS_TRIED  # windows tried would not be the same
    if crowded or matches > shown or (matches == shown and second < first):
        more = _spans_around(text, terms, [second], length, prefixes)
        spans = more + spans if second < first else spans + more
    return spans


def _spans_for_snippet(text, terms, length, prefixes=()):
    if not terms:
        return []
    if len(text) <= SHORT_TEXT_CHARS:
        return _matching_spans(text, terms, 0, prefixes)
    places = _places(text, terms, length)
    spans = _spans_in_places(text, terms, places, length, prefixes)
    if not spans:
        spans = _matching_spans(text[:HEAD_CHARS], terms, 0, prefixes)
        spans = [(s, e) for s, e in spans if e < HEAD_CHARS]
    return spans


def snippet(text, terms, length=SNIPPET_CHARS, prefixes=()):
    """The window of the text with the most query words in it, with the words marked.

    ``prefixes``: the query's words typed in kana that may begin the joined
    reading of a run of nouns (see ``QueryForms.prefixes``); the run is marked.
    """
    text = " ".join((text or "")[:SCAN_CHARS].split())
    spans = _spans_for_snippet(text, terms, length, prefixes)
    start = _best_start(text, spans, length) if spans else 0
    end = min(len(text), start + length)
    window = text[start:end]
    local = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + _mark(window, local) + suffix)
