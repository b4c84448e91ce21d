"""Width folding that keeps every offset: one character in, one character out.

Staff type numbers and addresses in full-width (０７２１－５３－１１１１,
ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ) as often as in ASCII. ``fold`` maps each
character to exactly one character, so an offset into the folded text is the
same offset into the original and a finding's text is cut from the original.
(NFKC would be simpler but changes lengths: ㍻ becomes 平成, ﾊﾟ becomes パ.)
"""

import re

_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！..～ → !..~
_TABLE[0x3000] = " "  # ideographic space
_TABLE[0x00A0] = " "  # no-break space
for _dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff70\ufe63":
    _TABLE[ord(_dash)] = "-"

# The prolonged sound mark ー is a katakana letter, but between digits it is a
# hyphen typed with the Japanese input method (０９０ー１２３４ー５６７８).
_CHOONPU_BETWEEN_DIGITS = re.compile(r"(?<=[0-9])ー(?=[0-9])")


def fold(text):
    """``text`` with full-width ASCII, ideographic spaces and dashes folded; same length."""
    return _CHOONPU_BETWEEN_DIGITS.sub("-", text.translate(_TABLE))
