"""Snippets with highlighted words, made in Python from the stored text.

Made the same way whatever engine found the document. The text is
segmented with the same pipeline, so a query for プリンタ highlights
プリンター and a query for ぱすわーど highlights パスワード. The text is shown
as written (full-width ？ and ＶＰＮ stay so): Sudachi folds widths itself
when it segments and reports where each word is in the original text.
"""

from bisect import bisect_left

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import _tokenizer, word_keys

SNIPPET_CHARS = 120
SCAN_CHARS = 20_000  # look for the words in this much of a long body
WINDOWS_TRIED = 200  # where a window may start: at most this many matching words


def _matching_spans(text, terms):
    """(start, end) of each word in ``text`` whose index terms meet the query terms."""
    from sudachipy import SplitMode

    wanted = set(terms)
    spans = []
    for morpheme in _tokenizer().tokenize(text, SplitMode.C):
        candidates = word_keys(morpheme)
        parts = morpheme.split(SplitMode.A)
        if len(parts) > 1 and wanted & set().union(*(word_keys(part) for part in parts)):
            candidates |= wanted
        if wanted & candidates:
            spans.append((morpheme.begin(), morpheme.end()))
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


def highlight(text, terms):
    """The whole (short) text with the query's words marked; safe HTML."""
    text = text or ""
    return _mark(text, _matching_spans(text, terms) if terms else [])


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


def snippet(text, terms, length=SNIPPET_CHARS):
    """The window of the text with the most query words in it, with the words marked."""
    text = " ".join((text or "")[:SCAN_CHARS].split())
    spans = _matching_spans(text, terms) if terms else []
    start = _best_start(text, spans, length) if spans else 0
    end = min(len(text), start + length)
    window = text[start:end]
    local = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + _mark(window, local) + suffix)
