"""Template tags for the intranet's changes to Wagtail's admin screens."""

from django import template
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.utils import get_user_display_name

register = template.Library()


@register.simple_tag(takes_context=True)
def can_search_pages(context):
    """Whether the admin should offer this user its page search (Wagtail's own test for it)."""
    return user_has_any_page_permission(context["request"].user)


@register.simple_tag
def publisher_names(pages):
    """Display names (「姓 名」) of the users who last published these pages, by user id.

    Wagtail's aging pages report shows their user names, and "None" for a page
    published by no one in particular (an import, the demo loader).
    """
    ids = {page.last_published_by for page in pages if page.last_published_by is not None}
    users = get_user_model().objects.filter(pk__in=ids)
    return {user.pk: get_user_display_name(user) for user in users}


@register.filter
def lookup(mapping, key):
    return mapping.get(key)


@register.simple_tag(takes_context=True)
def header_title(context):
    """The admin screen's title, its two parts joined as the catalogue writes them.

    Wagtail joins 「新規作成」 and the model's name with a half-width ": "
    (``WagtailAdminTemplateMixin.get_header_title``), which Japanese text writes 「：」.
    A view that words its own title is left alone.
    """
    title, subtitle = context.get("page_title"), context.get("page_subtitle")
    joined = context.get("header_title")
    if title and subtitle and joined == f"{title}: {subtitle}":
        return _("%(title)s: %(subtitle)s") % {"title": title, "subtitle": subtitle}
    return joined
