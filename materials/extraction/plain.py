"""Plain text and CSV: the encoding found (UTF-8 with or without BOM, UTF-16 with BOM, CP932).

Excel saves 「CSV (コンマ区切り)」 in CP932 and 「Unicode テキスト」 in UTF-16
with a BOM; other tools write UTF-8. A file that decodes as UTF-8 is UTF-8
(CP932 text almost never does); otherwise CP932 is tried. Text with NUL
characters is a binary file, whatever it decodes as.
"""

import codecs
import csv
import io

from django.utils.translation import gettext as _

from .kinds import CSV

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
ENCODINGS = ("utf-8", "cp932")
# A part of a plain text file holds whole lines up to about this many characters.
PART_CHARS = 3000


def encoding_of(file):
    """The encoding ``file`` (binary, read from the start in blocks) decodes with, or None."""
    file.seek(0)
    head = file.read(4)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            candidates = (encoding,)
            break
    else:
        candidates = ENCODINGS
    for encoding in candidates:
        file.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while block := file.read(1024 * 1024):
                if "\x00" in decoder.decode(block):
                    return None
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        finally:
            file.seek(0)
        return encoding
    return None


def read_text(path):
    """The text of the file at ``path`` and its encoding; None as text when it decodes with none."""
    with open(path, "rb") as file:
        encoding = encoding_of(file)
        if encoding is None:
            return None, None
        return file.read().decode(encoding), encoding


def csv_lines(text):
    """The rows of CSV ``text`` as lines, cells joined by tabs (as it is if unparseable)."""
    try:
        return ["\t".join(cell.strip() for cell in row) for row in csv.reader(io.StringIO(text))]
    except csv.Error:
        return text.splitlines()


def chunks(text, kind):
    """``(first_line, last_line, text)`` for each part of about PART_CHARS characters.

    Lines are counted from 1 as an editor counts them (for a CSV, rows as they
    are read); empty chunks are dropped.
    """
    lines = csv_lines(text) if kind == CSV else text.splitlines()
    first, size, held = 1, 0, []
    for number, line in enumerate(lines, 1):
        held.append(line)
        size += len(line) + 1
        if size >= PART_CHARS:
            yield first, number, "\n".join(held)
            first, size, held = number + 1, 0, []
    if held:
        yield first, first + len(held) - 1, "\n".join(held)


def lines_label(first, last):
    if first == last:
        return _("Line %(number)d") % {"number": first}
    return _("Lines %(first)d–%(last)d") % {"first": first, "last": last}
