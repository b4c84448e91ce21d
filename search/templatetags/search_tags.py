"""Template tags of the search app."""

from django import template
from django.utils.translation import gettext as _

from search import registry

register = template.Library()


@register.simple_tag
def search_placeholder():
    """The header search box's hint: the kinds of things that can be found today, and no others."""
    kinds = "・".join(str(label) for label in registry.kind_labels())
    return _("Search %(kinds)s") % {"kinds": kinds}
