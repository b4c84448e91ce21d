"""Dashboard panels on the home page, registered by each app.

An app describes its panel once, in its ``AppConfig.ready``::

    from intranet.dashboard import DashboardPanel, PanelItem, register_panel

    register_panel(DashboardPanel(
        key="bulletin.unconfirmed",
        title=_("Notices I have not confirmed"),
        order=30,
        items=lambda request: [PanelItem(title=n.title, url=n.url) for n in ...],
        empty_message=_("You have confirmed every notice."),
    ))

The home page shows every panel whose ``is_visible(request)`` is true, in
``order``, each listing its items or, when there are none, its empty message.
A panel that lists only the first few of many gives ``total`` (a function of
the request, one cheap count): the page shows the total by the title and
「ほか◯件」 linking to ``rest_url`` (or ``more_url``) for the items not listed.
An app registers a panel only once the app works: a panel with nothing
behind it would tell staff something untrue ("no notice is waiting").
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from .registry import Registry


@dataclass(frozen=True)
class PanelItem:
    title: str
    url: str = ""
    meta: str = ""


@dataclass(frozen=True)
class DashboardPanel:
    key: str
    title: str
    order: int
    items: Callable = field(default=lambda request: [])
    empty_message: str = ""
    more_url: str = ""
    more_label: str = ""
    is_visible: Callable = field(default=lambda request: True)
    template_name: str = "intranet/includes/dashboard_panel.html"
    total: Callable | None = None
    rest_url: str = ""


@dataclass(frozen=True)
class RenderedPanel:
    panel: DashboardPanel
    items: list
    total: int | None = None

    @property
    def rest(self):
        """How many items the panel does not list (0 without a total)."""
        return max(self.total - len(self.items), 0) if self.total is not None else 0


@dataclass(frozen=True)
class FailedPanel:
    """What the home page shows in place of a panel whose items could not be read."""

    key: str
    title: str
    template_name: str = "intranet/includes/dashboard_panel_failed.html"


_panels = Registry("dashboard panel")
logger = logging.getLogger(__name__)


def register_panel(panel):
    """Add a panel; a key registered twice raises ``AlreadyRegistered``."""
    return _panels.register(panel.key, panel)


def unregister_panel(key):
    return _panels.unregister(key)


def registered_panels():
    return sorted(_panels, key=lambda panel: (panel.order, panel.key))


def panels_for(request):
    """The panels this user sees, with their items, in display order.

    A panel that raises is logged and shown as failed; the others still render.
    """
    rendered = []
    for panel in registered_panels():
        try:
            if panel.is_visible(request):
                items = list(panel.items(request))
                total = panel.total(request) if panel.total is not None else None
                rendered.append(RenderedPanel(panel=panel, items=items, total=total))
        except Exception:
            logger.exception("The dashboard panel %s failed", panel.key)
            rendered.append(RenderedPanel(panel=FailedPanel(panel.key, panel.title), items=[]))
    return rendered
