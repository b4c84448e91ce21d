"""The Python FAQ's reStructuredText markup becomes the plain text Sphinx would show.

Every example is taken from faq/demo_data/python_faq_ja.csv.
"""

import csv
import re

import pytest

from faq import demo
from faq.rst import rst_to_plain_text


@pytest.mark.parametrize(
    ("markup", "plain"),
    [
        ("``*.pyd`` ファイルは DLL と同じですか？", "*.pyd ファイルは DLL と同じですか？"),
        (":meth:`!bind` メソッド", "bind() メソッド"),
        ("組み込み関数 :func:`breakpoint` を使う", "組み込み関数 breakpoint() を使う"),
        (":mod:`tkinter` モジュール", "tkinter モジュール"),
        (":c:func:`PyRun_SimpleString` を呼ぶ", "PyRun_SimpleString() を呼ぶ"),
        (":pep:`387` を参照", "PEP 387 を参照"),
        (":ref:`言語リファレンス <strings>` を参照", "言語リファレンス を参照"),
        (":ref:`tutorial-index` から始めましょう", "Python チュートリアル から始めましょう"),
        (":term:`仮引数 (parameter) <parameter>` と", "仮引数 (parameter) と"),
        (":file:`python{NN}.dll` を探す", "pythonNN.dll を探す"),
        (":menuselection:`Tools --> Options --> Tabs`", "Tools ‣ Options ‣ Tabs"),
        (":kbd:`Ctrl-Z` を押す", "Ctrl-Z を押す"),
        (
            "詳しくは `the license page <https://docs.python.org/3/license.html>`_ を参照",
            "詳しくは the license page (https://docs.python.org/3/license.html) を参照",
        ),
        (
            "`the Trademark Usage Policy <https://www.python.org/psf/trademarks/>`__ を",
            "the Trademark Usage Policy (https://www.python.org/psf/trademarks/) を",
        ),
        ("始まりについての *非常に* 簡潔な概要", "始まりについての 非常に 簡潔な概要"),
        ("**しないで** ください", "しないで ください"),
        ("Big-O 記法では *O*\\ (1) でキーを検索でき", "Big-O 記法では O(1) でキーを検索でき"),
        ('``S.rstrip("\\r\\n")`` を使って', 'S.rstrip("\\r\\n") を使って'),
        ("``x**2`` を計算する", "x**2 を計算する"),
        ("返ってくるのを目にするでしょう::\n\nこれは", "返ってくるのを目にするでしょう:\n\nこれは"),
        ("例えば ::\n", "例えば\n"),
    ],
)
def test_inline_markup_becomes_plain_text(markup, plain):
    assert rst_to_plain_text(markup) == plain


def test_text_without_markup_is_left_alone():
    text = 'C の "?:" 三項演算子と等価なものはありますか？\n2 * 3 = 6、a*b も'
    assert rst_to_plain_text(text) == text


def test_no_markup_is_left_in_the_demo_python_faq():
    with open(demo.PYTHON_CSV, encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    leftovers = [
        match.group(0)
        for row in rows
        for text in (row["question"], re.sub(r"``.+?``", "", row["answer"], flags=re.DOTALL))
        for match in re.finditer(r":[a-z:]+:`|`[^`\n]*`_|``|::$", rst_to_plain_text(text), re.M)
    ]
    assert leftovers == []
