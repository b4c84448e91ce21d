"""Check digits of the My Number (個人番号) and the corporate number (法人番号).

Both formulas number the digits of the base number from its lowest digit:
P(n) is the n-th digit counting from the right, starting at n = 1.

My Number: 12 digits, the last one the check digit of the 11 before it
(行政手続における特定の個人を識別するための番号の利用等に関する法律施行令
第八条, and 同法施行規則 第五条 for the formula)::

    check = 11 - (Σ[n=1..11] P(n) × Q(n)) mod 11,   or 0 when that remainder is 0 or 1
    Q(n) = n + 1 for 1 ≤ n ≤ 6,  n - 5 for 7 ≤ n ≤ 11      (weights 2..7, 2..6)

Corporate number: 13 digits, the *first* one the check digit of the 12 after
it (法人番号の指定等に関する省令 第二条; the ordinance's parentheses read
as the Tax Agency applies them, the remainder of the whole sum)::

    check = 9 - (Σ[n=1..12] P(n) × Q(n)) mod 9              (always 1..9)
    Q(n) = 1 for odd n, 2 for even n

Which single-digit changes the formulas catch (tests/privacy/test_numbers.py
states each as a property):

- My Number: every weight is 2..7 and every change of a digit is ±1..9, so a
  change to a base digit always moves the remainder mod 11 (11 is prime). It
  goes unnoticed only when the remainder moves between 0 and 1, the two
  remainders that share the check digit 0. A change to the check digit itself
  is always caught.
- Corporate number: a change of a base digit by d moves the sum by d or 2d,
  a multiple of 9 only when d = ±9: swapping a base digit 0 for 9 (or 9 for 0)
  goes unnoticed, every other change is caught, and so is any change to the
  check digit (0 is never a check digit).
"""

MY_NUMBER_WEIGHTS = (2, 3, 4, 5, 6, 7, 2, 3, 4, 5, 6)  # Q(1)..Q(11), from the right


def my_number_remainder(base):
    """Σ P(n) × Q(n) mod 11 for the 11-digit ``base``."""
    digits = [int(c) for c in reversed(base)]
    return sum(p * q for p, q in zip(digits, MY_NUMBER_WEIGHTS, strict=True)) % 11


def my_number_check_digit(base):
    """The check digit for an 11-digit base number (a string of ASCII digits)."""
    remainder = my_number_remainder(base)
    return 0 if remainder <= 1 else 11 - remainder


def is_my_number(digits):
    """Whether ``digits`` (12 ASCII digits, no separators) carries a valid check digit."""
    return (
        len(digits) == 12
        and digits.isascii()
        and digits.isdigit()
        and my_number_check_digit(digits[:11]) == int(digits[11])
    )


def corporate_number_check_digit(base):
    """The check digit (1..9) for a 12-digit base number (会社法人等番号 or the like)."""
    digits = [int(c) for c in reversed(base)]
    if len(digits) != 12:
        raise ValueError("a corporate number's base has 12 digits")
    total = sum(p * (1 if n % 2 else 2) for n, p in enumerate(digits, start=1))
    return 9 - total % 9


def is_corporate_number(digits):
    """Whether ``digits`` (13 ASCII digits, no separators) carries a valid check digit."""
    return (
        len(digits) == 13
        and digits.isascii()
        and digits.isdigit()
        and corporate_number_check_digit(digits[1:]) == int(digits[0])
    )
