"""Japanese text is written one way, in every template, catalogue entry and string in the code.

The house style (README.md, "Translations"):

- A colon inside Japanese text is the full-width 「：」, with no space around it
  (「理由：…」, 「例：10:30」). A colon between digits (10:30) or in an address stays.
- No half-width space between two Japanese characters, unless the space is content
  (a name written in kana, search words shown as an example: the allowlist below).
- No half-width space between Japanese text and a number or a value put into it:
  「12件」「5人」「1行に1つ」「%(counter)s件」「予約「%(booking)s」を承認しました」.
  Latin words and units (PDF, Excel, MB, km) keep the space they are written with.
- Items are separated by 「・」 or 「、」, never by the Latin middle dot 「·」.
- A range of numbers is written with 「〜」: 「3000〜3049」, 「12/29〜1/3」.

Sample content (the demo data, written as staff would write it and partly quoted from real
documents) and the personal-data guard's patterns and word lists are not interface text and
are not read here.
"""

import ast
import re
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parents[2]
CATALOGUES = [
    BASE_DIR / "locale" / "ja" / "LC_MESSAGES" / "django.po",
    BASE_DIR / "locale" / "ja" / "LC_MESSAGES" / "djangojs.po",
]
APPS = ["bulletin", "faq", "incidents", "intranet", "materials", "reservations", "search"]

# Where a half-width space is content, not style: shown as an example of what to type.
ALLOWED = [
    "やまだ たろう",  # a name in kana, given name and family name apart
    "ブイピーエヌ 在宅 リモート",  # search words, apart as staff type them
]

JAPANESE = r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
VALUE_MARK = "\u241f"  # stands for {{ a template variable }} and {an f-string value}
VALUE = rf"(?:\d|%\(\w+\)[sd]|%[sd]|{VALUE_MARK})"
# A number ending before a space: 2026-11-30 or 12,480, but not the 8 of UTF-8.
VALUE_BEFORE = rf"(?:(?<![A-Za-z0-9_.\-/:])\d[\d,.\-/:]*(?<=\d)|%\(\w+\)[sd]|%[sd]|{VALUE_MARK})"
RULES = {
    "half-width colon in Japanese text (write 「：」)": re.compile(
        rf"{JAPANESE}[ \t]*:(?!//)|:[ \t]*{JAPANESE}"
    ),
    "space around 「：」": re.compile(r"[ \t]+：|：[ \t]+"),
    "space between Japanese characters": re.compile(rf"{JAPANESE}[ \t]+{JAPANESE}"),
    "space between a number or value and Japanese text": re.compile(
        rf"{VALUE_BEFORE}[ \t]+{JAPANESE}|{JAPANESE}[ \t]+{VALUE}"
    ),
    "Latin middle dot 「·」 (write 「・」 or 「、」)": re.compile("\u00b7"),
    "dash between numbers (write 「〜」)": re.compile(rf"{VALUE}[ \t]*[\u2013\u2014][ \t]*{VALUE}"),
}
GETTEXT_CALLS = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def broken_rules(text):
    """The rules ``text`` breaks, after taking out the allowed examples."""
    for allowed in ALLOWED:
        text = text.replace(allowed, "")
    if (
        "\u00b7" not in text
        and not re.search(JAPANESE, text)
        and not re.search("[\u2013\u2014]", text)
    ):
        return []
    return [name for name, rule in RULES.items() if rule.search(text)]


def template_text(source):
    """What a template shows: comments, tags and msgids out, each variable a value mark."""
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    source = re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", "", source, flags=re.S)
    source = re.sub(
        r"\{%\s*blocktrans(late)?\b.*?\{%\s*endblocktrans(late)?\s*%\}", "", source, flags=re.S
    )  # a msgid, read in the catalogue
    source = re.sub(r"\{\{.*?\}\}", VALUE_MARK, source, flags=re.S)
    return re.sub(r"\{%.*?%\}", "", source, flags=re.S)


def template_files():
    for top in [*APPS, "templates"]:
        for path in sorted((BASE_DIR / top).rglob("*")):
            if path.suffix in {".html", ".txt"} and "templates" in path.relative_to(BASE_DIR).parts:
                yield path


def is_sample_content(path):
    relative = path.relative_to(BASE_DIR)
    return (
        "migrations" in relative.parts
        or any(part == "demo" or part.startswith("demo_") for part in relative.parts)
        or relative.stem == "demo"
        or relative.parts[:2] == ("intranet", "privacy")
    )


def python_files():
    for app in APPS:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            if not is_sample_content(path):
                yield path


def shown_strings(tree):
    """String literals of a module, but not docstrings nor gettext msgids (English)."""
    skipped = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in GETTEXT_CALLS:
                skipped.update(id(argument) for argument in node.args)
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(value) for value in node.values)
            if id(node) not in skipped:
                yield (
                    node.lineno,
                    "".join(
                        value.value if isinstance(value, ast.Constant) else VALUE_MARK
                        for value in node.values
                    ),
                )
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in skipped:
                yield node.lineno, node.value


def offences_in_catalogues():
    for catalogue in CATALOGUES:
        for entry in polib.pofile(str(catalogue)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                for rule in broken_rules(text):
                    yield f"{catalogue.name}: {entry.msgid!r} → {text!r}: {rule}"


def offences_in_templates():
    for path in template_files():
        lines = template_text(path.read_text(encoding="utf-8")).splitlines()
        for number, line in enumerate(lines, 1):
            for rule in broken_rules(line):
                yield f"{path.relative_to(BASE_DIR)}:{number}: {line.strip()!r}: {rule}"


def offences_in_code():
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, text in shown_strings(tree):
            for rule in broken_rules(text):
                yield f"{path.relative_to(BASE_DIR)}:{line}: {text!r}: {rule}"


def test_the_rules_catch_what_they_are_for():
    assert (
        broken_rules("理由: 重複") and broken_rules("理由 ：重複") and broken_rules("%(a)s:「b」")
    )
    assert (
        broken_rules("予約 一覧") and broken_rules("%(counter)s 件") and broken_rules("内線 2100")
    )
    assert broken_rules("公開 · 匿名") and broken_rules(f"{VALUE_MARK}–{VALUE_MARK}")
    assert not broken_rules("理由：重複（例：10:30）。https://example.jp/ を開く")
    assert not broken_rules("例：やまだ たろう") and not broken_rules("%(size)s MBの PDF")
    assert not broken_rules("UTF-8 で保存") and broken_rules("2026-11-30 の形")
    assert not broken_rules("2026-11-30、12件、5人、3000〜3049")


def test_the_catalogue_writes_japanese_one_way():
    assert list(offences_in_catalogues()) == []


def test_templates_write_japanese_one_way():
    assert list(offences_in_templates()) == []


def test_strings_in_the_code_write_japanese_one_way():
    assert list(offences_in_code()) == []
