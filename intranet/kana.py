"""Small helpers for Japanese kana that the directory and search share."""

import unicodedata

_KATAKANA_START = ord("ァ")
_KATAKANA_END = ord("ヶ")
_KANA_OFFSET = ord("ァ") - ord("ぁ")


def to_hiragana(text):
    """Fold katakana to hiragana (ヤマダ → やまだ); leave everything else alone."""
    return "".join(
        chr(ord(ch) - _KANA_OFFSET) if _KATAKANA_START <= ord(ch) <= _KATAKANA_END else ch
        for ch in text
    )


def normalize_for_lookup(text):
    """NFKC (full-width ＡＢＣ and half-width ｶﾅ fold), lower case, hiragana, no spaces."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(to_hiragana(folded).split())
