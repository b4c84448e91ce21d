"""Every CSV the intranet writes: UTF-8 with a BOM (so Excel reads Japanese), and no formulas.

A cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, or their full-width forms, which Japanese input methods produce) is
read by Excel as a formula, so a search query or an FAQ title typed by any
staff member could run in the IT desk's spreadsheet. Following OWASP's rule
for CSV injection, such a cell is written with a leading apostrophe, which
Excel shows as plain text; ``unescape_cell`` takes it off again on import.
"""

import csv

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def escape_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_cell(value):
    """The cell as it was before ``escape_cell`` (for files that come back to be imported)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([escape_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class _SafeDictWriter:
    def __init__(self, writer):
        self._writer = writer

    def writeheader(self):
        return self._writer.writeheader()

    def writerow(self, row):
        return self._writer.writerow({key: escape_cell(value) for key, value in row.items()})

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(stream):
    """A ``csv.writer`` for Excel that escapes formulas; the BOM is written first."""
    stream.write(BOM)
    return _SafeWriter(csv.writer(stream, lineterminator="\r\n"))


def dict_writer(stream, fieldnames):
    """A ``csv.DictWriter`` for Excel that escapes formulas; the BOM is written first."""
    stream.write(BOM)
    return _SafeDictWriter(csv.DictWriter(stream, fieldnames=fieldnames, lineterminator="\r\n"))
