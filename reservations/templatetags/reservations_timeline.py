"""The cells of the day timeline and of a resource's week, as HTML built in Python.

The day timeline of 50 rooms has about 2,600 cells. Rendered through a
template include each, the cells took most of the page's time; built here
with ``format_html`` they cost a small part of it. The markup:

- a booking is a block with its title, department and times, 仮予約 said in
  words as well as shown striped, 利用停止 (a blackout period added over it)
  said in words, linked to the booking's page;
- a closed span says why (in a tooltip, and in words when it is wide enough; the
  script lets the arrow keys reach the cell, whose text is the reason);
- a free step is a link to book it, named for screen readers.

In the day timeline the columns are times (``colspan``); in the week the rows
are times (``rowspan``).
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..availability import Cell

register = template.Library()

# A closed span names its reason in words once it is this many steps wide.
WIDE_ENOUGH = {False: 8, True: 2}


def _booked(cell, span_attribute, words):
    status = (
        format_html('<span class="tl-block__status">{}</span>', words["tentative"])
        if cell.is_tentative
        else format_html('<span class="visually-hidden">{}</span>', words["confirmed"])
    )
    if cell.is_suspended:
        status = format_html(
            '{}<span class="tl-block__status">{}</span>', status, words["suspended"]
        )
    block = format_html(
        '{}<span class="tl-block__title">{}</span><span class="tl-block__meta">{} {}</span>',
        status,
        cell.booking.title,
        cell.booking.department.name,
        cell.booking_span_label,
    )
    url = cell.booking_url
    # Drawn to scale, a short booking cuts its title short: the tooltip gives it whole.
    whole = f"{cell.booking.title} {cell.booking.department.name} {cell.booking_span_label}"
    opening = (
        format_html('<a class="tl-block" href="{}" title="{}">', url, whole)
        if url
        else format_html('<span class="tl-block" title="{}">', whole)
    )
    return format_html(
        '<td {}="{}" class="tl-cell tl-booked{}{}">{}{}{}</td>',
        span_attribute,
        cell.span,
        " tl-booked--tentative" if cell.is_tentative else "",
        " tl-booked--suspended" if cell.is_suspended else "",
        opening,
        block,
        mark_safe("</a>" if url else "</span>"),
    )


def _closed(cell, span_attribute, vertical):
    shown = "tl-closed__reason" if cell.span >= WIDE_ENOUGH[vertical] else "visually-hidden"
    return format_html(
        '<td {}="{}" class="tl-cell tl-closed" title="{}"><span class="{}">{}</span></td>',
        span_attribute,
        cell.span,
        cell.reason,
        shown,
        cell.reason,
    )


def _free(cell, words):
    label = words["book"] % {
        "resource": cell.resource.name,
        "start": cell.start_label,
        "end": cell.end_label,
    }
    return format_html(
        '<td class="tl-cell tl-free"><a href="{}" draggable="false" data-start="{}"'
        ' data-end="{}"><span class="visually-hidden">{}</span></a></td>',
        cell.url,
        cell.start_iso,
        cell.end_iso,
        label,
    )


def cells_html(cells, *, vertical=False):
    """The ``<td>`` of each cell, in order; ``None`` (a step under a week's block) is skipped."""
    span_attribute = "rowspan" if vertical else "colspan"
    words = {
        "tentative": _("[Tentative]"),
        "suspended": _("[Blackout period]"),
        "confirmed": _("Confirmed:"),
        "book": _("Book %(resource)s from %(start)s to %(end)s"),
    }
    parts = []
    for cell in cells:
        if cell is None:
            continue
        if cell.kind == Cell.BOOKED:
            parts.append(_booked(cell, span_attribute, words))
        elif cell.kind == Cell.CLOSED:
            parts.append(_closed(cell, span_attribute, vertical))
        else:
            parts.append(_free(cell, words))
    return mark_safe("\n".join(parts))


@register.filter
def timeline_cells(cells):
    """``{{ row.cells|timeline_cells }}``: a row of the day timeline."""
    return cells_html(cells)


@register.filter
def week_cells(cells):
    """``{{ row.cells|week_cells }}``: a row of a resource's week (times run down)."""
    return cells_html(cells, vertical=True)
