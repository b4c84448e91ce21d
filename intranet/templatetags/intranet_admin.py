"""Template tags for the intranet's changes to Wagtail's admin screens."""

from django import template
from wagtail.admin.auth import user_has_any_page_permission

register = template.Library()


@register.simple_tag(takes_context=True)
def can_search_pages(context):
    """Whether the admin should offer this user its page search (Wagtail's own test for it)."""
    return user_has_any_page_permission(context["request"].user)
