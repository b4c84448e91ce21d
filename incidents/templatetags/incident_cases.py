"""``{% related_cases body %}``: the 「関連する事例」 card for a notice or an FAQ page."""

from django import template

from .. import links

register = template.Library()


@register.inclusion_tag("incidents/includes/related_cases.html")
def related_cases(body):
    return {"related_cases": links.linked_cases(body)}
