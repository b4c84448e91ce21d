"""My Number and corporate number: found in any formatting, and only with a valid check digit."""

from hypothesis import assume, given
from hypothesis import strategies as st

from intranet.privacy import scan
from intranet.privacy.numbers import (
    corporate_number_check_digit,
    is_corporate_number,
    is_my_number,
    my_number_check_digit,
    my_number_remainder,
)
from tests.privacy.formatting import AFTER, BEFORE, digit_strings, written


def kinds_found(text):
    return [(f.kind, f.text) for f in scan(text, find_names=False)]


def with_my_number_check(base):
    return base + str(my_number_check_digit(base))


def with_corporate_check(base):
    return str(corporate_number_check_digit(base)) + base


# --- the formulas --------------------------------------------------------------------


def test_my_number_check_digit_follows_the_ordinance():
    # 1×6 + 2×5 + 3×4 + 4×3 + 5×2 + 6×7 + 7×6 + 8×5 + 9×4 + 0×3 + 1×2 = 212; 212 mod 11 = 3
    assert my_number_check_digit("12345678901") == 11 - 3


def test_my_number_check_digit_is_0_when_the_remainder_is_0_or_1():
    assert my_number_remainder("00000000000") == 0
    assert my_number_check_digit("00000000000") == 0
    assert my_number_remainder("00000000010") == 3  # weight 3 on the 2nd digit from the right
    assert my_number_remainder("00000000005") == 10  # 5×2
    assert my_number_remainder("00000000006") == 1  # 6×2 = 12
    assert my_number_check_digit("00000000006") == 0


def test_corporate_number_check_digit_follows_the_ordinance():
    # 2×1 + 1×2 + 0×1 + 9×2 + 8×1 + 7×2 + 6×1 + 5×2 + 4×1 + 3×2 + 2×1 + 1×2 = 74; 9 - 74 mod 9 = 7
    assert corporate_number_check_digit("123456789012") == 7
    assert is_corporate_number("7123456789012")


@given(digit_strings(12))
def test_a_corporate_check_digit_is_never_0(base):
    assert 1 <= corporate_number_check_digit(base) <= 9


# --- which single-digit changes the formulas catch ----------------------------------


@given(digit_strings(11), st.integers(0, 10), st.integers(1, 9))
def test_my_number_misses_a_changed_digit_only_between_remainders_0_and_1(base, position, step):
    """A changed base digit always moves the remainder mod 11 (weights 2..7, 11 prime);
    it goes unnoticed exactly when the remainder moves between 0 and 1, which share
    the check digit 0."""
    number = with_my_number_check(base)
    changed_digit = str((int(base[position]) + step) % 10)
    changed_base = base[:position] + changed_digit + base[position + 1 :]
    before, after = my_number_remainder(base), my_number_remainder(changed_base)
    assert before != after
    assert is_my_number(changed_base + number[11]) == ({before, after} == {0, 1})


@given(digit_strings(11), st.integers(1, 9))
def test_my_number_always_catches_a_changed_check_digit(base, step):
    number = with_my_number_check(base)
    assert not is_my_number(number[:11] + str((int(number[11]) + step) % 10))


@given(digit_strings(12), st.integers(0, 11), st.integers(1, 9))
def test_corporate_number_misses_a_changed_digit_only_when_0_and_9_swap(base, position, step):
    """A base digit changed by d moves the weighted sum by d or 2d, a multiple of 9
    only for d = ±9: a 0 written as 9 or a 9 written as 0."""
    number = with_corporate_check(base)
    old, new = base[position], str((int(base[position]) + step) % 10)
    changed = number[: position + 1] + new + number[position + 2 :]
    assert is_corporate_number(changed) == ({old, new} == {"0", "9"})


@given(digit_strings(12), st.integers(1, 9))
def test_corporate_number_always_catches_a_changed_check_digit(base, step):
    number = with_corporate_check(base)
    assert not is_corporate_number(str((int(number[0]) + step) % 10) + number[1:])


# --- found in any formatting, never without the check digit -------------------------


@given(digit_strings(11), st.data())
def test_every_valid_my_number_is_found_however_it_is_written(base, data):
    shown = data.draw(written(with_my_number_check(base)))
    text = data.draw(st.sampled_from(BEFORE)) + shown + data.draw(st.sampled_from(AFTER))
    assert ("my_number", shown) in kinds_found(text)


@given(digit_strings(12), st.data())
def test_every_valid_corporate_number_is_found_however_it_is_written(base, data):
    shown = data.draw(written(with_corporate_check(base)))
    text = data.draw(st.sampled_from(BEFORE)) + shown + data.draw(st.sampled_from(AFTER))
    assert ("corporate_number", shown) in kinds_found(text)


@given(digit_strings(12), st.data())
def test_twelve_digits_with_a_failing_check_digit_are_no_my_number(digits, data):
    assume(not is_my_number(digits))
    text = data.draw(st.sampled_from(BEFORE)) + data.draw(written(digits))
    assert "my_number" not in [kind for kind, _ in kinds_found(text)]


@given(digit_strings(13), st.data())
def test_thirteen_digits_with_a_failing_check_digit_are_no_corporate_number(digits, data):
    assume(not is_corporate_number(digits))
    text = data.draw(st.sampled_from(BEFORE)) + data.draw(written(digits))
    assert "corporate_number" not in [kind for kind, _ in kinds_found(text)]


def test_a_valid_number_inside_a_longer_run_of_digits_is_not_found():
    number = with_my_number_check("12345678901")
    assert kinds_found("9" + number) == []
    assert kinds_found(number + " 4") == []
