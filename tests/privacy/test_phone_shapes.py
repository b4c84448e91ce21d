"""Japanese phone numbers are found with any area-code length and in any common notation."""

from hypothesis import assume, given
from hypothesis import strategies as st

from intranet.privacy import scan
from tests.privacy.formatting import AFTER, digit_strings

FULL_WIDTH = str.maketrans("0123456789-()", "０１２３４５６７８９－（）")
SPECIAL_PREFIXES = ("050", "070", "080", "090", "0120", "0800", "0570")
NOTATIONS = [
    "{0}-{1}-{2}",
    "({0}){1}-{2}",
    "({0}) {1}-{2}",
    "{0}({1}){2}",
    "{0} {1} {2}",
    "{0}{1}{2}",
]


def phones_found(text):
    return [f.text for f in scan(text, find_names=False) if f.kind == "phone"]


@st.composite
def written(draw, parts):
    shown = draw(st.sampled_from(NOTATIONS)).format(*parts)
    if draw(st.booleans()):
        shown = shown.translate(FULL_WIDTH)
    return shown


@st.composite
def fixed_lines(draw):
    """A 10-digit fixed line: area code of 2-5 digits (with its 0) and exchange make six."""
    area_length = draw(st.integers(2, 5))
    area = "0" + draw(st.sampled_from("123456789")) + draw(digit_strings(area_length - 2))
    parts = area, draw(digit_strings(6 - area_length)), draw(digit_strings(4))
    assume(not "".join(parts).startswith(SPECIAL_PREFIXES))  # those have their own lengths
    return parts


@st.composite
def eleven_digit_numbers(draw):
    """Mobiles and IP phones (070/080/090/050) and the toll-free 0800."""
    prefix = draw(st.sampled_from(["090", "080", "070", "050"]))
    return prefix, draw(digit_strings(4)), draw(digit_strings(4))


@given(st.one_of(fixed_lines(), eleven_digit_numbers()), st.data())
def test_fixed_lines_mobiles_and_ip_phones_are_found_however_written(parts, data):
    shown = data.draw(written(parts))
    text = data.draw(st.sampled_from(["電話 ", "TEL:", "連絡先（", ""])) + shown
    text += data.draw(st.sampled_from(AFTER))
    assert phones_found(text) == [shown]


@given(st.sampled_from([("0120", 3, 3), ("0800", 3, 4)]), st.data())
def test_toll_free_numbers_are_found(shape, data):
    prefix, middle, last = shape
    shown = f"{prefix}-{data.draw(digit_strings(middle))}-{data.draw(digit_strings(last))}"
    assert phones_found(f"フリーダイヤル {shown}") == [shown]


@given(fixed_lines(), st.data())
def test_a_fixed_line_with_a_digit_too_many_or_too_few_is_no_phone(parts, data):
    area, exchange, line = parts
    line = data.draw(st.sampled_from([line[:3], line + data.draw(digit_strings(1))]))
    assert phones_found(f"電話 {area}-{exchange}-{line} へ") == []


@given(st.text(alphabet=st.characters(categories=["Cs", "Cc", "Nd", "Lo", "Zs", "Pd"])))
def test_any_text_with_surrogates_and_control_characters_scans_without_error(text):
    for finding in scan(text, find_names=False):
        assert text[finding.start : finding.end] == finding.text
