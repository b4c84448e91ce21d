"""reStructuredText inline markup as the plain text a reader sees.

The Python FAQ (faq/demo_data) is translated from reStructuredText, and its
answers still carry the markup Sphinx would render: roles (:meth:`!bind`,
:func:`breakpoint`, :ref:`text <label>`), ``literals``, *emphasis*,
**strong**, links (`text <url>`_), backslash escapes and the ``::`` that
introduces a code block. Imported as it is, staff read the markup itself.
``rst_to_plain_text`` renders it the way Sphinx would, as plain text.
"""

import re

# Sphinx shows a reference without a title as the title of the section it
# points to; these are the sections the Python FAQ refers to that way.
REFERENCE_TITLES = {
    "bltin-types": "組み込み型",
    "c-wrapper-software": "ラッパーを作るツール",
    "extending-index": "Python インタプリタの拡張と埋め込み",
    "f-strings": "f-string",
    "faq-create-standalone-binary": "Python スクリプトからスタンドアロンバイナリを作るには？",
    "formatstrings": "書式指定文字列の文法",
    "internet": "インターネットプロトコルとその支援",
    "library-index": "Python 標準ライブラリ",
    "netdata": "インターネット上のデータの操作",
    "sortinghowto": "ソート HOWTO",
    "tkinter-file-handlers": "ファイルハンドラ",
    "tutorial-index": "Python チュートリアル",
    "unicode-howto": "Unicode HOWTO",
    "why-self": "なぜメソッドの定義や呼び出しで self を明示するのか",
}
# Roles whose target Sphinx shows with () after it.
CALLABLE_ROLES = {"func", "meth", "c:func", "c:macro"}

_INLINE = re.compile(
    r"``(?P<literal>.+?)``"
    r"|:(?P<role>[a-z]+(?::[a-z]+)?):`(?P<role_text>[^`]+)`"
    r"|`(?P<reference>[^`]+)`(?P<link>__?)?"
    r"|\*\*(?P<strong>[^*\s](?:[^*]*?[^*\s])?)\*\*"
    r"|(?<![\w*\\])\*(?P<emphasis>[^*\s](?:[^*\n]*?[^*\s])?)\*(?![\w*])",
    re.DOTALL,
)
_TITLE_AND_TARGET = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_CODE_BLOCK_MARKER = re.compile(r"(\s?)::[ \t]*$", re.MULTILINE)


def rst_to_plain_text(text):
    """The text with its reST inline markup rendered as plain text; lines stay lines."""
    out, position = [], 0
    for match in _INLINE.finditer(text):
        out.append(_plain(text[position : match.start()]))
        out.append(_render(match))
        position = match.end()
    out.append(_plain(text[position:]))
    return "".join(out)


def _plain(text):
    """Text outside markup: escapes resolved (an escaped space vanishes), :: markers made :."""
    text = _CODE_BLOCK_MARKER.sub(lambda m: "" if m.group(1) else ":", text)
    return _ESCAPE.sub(lambda m: "" if m.group(1).isspace() else m.group(1), text)


def _render(match):
    if match.group("literal") is not None:
        return match.group("literal")
    if match.group("role") is not None:
        return _role(match.group("role"), match.group("role_text"))
    if match.group("reference") is not None:
        return _reference(match.group("reference"), bool(match.group("link")))
    return _plain(match.group("strong") or match.group("emphasis"))


def _role(role, content):
    titled = _TITLE_AND_TARGET.match(content)
    if titled and titled.group("title"):
        return _plain(titled.group("title"))
    content = content.lstrip("!")
    if role == "ref":
        label = titled.group("target") if titled else content
        return REFERENCE_TITLES.get(label, label)
    if role == "pep":
        return f"PEP {content}"
    if content.startswith("~"):
        content = content[1:].rsplit(".", 1)[-1]
    if role in {"file", "samp"}:
        content = content.replace("{", "").replace("}", "")
    if role == "menuselection":
        content = content.replace("-->", "‣")
    if role in CALLABLE_ROLES and not content.endswith(")"):
        content += "()"
    return content


def _reference(content, is_link):
    titled = _TITLE_AND_TARGET.match(content)
    if not titled:
        return _plain(content)
    title, target = titled.group("title"), titled.group("target")
    if not title:
        return target
    if is_link and "://" in target:
        return f"{_plain(title)} ({target})"
    return _plain(title)
