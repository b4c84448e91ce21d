"""The first rows of a statistics table (CSV or XLSX), for the material's page.

Staff want to see whether 「人口統計 令和6年」 is the table they need before
they download it. ``preview_for`` reads only the start of the file: a CSV
up to ``CSV_BYTES``, an Excel workbook in openpyxl's streaming mode, the
first ``rows`` rows of at most ``MAX_SHEETS`` sheets, ``MAX_COLUMNS``
columns and ``MAX_CELL`` characters a cell. A file it cannot read (damaged,
encrypted, not a table at all) has no preview: the page shows the download
link as for any file, and the problem goes to the log, never to a 500.
"""

import codecs
import csv
import dataclasses
import io
import logging

from .extraction import CSV, XLSX

logger = logging.getLogger(__name__)

MAX_COLUMNS = 20
MAX_CELL = 100
MAX_SHEETS = 5
CSV_BYTES = 256 * 1024


@dataclasses.dataclass(frozen=True)
class Table:
    """One sheet's first rows: ``headers`` is its first row, ``rows`` those after it."""

    name: str
    headers: tuple
    rows: tuple
    more_rows: bool
    more_columns: bool


@dataclasses.dataclass(frozen=True)
class Preview:
    """The tables of one file (a CSV has one; a workbook one per sheet, first first)."""

    tables: tuple

    @property
    def first(self):
        return self.tables[0]

    @property
    def headers(self):
        return self.first.headers

    @property
    def rows(self):
        return self.first.rows

    @property
    def name(self):
        return self.first.name


def _cell(value):
    if value is None:
        return ""
    text = str(value).strip()
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _table(name, lines, rows):
    """A ``Table`` from an iterator of rows, reading no more than it shows (plus one)."""
    taken, more_columns = [], False
    for line in lines:
        if len(taken) > rows + 1:  # the header, the rows shown and one to say there is more
            break
        cells = [_cell(value) for value in line]
        while cells and cells[-1] == "":
            cells.pop()
        if not cells and not taken:
            continue  # blank rows above the table
        more_columns = more_columns or len(cells) > MAX_COLUMNS
        taken.append(cells[:MAX_COLUMNS])
    if not taken:
        return None
    more_rows = len(taken) > rows + 1
    taken = taken[: rows + 1]
    width = max(len(cells) for cells in taken)
    padded = [tuple(cells + [""] * (width - len(cells))) for cells in taken]
    return Table(
        name=name,
        headers=padded[0],
        rows=tuple(padded[1:]),
        more_rows=more_rows,
        more_columns=more_columns,
    )


_BOMS = (
    (codecs.BOM_UTF8, ("utf-8-sig",)),
    (codecs.BOM_UTF16_LE, ("utf-16",)),
    (codecs.BOM_UTF16_BE, ("utf-16",)),
)


def decode_csv(data, complete=True):
    """CSV bytes as text, in the encodings the upload checks accept: UTF-8 with or without a
    BOM, UTF-16 with a BOM (Excel's 「Unicode テキスト」), else CP932 (Shift_JIS).

    ``data`` may be only the start of a file (``complete`` false): a character
    cut in two is left out, and so is the last, unfinished line.
    """
    candidates = next((names for bom, names in _BOMS if data.startswith(bom)), ("utf-8", "cp932"))
    for encoding in candidates:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(data, final=complete)
        except UnicodeDecodeError:
            continue
        return text if complete else text[: text.rfind("\n") + 1]
    raise UnicodeDecodeError(candidates[-1], data[:16], 0, 1, "neither UTF-8 nor CP932")


def _csv_preview(handle, rows):
    data = handle.read(CSV_BYTES + 1)
    cut = len(data) > CSV_BYTES
    text = decode_csv(data[:CSV_BYTES], complete=not cut)
    table = _table("", csv.reader(io.StringIO(text, newline="")), rows)
    if table is None:
        return None
    if cut and not table.more_rows:
        table = dataclasses.replace(table, more_rows=True)
    return Preview(tables=(table,))


def _xlsx_preview(handle, rows):
    from openpyxl import load_workbook

    workbook = load_workbook(handle, read_only=True, data_only=True)
    try:
        tables = []
        for sheet in workbook.worksheets[:MAX_SHEETS]:
            lines = sheet.iter_rows(max_row=rows + 50, max_col=MAX_COLUMNS + 1, values_only=True)
            table = _table(sheet.title, lines, rows)
            if table is not None:
                tables.append(table)
    finally:
        workbook.close()
    return Preview(tables=tuple(tables)) if tables else None


READERS = {CSV: _csv_preview, XLSX: _xlsx_preview}


def preview_for(version, rows=20):
    """The first ``rows`` rows of a CSV or XLSX version, or None (another kind, or unreadable)."""
    reader = READERS.get(getattr(version, "kind", None))
    if reader is None:
        return None
    try:
        with version.document.file.open("rb") as handle:
            return reader(handle, rows)
    except Exception:  # a broken upload must never break the page
        logger.warning("No preview for material version %s", version.pk, exc_info=True)
        return None
