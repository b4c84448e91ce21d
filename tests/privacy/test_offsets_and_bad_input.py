"""Offsets point into the text as given, and no text makes the detectors fail."""

import random

from hypothesis import given
from hypothesis import strategies as st

from intranet.privacy import redact, scan
from intranet.privacy.folding import fold
from intranet.privacy.patterns import detect

PERSONAL = [
    "個人番号 ９４５８　０７３０　２１５３",
    "法人番号 ４１７４２４４７９７８９１",
    "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ",
    "携帯 ０９０ー１２３４ー５６７８",
    "生年月日：昭和５０年１月１５日",
    "〒５８６－００２５ 大阪府河内長野市原町一丁目１番１号",
    "（０７２１）５３－１１１１",
]


@given(st.lists(st.one_of(st.sampled_from(PERSONAL), st.text(max_size=20)), max_size=8))
def test_every_finding_is_cut_from_the_text_as_given(pieces):
    text = "".join(pieces)
    for finding in scan(text, find_names=False):
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text


def test_full_width_findings_keep_their_full_width_text():
    text = "".join(PERSONAL)
    findings = detect(text)
    assert {f.kind for f in findings} == {
        "my_number", "corporate_number", "email", "phone", "birth_date", "address",
    }  # fmt: skip
    assert all(text[f.start : f.end] == f.text for f in findings)
    assert ("my_number", "９４５８　０７３０　２１５３") in [(f.kind, f.text) for f in findings]


@given(st.text())
def test_folding_keeps_the_length(text):
    assert len(fold(text)) == len(text)


def test_redact_masks_what_was_found_and_keeps_the_rest():
    text = "電話 0721-53-1111 まで"
    assert redact(text, scan(text, find_names=False)) == "電話 ■■■ まで"


def test_empty_text_has_no_findings():
    assert detect("") == []
    assert scan("", find_names=False) == []


def test_control_characters_and_invalid_surrogates_do_not_break_the_scan():
    text = "\x00\x07\x1b[31m\u202e電話\ud800 0721-53-1111\udfff\x7f 内線\x00 2345"
    assert [(f.kind, f.text) for f in detect(text)] == [("phone", "0721-53-1111")]


def test_a_megabyte_of_digits_holds_no_number():
    assert detect("7" * 1_000_000) == []


def test_a_megabyte_of_letters_without_an_at_sign_holds_no_email():
    assert detect("a." * 500_000) == []


def test_a_megabyte_of_mixed_text_is_scanned_whole():
    rng = random.Random(3)
    alphabet = "0123456789０１２ -－()@.年月日生市町番号丁目〒あア漢\n"
    filler = "".join(rng.choice(alphabet) for _ in range(1_000_000))
    text = filler + " 代表 0721-53-1111"
    assert ("phone", "0721-53-1111") in [(f.kind, f.text) for f in detect(text)]
