"""The global navigation: each app adds its entry when it has pages to show."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .registry import Registry


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int
    is_visible: object = field(default=lambda user: True)

    @property
    def url(self):
        return reverse(self.url_name)


_items = Registry("navigation item")


def register_nav_item(item):
    """Add a menu entry; a URL name registered twice raises ``AlreadyRegistered``."""
    return _items.register(item.url_name, item)


def unregister_nav_item(url_name):
    return _items.unregister(url_name)


def nav_items_for(user):
    return [item for item in sorted(_items, key=lambda item: item.order) if item.is_visible(user)]


def register_core_items():
    register_nav_item(NavItem(label=_("Home"), url_name="home", order=0))
    register_nav_item(NavItem(label=_("Staff directory"), url_name="directory:index", order=80))
    register_nav_item(
        NavItem(
            label=_("Administration"),
            url_name="wagtailadmin_home",
            order=100,
            is_visible=lambda user: user.has_perm("wagtailadmin.access_admin"),
        )
    )
