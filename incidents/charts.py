"""Charts of the incident statistics, drawn by matplotlib as SVG to inline in a page.

The functions take numbers already counted (the statistics queries live
elsewhere) and answer one ``<svg>`` element as a string, which the caller marks
safe and puts beside a table of the same numbers (``*_table`` below): the chart
is for the eye, the table for screen readers and for copying.

Why it is drawn this way:

- Japanese labels are drawn with IPAexGothic, the font file that the
  ``matplotlib-fontja`` package ships, named by its path in every piece of
  text. Importing that package would instead set matplotlib's process-wide
  rcParams as a side effect; nothing here changes rcParams or any other global
  state of matplotlib, and pyplot is never imported: each call builds its own
  ``Figure`` on an SVG canvas, so the threaded web server may draw several
  charts at once.
- Text is written as glyph outlines (matplotlib's default ``svg.fonttype = 'path'``),
  so the chart looks the same on a PC without a Japanese font. Each glyph is
  defined once per chart and reused.
- Several charts share one HTML page, so the ids matplotlib writes are made the
  chart's own: those nothing refers to (of its groups) go, the others (glyphs,
  clip paths, hatches) get a prefix of the chart, and the ones matplotlib hashes
  with a random salt a number in order instead. The same numbers therefore give
  the same SVG, byte for byte, without setting ``svg.hashsalt`` for the process.
- Margins come from the labels' lengths, not from matplotlib's layout engines,
  which measure every text once more and double the time a chart takes.
- A count that is ``None`` was suppressed (too small to publish without
  identifying someone): it is drawn as a hatched grey cell or a mark labelled
  with ``suppressed_label``, never as a zero.
"""

import hashlib
import importlib.util
import io
import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from unicodedata import east_asian_width
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

SUPPRESSED_LABEL = "—"

# Okabe–Ito colours: told apart by people with any common colour-vision deficiency.
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442"]
BAR_COLOUR = "#0072B2"
TEXT_COLOUR = "#222222"
GRID_COLOUR = "#DDDDDD"
SUPPRESSED_FACE = "#EEEEEE"
SUPPRESSED_EDGE = "#888888"
# From white to the bar blue: a zero cell stays white, the largest is the darkest.
MATRIX_COLOURS = LinearSegmentedColormap.from_list("incidents", ["#FFFFFF", "#0B4F8A"])

FONT_SIZE = 9
SMALL_FONT_SIZE = 8
# At most this many months are labelled; a longer period labels every second or third.
MONTHS_LABELLED = 12


def _font_path():
    """The IPAexGothic file inside the installed matplotlib-fontja, found without importing it."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("matplotlib-fontja (the Japanese font of the charts) is not installed")
    path = Path(spec.submodule_search_locations[0]) / "fonts" / "ipaexg.ttf"
    if not path.is_file():
        raise ImportError(f"The Japanese font of the charts is missing: {path}")
    return path


FONT_PATH = _font_path()


def _font(size=FONT_SIZE):
    """The Japanese font at ``size`` points: a fresh object, since matplotlib may change one."""
    return FontProperties(fname=FONT_PATH, size=size)


def _plain(text):
    """Text as written: a ``$`` would otherwise start matplotlib's mathematical notation."""
    return str(text).replace("$", r"\$")


# --- Tables of the same numbers ------------------------------------------------------------


@dataclass
class Table:
    """The numbers of a chart as rows of text, for the accessible table beside it."""

    header: list = field(default_factory=list)
    rows: list = field(default_factory=list)


def _cell(count, suppressed_label):
    return suppressed_label if count is None else f"{count:,}"


def month_label(year, month, *, with_year=True):
    """「2026年4月」, or 「4月」 without the year, in the language of the page."""
    day = date(year, month, 1)
    return date_format(day, "YEAR_MONTH_FORMAT" if with_year else "F")


def year_label(year):
    """「2026年」."""
    return _("Year %(year)s") % {"year": year}


def monthly_trend_table(months, series, suppressed_label=SUPPRESSED_LABEL):
    """One row per month: the month, then each series' count."""
    return Table(
        header=[_("Month"), *series],
        rows=[
            [month_label(year, month)]
            + [_cell(counts[index], suppressed_label) for counts in series.values()]
            for index, (year, month) in enumerate(months)
        ],
    )


def matrix_table(rows, columns, counts, suppressed_label=SUPPRESSED_LABEL, corner=""):
    """The matrix as it is drawn: a header of the columns, then one row per row label."""
    return Table(
        header=[corner, *columns],
        rows=[
            [str(label), *(_cell(count, suppressed_label) for count in row_counts)]
            for label, row_counts in zip(rows, counts, strict=True)
        ],
    )


def bar_table(labels, counts, suppressed_label=SUPPRESSED_LABEL, header=()):
    """One row per bar: its label and its count."""
    return Table(
        header=list(header),
        rows=[
            [str(label), _cell(count, suppressed_label)]
            for label, count in zip(labels, counts, strict=True)
        ],
    )


# --- Charts ----------------------------------------------------------------------------------


CACHE_SIZE = 64


def _frozen(value):
    if isinstance(value, dict):
        return ("dict", tuple((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    return value


def _remembered(draw):
    """Draw each chart once: the same numbers, labels and language give the same SVG.

    Drawing takes tens of milliseconds a chart while the statistics change a
    few times a day, so the last ``CACHE_SIZE`` charts are kept in the process
    (their numbers are the ones the reader was allowed to see: the key is the
    whole input).
    """
    kept, lock = OrderedDict(), threading.Lock()

    def remembered(*args, **kwargs):
        key = (get_language(), _frozen(args), _frozen(sorted(kwargs.items())))
        with lock:
            if key in kept:
                kept.move_to_end(key)
                return kept[key]
        svg = draw(*args, **kwargs)
        with lock:
            kept[key] = svg
            while len(kept) > CACHE_SIZE:
                kept.popitem(last=False)
        return svg

    remembered.__wrapped__ = draw
    remembered.__doc__ = draw.__doc__
    remembered.cache_clear = kept.clear
    return remembered


@_remembered
def monthly_trend_svg(months, series, title=None, suppressed_label=SUPPRESSED_LABEL):
    """Reports per month as bars, the series (e.g. levels 0–2 and 3–5) stacked on each other.

    ``months`` is a list of (year, month); ``series`` maps each label to one count per
    month. A suppressed month (``None``) gets no bar but ``suppressed_label`` above it.
    """
    title = title or _("Reports by month")
    for label, counts in series.items():
        if len(counts) != len(months):
            raise ValueError(f"{label!r} has {len(counts)} counts for {len(months)} months")
    totals = [0] * len(months)
    for counts in series.values():
        totals = [total + (count or 0) for total, count in zip(totals, counts, strict=True)]
    ticks = _count_ticks(max(totals, default=0))
    month_labels = month_tick_labels(months)
    lines = max((label.count("\n") + 1 for label in month_labels), default=1)
    legend = len(series) > 1
    figure, axes = _figure(
        height=TREND_HEIGHT,
        left=_text_width(f"{ticks[-1]:,}", SMALL_FONT_SIZE) + TICK_PAD + EDGE,
        bottom=lines * SMALL_FONT_SIZE * LINE_SPACING + TICK_PAD + EDGE,
        top=SMALL_FONT_SIZE * 2 + EDGE if legend else EDGE,
        right=EDGE,
    )
    positions = range(len(months))
    bottoms = [0] * len(months)
    for index, (label, counts) in enumerate(series.items()):
        heights = [count or 0 for count in counts]
        axes.bar(
            positions,
            heights,
            width=0.7,
            bottom=bottoms,
            color=SERIES_COLOURS[index % len(SERIES_COLOURS)],
            label=_plain(label),
            linewidth=0,
        )
        bottoms = [bottom + height for bottom, height in zip(bottoms, heights, strict=True)]
    font = _font(SMALL_FONT_SIZE)
    for position in positions:
        if any(counts[position] is None for counts in series.values()):
            axes.annotate(
                _plain(suppressed_label),
                (position, bottoms[position]),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                color=SUPPRESSED_EDGE,
                fontproperties=font,
            )
    axes.set_xlim(-0.6, max(len(months), 1) - 0.4)
    axes.set_ylim(0, ticks[-1])
    axes.set_xticks(list(positions), month_labels, fontproperties=font)
    axes.set_yticks(ticks, [f"{tick:,}" for tick in ticks], fontproperties=font)
    axes.tick_params(axis="x", length=0)
    _value_grid(axes, "y")
    if legend:
        axes.legend(
            prop=font,
            loc="lower left",
            bbox_to_anchor=(0, 1),
            ncols=len(series),
            frameon=False,
            borderaxespad=0.2,
            borderpad=0,
            handlelength=1,
        )
    return _svg(figure, title, ("trend", months, series, suppressed_label))


@_remembered
def matrix_svg(rows, columns, counts, title=None, suppressed_label=SUPPRESSED_LABEL):
    """A heat map of counts, e.g. category (rows) by impact level (columns), numbers in cells.

    ``counts[i][j]`` is the count of ``rows[i]`` and ``columns[j]``; ``None`` is a
    suppressed cell, drawn hatched grey with ``suppressed_label`` instead of a number.
    """
    title = title or _("Reports by category and level")
    if len(counts) != len(rows) or any(len(row) != len(columns) for row in counts):
        raise ValueError(f"counts must be {len(rows)} rows of {len(columns)} columns")
    row_labels = [_fit(label, FONT_SIZE) for label in rows]
    column_labels = [_fit(label, SMALL_FONT_SIZE) for label in columns]
    lines = max((label.count("\n") + 1 for label in column_labels), default=1)
    top = lines * SMALL_FONT_SIZE * LINE_SPACING + TICK_PAD + EDGE
    figure, axes = _figure(
        height=top + MATRIX_ROW_HEIGHT * max(len(rows), 1) + EDGE,
        left=max((_text_width(label, FONT_SIZE) for label in row_labels), default=0)
        + TICK_PAD
        + EDGE,
        bottom=EDGE,
        top=top,
        right=EDGE,
    )
    largest = max((count for row in counts for count in row if count is not None), default=0)
    font = _font(SMALL_FONT_SIZE)
    for i, row in enumerate(counts):
        for j, count in enumerate(row):
            if count is None:
                cell = Rectangle(
                    (j - 0.5, i - 0.5),
                    1,
                    1,
                    facecolor=SUPPRESSED_FACE,
                    edgecolor=SUPPRESSED_EDGE,  # the colour of the hatch
                    hatch="///",
                    linewidth=0,
                )
                text, colour = suppressed_label, TEXT_COLOUR
                backdrop = {"facecolor": SUPPRESSED_FACE, "edgecolor": "none", "pad": 1}
            else:
                share = count / largest if largest else 0
                cell = Rectangle(
                    (j - 0.5, i - 0.5),
                    1,
                    1,
                    facecolor=MATRIX_COLOURS(share),
                    edgecolor="white",
                    linewidth=1.5,
                )
                text, colour = f"{count:,}", "white" if share > 0.55 else TEXT_COLOUR
                backdrop = None
            # Placed by hand: add_patch would recompute the data limits for every cell.
            cell.set_clip_on(False)
            axes.add_artist(cell)
            axes.text(
                j,
                i,
                _plain(text),
                ha="center",
                va="center",
                color=colour,
                fontproperties=font,
                bbox=backdrop,
            )
    axes.set_xlim(-0.5, max(len(columns), 1) - 0.5)
    axes.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    axes.set_xticks(range(len(columns)), column_labels, fontproperties=font)
    axes.set_yticks(range(len(rows)), row_labels, fontproperties=_font())
    axes.xaxis.tick_top()
    axes.tick_params(length=0, pad=TICK_PAD)
    for spine in axes.spines.values():
        spine.set_visible(False)
    return _svg(figure, title, ("matrix", rows, columns, counts, suppressed_label))


@_remembered
def bar_svg(labels, counts, title, suppressed_label=SUPPRESSED_LABEL):
    """Horizontal bars, one per label (a department, a rule axis), its count at the end.

    A ``None`` count was suppressed: no bar, ``suppressed_label`` in its place.
    """
    if len(labels) != len(counts):
        raise ValueError(f"{len(labels)} labels for {len(counts)} counts")
    bar_labels = [_fit(label, FONT_SIZE) for label in labels]
    values = [suppressed_label if count is None else f"{count:,}" for count in counts]
    ticks = _count_ticks(max((count for count in counts if count is not None), default=0))
    bottom = SMALL_FONT_SIZE * LINE_SPACING + TICK_PAD + EDGE
    figure, axes = _figure(
        height=bottom + BAR_ROW_HEIGHT * max(len(labels), 1) + EDGE,
        left=max((_text_width(label, FONT_SIZE) for label in bar_labels), default=0)
        + TICK_PAD
        + EDGE,
        bottom=bottom,
        top=EDGE,
        # The count beside the longest bar, or half the last tick's label, stands out here.
        right=max((VALUE_GAP + _text_width(value, SMALL_FONT_SIZE) for value in values), default=0)
        + EDGE,
    )
    positions = range(len(labels))
    axes.barh(
        positions, [count or 0 for count in counts], height=0.65, color=BAR_COLOUR, linewidth=0
    )
    font = _font(SMALL_FONT_SIZE)
    for position, count, value in zip(positions, counts, values, strict=True):
        axes.annotate(
            _plain(value),
            (count or 0, position),
            xytext=(VALUE_GAP, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=SUPPRESSED_EDGE if count is None else TEXT_COLOUR,
            fontproperties=font,
        )
    axes.set_xlim(0, ticks[-1])
    axes.set_ylim(max(len(labels), 1) - 0.5, -0.5)
    axes.set_xticks(ticks, [f"{tick:,}" for tick in ticks], fontproperties=font)
    axes.set_yticks(list(positions), bar_labels, fontproperties=_font())
    axes.tick_params(axis="y", length=0)
    _value_grid(axes, "x")
    return _svg(figure, title, ("bar", labels, counts, suppressed_label))


# --- Drawing helpers -------------------------------------------------------------------------

# Lengths in points (1/72 inch), which are also the SVG's units.
WIDTH = 460
TREND_HEIGHT = 190
MATRIX_ROW_HEIGHT = 22
BAR_ROW_HEIGHT = 20
EDGE = 6
TICK_PAD = 4
VALUE_GAP = 3
LINE_SPACING = 1.2
# A label longer than this is cut short with 「…」; the table beside has it whole.
LONGEST_LABEL = WIDTH * 0.35


def _figure(height, *, left, bottom, top, right):
    """A figure with one axes inside the margins given, on its own SVG canvas, never pyplot's.

    Margins are worked out from the labels' lengths rather than by matplotlib's layout
    engines, which measure every text and would double the time a chart takes.
    """
    figure = Figure(figsize=(WIDTH / 72, height / 72), dpi=72)
    FigureCanvasSVG(figure)
    axes = figure.add_axes(
        (left / WIDTH, bottom / height, 1 - (left + right) / WIDTH, 1 - (bottom + top) / height)
    )
    axes.tick_params(colors=TEXT_COLOUR, labelcolor=TEXT_COLOUR, pad=TICK_PAD)
    return figure, axes


def _text_width(text, size):
    """About how many points ``text`` takes at ``size``: full-width letters one em, others
    six tenths (a little more than IPAexGothic's Latin letters and digits take)."""
    return max(
        (
            sum(size if east_asian_width(char) in "WF" else size * 0.6 for char in line)
            for line in str(text).split("\n")
        ),
        default=0,
    )


def _fit(label, size):
    """The label as drawn: with ``$`` taken literally, cut short with 「…」 if too long."""
    label = str(label)
    if _text_width(label, size) > LONGEST_LABEL:
        while label and _text_width(label + "…", size) > LONGEST_LABEL:
            label = label[:-1]
        label += "…"
    return _plain(label)


def month_tick_labels(months):
    """「4月」 under each month, or every second or third month (January among them) when
    there are many, and the year under the first month and every January, on a second line
    so the labels stay short."""
    step = max(1, math.ceil(len(months) / MONTHS_LABELLED))
    labels = []
    for index, (year, month) in enumerate(months):
        if index == 0 or month == 1:
            labels.append(month_label(year, month, with_year=False) + "\n" + year_label(year))
        elif (month - 1) % step == 0:
            labels.append(month_label(year, month, with_year=False))
        else:
            labels.append("")
    return labels


def _count_ticks(largest):
    """Whole-number ticks from 0 to at least ``largest``, at 1, 2 or 5 times a power of ten."""
    locator = MaxNLocator(nbins=4, steps=[1, 2, 5, 10], integer=True)
    ticks = [int(tick) for tick in locator.tick_values(0, max(largest, 1)) if tick >= 0]
    while ticks[-1] < largest:
        ticks.append(ticks[-1] + ticks[1] - ticks[0])
    return ticks


def _value_grid(axes, which):
    axes.grid(axis=which, color=GRID_COLOUR, linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(SUPPRESSED_EDGE)


_ID = re.compile(r'\sid="([^"]+)"')
_REFERENCE = re.compile(r'(href="#|url\(#)([^")]+)')
# The ids matplotlib makes by hashing with a random salt: a letter and ten hex digits.
_HASHED_ID = re.compile(r"([a-z]+)[0-9a-f]{10}")


def _svg(figure, title, data):
    """The figure as an inline ``<svg>`` element, named ``title`` for assistive technology."""
    buffer = io.StringIO()
    figure.savefig(
        buffer,
        format="svg",
        metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
    )
    svg = buffer.getvalue()
    # Inline in HTML: no XML declaration, doctype, metadata or comments (the labels again).
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>|<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r">\s+<", "><", re.sub(r"\s+", " ", svg)).strip()
    svg = _own_ids(svg, "chart-" + hashlib.sha256(repr(data).encode()).hexdigest()[:8])
    svg = _without_inline_styles(svg)
    opening = svg.index(">")
    return (
        f"{svg[:opening]} role={quoteattr('img')} aria-label={quoteattr(title)}>"
        f"<title>{escape(title)}</title>{svg[opening + 1 :]}\n"
    )


_STYLE_ELEMENT = re.compile(r"<defs><style[^>]*>(.*?)</style></defs>|<style[^>]*>(.*?)</style>")
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')


def _presentation_attributes(declarations):
    pairs = (part.split(":", 1) for part in declarations.split(";") if ":" in part)
    return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)


def _without_inline_styles(svg):
    """Colours and strokes as SVG presentation attributes, not ``style``.

    The site's Content-Security-Policy allows no inline styles (``style-src
    'self'``), so a browser ignores matplotlib's ``style="fill: …"`` and its
    ``<style>`` element and paints every shape black. Presentation attributes
    say the same and are not styles. The ``<style>`` element's one rule
    (``*{stroke-linejoin: round; stroke-linecap: butt}``) goes on the root,
    whence it is inherited.
    """
    rules = []

    def drop(match):
        body = match.group(1) or match.group(2) or ""
        rules.extend(re.findall(r"\{([^}]*)\}", body))
        return ""

    svg = _STYLE_ELEMENT.sub(drop, svg)
    svg = _STYLE_ATTRIBUTE.sub(lambda match: _presentation_attributes(match.group(1)), svg)
    opening = svg.index(">")
    inherited = "".join(_presentation_attributes(rule) for rule in rules)
    return f"{svg[:opening]}{inherited}{svg[opening:]}"


def _own_ids(svg, prefix):
    """Ids unique on the page and the same on every run: the ids nothing refers to (of
    matplotlib's groups) go, the others get ``prefix``, and the hashed ones a number."""
    referenced = {name for _, name in _REFERENCE.findall(svg)}
    names = {}
    for name in _ID.findall(svg):
        if name in referenced and name not in names:
            hashed = _HASHED_ID.fullmatch(name)
            suffix = f"{hashed.group(1)}{len(names) + 1}" if hashed else name
            names[name] = f"{prefix}-{suffix}"

    def identify(match):
        name = match.group(1)
        return f' id="{names[name]}"' if name in names else ""

    svg = _ID.sub(identify, svg)
    return _REFERENCE.sub(lambda match: match.group(1) + names[match.group(2)], svg)
