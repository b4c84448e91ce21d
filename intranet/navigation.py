"""The global navigation: each app adds its entry when it has pages to show."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .registry import Registry


@dataclass(frozen=True)
class NavItem:
    """A menu entry. ``locate(user)``, when given, finds the entry's address for
    a page that lives in the page tree (``url_name`` is the fallback when it
    finds none), so the menu links to that page and marks it as current there."""

    label: str
    url_name: str
    order: int
    is_visible: object = field(default=lambda user: True)
    locate: object = None

    @property
    def url(self):
        return reverse(self.url_name)

    def url_for(self, user):
        located = self.locate(user) if self.locate is not None else None
        return located or self.url


@dataclass(frozen=True)
class NavLink:
    """A menu entry as one page shows it."""

    label: str
    url: str
    current: bool


_items = Registry("navigation item")


def register_nav_item(item):
    """Add a menu entry; a URL name registered twice raises ``AlreadyRegistered``."""
    return _items.register(item.url_name, item)


def unregister_nav_item(url_name):
    return _items.unregister(url_name)


def nav_items_for(user):
    return [item for item in sorted(_items, key=lambda item: item.order) if item.is_visible(user)]


def _menu_for(user):
    """(URL name, address) of each entry the user sees, in order."""
    return [(item.url_name, item.url_for(user)) for item in nav_items_for(user)]


def nav_links_for(user, path):
    """The menu for ``user`` on the page at ``path``; the entry linking to that page is current.

    A signed-in user's entries and addresses are kept between pages until
    their permissions, groups or the page tree change (``menu_stamps``).
    """
    from .menu_stamps import remembered

    if user.is_authenticated:
        # The entries registered are part of the key: one added or replaced is seen at once.
        registered = hash(tuple(map(id, _items)))
        menu = remembered(user, f"nav.{registered}", _menu_for)
    else:
        menu = _menu_for(user)
    return [
        NavLink(label=_items[url_name].label, url=url, current=url == path)
        for url_name, url in menu
        if url_name in _items
    ]


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
