"""Pattern detectors: My Number, corporate number, phone, e-mail, date of birth, address.

Each detector is one regular-expression pass over the width-folded text
(``folding.fold`` keeps offsets, so a match's span is cut from the original)
followed by checks a regex cannot make: check digits, digit counts, context.
Every pattern is anchored on a boundary its own characters cannot cross, so
no input (1 MB of digits or letters) makes the regex engine backtrack far.
"""

import re

from .addresses import addresses
from .findings import Finding
from .folding import fold
from .numbers import is_corporate_number, is_my_number

_DIGITS = re.compile(r"[0-9]")

# --- My Number and corporate number -------------------------------------------------

# Digits with at most one space or hyphen between them, not touching more digits.
_NUMBER_RUN = r"(?<![0-9])(?<![0-9][ \-])[0-9](?:[ \-]?[0-9]){{{n}}}(?![ \-]?[0-9])"
_MY_NUMBER = re.compile(_NUMBER_RUN.format(n=11))
_CORPORATE_NUMBER = re.compile(_NUMBER_RUN.format(n=12))
_ISBN_BEFORE = re.compile(r"ISBN[ \-:]?$", re.IGNORECASE)
# The 12-digit 会社法人等番号 (commercial registry number) passes the My Number
# check once in eleven times; its label says what it is.
_REGISTRY_NUMBER_BEFORE = re.compile(r"法人等番号[^0-9]{0,4}$")


def _digits(text):
    return "".join(_DIGITS.findall(text))


def _my_numbers(folded):
    for match in _MY_NUMBER.finditer(folded):
        if _REGISTRY_NUMBER_BEFORE.search(folded, max(0, match.start() - 9), match.start()):
            continue
        if is_my_number(_digits(match.group())):
            yield "my_number", match.start(), match.end()


def _corporate_numbers(folded):
    for match in _CORPORATE_NUMBER.finditer(folded):
        if _ISBN_BEFORE.search(folded, max(0, match.start() - 6), match.start()):
            continue  # an ISBN-13 whose digits happen to pass the check
        if is_corporate_number(_digits(match.group())):
            yield "corporate_number", match.start(), match.end()


# --- Phone numbers --------------------------------------------------------------------

# An area code (0 and 1-4 digits, perhaps in parentheses, or +81 and the code
# without its 0), an exchange (perhaps in parentheses) and a 3-4 digit line
# number. Not preceded by what continues a longer number, an IP address or a
# date (digits, dots, hyphens, slashes), nor followed by more of one. A slash
# or a comma that follows a word rather than a number separates a label from
# the number (携帯／090-…, メール／電話／…, 緊急時，06-…), as do TEL and FAX.
_PHONE = re.compile(
    r"(?:(?<![0-9.\-/,A-Za-z_])|(?<=[^0-9.\-/,A-Za-z_][/,])|(?<=^[/,])"
    r"|(?<=TEL)|(?<=TEL[./])|(?<=FAX)|(?<=FAX[./]))"
    r"(?P<area>\+81[ \-]?(?:\(0\))?[1-9][0-9]{0,3}|\(0[0-9]{1,4}\)|0[0-9]{1,4})"
    r"(?P<sep1>[ \-]?)"
    r"(?P<exchange>\([0-9]{1,4}\)|[0-9]{1,4})"
    r"(?P<sep2>[ \-]?)"
    r"(?P<line>[0-9]{3,4})"
    r"(?![0-9A-Za-z_]|[\-.,/][0-9])",
    re.IGNORECASE,
)
_MOBILE_OR_IP = re.compile(r"0[5789]0")
# Labels of numbers that start with 0 but are no phone (受付番号0123456789).
_OTHER_NUMBER_BEFORE = re.compile(
    r"(?:受付|整理|管理|文書|注文|申込|口座|会員|顧客|客様|契約|伝票|証券|記号|保険者)番号[:/ ]*$"
)


def _phone_digit_count(digits):
    """How many digits a national number starting like ``digits`` has, or None if none."""
    if digits.startswith("00") or not digits.startswith("0"):
        return None
    if digits.startswith(("0120", "0570")):
        return 10
    if digits.startswith("0800") or _MOBILE_OR_IP.match(digits):
        return 11
    return 10


def _national_digits(match):
    """The digits of a phone match as dialled within Japan (+81 90 ... becomes 090 ...)."""
    digits = _digits(match.group())
    if match["area"].startswith("+81"):
        return "0" + digits[2:] if "(0)" not in match["area"] else digits[2:]
    return digits


def _area_code_length(area):
    """Digits of the area code with its leading 0: (0721) and +81 721 both have four."""
    if area.startswith("+81"):
        return len(_digits(area)) - 2 + (0 if "(0)" in area else 1)
    return len(_digits(area))


def _phones(folded):
    for match in _PHONE.finditer(folded):
        if _OTHER_NUMBER_BEFORE.search(folded, max(0, match.start() - 8), match.start()):
            continue
        digits = _national_digits(match)
        expected = _phone_digit_count(digits)
        if expected != len(digits):
            continue
        if not (match["sep1"] or match["sep2"] or "(" in match.group()):
            yield "phone", match.start(), match.end()  # written together: the count is the check
            continue
        three_digit_line = digits.startswith(("0120", "0570"))  # 0120-xxx-xxx, 0570-xxx-xxx
        if len(match["line"]) == 3 and not three_digit_line:
            continue
        area = _area_code_length(match["area"])
        if expected == 10 and not three_digit_line and area + len(_digits(match["exchange"])) != 6:
            continue  # a fixed line: area code and exchange make six digits together
        yield "phone", match.start(), match.end()


# --- E-mail ---------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])"
    r"[A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9_%+\-])?"
    r"(?:@| ?[(\[]at[)\]] ?)[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}"
    r"(?![A-Za-z0-9\-]|\.[A-Za-z0-9])"
)


def _emails(folded):
    for match in _EMAIL.finditer(folded):
        yield "email", match.start(), match.end()


# --- Dates of birth -------------------------------------------------------------------

_KANJI_NUMBER = "[〇一二三四五六七八九十]{1,3}"
_NUMBER = rf"(?:[0-9]{{1,2}}|{_KANJI_NUMBER})"
_ERA_NAMES = "明治|大正|昭和|平成|令和"
# An era abbreviated: one kanji (昭60.4.1) or its initial (S60.4.1, S.60.4.1).
_ERA_ABBREVIATION = r"(?:[明大昭平令]|(?<![A-Za-z])[MTSHR]\.?)"
_DATE = re.compile(
    "(?<![0-9])(?:"
    # 西暦: 1985年4月1日, 1985/4/1, 1985-04-01, 1985.4.1
    rf"(?:18|19|20)[0-9]{{2}} ?年(?:\((?:{_ERA_NAMES}) ?(?:{_NUMBER}|元) ?年?\))? ?[0-9]{{1,2}} ?月"
    r" ?[0-9]{1,2} ?日"
    r"|(?:18|19|20)[0-9]{2}(?P<sep>[/\-.])[0-9]{1,2}(?P=sep)[0-9]{1,2}(?![0-9])"
    # 和暦: 昭和60年4月1日, 平成元年, 昭和五十年三月三日, S60年4月1日
    rf"|(?:{_ERA_NAMES}|{_ERA_ABBREVIATION}) ?(?:{_NUMBER}|元) ?年"
    rf"(?:\((?:18|19|20)[0-9]{{2}}年?\))? ?{_NUMBER} ?月 ?{_NUMBER} ?日"
    # 和暦 abbreviated: S60.4.1, H2/3/4, R3-5-6, 昭60.4.1
    rf"|{_ERA_ABBREVIATION} ?[0-9]{{1,2}}(?P<esep>[/\-.])[0-9]{{1,2}}(?P=esep)[0-9]{{1,2}}(?![0-9])"
    ")",
    re.IGNORECASE,
)
# Evidence that a date is a date of birth: a label shortly before it, or 生 /
# 生まれ right after it (but not 生活, 生涯, 生徒 ... which start a new word).
# The label (not 発生年月日, the date of an event) may go on as a form's field
# or what was done with it (生年月日欄に, 生年月日の記入が, 生年月日として),
# then what separates a label from its value (生年月日：, 生年月日（西暦）, 「,
# a line break), and after 生年月日は/が a few words of where it was read
# (生年月日は、本人の申告では…), but no sentence end and no other number.
_BIRTH_LABEL_BEFORE = re.compile(
    r"(?<![発再派衛])(?:生年月日|誕生日|生年)"
    r"(?:欄|の?(?:記入|記載|入力|申告)欄?|の欄|として)?"
    r"(?:[\s:()=「『は、がをに]|西暦|和暦){0,6}"
    r"(?:(?<=[はが、])[^。、\n0-9「」]{1,10}?[\s:()=「『]{0,2})?$"
)
_BIRTH_LABEL_WINDOW = 30
_BIRTH_MARK_AFTER = re.compile(r"[ )）]{0,2}(?:生まれ|生(?![活涯徒産成命協物態育存])|出生)")
# After a label, a date that a deadline or a reference date follows is not the
# date of birth (生年月日と2026年4月1日時点の年齢, 生年月日欄の訂正は…から).
_OTHER_DATE_AFTER = re.compile(r" ?(?:時点|現在|から|まで|以降|以前|以後|付|締切|開催|施行|受付)")


def _birth_dates(folded):
    for match in _DATE.finditer(folded):
        if _BIRTH_MARK_AFTER.match(folded, match.end()):
            yield "birth_date", match.start(), match.end()
        elif _BIRTH_LABEL_BEFORE.search(
            folded, max(0, match.start() - _BIRTH_LABEL_WINDOW), match.start()
        ):
            if not _OTHER_DATE_AFTER.match(folded, match.end()):
                yield "birth_date", match.start(), match.end()


_DETECTORS = (_my_numbers, _corporate_numbers, _phones, _emails, _birth_dates, addresses)


def detect(text):
    """Every pattern finding in ``text``; offsets into ``text`` as given."""
    if not isinstance(text, str) or not text:
        return []
    folded = fold(text)
    return [
        Finding(start, end, kind, text[start:end])
        for detector in _DETECTORS
        for kind, start, end in detector(folded)
    ]
