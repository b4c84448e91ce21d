"""Hypothesis strategies that write a number the ways staff write it."""

from hypothesis import strategies as st

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# Between two digits: nothing, a space, a hyphen, or their full-width forms.
SEPARATORS = ["", " ", "-", "\u3000", "－", "‐"]
# Text around the number that is not itself a digit or a separator.
BEFORE = ["", "個人番号 ", "番号：", "（", "マイナンバーは", "法人番号", "登録番号 T", "\n"]
AFTER = ["", "）", " です。", "を確認", "\n", "、氏名"]


@st.composite
def written(draw, digits):
    """``digits`` with any separators between them, each digit ASCII or full-width."""
    parts = []
    for index, digit in enumerate(digits):
        if index:
            parts.append(draw(st.sampled_from(SEPARATORS)))
        parts.append(digit.translate(FULL_WIDTH) if draw(st.booleans()) else digit)
    return "".join(parts)


def digit_strings(length):
    return st.text(alphabet="0123456789", min_size=length, max_size=length)
