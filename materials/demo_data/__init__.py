"""The texts the demo materials are made from, read from the files beside this module.

``kawachinagano-ict-policy-2018.txt`` is the city's ICT policy and
``minutes/`` holds five sittings of the Tokyo Metropolitan Assembly (see
SOURCES.md for both). The demo loader turns them into real PDF, Word, Excel
and PowerPoint files; these functions hand it plain text: the policy by
chapter and by section of its chapter 4, and the assembly's speeches.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
POLICY_FILE = HERE / "kawachinagano-ict-policy-2018.txt"
MINUTES_DIR = HERE / "minutes"
POLICY_TITLE = "河内長野市情報化推進方針（平成30年5月改訂）"

# Footnote marks written as ^{*1}, list lines written as "- ・…" in the text file.
_FOOTNOTE = re.compile(r"\^\{([^}]*)\}")
_CHAPTER = re.compile(r"^●第(\d)章")
_SECTION = re.compile(r"^\((\d)\) ?(.+)$")
_DIVISION = re.compile(r"^(\d)\. (.+)$")


def plain(line):
    """A line of the policy without its markup: footnote marks kept as *1, list dashes dropped."""
    line = _FOOTNOTE.sub(r"\1", line.strip())
    return line[2:] if line.startswith("- ") else line


@functools.cache
def policy_lines():
    """The policy's non-empty lines after its table of contents, without markup."""
    text = POLICY_FILE.read_text(encoding="utf-8")
    body = text.split("#####", 1)[1]
    return tuple(line for line in map(plain, body.splitlines()) if line)


@dataclass(frozen=True)
class Section:
    """One of the policy's chapter-4 sections, e.g. 2-(1) ナレッジマネジメントの推進."""

    key: str  # "2-1"
    division: str  # 庁内情報システムの導入及び適正な運用
    title: str  # ナレッジマネジメントの推進
    lines: tuple

    def blocks(self):
        """{"概要": [...], "現状": [...], "目標": [...]}: the section's lines under each heading."""
        found, current = {}, None
        for line in self.lines:
            heading = re.fullmatch(r"【(.+)】", line)
            if heading:
                current = heading.group(1).replace(" ", "")
                found[current] = []
            elif current and not line.startswith("*"):
                found[current].append(line)
        return found

    def goals(self):
        """The numbered goals (①…) of the section, each with the sentence that follows it."""
        goals, lines = [], self.blocks().get("目標", [])
        for index, line in enumerate(lines):
            if line[0] in "①②③④⑤⑥⑦⑧⑨⑩":
                following = lines[index + 1] if index + 1 < len(lines) else ""
                goals.append((line[1:], "" if following[:1] in "①②③④⑤⑥⑦⑧⑨⑩" else following))
        return goals


@functools.cache
def policy_chapters():
    """[(chapter title, lines)] for the four chapters, in order."""
    chapters = []
    for line in policy_lines():
        if _CHAPTER.match(line):
            chapters.append((line.lstrip("●"), []))
        elif chapters:
            chapters[-1][1].append(line)
    return [(title, tuple(lines)) for title, lines in chapters]


@functools.cache
def policy_sections():
    """{"1-1": Section, …} for the ten sections of chapter 4 (after its own table of contents)."""
    _title, lines = policy_chapters()[3]
    sections, division = {}, None
    current = None
    for line in lines:
        if "\tP" in line or "\tP " in line:
            continue  # the chapter's table of contents
        if match := _DIVISION.match(line):
            division = (match.group(1), match.group(2))
            current = None
        elif (match := _SECTION.match(line)) and division:
            key = f"{division[0]}-{match.group(1)}"
            current = sections[key] = [division[1], match.group(2).strip(), []]
        elif current is not None:
            current[2].append(line)
    return {
        key: Section(key, division, title, tuple(lines))
        for key, (division, title, lines) in sections.items()
    }


def paginate(lines, size=1100):
    """The lines grouped into pages of about ``size`` characters, never splitting a line."""
    pages, page, length = [], [], 0
    for line in lines:
        if page and length + len(line) > size:
            pages.append("\n".join(page))
            page, length = [], 0
        page.append(line)
        length += len(line) + 1
    if page:
        pages.append("\n".join(page))
    return pages


@dataclass(frozen=True)
class Speech:
    speaker: str  # 知事（小池百合子君）
    text: str


@functools.cache
def _sitting(file_name):
    """(title, date, speeches) of one sitting of the minutes."""
    text = (MINUTES_DIR / file_name).read_text(encoding="utf-8")
    header = [line[2:] for line in text.splitlines()[:3] if line.startswith("# ")]
    blocks = re.split(r"\n(?=○)", text)
    speeches = []
    for block in blocks[1:]:
        speaker, _newline, body = block.partition("\n")
        body = "\n".join(line.strip() for line in body.splitlines() if line.strip())
        speeches.append(Speech(speaker.lstrip("○").strip(), body))
    return header[0], header[1].removeprefix("日付: "), tuple(speeches)


def speech(file_name, number, keyword="", limit=900):
    """A speech of the minutes (``number`` counts from the first ○ line), from its first
    paragraph that mentions ``keyword``, cut at a sentence end near ``limit``."""
    _title, _date, speeches = _sitting(file_name)
    found = speeches[number - 1]
    text = found.text
    if keyword and keyword in text:
        text = text[text.rfind("\n", 0, text.index(keyword)) + 1 :]
    if len(text) > limit:
        cut = text.rfind("。", 0, limit)
        text = text[: cut + 1 if cut > 0 else limit]
    return Speech(found.speaker, text)


def sitting_title(file_name):
    """「令和二年東京都議会会議録第三号」 (2020/2/27)."""
    title, day, _speeches = _sitting(file_name)
    return f"{title}（{day.split()[0]}）"
