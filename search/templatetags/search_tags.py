"""Template tags of the search app."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from search import registry

register = template.Library()


@register.simple_tag
def search_placeholder():
    """The header search box's hint: the kinds of things that can be found today, and no others."""
    kinds = "・".join(str(label) for label in registry.kind_labels())
    return _("Search %(kinds)s") % {"kinds": kinds}


@register.filter
def facet_count(count, capped):
    """A facet's count as the results heading words it: "1,000 or more" when the count stopped.

    A filter, not an included template: a page shows a dozen facets, and an
    include costs a template context and render each time.
    """
    if capped:
        return _("%(number)s or more") % {"number": intcomma(count)}
    return count
