"""Stand-in for the statistics charts until the matplotlib charts module is merged.

Same names and arguments as the real module; each answers a bare ``<svg>``
naming its title, so the page and its tables can be built and tested first.
"""

from xml.sax.saxutils import escape

SUPPRESSED_LABEL = "—"


def _svg(title):
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" width="10" height="10">'
        f"<title>{escape(str(title))}</title></svg>"
    )


def monthly_trend_svg(months, series, title=None, suppressed_label=SUPPRESSED_LABEL):
    return _svg(title or "")


def matrix_svg(rows, columns, counts, title=None, suppressed_label=SUPPRESSED_LABEL):
    return _svg(title or "")


def bar_svg(labels, counts, title, suppressed_label=SUPPRESSED_LABEL):
    return _svg(title)
